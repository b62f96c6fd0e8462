"""``AdbDevice``: the ``Device`` implementation over adbutils and uiautomator2.

Fast path: uiautomator2's JSON-RPC server for the hierarchy, screenshots, touches and text.
When that server cannot start (old or locked-down devices), everything falls back to plain
adb: ``uiautomator dump`` (old dump deleted first, so a stale file is never read back),
``screencap -p`` and ``input ...``. Every call has a timeout; a device that drops and comes back
within ``reconnect_timeout`` is picked up again, one that does not fails fast.
"""

from __future__ import annotations

import base64
import contextlib
import io
import re
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import adbutils

from ..errors import DeviceError, DeviceOffline, UiAutomationError
from .base import LaunchableApp, ShellResult
from .errors import translate
from .observation import Observation

T = TypeVar("T")

IME_PACKAGES = (
    "com.google.android.inputmethod",
    "com.android.inputmethod",
    "com.samsung.android.honeyboard",
    "com.sohu.inputmethod",
    "com.baidu.input",
    "com.touchtype.swiftkey",
    "com.github.uiautomator",
)
_ROTATION_RE = re.compile(r'<hierarchy[^>]*rotation="(\d)"')
_TOP_PACKAGES_RE = re.compile(r'<hierarchy[^>]*>\s*|<node [^>]*?package="([^"]*)"')
_FOCUS_RE = re.compile(r"mCurrentFocus=Window\{[^}]*?\s([^\s/}]+)/([^\s}]+)\}")
_RESUMED_RE = re.compile(r"mResumedActivity: ActivityRecord\{[^}]*?\s([^\s/]+)/([^\s}]+)")
_DUMP_PATH = "/data/local/tmp/droidpilot_dump.xml"


