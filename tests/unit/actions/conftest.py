"""Screens for the actions tests, built from perception's own models.

``item``/``screen``/``Popup`` make real ``Element``/``ScreenState``/``Dialog`` objects with a
simple column layout, so validation and the policy are tested against the types they meet in
the agent; ``test_perceived_screens.py`` covers the same rules on screens parsed by ``perceive``.
"""

from __future__ import annotations

from droidpilot.perception import Bounds, Dialog, Element, ScreenState


def item(index: int, label: str = "", *, box=None, role: str = "button", **fields) -> Element:
    """An element in row ``index`` of a column layout, labelled the way perception labels it."""
    left, top, right, bottom = box or (0, 200 + 150 * index, 1080, 350 + 150 * index)
    bounds = Bounds(left=left, top=top, right=right, bottom=bottom)
    fields.setdefault("text", label)
    return Element(
        index=index,
        identity=f"test-{index}",
        role=role,
        bounds=bounds,
        visible_center=bounds.center,
        label=label,
        **fields,
    )


def Popup(*, kind: str = "alert", title: str = "", message: str = "", buttons: tuple[int, ...] = ()) -> Dialog:  # noqa: N802
    return Dialog(kind=kind, title=title, message=message, buttons=buttons)


def screen(*elements: Element, width: int = 1080, height: int = 2400, **fields) -> ScreenState:
    return ScreenState(elements=tuple(elements), width=width, height=height, package="com.example.app", **fields)
