"""Touch and text input: which view gets an event, and what it does with it.

The dispatcher reads the current windows through a callable (the window manager rebuilds and
lays out trees whose state changed) and answers each event with a ``TouchResult``: the window
and view hit, whether state changed (rebuild + bump the generation), whether the keyboard
should show or hide, and system gestures (``open_shade``) it leaves to the OS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from . import textinput
from .keyboard import apply_key
from .scroll import _Scrolling
from .views import View
from .widgets import Canvas, Edit, RadioButton, SeekBar, _Toggle
from .window import Window

TOUCH_SLOP = 24  # px a finger may wander before a touch becomes a swipe (8 dp at 420 dpi)
LONG_PRESS_MS = 400  # ViewConfiguration's long-press timeout
FLING_MAX_MS = 200
FLING_MIN_PX = 300
FLING_FACTOR = 4  # a fling travels this many times the finger distance before clamping
SHADE_PULL_PX = 100


@dataclass
class TouchResult:
    """What an input event did. ``changed``: some owner state changed or a callback ran, so
    rebuild the affected windows (``windows``) and bump the generation. ``ime``: "show" /
    "hide" / None. ``gesture``: a system gesture for the OS ("open_shade"). ``blocked``: a
    modal window or a disabled view swallowed the event."""

    action: str
    window: Window | None = None
    view: View | None = None
    changed: bool = False
    ime: str | None = None
    gesture: str | None = None
    blocked: bool = False
    detail: str = ""
    windows: list[Window] = field(default_factory=list)

    @property
    def handled(self) -> bool:
        return self.view is not None or self.blocked or self.gesture is not None

    @property
    def view_id(self) -> str | None:
        return self.view.id if self.view is not None else None

    def touch(self, w: Window | None) -> None:
        if w is not None and w not in self.windows:
            self.windows.append(w)


def _deepest(v: View, x: float, y: float, pred: Callable[[View], bool]) -> View | None:
    if not v.clip.contains(x, y):
        return None
    for c in reversed(v.children):
        hit = _deepest(c, x, y, pred)
        if hit is not None:
            return hit
    return v if pred(v) else None


def _interactive(v: View) -> bool:
    return v.interactive() or getattr(v, "ime_key", None) is not None


def window_at(windows: Sequence[Window], x: float, y: float) -> tuple[Window | None, Window | None]:
    """(window that receives a touch at x,y, modal window that swallowed it instead)."""
    for w in reversed(windows):
        w.require_layout()
        if not w.touchable:
            continue
        if w.frame.contains(x, y):
            return w, None
        if w.modal:
            return None, w
    return None, None


def hit_test(windows: Sequence[Window], x: float, y: float) -> tuple[Window | None, View | None]:
    """The receiving window and the deepest interactive view under (x, y) in it."""
    w, _ = window_at(windows, x, y)
    if w is None:
        return None, None
    return w, _deepest(w.root, x, y, _interactive)


class InputDispatcher:
    """Routes touch and text to views. ``get_windows`` returns the laid-out windows bottom → top."""

    def __init__(self, get_windows: Callable[[], Sequence[Window]]) -> None:
        self.get_windows = get_windows

    # -- taps ---------------------------------------------------------------------------------
    def tap(self, x: float, y: float) -> TouchResult:
        windows = list(self.get_windows())
        res = TouchResult("tap")
        w, modal = window_at(windows, x, y)
        if w is None:
            return self._outside(res, modal)
        res.window = w
        v = _deepest(w.root, x, y, _interactive)
        if v is None:
            res.detail = "no interactive view under the point"
            return res
        res.view = v
        if not v.enabled:
            res.blocked = True
            res.detail = "disabled view"
            return res
        key = getattr(v, "ime_key", None)
        if key is not None:
            return apply_key(self, res, w, key)
        if isinstance(v, Edit):
            moved = textinput.focus(w, v)
            if v.on_click is not None:
                v.on_click()
                moved = True
            res.changed = moved
            res.ime = "show"
            res.detail = "focused edit"
        elif isinstance(v, RadioButton):
            self._select_radio(res, w, v)
        elif isinstance(v, _Toggle):
            new = not bool(v.checked)
            if not v.controlled:
                w.state[f"checked:{v.key}"] = new
            v.checked = new
            if v.on_change is not None:
                v.on_change(new)
            if v.on_click is not None:
                v.on_click()
            res.changed = True
            res.detail = f"toggled to {new}"
        elif isinstance(v, SeekBar):
            self._seek(res, w, v, x)
        elif isinstance(v, Canvas) and v.on_tap is not None:
            v.on_tap(int(x) - v.rect.left, int(y) - v.rect.top)
            res.changed = True
            res.detail = "canvas tap"
        elif v.on_click is not None:
            v.on_click()
            res.changed = True
            res.detail = "clicked"
        else:
            res.detail = "clickable view without a handler"
        if res.changed:
            res.touch(w)
        return res

    def double_tap(self, x: float, y: float) -> TouchResult:
        first = self.tap(x, y)
        second = self.tap(x, y)
        second.action = "double_tap"
        second.changed = first.changed or second.changed
        for w in first.windows:
            second.touch(w)
        second.ime = second.ime or first.ime
        return second

    def long_press(self, x: float, y: float, ms: int = 600) -> TouchResult:
        windows = list(self.get_windows())
        res = TouchResult("long_press")
        w, modal = window_at(windows, x, y)
        if w is None:
            return self._outside(res, modal)
        res.window = w
        v = _deepest(w.root, x, y, lambda n: n.long_clickable or _interactive(n))
        res.view = v
        if v is None:
            return res
        if not v.enabled:
            res.blocked = True
            res.detail = "disabled view"
        elif v.on_long_click is not None:
            v.on_long_click()
            res.changed = True
            res.touch(w)
            res.detail = "long-clicked"
        elif isinstance(v, Edit):
            res.changed = textinput.focus(w, v)
            res.ime = "show"
            if res.changed:
                res.touch(w)
        return res

    def _outside(self, res: TouchResult, modal: Window | None) -> TouchResult:
        if modal is not None:
            res.window = modal
            res.blocked = True
            res.detail = "outside a modal window"
            if modal.on_outside is not None:
                modal.on_outside()
                res.changed = True
                res.touch(modal)
        return res

    def _select_radio(self, res: TouchResult, w: Window, v: RadioButton) -> None:
        group = v.group()
        if group is not None:
            if group.current != v.value:
                if group.value is None:
                    w.state[f"radio:{group.key}"] = v.value
                if group.on_change is not None:
                    group.on_change(v.value)
                res.changed = True
        elif not v.checked:
            if not v.controlled:
                w.state[f"checked:{v.key}"] = True
            if v.on_change is not None:
                v.on_change(True)
            res.changed = True
        v.checked = True
        if v.on_click is not None:
            v.on_click()
            res.changed = True
        res.detail = f"selected {v.value!r}"

    def _seek(self, res: TouchResult, w: Window, v: SeekBar, x: float) -> None:
        new = v.value_at(x)
        if new != v.current:
            if not v.controlled:
                w.state[f"value:{v.key}"] = new
            v.current = new
            if v.on_change is not None:
                v.on_change(new)
            res.changed = True
            res.touch(w)
        res.detail = f"value {new}"

    # -- swipes -------------------------------------------------------------------------------
    def swipe(self, x1: float, y1: float, x2: float, y2: float, ms: int = 300) -> TouchResult:
        return self._move("swipe", x1, y1, x2, y2, ms, fling=True)

    def drag(self, x1: float, y1: float, x2: float, y2: float, ms: int = 1000) -> TouchResult:
        return self._move("drag", x1, y1, x2, y2, ms, fling=False)

    def _move(self, action: str, x1: float, y1: float, x2: float, y2: float, ms: int, fling: bool) -> TouchResult:
        dx, dy = x2 - x1, y2 - y1
        if abs(dx) < TOUCH_SLOP and abs(dy) < TOUCH_SLOP:
            res = self.long_press(x1, y1, ms) if ms >= LONG_PRESS_MS else self.tap(x1, y1)
            res.action = action
            return res
        windows = list(self.get_windows())
        res = TouchResult(action)
        w, modal = window_at(windows, x1, y1)
        if w is None:
            return self._outside(res, modal)
        res.window = w
        if w.kind == "status_bar" and dy > SHADE_PULL_PX and abs(dy) > abs(dx):
            res.gesture = "open_shade"
            res.detail = "pull down from the status bar"
            return res
        grabbed = _deepest(w.root, x1, y1, _interactive)
        if isinstance(grabbed, SeekBar) and grabbed.enabled:
            res.view = grabbed
            self._seek(res, w, grabbed, x2)
            return res
        vertical = abs(dy) >= abs(dx)
        distance = -(dy if vertical else dx)  # finger up → content moves up → offset grows
        if fling and ms < FLING_MAX_MS and abs(distance) > FLING_MIN_PX:
            distance *= FLING_FACTOR
            res.detail = "fling; "
        target = self._scroll_target(w.root, x1, y1, vertical, distance)
        if target is None:
            res.detail += "nothing to scroll"
            return res
        res.view = target
        old = target.scroll
        new = int(max(0, min(target.max_scroll, old + distance)))
        if new != old:
            w.state[f"scroll:{target.key}"] = new
            target.scroll = new
            res.changed = True
            res.touch(w)
        res.detail += f"scrolled {target.key} {old}→{new}"
        return res

    @staticmethod
    def _scroll_target(root: View, x: float, y: float, vertical: bool, distance: float) -> _Scrolling | None:
        """The innermost container under the point that scrolls on this axis and can still move
        in this direction (else the first one on the axis, which then just stays clamped)."""
        found: list[_Scrolling] = []

        def collect(v: View) -> None:
            if not v.clip.contains(x, y):
                return
            if isinstance(v, _Scrolling) and v.scrollable and v.horizontal != vertical:
                found.append(v)
            for c in v.children:
                collect(c)

        collect(root)
        for v in reversed(found):
            if (distance > 0 and v.scroll < v.max_scroll) or (distance < 0 and v.scroll > 0):
                return v
        return found[-1] if found else None

    # -- text ---------------------------------------------------------------------------------
    def _target(self, action: str) -> tuple[TouchResult, Window | None, Edit | None]:
        res = TouchResult(action)
        found = textinput.find_focused_edit(self.get_windows())
        if found is None:
            res.detail = "no focused text field"
            return res, None, None
        res.window, res.view = found
        return res, found[0], found[1]

    def commit_text(self, s: str) -> TouchResult:
        res, w, e = self._target("commit_text")
        if w is not None and e is not None and textinput.commit_text(w, e, s):
            res.changed = True
            res.touch(w)
        return res

    def delete_backward(self, count: int = 1) -> TouchResult:
        res, w, e = self._target("delete_backward")
        if w is not None and e is not None and textinput.delete_backward(w, e, count):
            res.changed = True
            res.touch(w)
        return res

    def editor_action(self) -> TouchResult:
        res, w, e = self._target("editor_action")
        if w is not None and e is not None:
            changed, hide = textinput.editor_action(w, e)
            res.changed = changed
            res.ime = "hide" if hide else None
            if changed:
                res.touch(w)
        return res

    def set_text(self, s: str) -> TouchResult:
        res, w, e = self._target("set_text")
        if w is not None and e is not None and textinput.set_text(w, e, s):
            res.changed = True
            res.touch(w)
        return res

    def clear(self) -> TouchResult:
        res = self.set_text("")
        res.action = "clear"
        return res