class AdbDevice:
    """A device reached through an adb server."""

    def __init__(
        self,
        device: adbutils.AdbDevice,
        client: adbutils.AdbClient,
        *,
        use_uiautomator2: bool = True,
        call_timeout: float = 20.0,
        reconnect_timeout: float = 5.0,
    ) -> None:
        self._dev = device
        self._client = client
        self.serial: str = device.serial
        self.call_timeout = call_timeout
        self.reconnect_timeout = reconnect_timeout
        self._want_u2 = use_uiautomator2
        self._u2: Any = None
        self._u2_failed: str | None = None
        self._size: tuple[int, int] | None = None
        self._rooted: bool | None = None

    # -- plumbing ----------------------------------------------------------------------------------
    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn``; on a dropped connection wait for the device to return and try once more."""
        try:
            with translate(self.serial, what):
                return fn()
        except DeviceOffline as first:
            if not self._wait_back():
                raise DeviceOffline(
                    f"{self.serial} went offline during {what} and did not come back within "
                    f"{self.reconnect_timeout:.0f} s: {first}"
                ) from first
            self._u2 = None
            with translate(self.serial, what):
                return fn()

    def _wait_back(self) -> bool:
        deadline = time.monotonic() + self.reconnect_timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(adbutils.AdbError, OSError):  # the server may be restarting too
                for info in self._client.list():
                    if info.serial == self.serial and info.state == "device":
                        self._dev = self._client.device(self.serial)
                        return True
            time.sleep(0.25)
        return False

    @property
    def adb(self) -> adbutils.AdbDevice:
        return self._dev

    @property
    def u2(self) -> Any:
        """The uiautomator2 device, started on first use; None when it cannot start."""
        if not self._want_u2 or self._u2_failed is not None:
            return None
        if self._u2 is None:
            import uiautomator2

            try:
                with translate(self.serial, "starting the uiautomator2 server"):
                    self._u2 = uiautomator2.connect(self._dev)
            except DeviceOffline:
                raise
            except DeviceError as exc:
                self._u2_failed = str(exc)
                return None
        return self._u2

    @property
    def backend(self) -> str:
        return "uiautomator2" if self.u2 is not None else "adb"

    def _rpc(self, method: str, *params: Any, timeout: float | None = None) -> Any:
        u2 = self.u2
        if u2 is None:
            raise UiAutomationError(f"the uiautomator2 server is not available on {self.serial}: {self._u2_failed}")
        return self._call(method, lambda: u2.jsonrpc_call(method, list(params), timeout=timeout or self.call_timeout))

    # -- shell -------------------------------------------------------------------------------------
    def shell(self, argv: Sequence[str], *, timeout: float | None = None) -> ShellResult:
        """Run ``argv`` on the device (quoted for its shell by adbutils); exit code when known."""
        args = [str(a) for a in argv]
        t = timeout or self.call_timeout
        result = self._call(" ".join(args[:3]), lambda: self._dev.shell2(args, timeout=t, rstrip=False))
        return ShellResult(argv=args, output=result.output, exit_code=result.returncode)

    def shell_text(self, argv: Sequence[str], *, timeout: float | None = None) -> str:
        args = [str(a) for a in argv]
        t = timeout or self.call_timeout
        return self._call(" ".join(args[:3]), lambda: self._dev.shell(args, timeout=t))

    # -- facts -------------------------------------------------------------------------------------
    def window_size(self) -> tuple[int, int]:
        if self._size is None:
            out = self.shell_text(["wm", "size"])
            m = re.search(r"Override size: (\d+)x(\d+)", out) or re.search(r"Physical size: (\d+)x(\d+)", out)
            if not m:
                raise DeviceError(f"`wm size` on {self.serial} printed nothing usable: {out!r}")
            self._size = (int(m.group(1)), int(m.group(2)))
        return self._size

    def current_app(self) -> tuple[str | None, str | None]:
        out = self.shell_text(["dumpsys", "window", "windows"])
        m = _FOCUS_RE.search(out)
        if m:
            return m.group(1), m.group(2)
        out = self.shell_text(["dumpsys", "activity", "activities"])
        m = _RESUMED_RE.search(out)
        return (m.group(1), m.group(2)) if m else (None, None)

    @property
    def rooted(self) -> bool:
        """True when ``su -c id`` gives uid 0 (checked once)."""
        if self._rooted is None:
            try:
                out = self.shell_text(["su", "-c", "id"], timeout=5)
            except DeviceError:
                out = ""
            self._rooted = "uid=0" in out
        return self._rooted

    def launchable_apps(self) -> list[LaunchableApp]:
        out = self.shell_text(
            ["cmd", "package", "query-activities", "--brief", "-a", "android.intent.action.MAIN", "-c", "android.intent.category.LAUNCHER"]
        )
        apps: dict[str, LaunchableApp] = {}
        for line in out.splitlines():
            line = line.strip()
            if "/" in line and " " not in line:
                pkg, act = line.split("/", 1)
                apps.setdefault(pkg, LaunchableApp(package=pkg, activity=act))
        if not apps:
            for line in self.shell_text(["pm", "list", "packages"]).splitlines():
                if line.startswith("package:"):
                    pkg = line[len("package:"):].strip()
                    apps[pkg] = LaunchableApp(package=pkg)
        return sorted(apps.values(), key=lambda a: a.package)

    # -- observation -------------------------------------------------------------------------------
    def hierarchy(self) -> str:
        if self.u2 is not None:
            xml = self._rpc("dumpWindowHierarchy", False, 50)
            if xml and "<node" in xml:
                return xml
        return self._dump_with_uiautomator()

    def _dump_with_uiautomator(self) -> str:
        # Delete the old dump first: reading a stale file back as the new screen is a known trap.
        self.shell(["rm", "-f", _DUMP_PATH])
        res = self.shell(["uiautomator", "dump", _DUMP_PATH], timeout=30)
        if res.exit_code not in (0, None) or "ERROR" in res.output:
            raise UiAutomationError(f"`uiautomator dump` failed on {self.serial}: {res.output.strip()}")
        data = self._call("reading the dump", lambda: self._dev.sync.read_bytes(_DUMP_PATH))
        return data.decode("utf-8", errors="replace")

    def observe(self, *, screenshot: bool = False) -> Observation:
        xml = self.hierarchy()
        package, activity = self.current_app()
        w, h = self.window_size()
        m = _ROTATION_RE.search(xml[:300])
        rotation = int(m.group(1)) if m else 0
        if rotation % 2:
            w, h = h, w
        obs = Observation(
            serial=self.serial,
            hierarchy=xml,
            package=package,
            activity=activity,
            width=w,
            height=h,
            rotation=rotation,
            keyboard_shown=self._keyboard_shown(xml),
            timestamp=time.time(),
        ).with_screenshot_source(self.screenshot)
        if screenshot:
            obs.screenshot()
        return obs

    def _keyboard_shown(self, xml: str) -> bool | None:
        """True when a keyboard window is in the dump; otherwise what ``dumpsys input_method``
        says in the adb fallback, or None (unknown: perception may infer it from a resized app)."""
        for pkg in re.findall(r'<node [^>]*?package="([^"]*)"', xml):
            if pkg.startswith(IME_PACKAGES):
                return True
        if self.u2 is None:
            out = self.shell_text(["dumpsys", "input_method"])
            return "mInputShown=true" in out
        return None

    def wait_stable(self, timeout: float = 6.0, interval: float = 0.3) -> Observation:
        """Observe until two consecutive hierarchies agree; bounded by ``timeout``.

        A screen that never settles (an animation) comes back with ``stable=False`` and a note,
        instead of hanging.
        """
        deadline = time.monotonic() + timeout
        last = self.observe()
        while True:
            if time.monotonic() + interval > deadline:
                return last.model_copy(update={"stable": False, "note": f"screen still changing after {timeout:.1f} s"}).with_screenshot_source(self.screenshot)
            time.sleep(interval)
            obs = self.observe()
            if obs.hierarchy == last.hierarchy and obs.package == last.package:
                return obs
            last = obs

    def screenshot(self) -> bytes:
        """PNG bytes of the screen, from ``screencap -p`` (exact pixels, no re-encoding)."""
        data = self._call("screencap", lambda: self._dev.shell(["screencap", "-p"], encoding=None, timeout=self.call_timeout))
        if not data.startswith(b"\x89PNG"):
            raise DeviceError(f"`screencap -p` on {self.serial} returned no PNG ({len(data)} bytes): is the screen secure?")
        return data

    def screenshot_jpeg(self, quality: int = 80) -> bytes:
        """JPEG bytes through uiautomator2 (faster than PNG on phones); PNG-derived when it is absent."""
        if self.u2 is not None:
            b64 = self._rpc("takeScreenshot", 1, int(quality))
            if b64:
                return base64.b64decode(b64)
        from PIL import Image

        img = Image.open(io.BytesIO(self.screenshot())).convert("RGB")
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=int(quality))
        return buf.getvalue()

    # -- input -------------------------------------------------------------------------------------
    def tap(self, x: float, y: float) -> None:
        if self.u2 is not None:
            self._rpc("click", int(x), int(y))
        else:
            self.shell(["input", "tap", str(int(x)), str(int(y))])

    def long_press(self, x: float, y: float, duration_ms: int = 800) -> None:
        if self.u2 is not None:
            self._rpc("click", int(x), int(y), int(duration_ms))
        else:
            self.shell(["input", "swipe", str(int(x)), str(int(y)), str(int(x)), str(int(y)), str(int(duration_ms))])

    def double_tap(self, x: float, y: float) -> None:
        self.tap(x, y)
        self.tap(x, y)

    def swipe(self, x1: float, y1: float, x2: float, y2: float, duration_ms: int = 300) -> None:
        if self.u2 is not None:
            steps = max(2, int(duration_ms / 5))
            self._rpc("swipe", int(x1), int(y1), int(x2), int(y2), steps, timeout=self.call_timeout + duration_ms / 1000)
        else:
            self.shell(["input", "swipe", *(str(int(v)) for v in (x1, y1, x2, y2)), str(int(duration_ms))])

    def press_key(self, keycode: int) -> None:
        if self.u2 is not None:
            self._rpc("pressKeyCode", int(keycode))
        else:
            self.shell(["input", "keyevent", str(int(keycode))])

    def set_focused_text(self, text: str) -> bool:
        """Replace the focused field's text through uiautomator (any unicode, nothing parsed)."""
        if self.u2 is None:
            return False
        selector = {"mask": 0x20000, "childOrSibling": [], "childOrSiblingSelector": [], "focused": True}
        return bool(self._rpc("setText", selector, text))

    def set_clipboard(self, text: str) -> None:
        if self.u2 is None:
            raise UiAutomationError(f"setting the clipboard needs the uiautomator2 server on {self.serial}")
        self._rpc("setClipboard", None, text)

    def get_clipboard(self) -> str | None:
        if self.u2 is None:
            return None
        return self._rpc("getClipboard")

    def input_text_ascii(self, encoded: str) -> None:
        """``input text`` with an argument already encoded for it (see actions.textinput)."""
        self.shell(["input", "text", encoded])

    def start_activity(self, argv: Sequence[str]) -> ShellResult:
        """``am start ...`` with an argv list built by the intent builders."""
        return self.shell(list(argv))

    def app_start(self, package: str) -> ShellResult:
        return self.shell(["monkey", "-p", package, "-c", "android.intent.category.LAUNCHER", "1"])

    def __repr__(self) -> str:
        return f"<AdbDevice {self.serial}>"
