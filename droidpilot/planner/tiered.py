"""Two-tier planning: a strong (slow, costly) planner model now and then, a cheap executor between.

The planner model is asked on the first step, after any failed step, every ``every`` steps,
and whenever the executor cannot produce a usable action; the executor follows the planner's
plan on the other steps. Both are ordinary :class:`R1Planner` instances, so each has its own
endpoint, profile and prices; the plan is handed from one to the other so they work on one plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import ConfigError, ModelError
from .base import Decision, HistoryEntry, PlanRejected, StepModelError
from .r1 import R1Planner
from .usage import Usage

if TYPE_CHECKING:
    from ..perception import ScreenState

__all__ = ["TieredPlanner"]


class TieredPlanner:
    """A :class:`Planner` that routes each step to a planner or an executor model."""

    def __init__(self, planner: R1Planner, executor: R1Planner, *, every: int = 5) -> None:
        if every < 1:
            raise ConfigError(f"planner_every must be at least 1, got {every}")
        self.planner = planner
        self.executor = executor
        self.executor.source = "executor"
        self.every = every
        self._steps_since_planner: int | None = None
        self._goal: str | None = None

    def reset(self) -> None:
        self.planner.reset()
        self.executor.reset()
        self._steps_since_planner = None
        self._goal = None

    def _planner_turn(self, history: Sequence[HistoryEntry]) -> tuple[bool, str]:
        if self._steps_since_planner is None or not history:
            return True, "first step"
        if not history[-1].ok:
            return True, "the last step failed"
        if self._steps_since_planner + 1 >= self.every:
            return True, f"every {self.every} steps"
        return False, ""

    def decide(
        self,
        goal: str,
        state: ScreenState,
        history: Sequence[HistoryEntry],
        notes: Sequence[str],
        *,
        deadline: float | None = None,
    ) -> Decision:
        if goal != self._goal:
            self.reset()
            self._goal = goal
        use_planner, why = self._planner_turn(history)
        spent = Usage()
        if not use_planner:
            self.executor.adopt_plan(goal, self.planner.plan)
            try:
                decision = self.executor.decide(goal, state, history, notes, deadline=deadline)
            except PlanRejected as exc:
                spent, why = exc.usage, f"the executor gave no usable action ({exc})"
            except ModelError as exc:
                spent = exc.usage if isinstance(exc, StepModelError) else Usage()
                why = f"the executor model failed ({exc})"
            else:
                self.planner.adopt_plan(goal, self.executor.plan)
                self._steps_since_planner = (self._steps_since_planner or 0) + 1
                return decision
        decision = self.planner.decide(goal, state, history, notes, deadline=deadline)
        self._steps_since_planner = 0
        extra = {**decision.extra, "tier_reason": why}
        return decision.model_copy(update={"usage": spent + decision.usage, "extra": extra})
