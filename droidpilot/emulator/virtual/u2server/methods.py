"""The server's method table, and the methods that act on the device as a whole.

Names, parameter lists and results follow the AutomatorService interface of the u2.jar that
uiautomator2 3.7.1 pushes (``com.wetest.uia2.stub``); ``U2Methods.table()`` is what the
JSON-RPC dispatcher serves. Element methods live in ``uiobject.py``, scrolling in ``scroll.py``.
Not served (the client never sends them, or they need what the virtual device lacks): shell
execution, watchers, launchApp, multi-touch ``gesture``/``pinchIn``/``pinchOut`` and the
file-saving ``takeScreenshot(filename, scale, quality)``.
"""

from __future__ import annotations

import asyncio
import base64
import math
from typing import Any

from .args import as_bool, as_float, as_int, as_str, expect_arity
from .base import MS_PER_STEP, POLL_S, MethodBase, rpc
from .hierarchy import transform
from .jsonrpc import InvalidParams, JavaException
from .scroll import ScrollMethods
from .selector import compile_selector
from .uiobject import UiObjectMethods

__all__ = ["DeviceMethods", "U2Methods", "KEY_NAMES", "ORIENTATIONS"]

# pressKey names the server understands (anything else answers false), as InputManager names.
KEY_NAMES = {
    "home": "home", "back": "back", "left": "left", "right": "right", "up": "up", "down": "down",
    "center": "center", "menu": "menu", "search": "search", "enter": "enter", "delete": "delete",
    "del": "delete", "recent": "recent", "volume_up": "volume_up", "volume_down": "volume_down",
    "volume_mute": "volume_mute", "camera": "camera", "power": "power",
}
# setOrientation words -> Surface rotation (UiDevice.setOrientationLeft is ROTATION_90)
ORIENTATIONS = {"natural": 0, "n": 0, "left": 1, "l": 1, "upsidedown": 2, "u": 2, "right": 3, "r": 3}
TOUCH_ACTIONS = (0, 1, 2)  # MotionEvent DOWN, UP, MOVE
DEFAULT_CONFIGURATOR = {
    "actionAcknowledgmentTimeout": 3000,
    "keyInjectionDelay": 0,
    "scrollAcknowledgmentTimeout": 200,
    "uiAutomationFlags": 0,
    "waitForIdleTimeout": 10000,
    "waitForSelectorTimeout": 10000,
}


def _java_round(value: float) -> int:
    return int(math.floor(value + 0.5))


