"""The input manager: turns ``input``, uiautomator2 and console events into what Android does
with them — touch to the view under the finger (through the toolkit's dispatcher), keys to the
system (BACK, HOME, recents, power, volume) or the focused text field, text to the IME."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..ui.touch import InputDispatcher, TouchResult
from .keycodes import KEY_CHARS

if TYPE_CHECKING:  # pragma: no cover
    from .core import System

KEY_HOME, KEY_BACK, KEY_ENTER, KEY_DEL, KEY_FORWARD_DEL = 3, 4, 66, 67, 112
KEY_APP_SWITCH, KEY_POWER, KEY_WAKEUP, KEY_SLEEP = 187, 26, 224, 223
KEY_VOLUME_UP, KEY_VOLUME_DOWN, KEY_VOLUME_MUTE = 24, 25, 164
KEY_NOTIFICATION, KEY_MENU, KEY_TAB, KEY_ESCAPE, KEY_DPAD_CENTER = 83, 82, 61, 111, 23
KEY_PASTE = 279

DOUBLE_TAP_S = 0.3
LONG_PRESS_MS = 500


class InputManager:
    def __init__(self, system: "System") -> None:
        self.system = system
        self.dispatcher = InputDispatcher(self.system.wm.window_list)
        self.gesture_time_scale = 1.0  # ``input swipe`` blocks for its duration, as on Android
        self.events: list[TouchResult] = []  # recent results, for tests and debugging
        self._down: tuple[float, float, float] | None = None
        self._last_tap: tuple[float, float, float] | None = None

    # -- plumbing -----------------------------------------------------------------------------------
    def _apply(self, res: TouchResult) -> TouchResult:
        system = self.system
        if res.changed:
            system.wm.invalidate()
        if res.ime == "show":
            system.ime.show()
        elif res.ime == "hide":
            system.ime.hide()
        if res.gesture == "open_shade":
            system.notifications.open_shade()
        self.events.append(res)
        del self.events[:-50]
        system.power.last_user_activity = time.monotonic()
        return res

    def _awake(self) -> bool:
        return self.system.power.screen_on

    # -- touch -----------------------------------------------------------------------------------
    def tap(self, x: float, y: float) -> TouchResult:
        with self.system.lock:
            if not self._awake():
                return TouchResult("tap", detail="screen off")
            return self._apply(self.dispatcher.tap(x, y))

    def double_tap(self, x: float, y: float) -> TouchResult:
        with self.system.lock:
            self.tap(x, y)
            res = self.tap(x, y)
            res.action = "double_tap"
            return res

    def long_press(self, x: float, y: float, ms: int = 600) -> TouchResult:
        with self.system.lock:
            if not self._awake():
                return TouchResult("long_press", detail="screen off")
            return self._apply(self.dispatcher.long_press(x, y, ms))

    def swipe(self, x1: float, y1: float, x2: float, y2: float, ms: int = 300) -> TouchResult:
        with self.system.lock:
            if not self._awake():
                return TouchResult("swipe", detail="screen off")
            res = self._apply(self.dispatcher.swipe(x1, y1, x2, y2, ms))
            if not res.changed and res.gesture is None and not res.blocked and res.action == "swipe":
                self._unhandled_swipe(x1, y1, x2, y2)
            return res

    def swipe_points(self, points: list[tuple[float, float]], ms: int = 300) -> TouchResult:
        if len(points) < 2:
            return self.tap(*points[0]) if points else TouchResult("swipe", detail="no points")
        return self.swipe(points[0][0], points[0][1], points[-1][0], points[-1][1], ms)

    def drag(self, x1: float, y1: float, x2: float, y2: float, ms: int = 1000) -> TouchResult:
        with self.system.lock:
            if not self._awake():
                return TouchResult("drag", detail="screen off")
            return self._apply(self.dispatcher.drag(x1, y1, x2, y2, ms))

    def _unhandled_swipe(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A swipe nothing scrolled: system gestures, then the app's own swipe handler."""
        system = self.system
        w, h = system.wm.size
        dx, dy = x2 - x1, y2 - y1
        if system.notifications.shade_open and dy < -100:
            system.notifications.collapse()
            return
        if y1 > h - 0.06 * h and dy < -0.1 * h and not system.notifications.shade_open:
            # Gesture navigation: swipe up from the bottom edge goes home.
            self.key(KEY_HOME)
            return
        act = system.am.top()
        if act is not None and act.on_swipe(dx, dy):
            system.wm.invalidate()

    def touch(self, action: int, x: float, y: float) -> TouchResult:
        """Raw MotionEvents (uiautomator2 injectInputEvent, ``input motionevent``)."""
        now = time.monotonic()
        if action == 0:
            self._down = (x, y, now)
            return TouchResult("down")
        if action == 2:
            return TouchResult("move")
        if action in (1, 3) and self._down is not None:
            x0, y0, t0 = self._down
            self._down = None
            if action == 3:
                return TouchResult("cancel")
            held_ms = int((now - t0) * 1000)
            if abs(x - x0) < 24 and abs(y - y0) < 24:
                if held_ms >= LONG_PRESS_MS:
                    return self.long_press(x, y, held_ms)
                return self.tap(x, y)
            return self.swipe(x0, y0, x, y, max(1, held_ms))
        return TouchResult("up", detail="no matching down")

    # -- keys ------------------------------------------------------------------------------------
    def key(self, code: int, *, longpress: bool = False, meta: int = 0) -> None:
        system = self.system
        with system.lock:
            system.power.last_user_activity = time.monotonic()
            if code in (KEY_POWER, KEY_SLEEP, KEY_WAKEUP):
                if code == KEY_POWER:
                    system.power.toggle()
                elif code == KEY_SLEEP:
                    system.power.sleep()
                else:
                    system.power.wake()
                return
            if not system.power.screen_on:
                if code in (KEY_HOME, KEY_MENU):
                    system.power.wake()
                return
            if code == KEY_BACK:
                self._back()
            elif code == KEY_HOME:
                system.recents_open = False
                system.notifications.collapse()
                system.ime.hide()
                system.am.home()
            elif code == KEY_APP_SWITCH:
                system.notifications.collapse()
                system.ime.hide()
                system.recents_open = not getattr(system, "recents_open", False)
                system.wm.invalidate()
            elif code == KEY_NOTIFICATION:
                system.notifications.open_shade()
            elif code in (KEY_VOLUME_UP, KEY_VOLUME_DOWN, KEY_VOLUME_MUTE):
                self._volume(code)
            elif code == KEY_ENTER:
                self._apply(self.dispatcher.editor_action())
            elif code == KEY_DEL:
                self._apply(self.dispatcher.delete_backward(1))
            elif code == KEY_PASTE:
                self.paste()
            elif code in KEY_CHARS:
                ch = KEY_CHARS[code]
                self._apply(self.dispatcher.commit_text(ch.upper() if meta & 1 else ch))
            else:
                act = system.am.top()
                if act is not None and act.on_key(code):
                    system.wm.invalidate()

    def key_name(self, name: str) -> bool:
        """uiautomator2 ``pressKey`` names."""
        names = {
            "home": KEY_HOME, "back": KEY_BACK, "left": 21, "right": 22, "up": 19, "down": 20, "center": KEY_DPAD_CENTER,
            "menu": KEY_MENU, "search": 84, "enter": KEY_ENTER, "delete": KEY_DEL, "del": KEY_DEL, "recent": KEY_APP_SWITCH,
            "volume_up": KEY_VOLUME_UP, "volume_down": KEY_VOLUME_DOWN, "volume_mute": KEY_VOLUME_MUTE, "camera": 27,
            "power": KEY_POWER,
        }
        code = names.get(name.lower())
        if code is None:
            return False
        self.key(code)
        return True

    def _back(self) -> None:
        system = self.system
        if getattr(system, "recents_open", False):
            system.recents_open = False
            system.wm.invalidate()
            return
        if system.notifications.shade_open:
            system.notifications.collapse()
            return
        if system.ime.shown:
            system.ime.hide()
            return
        dialog = system.dialogs.top()
        if dialog is not None:
            if dialog.cancelable:
                system.dialogs.dismiss(dialog)
            return
        act = system.am.top()
        if act is not None and act.build_dialog() is not None:
            act.dismiss_dialog()
            system.wm.invalidate()
            return
        system.am.back()

    def _volume(self, code: int) -> None:
        s = self.system.settings
        value = s.get_int("system", "volume_music", 8)
        if code == KEY_VOLUME_UP:
            value = min(15, value + 1)
        elif code == KEY_VOLUME_DOWN:
            value = max(0, value - 1)
        else:
            value = 0
        s.put("system", "volume_music", str(value))

    # -- text ------------------------------------------------------------------------------------
    def text(self, s: str) -> TouchResult:
        with self.system.lock:
            return self._apply(self.dispatcher.commit_text(s))

    def paste(self) -> TouchResult:
        with self.system.lock:
            clip = self.system.clipboard.get()
            if not clip:
                return TouchResult("paste", detail="clipboard empty")
            return self._apply(self.dispatcher.commit_text(clip))

    def set_text(self, x: float, y: float, text: str) -> TouchResult:
        """uiautomator2 ``setText`` on the field at (x, y): focus it, then replace its text."""
        with self.system.lock:
            self.focus_at(x, y)
            return self._apply(self.dispatcher.set_text(text))

    def clear_text(self, x: float | None = None, y: float | None = None) -> TouchResult:
        with self.system.lock:
            if x is not None and y is not None:
                self.focus_at(x, y)
            return self._apply(self.dispatcher.clear())

    def focus_at(self, x: float, y: float) -> None:
        """Focus the text field under (x, y) without showing the keyboard (accessibility focus)."""
        from ..ui import textinput
        from ..ui.touch import hit_test

        windows = self.system.wm.window_list()
        w, v = hit_test(windows, x, y)
        if w is not None and textinput.is_text_target(v):
            if textinput.focus(w, v):
                self.system.wm.invalidate()
