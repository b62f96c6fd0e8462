"""The typed records the agent loop produces: ``Step`` for each step, ``RunResult`` at the end.

The CLI, the Python API, the recorder and the report all consume the same stream of steps.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .actions.models import Action
from .planner.usage import Usage

RunStatus = Literal["complete", "infeasible", "failed", "budget_exhausted", "interrupted", "error"]
StepKind = Literal["action", "rejected", "blocked", "rule", "final", "error"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Timings(BaseModel):
    observe_ms: float = 0.0
    perceive_ms: float = 0.0
    decide_ms: float = 0.0
    act_ms: float = 0.0
    total_ms: float = 0.0
    model_ms: float = Field(0.0, description="time spent waiting for the model (part of decide_ms)")

    @property
    def own_ms(self) -> float:
        """The agent's own time: everything except waiting for the model and the device."""
        return max(0.0, self.perceive_ms + self.decide_ms - self.model_ms)


class Step(BaseModel):
    """One observe → decide → guard → act → check round."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: int
    kind: StepKind = "action"
    package: str = ""
    activity: str = ""
    fingerprint: str = ""
    screen: str = Field("", description="the screen as the model saw it (rendering)")
    source: str = Field("", description="where the decision came from: model, executor, rule, ...")
    thought: str = ""
    reasoning: str = ""
    plan: list[dict[str, Any]] = Field(default_factory=list)
    action: Action | None = None
    action_text: str = ""
    ok: bool = True
    result: str = ""
    error_type: str | None = None
    error: str = ""
    sent: list[str] = Field(default_factory=list)
    policy: dict[str, Any] | None = None
    changed: str = ""
    usage: Usage = Usage()
    model: str = ""
    attempts: int = 0
    timings: Timings = Timings()
    screenshot: str | None = Field(None, description="file name of the screenshot, when recorded")
    marked_screenshot: str | None = None
    time: datetime = Field(default_factory=utcnow)


class RunResult(BaseModel):
    goal: str
    status: RunStatus
    reason: str = ""
    answer: str | None = None
    claimed_complete: bool = Field(False, description="the model said 'complete' (a claim; checkers decide success)")
    steps: int = 0
    model_calls: int = 0
    usage: Usage = Usage()
    cost_usd: float | None = Field(None, description="None when the model has no price configured")
    wall_time_s: float = 0.0
    trajectory_path: str | None = None
    started: datetime = Field(default_factory=utcnow)
    finished: datetime = Field(default_factory=utcnow)
