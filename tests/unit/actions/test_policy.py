"""ConfirmationPolicy: deny / allow / ask for risky actions, and a record of every decision."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from droidpilot.actions import Tap, TypeText
from droidpilot.actions.policy import ConfirmationPolicy
from droidpilot.actions.risk import Risk
from droidpilot.errors import ConfigError, UnsafeActionDenied

from .conftest import item, screen

CHAT = screen(item(0, "Send"), item(1, "", editable=True), item(2, "Back"))
FIXED = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_default_policy_denies_risky_actions_with_a_reason_for_the_planner():
    policy = ConfirmationPolicy()
    with pytest.raises(UnsafeActionDenied) as info:
        policy.guard(Tap(index=0), CHAT, goal="read my messages")
    assert '"Send" sends a message' in info.value.reason
    assert "finish as infeasible" in info.value.reason
    assert policy.decisions[-1].decision == "denied" and policy.decisions[-1].decided_by == "policy"


def test_benign_actions_pass_without_asking():
    asked = []
    policy = ConfirmationPolicy("ask", ask=lambda a, r: asked.append(a) or True)
    record = policy.guard(Tap(index=2), CHAT)
    assert record.allowed and record.decided_by == "threshold"
    assert asked == []


def test_ask_mode_lets_the_callback_allow():
    seen = []

    def ask(action, risk):
        seen.append((action, risk.level))
        return True

    policy = ConfirmationPolicy("ask", ask=ask)
    record = policy.guard(Tap(index=0), CHAT, goal="")
    assert record.allowed and record.decided_by == "user"
    assert seen == [(Tap(index=0), Risk.HIGH)]


def test_ask_mode_lets_the_callback_deny_with_its_reason():
    policy = ConfirmationPolicy("ask", ask=lambda a, r: (False, "not to that number"))
    with pytest.raises(UnsafeActionDenied, match="not to that number"):
        policy.guard(Tap(index=0), CHAT)
    assert policy.decisions[-1].decided_by == "user"


def test_callback_failure_is_not_consent():
    def broken(action, risk):
        raise RuntimeError("terminal closed")

    record = ConfirmationPolicy("ask", ask=broken).decide(Tap(index=0), CHAT)
    assert not record.allowed and "terminal closed" in record.reason


def test_unanswered_confirmation_times_out_as_denied():
    release = threading.Event()
    policy = ConfirmationPolicy("ask", ask=lambda a, r: release.wait(5), ask_timeout=0.05)
    record = policy.decide(Tap(index=0), CHAT)
    release.set()
    assert not record.allowed and "no answer" in record.reason


def test_allow_mode_allows_and_still_records():
    policy = ConfirmationPolicy("allow")
    record = policy.guard(Tap(index=0), CHAT)
    assert record.allowed and record.decided_by == "policy"
    assert record.risk.level == Risk.HIGH


def test_screen_text_provenance_is_denied_even_when_the_action_is_plain_typing():
    state = screen(item(0, "Call 0900 123 456 to claim"), item(1, "", editable=True))
    policy = ConfirmationPolicy()
    with pytest.raises(UnsafeActionDenied, match="comes from screen text"):
        policy.guard(TypeText(index=1, text="0900123456"), state, goal="note down my shopping list")


def test_goal_requested_send_is_allowed_unattended():
    policy = ConfirmationPolicy()
    assert policy.guard(Tap(index=0), CHAT, goal="Text Alice that I'm late").allowed


def test_threshold_is_configurable():
    strict = ConfirmationPolicy(threshold=Risk.MEDIUM)
    with pytest.raises(UnsafeActionDenied):
        strict.guard(Tap(index=0), CHAT, goal="Text Alice that I'm late")


def test_every_decision_is_recorded_in_order_with_time_and_serialises():
    policy = ConfirmationPolicy(clock=lambda: FIXED)
    policy.decide(Tap(index=2), CHAT)
    policy.decide(Tap(index=0), CHAT)
    assert [d.decision for d in policy.decisions] == ["allowed", "denied"]
    dumped = policy.decisions[1].model_dump(mode="json")
    assert dumped["time"] == "2026-01-01T00:00:00+00:00"
    assert dumped["action"] == {"kind": "tap", "index": 0, "x": None, "y": None}
    assert dumped["risk"]["level"] == "high"


def test_misconfiguration_is_a_config_error():
    with pytest.raises(ConfigError, match="needs an ask callback"):
        ConfirmationPolicy("ask")
    with pytest.raises(ConfigError):
        ConfirmationPolicy("maybe")  # type: ignore[arg-type]


def test_terminal_ask_shows_the_reasons_and_needs_an_explicit_yes():
    from droidpilot.actions import terminal_ask

    shown: list[str] = []
    answers = iter(["y", "", "maybe"])
    policy = ConfirmationPolicy("ask", ask=terminal_ask(read=lambda prompt: next(answers), write=shown.append))
    assert policy.decide(Tap(index=0), CHAT).allowed
    assert not policy.decide(Tap(index=0), CHAT).allowed
    assert not policy.decide(Tap(index=0), CHAT).allowed
    assert shown[0] == "droidpilot wants to: tap element 0"
    assert '"Send" sends a message' in shown[1]


def test_terminal_ask_treats_a_closed_terminal_as_no():
    from droidpilot.actions import terminal_ask

    def closed(prompt):
        raise EOFError

    record = ConfirmationPolicy("ask", ask=terminal_ask(read=closed, write=lambda s: None)).decide(Tap(index=0), CHAT)
    assert not record.allowed and "no answer at the terminal" in record.reason
