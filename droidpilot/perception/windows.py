"""Window roots: what each one is (app, floating dialog, keyboard, system bar) and their z-order.

uiautomator2 dumps one root per window, topmost first (the order of
``UiAutomation.getWindows()``); the plain ``uiautomator dump`` gives only the active window. We
do not trust document order alone (other producers list windows bottom-up), so a window's kind
outranks its position: system bars over the keyboard over floating windows over full-screen
app windows, and document order decides only between windows of the same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tree import Hierarchy, Node

__all__ = ["WindowInfo", "classify_windows", "screen_size", "is_ime_package"]

_IME_PACKAGES = re.compile(
    r"(inputmethod|keyboard|honeyboard|swiftkey|touchtype|\.ime$|\.ime\.|baidu\.input|sogou|iflytek|openwnn|gboard)",
    re.IGNORECASE,
)
_SYSTEMUI = "com.android.systemui"
_PRIORITY = {"bar": 3, "ime": 2, "floating": 1, "app": 0}


@dataclass
class WindowInfo:
    """One window root with its kind and rank; ``z`` 0 is the topmost."""

    root: Node
    kind: str  # app | floating | ime | bar
    package: str
    bounds: tuple[int, int, int, int]
    z: int = 0
    modal: bool = False
    """Touches outside it do not reach the windows below (dialogs and popups)."""
    dialog_like: bool = False
    """A floating window with touch targets that is not one pane of a split screen."""


def is_ime_package(package: str) -> bool:
    return bool(package) and bool(_IME_PACKAGES.search(package))


def screen_size(hierarchy: Hierarchy) -> tuple[int, int, bool]:
    """(width, height, inferred) from the window roots when the caller did not say.

    Window bounds are clipped to the screen and together tile it when one is anchored at 0,0
    (a status bar, an app, the keyboard, a navigation bar). A dump holding
    only a floating dialog does not tell us the screen; dialogs are centred horizontally, so
    left + right estimates the width; the height estimate is only a lower bound.
    """
    boxes = [w.bounds for w in hierarchy.windows if w.bounds[2] > w.bounds[0] and w.bounds[3] > w.bounds[1]]
    if not boxes:
        return 0, 0, True
    if any(b[0] == 0 and b[1] == 0 for b in boxes):
        # Windows together tile the screen (status bar, app, keyboard, navigation bar).
        return max(b[2] for b in boxes), max(b[3] for b in boxes), False
    width = max(b[0] + b[2] for b in boxes)
    height = max(max(b[3], b[1] + b[3]) for b in boxes)
    return width, height, True


def classify_windows(hierarchy: Hierarchy, width: int, height: int) -> list[WindowInfo]:
    """Kinds and z-order (returned topmost first)."""
    infos = []
    screen_area = max(1, width * height)
    for root in hierarchy.windows:
        package = root.package
        left, top, right, bottom = root.bounds
        area = max(0, right - left) * max(0, bottom - top)
        if (is_ime_package(package) or "InputMethod" in root.cls) and top >= 0.25 * height:
            kind = "ime"  # keyboards sit low; an app merely named "...keyboard..." fills the screen
        elif package == _SYSTEMUI and _is_bar(root.bounds, width, height):
            kind = "bar"
        elif area < 0.8 * screen_area and not _is_resized_app(root.bounds, width, height):
            kind = "floating"
        else:
            kind = "app"
        infos.append(WindowInfo(root=root, kind=kind, package=package, bounds=root.bounds))
    # Stable sort: kind priority first, then document order (topmost first).
    ranked = sorted(enumerate(infos), key=lambda pair: (-_PRIORITY[pair[1].kind], pair[0]))
    ordered = [info for _, info in ranked]
    for z, info in enumerate(ordered):
        info.z = z
    panes = [w for w in ordered if w.kind in ("app", "floating")]
    for info in ordered:
        if info.kind != "floating" or not _has_touch_target(hierarchy.window_nodes(info.root)):
            continue
        # A pane of a split screen sits beside another big window instead of over it.
        beside = any(
            other is not info and not _overlap(info.bounds, other.bounds) and _area(other.bounds) >= 0.3 * screen_area
            for other in panes
        )
        info.dialog_like = not beside
        # Modal: a dialog or popup over another window; touches outside it dismiss it rather
        # than reach what is below.
        info.modal = not beside and any(_overlap(info.bounds, other.bounds) for other in ordered[info.z + 1 :] if other in panes)
    return ordered


def _area(bounds: tuple[int, int, int, int]) -> int:
    return max(0, bounds[2] - bounds[0]) * max(0, bounds[3] - bounds[1])


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _is_resized_app(bounds: tuple[int, int, int, int], width: int, height: int) -> bool:
    """Full width from the top: an app window shortened by the keyboard (adjustResize) or the
    top pane of a split screen. Dialogs are inset or, as bottom sheets, start low."""
    left, top, right, _ = bounds
    return left <= 0.02 * width and right >= 0.98 * width and top <= 0.1 * height


def _is_bar(bounds: tuple[int, int, int, int], width: int, height: int) -> bool:
    left, top, right, bottom = bounds
    thin = (bottom - top) <= 0.12 * max(1, height) or (right - left) <= 0.12 * max(1, width)
    at_edge = top == 0 or bottom >= height or left == 0 and right <= 0.12 * width or right >= width
    return thin and at_edge


def _has_touch_target(nodes: list[Node]) -> bool:
    return any(node.clickable or node.long_clickable for node in nodes)