class DeviceMethods(MethodBase):
    """Screen, input, keys, clipboard, toasts, shade, power and rotation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.configurator = dict(DEFAULT_CONFIGURATOR)

    # -- identity and screen ----------------------------------------------------------------------
    @rpc("ping")
    async def ping(self, args: list[Any]) -> str:
        return "pong"

    @rpc("deviceInfo")
    async def device_info(self, args: list[Any]) -> dict[str, Any]:
        system = self.system
        with system.lock:
            current = system.am.current()
            width, height = system.wm.size
            rotation = int(system.wm.rotation)
            density = float(system.wm.density)
            screen_on = bool(system.power.screen_on)
            props = dict(system.props)
        scale = density / 160.0 if density > 0 else 1.0
        sdk = props.get("ro.build.version.sdk", "")
        return {
            "currentPackageName": current[0] if current else "",
            "displayHeight": int(height),
            "displayRotation": rotation,
            "displaySizeDpX": _java_round(width / scale),
            "displaySizeDpY": _java_round(height / scale),
            "displayWidth": int(width),
            "productName": props.get("ro.product.name", ""),
            "screenOn": screen_on,
            "sdkInt": int(sdk) if sdk.isdigit() else 0,
            "naturalOrientation": rotation in (0, 2),
        }

    @rpc("dumpWindowHierarchy")
    async def dump_window_hierarchy(self, args: list[Any]) -> str:
        n = expect_arity("dumpWindowHierarchy", args, 1, 2, 3)
        compressed = as_bool(args[0], "compressed")
        max_depth = as_int(args[1], "maxDepth") if n >= 2 and args[1] is not None else None
        root_in_active = n == 3 and args[2] is not None and as_bool(args[2], "rootInActive")
        snap = self.screen.snapshot(all_windows=not root_in_active)
        if not compressed and (max_depth is None or max_depth <= 0 or max_depth >= snap.depth):
            return snap.xml
        return transform(snap.root, compressed=compressed, max_depth=max_depth)

    @rpc("takeScreenshot")
    async def take_screenshot(self, args: list[Any]) -> str:
        expect_arity("takeScreenshot", args, 2)
        scale = as_float(args[0], "scale")
        quality = as_int(args[1], "quality")
        if not 0 < scale <= 1 or not 0 <= quality <= 100:
            raise InvalidParams(f"takeScreenshot needs 0 < scale <= 1 and 0 <= quality <= 100, got {scale}, {quality}")
        jpeg = await asyncio.to_thread(self.system.wm.screenshot_jpeg, quality, scale)
        return base64.b64encode(jpeg).decode("ascii")

    # -- touch ------------------------------------------------------------------------------------
    def on_screen(self, x: int, y: int) -> bool:
        width, height = self.display_size()
        return 0 <= x < width and 0 <= y < height

    async def click_point(self, args: list[Any]) -> bool:
        """``click(x, y)`` and ``click(x, y, ms)``; off-screen points are refused like UiDevice.click."""
        n = expect_arity("click", args, 2, 3)
        x, y = as_int(args[0], "x"), as_int(args[1], "y")
        if not self.on_screen(x, y):
            return False
        if n == 3:
            self.long_press(x, y, max(0, as_int(args[2], "ms")))
        else:
            self.tap(x, y)
        return True

    async def swipe_points_xy(self, args: list[Any]) -> bool:
        """``swipe(startX, startY, endX, endY, steps)``."""
        expect_arity("swipe", args, 5)
        x1, y1, x2, y2, steps = (as_int(v, "swipe argument") for v in args)
        self.swipe(x1, y1, x2, y2, max(1, steps) * MS_PER_STEP)
        return True

    @rpc("swipePoints")
    async def swipe_points(self, args: list[Any]) -> bool:
        expect_arity("swipePoints", args, 2)
        flat = args[0]
        if not isinstance(flat, list) or len(flat) < 2 or len(flat) % 2:
            raise InvalidParams("swipePoints needs [x1, y1, x2, y2, ...] with at least one point")
        coords = [as_int(v, "point coordinate") for v in flat]
        points = list(zip(coords[0::2], coords[1::2]))
        steps = max(1, as_int(args[1], "steps"))
        ms = steps * MS_PER_STEP * max(1, len(points) - 1)
        self.locked(self.system.input.swipe_points, points, ms)
        return True

    @rpc("drag")
    async def drag(self, args: list[Any]) -> bool:
        expect_arity("drag", args, 5)
        x1, y1, x2, y2, steps = (as_int(v, "drag argument") for v in args)
        self.locked(self.system.input.drag, x1, y1, x2, y2, max(1, steps) * MS_PER_STEP)
        return True

    @rpc("injectInputEvent")
    async def inject_input_event(self, args: list[Any]) -> bool:
        expect_arity("injectInputEvent", args, 4)
        action = as_int(args[0], "action")
        x, y = as_float(args[1], "x"), as_float(args[2], "y")
        as_int(args[3], "metaState")
        if action not in TOUCH_ACTIONS:
            return False
        self.locked(self.system.input.touch, action, int(x), int(y))
        return True

    # -- keys -------------------------------------------------------------------------------------
    @rpc("pressKey")
    async def press_key(self, args: list[Any]) -> bool:
        expect_arity("pressKey", args, 1)
        name = KEY_NAMES.get((as_str(args[0], "key") or "").lower())
        if name is None:
            return False
        self.locked(self.system.input.key_name, name)
        return True

    @rpc("pressKeyCode")
    async def press_key_code(self, args: list[Any]) -> bool:
        n = expect_arity("pressKeyCode", args, 1, 2)
        code = as_int(args[0], "keyCode")
        meta = as_int(args[1], "metaState") if n == 2 else 0
        self.locked(lambda: self.system.input.key(code, meta=meta))
        return True

    # -- clipboard and text -------------------------------------------------------------------------
    @rpc("setClipboard")
    async def set_clipboard(self, args: list[Any]) -> None:
        expect_arity("setClipboard", args, 2)
        label = as_str(args[0], "label")
        text = as_str(args[1], "text")
        self.locked(self.system.clipboard.set, text, label)

    @rpc("getClipboard")
    async def get_clipboard(self, args: list[Any]) -> str | None:
        return self.locked(self.system.clipboard.get)

    @rpc("pasteClipboard")
    async def paste_clipboard(self, args: list[Any]) -> None:
        self.locked(self.system.input.paste)

    @rpc("clearInputText")
    async def clear_input_text(self, args: list[Any]) -> None:
        focused = self.find_node(compile_selector({"mask": 0x20000, "focused": True}))
        if focused is not None:
            self.clear_node_text(focused)

    # -- toasts, shade, power -----------------------------------------------------------------------
    @rpc("getLastToast")
    async def get_last_toast(self, args: list[Any]) -> str | None:
        return self.locked(self.system.toasts.last)

    @rpc("clearLastToast")
    async def clear_last_toast(self, args: list[Any]) -> None:
        self.locked(self.system.toasts.clear_last)

    @rpc("getLastTraversedText")
    async def get_last_traversed_text(self, args: list[Any]) -> None:
        return None  # traversal events come from WebViews, which the virtual device has none of

    @rpc("clearLastTraversedText")
    async def clear_last_traversed_text(self, args: list[Any]) -> None:
        return None

    @rpc("openNotification")
    async def open_notification(self, args: list[Any]) -> bool:
        self.locked(self.system.notifications.open_shade)
        return True

    @rpc("openQuickSettings")
    async def open_quick_settings(self, args: list[Any]) -> bool:
        self.locked(self.system.notifications.open_quick_settings)
        return True

    @rpc("wakeUp")
    async def wake_up(self, args: list[Any]) -> None:
        self.locked(self.system.power.wake)

    @rpc("sleep")
    async def sleep(self, args: list[Any]) -> None:
        self.locked(self.system.power.sleep)

    @rpc("isScreenOn")
    async def is_screen_on(self, args: list[Any]) -> bool:
        return bool(self.locked(lambda: self.system.power.screen_on))

    # -- rotation -----------------------------------------------------------------------------------
    @rpc("setOrientation")
    async def set_orientation(self, args: list[Any]) -> None:
        expect_arity("setOrientation", args, 1)
        word = (as_str(args[0], "orientation") or "").lower()
        rotation = ORIENTATIONS.get(word)
        if rotation is None:
            raise JavaException("java.lang.IllegalArgumentException", f"Invalid orientation: {word}")
        self._freeze_at(rotation)

    @rpc("freezeRotation")
    async def freeze_rotation(self, args: list[Any]) -> None:
        expect_arity("freezeRotation", args, 1)
        if as_bool(args[0], "freeze"):
            self._freeze_at(None)
        else:
            self.locked(self.system.wm.freeze_rotation, False)

    def _freeze_at(self, rotation: int | None) -> None:
        """UiAutomation.setRotation(ROTATION_FREEZE_*): lock the display at ``rotation`` (None: as it is).

        On Android that is ``user_rotation`` plus ``accelerometer_rotation=0`` in system settings;
        the device applies ``user_rotation`` whenever settings change, so it is written too.
        """
        system = self.system
        with system.lock:
            target = system.wm.rotation if rotation is None else rotation
            system.wm.freeze_rotation(True)
            system.settings.put("system", "user_rotation", str(target))
            if system.wm.rotation != target:
                system.wm.set_rotation(target)

    # -- waiting ------------------------------------------------------------------------------------
    @rpc("waitForIdle")
    async def wait_for_idle(self, args: list[Any]) -> None:
        await asyncio.sleep(0)  # the virtual device renders synchronously: it is always idle

    @rpc("waitForWindowUpdate")
    async def wait_for_window_update(self, args: list[Any]) -> bool:
        """True once the screen changes (and, if a package is named, it is in front) within the timeout."""
        expect_arity("waitForWindowUpdate", args, 2)
        package = as_str(args[0], "packageName")
        timeout = max(0, as_int(args[1], "timeout")) / 1000.0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        start = self.screen.generation()
        while True:
            with self.system.lock:
                moved = self.system.wm.generation != start
                current = self.system.am.current()
            if moved and (package is None or (current and current[0] == package)):
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await asyncio.sleep(min(POLL_S, remaining))

    # -- configurator -------------------------------------------------------------------------------
    @rpc("getConfigurator")
    async def get_configurator(self, args: list[Any]) -> dict[str, int]:
        return dict(self.configurator)

    @rpc("setConfigurator")
    async def set_configurator(self, args: list[Any]) -> dict[str, int]:
        expect_arity("setConfigurator", args, 1)
        if not isinstance(args[0], dict):
            raise InvalidParams("setConfigurator needs a ConfiguratorInfo object")
        for key, value in args[0].items():
            if key in self.configurator and value is not None:
                self.configurator[key] = as_int(value, key)
        return dict(self.configurator)


class U2Methods(UiObjectMethods, ScrollMethods, DeviceMethods):
    """Every method the server answers; ``U2Methods(system).table()`` is the dispatch table."""
