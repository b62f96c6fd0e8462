"""The confirmation policy: who may let a risky action through, and the record of every decision.

``ConfirmationPolicy`` sits between the planner and the actuator (the loop's guard step). Actions
below its threshold pass on their own; risky ones are allowed, denied, or put to a person through
a callback, depending on the mode. Unattended runs default to ``deny``: nobody is there to ask,
and an agent that sends, pays or deletes on the strength of screen text is how injection wins.
The refusal carries a reason the planner sees, so the model can choose another way or finish.

Every decision, including the automatic ones, is appended to ``decisions`` for the recorder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from ..errors import ConfigError, UnsafeActionDenied
from .models import Action, ActionBase
from .risk import Risk, RiskAssessment, assess

__all__ = ["ConfirmationPolicy", "PolicyDecision", "AskCallback", "PolicyMode", "terminal_ask"]

PolicyMode = Literal["deny", "allow", "ask"]
AskCallback = Callable[[ActionBase, RiskAssessment], "bool | tuple[bool, str]"]
"""Shown the action and its assessment; returns True to allow (optionally with a reason)."""


class PolicyDecision(BaseModel):
    """One decision: what was asked, how risky it was, what was decided, by whom, and when."""

    model_config = ConfigDict(frozen=True)

    action: Action
    description: str
    risk: RiskAssessment
    decision: Literal["allowed", "denied"]
    reason: str
    decided_by: Literal["threshold", "policy", "user"] = Field(
        description="threshold: below the risk threshold; policy: the mode; user: the ask callback"
    )
    time: datetime

    @property
    def allowed(self) -> bool:
        return self.decision == "allowed"

    @field_serializer("time")
    def _iso(self, time: datetime) -> str:
        return time.isoformat()


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ConfirmationPolicy:
    """Gate risky actions: ``deny`` (default), ``allow``, or ``ask`` a callback.

    ``threshold``: the lowest risk that needs a decision (default HIGH). ``ask_timeout``: seconds
    to wait for the callback before denying (a person who walked away is not a yes).
    """

    def __init__(
        self,
        mode: PolicyMode = "deny",
        ask: AskCallback | None = None,
        *,
        threshold: Risk = Risk.HIGH,
        ask_timeout: float = 300.0,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        if mode not in ("deny", "allow", "ask"):
            raise ConfigError(f"confirmation mode must be deny, allow or ask, not {mode!r}")
        if mode == "ask" and ask is None:
            raise ConfigError("confirmation mode 'ask' needs an ask callback (the CLI passes a terminal prompt)")
        if ask_timeout <= 0:
            raise ConfigError("ask_timeout must be positive seconds")
        self.mode: PolicyMode = mode
        self.ask = ask
        self.threshold = Risk(threshold)
        self.ask_timeout = ask_timeout
        self._clock = clock
        self.decisions: list[PolicyDecision] = []

    def decide(self, action: ActionBase, state: Any = None, goal: str = "") -> PolicyDecision:
        """Assess, decide, record and return the decision (never raises for a denial)."""
        risk = assess(action, state, goal)
        if risk.level < self.threshold:
            decision, reason, by = "allowed", f"{risk.level} risk, below the {self.threshold} threshold", "threshold"
        elif self.mode == "allow":
            decision, reason, by = "allowed", f"allowed by policy: {risk.summary()}", "policy"
        elif self.mode == "deny":
            decision, by = "denied", "policy"
            reason = (
                f"refused: {risk.summary()}. This run is unattended and may not do this; do not retry it. "
                "Find another way that does not need it, or finish as infeasible and say why."
            )
        else:
            decision, reason, by = self._ask(action, risk)
        record = PolicyDecision(
            action=action,
            description=action.describe(),
            risk=risk,
            decision=decision,  # type: ignore[arg-type]
            reason=reason,
            decided_by=by,  # type: ignore[arg-type]
            time=self._clock(),
        )
        self.decisions.append(record)
        return record

    def guard(self, action: ActionBase, state: Any = None, goal: str = "") -> PolicyDecision:
        """Like ``decide``, but raise UnsafeActionDenied (with the reason for the planner) on denial."""
        record = self.decide(action, state, goal)
        if not record.allowed:
            raise UnsafeActionDenied(f"{record.description}: {record.reason}", reason=record.reason)
        return record

    def _ask(self, action: ActionBase, risk: RiskAssessment) -> tuple[str, str, str]:
        assert self.ask is not None
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["answer"] = self.ask(action, risk)  # type: ignore[misc]
            except Exception as exc:  # the person's side failed: that is not consent
                outcome["error"] = exc

        worker = threading.Thread(target=run, name="droidpilot-confirm", daemon=True)
        worker.start()
        worker.join(self.ask_timeout)
        if worker.is_alive():
            return "denied", f"refused: no answer to the confirmation within {self.ask_timeout:g} s", "user"
        if "error" in outcome:
            return "denied", f"refused: asking for confirmation failed ({outcome['error']})", "user"
        answer = outcome.get("answer")
        allowed, why = (answer if isinstance(answer, tuple) else (answer, ""))
        if allowed is True:
            return "allowed", "confirmed by the user" + (f": {why}" if why else ""), "user"
        return "denied", (
            "refused: the user declined " + (f"({why}) " if why else "") + f"to {action.describe()}; "
            "do not retry it, choose another way or finish"
        ), "user"


def terminal_ask(
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
) -> AskCallback:
    """An ask callback for a person at a terminal: shows the action and why it is risky, asks y/N.

    Anything but an explicit yes is a no, and so is a closed terminal (EOF) or Ctrl-C. The CLI
    passes this to ``ConfirmationPolicy("ask", ask=terminal_ask())``; ``read``/``write`` are
    injectable for tests and for rich consoles.
    """

    def ask(action: ActionBase, risk: RiskAssessment) -> tuple[bool, str]:
        write(f"droidpilot wants to: {action.describe()}")
        for reason in risk.reasons:
            write(f"  {risk.level} risk: {reason}")
        try:
            answer = read("Allow this action? [y/N] ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            return False, "no answer at the terminal"
        if answer in ("y", "yes"):
            return True, "confirmed at the terminal"
        return False, "declined at the terminal"

    return ask
