"""The planner seam: what a planner is given (goal, screen, history, notes) and what it returns.

A ``Decision`` is a fact about one step: the action, why (thought, plan, the model's reasoning),
where it came from, what it cost. The agent loop records it whole; nothing about the model call
is dropped on the floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from ..actions import Action
from ..errors import ModelError, PlanParseError
from .usage import Usage

if TYPE_CHECKING:  # perception is a sibling layer; the planner only reads ScreenState
    from ..perception import ScreenState

__all__ = ["Decision", "DecisionSource", "HistoryEntry", "PlanItem", "PlanRejected", "Planner", "StepModelError"]

DecisionSource = Literal["model", "executor", "skill", "replay", "rule"]


class PlanItem(BaseModel):
    """One sub-goal of the model's plan, and whether the model considers it done."""

    model_config = ConfigDict(frozen=True)

    text: str
    done: bool = False


class HistoryEntry(BaseModel):
    """What happened at one earlier step, as the model is shown it.

    The loop fills ``error`` when the action failed or was refused (the model must learn that),
    and ``changed`` with ``ScreenDiff.summary()`` so the model sees whether its action had an
    effect.
    """

    model_config = ConfigDict(frozen=True)

    step: int = Field(ge=0)
    action: Action | None = Field(None, description="None when the step produced no action")
    thought: str = ""
    ok: bool = True
    error: str = Field("", description="why the action failed, was refused or could not be parsed")
    changed: str = Field("", description="what changed on screen after the action")


class Decision(BaseModel):
    """One decided action and everything about how it was decided."""

    model_config = ConfigDict(frozen=True)

    action: Action
    thought: str = ""
    plan: tuple[PlanItem, ...] = ()
    notes: tuple[str, ...] = Field((), description="facts the model chose to keep for later steps")
    raw_reply: str = Field("", description="the reply text the action was parsed from")
    reasoning: str = Field("", description="the model's reasoning (reasoning_content or <think>)")
    source: DecisionSource = "model"
    usage: Usage = Usage()
    latency_s: float = 0.0
    model: str = ""
    attempts: int = Field(1, description="model calls for this decision, corrective re-prompts included")
    error: str = Field("", description="the parse error a corrective re-prompt fixed, if any")
    extra: dict[str, Any] = Field(default_factory=dict, description="source-specific details (skill name, ...)")


class PlanRejected(PlanParseError):
    """No usable action after the corrective re-prompts; carries what the attempts cost.

    The loop records it as a failed step (the model's fault, fed back as history) and goes on;
    ``usage`` keeps the tokens of every rejected reply so the run's cost stays true.
    """

    def __init__(self, message: str, reply: str = "", *, usage: Usage | None = None, attempts: int = 0, model: str = "") -> None:
        super().__init__(message, reply)
        self.usage = usage if usage is not None else Usage()
        self.attempts = attempts
        self.model = model


class StepModelError(ModelError):
    """The endpoint failed after earlier replies of the same step were already paid for.

    Raised instead of the bare ModelError so ``usage`` (those replies' tokens) reaches the run's
    total even though the step ends without a decision.
    """

    def __init__(self, message: str, *, usage: Usage) -> None:
        super().__init__(message)
        self.usage = usage


@runtime_checkable
class Planner(Protocol):
    """Decides the next action. Implementations: R1Planner, TieredPlanner (skills/replay later).

    ``deadline`` is a ``time.monotonic()`` instant: the run's budget, which no model call may
    overrun. ``reset()`` forgets the plan kept between steps (call it when a new run starts).
    """

    def decide(
        self,
        goal: str,
        state: ScreenState,
        history: Sequence[HistoryEntry],
        notes: Sequence[str],
        *,
        deadline: float | None = None,
    ) -> Decision: ...

    def reset(self) -> None: ...
