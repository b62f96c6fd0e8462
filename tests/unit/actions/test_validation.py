"""validate(action, screen) refuses actions this screen cannot take, saying what would work."""

from __future__ import annotations

import pytest

from droidpilot.actions import DoubleTap, LongPress, Scroll, Swipe, Tap, TypeText, Wait
from droidpilot.actions.validation import validate
from droidpilot.errors import ElementNotFound, InvalidAction

from .conftest import item, screen

FORM = screen(
    item(0, "Search"),
    item(1, "", editable=True, text="", description="Name"),
    item(2, "Messages list", scrollable=True),
    item(3, "Submit", enabled=False),
    item(4, "Search bar", box=(0, 0, 1080, 150)),
    item(5, "", editable=True, box=(100, 20, 900, 130)),
)


def test_tap_on_a_listed_element_passes_and_returns_the_action():
    assert validate(Tap(index=0), FORM) == Tap(index=0)


def test_index_not_on_screen_names_the_valid_range():
    with pytest.raises(ElementNotFound, match=r"no element \[9\].*valid indexes are 0..5"):
        validate(Tap(index=9), FORM)


def test_index_on_an_empty_screen_suggests_alternatives():
    with pytest.raises(ElementNotFound, match="no elements"):
        validate(LongPress(index=0), screen())


@pytest.mark.parametrize("x, y", [(1080, 10), (10, 2400), (5000, 5000)])
def test_coordinates_off_screen_are_refused_with_the_screen_size(x, y):
    with pytest.raises(InvalidAction, match="off screen; the screen is 1080x2400"):
        validate(DoubleTap(x=x, y=y), FORM)


def test_coordinates_on_screen_pass():
    validate(Tap(x=1079, y=2399), FORM)


def test_disabled_element_is_refused():
    with pytest.raises(InvalidAction, match="disabled"):
        validate(Tap(index=3), FORM)


def test_negative_duration_built_without_validation_is_still_refused():
    sneaky = LongPress.model_construct(kind="long_press", index=0, x=None, y=None, duration_ms=-5)
    with pytest.raises(InvalidAction, match="greater than or equal to 1"):
        validate(sneaky, FORM)


def test_unknown_key_built_without_validation_is_refused():
    from droidpilot.actions import PressKey

    sneaky = PressKey.model_construct(kind="press_key", key="self_destruct")
    with pytest.raises(InvalidAction, match="unknown key"):
        validate(sneaky, FORM)


def test_type_into_an_editable_element_passes():
    validate(TypeText(index=1, text="Ada"), FORM)


def test_type_into_a_container_holding_a_field_passes():
    validate(TypeText(index=4, text="weather"), FORM)


def test_type_into_a_plain_button_lists_the_text_fields():
    with pytest.raises(InvalidAction, match="not a text field; editable elements: 1, 5"):
        validate(TypeText(index=0, text="x"), FORM)


def test_type_into_a_button_is_allowed_when_a_field_has_focus():
    focused = screen(item(0, "Send"), item(1, "", editable=True, focused=True))
    validate(TypeText(index=0, text="x"), focused)


def test_type_without_index_needs_focus_or_keyboard():
    with pytest.raises(InvalidAction, match="no text field has focus; give the index of a text field"):
        validate(TypeText(text="x"), FORM)
    validate(TypeText(text="x"), screen(item(0, "", editable=True), keyboard_shown=True))


def test_scroll_on_a_non_scrollable_element_lists_scrollables():
    with pytest.raises(InvalidAction, match="does not scroll; scrollable elements: 2"):
        validate(Scroll(direction="down", index=0), FORM)
    validate(Scroll(direction="down", index=2), FORM)
    validate(Scroll(direction="down"), FORM)


def test_swipe_points_must_be_on_screen_and_distinct():
    with pytest.raises(InvalidAction, match="swipe end"):
        validate(Swipe(x1=10, y1=10, x2=10, y2=3000), FORM)
    with pytest.raises(InvalidAction, match="same point"):
        validate(Swipe(x1=10, y1=10, x2=10, y2=10), FORM)
    with pytest.raises(ElementNotFound):
        validate(Swipe(direction="left", index=42), FORM)


def test_actions_without_a_target_pass():
    assert validate(Wait(seconds=1), screen()) == Wait(seconds=1)


def test_unknown_screen_size_does_not_block_coordinates():
    validate(Tap(x=3000, y=3000), screen(width=0, height=0))
