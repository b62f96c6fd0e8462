"""The live screen as the server sees it: the hierarchy XML, parsed once per screen change.

Rendering the hierarchy and parsing it cost milliseconds, and clients poll (``waitForExists``,
``exists`` before every click), so both are cached by ``system.wm.generation``, which the window
manager bumps on every visible change. A short maximum age covers changes that are only noticed
when the screen is rebuilt (a toast timing out, the status-bar clock).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from .selector import parse_hierarchy

__all__ = ["Snapshot", "ScreenCache", "bounds_of", "centre_of", "obj_info", "MAX_AGE_S"]

MAX_AGE_S = 1.0
_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")


@dataclass
class Snapshot:
    """One rendering of the hierarchy; ``root`` (the ``<hierarchy>`` element) is parsed on first use."""

    generation: Any
    all_windows: bool
    xml: str
    taken_at: float
    _root: Any = field(default=None, repr=False)

    @property
    def root(self) -> Any:
        if self._root is None:
            self._root = parse_hierarchy(self.xml)
        return self._root


class ScreenCache:
    """Latest snapshot per window mode, re-rendered when the generation moves or it ages out."""

    def __init__(self, system: Any, *, max_age: float = MAX_AGE_S, clock: Any = time.monotonic) -> None:
        self.system = system
        self.max_age = max_age
        self.clock = clock
        self._latest: dict[bool, Snapshot] = {}

    def generation(self) -> Any:
        with self.system.lock:
            return self.system.wm.generation

    def snapshot(self, *, all_windows: bool = True) -> Snapshot:
        now = self.clock()
        with self.system.lock:
            gen = self.system.wm.generation
            cached = self._latest.get(all_windows)
            if cached is not None and cached.generation == gen and now - cached.taken_at < self.max_age:
                return cached
            xml = self.system.wm.hierarchy_xml(all_windows=all_windows)
            gen_after = self.system.wm.generation  # building the tree may settle lazy state
        snap = Snapshot(gen_after, all_windows, xml, now)
        self._latest[all_windows] = snap
        return snap

    def root(self) -> Any:
        return self.snapshot().root


def bounds_of(node: Any) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) from ``bounds="[l,t][r,b]"``; a node without bounds is empty."""
    m = _BOUNDS.fullmatch(node.get("bounds") or "")
    if m is None:
        return (0, 0, 0, 0)
    left, top, right, bottom = (int(v) for v in m.groups())
    return (left, top, right, bottom)


def centre_of(node: Any) -> tuple[int, int]:
    """The centre of the visible bounds, where UiObject.click() taps."""
    left, top, right, bottom = bounds_of(node)
    return ((left + right) // 2, (top + bottom) // 2)


def _flag(node: Any, attr: str) -> bool:
    return node.get(attr) == "true"


def obj_info(node: Any) -> dict[str, Any]:
    """The server's ObjInfo for a node, key for key.

    The dump's bounds are already the visible bounds; UiObject reports null-safe strings ("" for
    no text or description) but a null resourceName for a view without an id.
    """
    left, top, right, bottom = bounds_of(node)
    rect = {"bottom": bottom, "left": left, "right": right, "top": top}
    resource = node.get("resource-id") or None
    return {
        "bounds": rect,
        "checkable": _flag(node, "checkable"),
        "checked": _flag(node, "checked"),
        "childCount": sum(1 for _ in node.iterchildren("node")),
        "className": node.get("class") or "",
        "clickable": _flag(node, "clickable"),
        "contentDescription": node.get("content-desc") or "",
        "enabled": _flag(node, "enabled"),
        "focusable": _flag(node, "focusable"),
        "focused": _flag(node, "focused"),
        "longClickable": _flag(node, "long-clickable"),
        "packageName": node.get("package") or "",
        "resourceName": resource,
        "scrollable": _flag(node, "scrollable"),
        "selected": _flag(node, "selected"),
        "text": node.get("text") or "",
        "visibleBounds": dict(rect),
    }
