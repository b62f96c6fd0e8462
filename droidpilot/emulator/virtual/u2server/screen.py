"""The live screen as the server sees it: the hierarchy XML, parsed once per distinct screen.

Clients poll (``waitForExists``, ``exists`` before every click), so parsing the dump for each
call would dominate. The window manager already caches its XML per generation and notices
time-based changes (a toast timing out, the status-bar clock) whenever it is asked, so every
snapshot asks it, and the parsed tree is reused while the XML it returns is the same.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from .hierarchy import depth_of
from .selector import parse_hierarchy

__all__ = ["Snapshot", "ScreenCache", "bounds_of", "centre_of", "obj_info"]

_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")


@dataclass
class Snapshot:
    """One rendering of the hierarchy; ``root`` (the ``<hierarchy>`` element) is parsed on first use."""

    generation: Any
    all_windows: bool
    xml: str
    taken_at: float
    _root: Any = field(default=None, repr=False)
    _depth: int | None = field(default=None, repr=False)

    @property
    def root(self) -> Any:
        if self._root is None:
            self._root = parse_hierarchy(self.xml)
        return self._root

    @property
    def depth(self) -> int:
        """Depth of the deepest node (window roots are 1), computed once."""
        if self._depth is None:
            self._depth = depth_of(self.root)
        return self._depth


class ScreenCache:
    """The latest snapshot per window mode; the same object comes back while the screen is unchanged."""

    def __init__(self, system: Any, *, clock: Any = time.monotonic) -> None:
        self.system = system
        self.clock = clock
        self._latest: dict[bool, Snapshot] = {}

    def generation(self) -> Any:
        with self.system.lock:
            return self.system.wm.generation

    def snapshot(self, *, all_windows: bool = True) -> Snapshot:
        with self.system.lock:
            xml = self.system.wm.hierarchy_xml(all_windows=all_windows)
            gen = self.system.wm.generation
        cached = self._latest.get(all_windows)
        if cached is not None and (cached.xml is xml or cached.xml == xml):
            cached.generation = gen
            return cached
        snap = Snapshot(gen, all_windows, xml, self.clock())
        self._latest[all_windows] = snap
        return snap

    def root(self) -> Any:
        """The tree selectors search: the active window only.

        UiAutomator's QueryController starts every UiSelector search at
        ``getRootInActiveWindow()``, so on a phone ``d(description="Back")`` does not find the
        navigation bar's button; the dump (``dumpWindowHierarchy``) still shows every window.
        """
        return self.snapshot(all_windows=False).root


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
