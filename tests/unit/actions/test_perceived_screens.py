"""Validation and the safety policy on screens parsed by perception from uiautomator dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from droidpilot.actions import ConfirmationPolicy, OpenUrl, Risk, Scroll, Tap, TypeText, assess, validate
from droidpilot.errors import ElementNotFound, InvalidAction, UnsafeActionDenied
from droidpilot.perception import perceive

SCREENS = Path(__file__).parent / "screens"


def load(name: str):
    return perceive((SCREENS / f"{name}.xml").read_text(), screen_size=(1080, 2400), keyboard_shown=False)


@pytest.fixture(scope="module")
def compose():
    state = load("compose")
    # The indexes below are perception's for this dump; fail loudly if that changes.
    assert [e.label for e in state.elements][:3] == ["Navigate up", "Alice", "Call"]
    assert state.elements[7].label == "Send SMS" and state.elements[6].editable
    return state


@pytest.fixture(scope="module")
def delete_dialog():
    return load("delete_dialog")


def test_index_past_the_last_element_names_the_range(compose):
    with pytest.raises(ElementNotFound, match=r"valid indexes are 0..7"):
        validate(Tap(index=8), compose)


def test_text_goes_to_the_focused_compose_field(compose):
    validate(TypeText(text="On my way"), compose)
    validate(TypeText(index=6, text="On my way"), compose)


def test_scroll_targets_the_message_list_only(compose):
    validate(Scroll(direction="up", index=3), compose)
    with pytest.raises(InvalidAction, match="scrollable elements: 3"):
        validate(Scroll(direction="up", index=4), compose)


def test_send_button_is_high_unless_the_goal_is_to_send(compose):
    assert assess(Tap(index=7), compose, goal="read my latest message").level == Risk.HIGH
    assert assess(Tap(index=7), compose, goal="Text Alice that I'm running late").level == Risk.MEDIUM


def test_call_icon_is_a_call(compose):
    assert "call" in assess(Tap(index=2), compose, goal="").categories


def test_long_promo_bubble_is_not_a_call_button_but_its_link_is_noted(compose):
    result = assess(Tap(index=5), compose, goal="reply to Alice")
    assert result.level == Risk.MEDIUM
    assert result.categories == ("link_from_screen",)


def test_promo_link_opened_by_url_is_denied_unattended(compose):
    policy = ConfirmationPolicy()
    with pytest.raises(UnsafeActionDenied, match="bit.ly/prize-now.*comes from screen text"):
        policy.guard(OpenUrl(url="https://bit.ly/prize-now"), compose, goal="reply to Alice")


def test_premium_number_from_the_promo_typed_into_compose_is_high(compose):
    result = assess(TypeText(index=6, text="Calling 19005550199"), compose, goal="reply to Alice")
    assert result.level == Risk.HIGH and "screen_provenance" in result.categories


def test_delete_confirmation_dialog(delete_dialog):
    assert delete_dialog.dialogs[0].buttons == (2, 3)
    assert assess(Tap(index=3), delete_dialog, goal="").level == Risk.HIGH
    assert assess(Tap(index=2), delete_dialog, goal="").level == Risk.NONE
    assert assess(Tap(index=3), delete_dialog, goal="delete the conversation with Alice").level == Risk.MEDIUM


def test_ask_mode_on_a_real_screen_records_the_users_answer(compose):
    answers = iter([False, True])
    policy = ConfirmationPolicy("ask", ask=lambda action, risk: next(answers))
    assert not policy.decide(Tap(index=7), compose, goal="").allowed
    assert policy.decide(Tap(index=7), compose, goal="").allowed
    assert [d.decided_by for d in policy.decisions] == ["user", "user"]
