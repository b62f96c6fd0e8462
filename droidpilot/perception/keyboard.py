"""Is the soft keyboard up, and where?

Three sources, best first: the device's word (``keyboard_shown`` from the IME service), the
keyboard's own window in a multi-window dump, and — when neither is available — inference from
the app window. The inference is justified by how Android lays out a window with
``adjustResize`` (the default for apps with text fields, and what Compose's ``imePadding``
emulates): while the keyboard is up, the app's content frame ends where the keyboard begins and
nothing of the app is laid out below it. So we require all of:

* a focused editable field (the IME only shows for one), and
* a full-width ancestor of that field ending at least 20% of the screen above the window bottom,
  with no node outside that ancestor's chain reaching below it (bar backgrounds excepted).

A short form with a focused field but no keyboard fails the second test whenever its layout
fills the window (match_parent), which is the norm; the result is marked ``inferred`` so callers
can weigh it. Real dumps 02, 13 and 23 of the corpus show exactly this shape.
"""

from __future__ import annotations

from .state import Bounds
from .tree import Hierarchy, Node
from .windows import WindowInfo

__all__ = ["detect_keyboard"]

_BAR_IDS = ("statusBarBackground", "navigationBarBackground")
_MIN_GAP = 0.2


def detect_keyboard(
    hierarchy: Hierarchy,
    windows: list[WindowInfo],
    width: int,
    height: int,
    keyboard_shown: bool | None,
) -> tuple[bool, Bounds | None, str]:
    """(shown, bounds or None, source) with source one of device, window, inferred, none."""
    ime = next((w for w in windows if w.kind == "ime" and _area(w.bounds) > 0), None)
    if ime is not None:
        bounds = Bounds.of(*ime.bounds)
        if keyboard_shown is False:
            return False, None, "device"
        return True, bounds, "device" if keyboard_shown else "window"
    inferred = _infer_from_resize(hierarchy, windows, width, height)
    if keyboard_shown is not None:
        return keyboard_shown, inferred if keyboard_shown else None, "device"
    if inferred is not None:
        return True, inferred, "inferred"
    return False, None, "none"


def _infer_from_resize(hierarchy: Hierarchy, windows: list[WindowInfo], width: int, height: int) -> Bounds | None:
    app = next((w for w in reversed(windows) if w.kind == "app"), None)
    if app is None or height <= 0:
        return None
    root = app.root
    nodes = hierarchy.window_nodes(root)
    focused = next((n for n in nodes if _is_focused_editable(n)), None)
    if focused is None:
        return None
    root_left, _, root_right, root_bottom = root.bounds
    window_width = max(1, root_right - root_left)
    frame = None
    chain = []
    node = focused.parent
    while node is not None:
        chain.append(node)
        left, top, right, bottom = node.bounds
        if (right - left) >= 0.95 * window_width and root_bottom - bottom >= _MIN_GAP * height:
            frame = node
        node = node.parent
    if frame is None:
        return None
    frame_bottom = frame.bounds[3]
    chain_ids = {id(n) for n in chain}
    nav_top = root_bottom
    for node in nodes:
        if id(node) in chain_ids:
            continue
        rid = node.resource_id
        if rid.endswith(_BAR_IDS):
            if rid.endswith("navigationBarBackground") and node.bounds[1] > frame_bottom:
                nav_top = min(nav_top, node.bounds[1])
            continue
        if _area(node.bounds) > 0 and node.bounds[3] > frame_bottom + 4:
            return None
    return Bounds.of(0, frame_bottom, width, min(nav_top, height))


def _is_focused_editable(node: Node) -> bool:
    return node.cls.endswith(("EditText", "AutoCompleteTextView")) and node.flag("focused")


def _area(bounds: tuple[int, int, int, int]) -> int:
    return max(0, bounds[2] - bounds[0]) * max(0, bounds[3] - bounds[1])
