"""The window manager: which windows are on screen, their frames, and the three things the
rest of the device asks of the screen: the uiautomator XML, the pixels, and touch targets.

Windows are recomposed lazily: any change calls ``invalidate()``, which bumps ``generation``;
the next request rebuilds the window list once and every encoding (XML, PNG, JPEG, raw) is
cached per generation, so repeated dumps of an unchanged screen cost nothing.
"""

from __future__ import annotations

import io
import struct
import threading
import time
from typing import TYPE_CHECKING, Any

from PIL import Image

from ..ui.geometry import Rect
from ..ui.keyboard import keyboard_window
from ..ui.window import Screen, Window, centered_frame, ime_height, nav_bar_height, status_bar_height

if TYPE_CHECKING:  # pragma: no cover
    from .core import System


class WindowManager:
    def __init__(self, system: "System", *, width: int, height: int, density: int) -> None:
        self.system = system
        self.physical_size = (width, height)
        self.physical_density = density
        self.override_size: tuple[int, int] | None = None
        self.override_density: int | None = None
        self.rotation = 0
        self.rotation_frozen = False
        self.generation = 1
        self._windows: list[Window] | None = None
        self._windows_gen = -1
        self._cache: dict[Any, Any] = {}
        self._encode_lock = threading.Lock()
        self._minute = -1
        self.screen = Screen(width, height, density, 0, "light")
        self.ime_state: dict[str, Any] = {}  # the keyboard's own state (shift, symbols page)

    # -- geometry -------------------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """The logical display size, swapped for landscape rotations."""
        w, h = self.override_size or self.physical_size
        return (h, w) if self.rotation % 2 else (w, h)

    @property
    def width(self) -> int:
        return self.size[0]

    @property
    def height(self) -> int:
        return self.size[1]

    @property
    def density(self) -> int:
        return self.override_density or self.physical_density

    def set_override_size(self, size: tuple[int, int] | None) -> None:
        self.override_size = size
        self.invalidate()

    def set_override_density(self, density: int | None) -> None:
        self.override_density = density
        self.invalidate()

    def set_rotation(self, rotation: int) -> None:
        """Rotate the display and remember it as ``user_rotation``, as freezing rotation does."""
        rotation %= 4
        self._rotate(rotation)
        self.system.settings.put("system", "user_rotation", str(rotation))

    def _rotate(self, rotation: int) -> None:
        if rotation != self.rotation:
            self.rotation = rotation
            self.invalidate()

    def freeze_rotation(self, frozen: bool = True) -> None:
        self.rotation_frozen = frozen
        self.system.settings.put("system", "accelerometer_rotation", "0" if frozen else "1")

    def apply_rotation_setting(self, user_rotation: int) -> None:
        self._rotate(user_rotation % 4)

    # -- invalidation ----------------------------------------------------------------------------
    def invalidate(self) -> None:
        self.generation += 1

    def _check_clock(self) -> None:
        minute = int(self.system.now() // 60)
        if minute != self._minute:
            self._minute = minute
            self.invalidate()

    # -- composition -----------------------------------------------------------------------------
    def window_list(self) -> list[Window]:
        """The windows on screen, bottom to top, composed once per generation."""
        with self.system.lock:
            self._check_clock()
            self.system.faults.tick()
            self.system.toasts.visible()
            if self.system.notifications.heads_up() is None and getattr(self, "_had_heads_up", False):
                self._had_heads_up = False
                self.invalidate()
            if self._windows is not None and self._windows_gen == self.generation:
                return self._windows
            gen = self.generation
            windows = self._compose()
            self.screen.width, self.screen.height = self.size
            self.screen.density = self.density
            self.screen.rotation = self.rotation
            self.screen.theme = "dark" if self.system.settings.get("secure", "ui_night_mode") == "2" else "light"
            self.screen.layout(windows)
            self._windows = windows
            self._windows_gen = gen
            self._cache = {}
            return windows

    def _compose(self) -> list[Window]:
        from ..apps import systemui

        system = self.system
        w, h = self.size
        d = self.density
        sb = status_bar_height(d)
        nb = nav_bar_height(d)
        ime_h = ime_height(h) if system.ime.shown else 0
        gen = self.generation
        windows: list[Window] = []
        act = system.am.top()
        if act is not None:
            app_frame = Rect(0, sb, w, h - nb - ime_h)
            windows.append(
                Window(
                    "app",
                    act.package,
                    act.build(),
                    app_frame,
                    title=f"{act.package}/{act.info.name}",
                    state=act.ui_state,
                    generation=gen,
                    key=f"app:{id(act)}",
                    on_back=act.on_back,
                )
            )
            content = act.build_dialog()
            if content is not None:
                frame = centered_frame(content, w, h - ime_h, d, state=act.ui_state)
                windows.append(
                    Window(
                        "dialog",
                        act.package,
                        content,
                        frame,
                        title=f"{act.package}/{act.info.name}:dialog",
                        modal=True,
                        state=act.ui_state,
                        generation=gen,
                        key=f"dialog:{id(act)}",
                        on_outside=act.dismiss_dialog,
                    )
                )
        windows.extend(system.faults.extra_windows())
        dialog = system.dialogs.top()
        if dialog is not None:
            content = systemui.system_dialog_view(system, dialog)
            frame = centered_frame(content, w, h, d, state={})
            windows.append(
                Window(
                    "dialog",
                    dialog.package,
                    content,
                    frame,
                    title=dialog.title,
                    modal=True,
                    generation=gen,
                    key=f"sysdialog:{id(dialog)}",
                    on_outside=(lambda dlg=dialog: system.dialogs.dismiss(dlg)) if dialog.cancelable else None,
                )
            )
        if system.ime.shown:
            windows.append(
                keyboard_window(w, h, self.ime_state, bottom=h - nb, action=self._ime_action(act), generation=gen)
            )
        windows.append(
            Window("status_bar", "com.android.systemui", systemui.status_bar_view(system), Rect(0, 0, w, sb),
                   title="StatusBar", focusable=False, generation=gen, key="status_bar")
        )
        windows.append(
            Window("nav_bar", "com.android.systemui", systemui.nav_bar_view(system), Rect(0, h - nb, w, h),
                   title="NavigationBar0", focusable=False, generation=gen, key="nav_bar")
        )
        heads_up = system.notifications.heads_up()
        if heads_up is not None and not system.notifications.shade_open:
            self._had_heads_up = True
            view = systemui.heads_up_view(system, heads_up)
            frame = Rect(0, sb, w, sb + int(96 * d / 160))
            windows.append(
                Window("overlay", "com.android.systemui", view, frame, title="HeadsUp", generation=gen, key="heads_up",
                       focusable=False)
            )
        if system.notifications.shade_open:
            windows.append(
                Window("shade", "com.android.systemui", systemui.shade_view(system), Rect(0, 0, w, h),
                       title="NotificationShade", modal=True, generation=gen, key="shade",
                       on_outside=system.notifications.collapse)
            )
        if getattr(system, "recents_open", False):
            windows.append(
                Window("overlay", "com.android.launcher3", systemui.recents_view(system), Rect(0, sb, w, h - nb),
                       title="Recents", modal=True, generation=gen, key="recents")
            )
        toast = system.toasts.current
        if toast is not None:
            view = systemui.toast_view(toast)
            tw = int(w * 0.7)
            th = int(56 * d / 160)
            frame = Rect((w - tw) // 2, h - nb - ime_h - th - int(64 * d / 160), (w + tw) // 2, h - nb - ime_h - int(64 * d / 160))
            windows.append(Window("toast", toast.package, view, frame, title="Toast", focusable=False, touchable=False,
                                  generation=gen, key="toast"))
        return windows

    @staticmethod
    def _ime_action(act) -> str:
        """The IME action key the focused field asks for (search, send, next, done)."""
        if act is None:
            return "done"
        return str(act.ui_state.get("ime_action", "done"))

    # -- outputs ------------------------------------------------------------------------------------
    def hierarchy_xml(self, all_windows: bool = True, compressed: bool = False) -> str:
        windows = self.window_list()
        key = ("xml", self._windows_gen, all_windows)
        cached = self._cache.get(key)
        if cached is None:
            with self.system.lock:
                cached = self.screen.hierarchy_xml(windows, active_only=not all_windows)
            self._cache[key] = cached
        return cached

    def frame(self) -> Image.Image:
        windows = self.window_list()
        key = ("frame", self._windows_gen)
        img = self._cache.get(key)
        if img is None:
            with self.system.lock:
                if self.system.power.screen_on:
                    img = self.screen.paint(windows)
                else:
                    img = Image.new("RGB", self.size, (0, 0, 0))
            self._cache[key] = img
        return img

    def _encoded(self, key: tuple, encode) -> bytes:
        full = (key, self._windows_gen)
        data = self._cache.get(full)
        if data is None:
            img = self.frame()
            with self._encode_lock:
                data = encode(img)
            self._cache[full] = data
        return data

    def screenshot_png(self) -> bytes:
        def enc(img: Image.Image) -> bytes:
            buf = io.BytesIO()
            img.save(buf, format="PNG", compress_level=1)
            return buf.getvalue()

        self.window_list()
        return self._encoded(("png",), enc)

    def screenshot_jpeg(self, quality: int = 80, scale: float = 1.0) -> bytes:
        quality = max(1, min(100, int(quality)))

        def enc(img: Image.Image) -> bytes:
            if scale and 0 < scale < 1:
                img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))))
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=quality)
            return buf.getvalue()

        self.window_list()
        return self._encoded(("jpeg", quality, scale), enc)

    def screenshot_raw(self) -> bytes:
        """``screencap`` without -p: width, height, format (1 = RGBA_8888), colour space, pixels."""

        def enc(img: Image.Image) -> bytes:
            return struct.pack("<IIII", img.width, img.height, 1, 0) + img.convert("RGBA").tobytes()

        self.window_list()
        return self._encoded(("raw",), enc)

    # -- focus and IME ------------------------------------------------------------------------------
    def app_window(self) -> Window | None:
        for win in reversed(self.window_list()):
            if win.kind == "app":
                return win
        return None

    def focused_editor_description(self) -> str | None:
        act = self.system.am.top()
        if act is None or act.ui_state.get("focus") is None:
            return None
        return f"ClientState{{{id(act) & 0xFFFFFFF:07x} mUid={self.system.packages.uid(act.package)} mPid={self.system.am.pid(act.package) or 0}}}"

    def wait_time(self) -> float:
        return time.monotonic()
