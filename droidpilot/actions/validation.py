"""Checking an action against the screen it will run on, before anything reaches the device.

The models already refuse what is impossible on any screen (negative durations, unknown keys).
What depends on this screen is checked here: the element index exists, the point is inside the
display, text goes to something that can take it, a scroll targets something scrollable. Errors
are ElementNotFound / InvalidAction with messages written for the planner: they say what is
valid, so the next reply can be right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import ValidationError

from ..errors import ElementNotFound, InvalidAction
from .models import (
    ActionBase,
    DoubleTap,
    LongPress,
    Scroll,
    Swipe,
    Tap,
    TypeText,
    action_adapter,
)

__all__ = ["validate", "ScreenLike", "ElementLike", "target_element", "focused_editable"]


class BoundsLike(Protocol):
    def contains(self, x: float, y: float) -> bool: ...

    @property
    def center(self) -> tuple[int, int]: ...


class ElementLike(Protocol):
    """What validation and the policy read from an element (perception's Element fits)."""

    index: int
    bounds: Any
    editable: bool
    text: str
    description: str
    scrollable: bool
    label: str


class ScreenLike(Protocol):
    """What validation and the policy read from a screen (perception's ScreenState fits)."""

    elements: Sequence[Any]
    width: int
    height: int
    keyboard_shown: bool


def _range_hint(state: ScreenLike) -> str:
    if not state.elements:
        return "this screen has no elements: wait, scroll, go back, or use x,y"
    indexes = [e.index for e in state.elements]
    return f"valid indexes are {min(indexes)}..{max(indexes)}"


def target_element(state: ScreenLike, index: int) -> Any:
    """The element with this per-step index; ElementNotFound naming the valid range otherwise."""
    for element in state.elements:
        if element.index == index:
            return element
    raise ElementNotFound(f"no element [{index}] on this screen; {_range_hint(state)}")


def focused_editable(state: ScreenLike) -> Any | None:
    """The editable element that has input focus, if perception saw one."""
    for element in state.elements:
        if getattr(element, "editable", False) and getattr(element, "focused", False):
            return element
    return None


def _check_point(state: ScreenLike, x: int, y: int, what: str = "point") -> None:
    if state.width <= 0 or state.height <= 0:
        return  # size unknown: the device layer will clip; nothing honest to check against
    if not (0 <= x < state.width and 0 <= y < state.height):
        raise InvalidAction(
            f"{what} ({x}, {y}) is off screen; the screen is {state.width}x{state.height} "
            f"(x 0..{state.width - 1}, y 0..{state.height - 1})"
        )


def _contains_editable(state: ScreenLike, outer: Any) -> bool:
    bounds = outer.bounds
    return any(
        getattr(e, "editable", False) and e is not outer and bounds.contains(*e.bounds.center)
        for e in state.elements
    )


def _element_name(element: Any) -> str:
    name = getattr(element, "label", "") or element.text or element.description
    return f'[{element.index}] "{name}"' if name else f"[{element.index}]"


def _revalidate(action: ActionBase) -> ActionBase:
    """Run the model's own rules again: an action built with model_construct skipped them."""
    try:
        return action_adapter.validate_python(action.model_dump())
    except ValidationError as exc:
        problems = "; ".join(err["msg"] for err in exc.errors())
        raise InvalidAction(f"{action.describe()}: {problems}") from exc


def validate(action: ActionBase, state: ScreenLike) -> ActionBase:
    """Return the action if it can run on this screen; raise ElementNotFound / InvalidAction."""
    action = _revalidate(action)
    if isinstance(action, (Tap, LongPress, DoubleTap)):
        if action.index is not None:
            element = target_element(state, action.index)
            if getattr(element, "enabled", True) is False:
                raise InvalidAction(f"element {_element_name(element)} is disabled; it will not react")
        else:
            _check_point(state, action.x, action.y)  # type: ignore[arg-type]
    elif isinstance(action, TypeText):
        _check_type_text(action, state)
    elif isinstance(action, Swipe):
        if action.index is not None:
            target_element(state, action.index)
        if action.direction is None:
            _check_point(state, action.x1, action.y1, "swipe start")  # type: ignore[arg-type]
            _check_point(state, action.x2, action.y2, "swipe end")  # type: ignore[arg-type]
            if (action.x1, action.y1) == (action.x2, action.y2):
                raise InvalidAction("swipe start and end are the same point; use tap or long_press")
    elif isinstance(action, Scroll):
        if action.index is not None:
            element = target_element(state, action.index)
            if not element.scrollable:
                scrollables = [str(e.index) for e in state.elements if e.scrollable]
                hint = (
                    f"scrollable elements: {', '.join(scrollables)}"
                    if scrollables
                    else "omit index to scroll the screen"
                )
                raise InvalidAction(f"element {_element_name(element)} does not scroll; {hint}")
    # PressKey needs no screen check: its model validator already normalised the key name.
    return action


def _check_type_text(action: TypeText, state: ScreenLike) -> None:
    if action.index is not None:
        element = target_element(state, action.index)
        if element.editable or _contains_editable(state, element) or focused_editable(state) is not None:
            return
        editables = [str(e.index) for e in state.elements if getattr(e, "editable", False)]
        hint = f"editable elements: {', '.join(editables)}" if editables else "tap a text field first"
        raise InvalidAction(f"element {_element_name(element)} is not a text field; {hint}")
    if focused_editable(state) is None and not state.keyboard_shown:
        editables = [str(e.index) for e in state.elements if getattr(e, "editable", False)]
        hint = f"give the index of a text field ({', '.join(editables)})" if editables else "tap a text field first"
        raise InvalidAction(f"no text field has focus; {hint}")
