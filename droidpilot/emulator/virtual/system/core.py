"""``System``: the virtual device's operating system, one object that owns every service.

It is created by ``VirtualDevice`` (or directly in tests), guarded by ``lock`` and persisted
through the virtual file system: settings and package state are files under
``/data/system/``, app data under ``/data/data/<package>/``, so a device started on the same
state directory comes back as it was left.
"""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path

from ..fs import VirtualFS
from .activities import ActivityManager
from .dialogs import Dialogs
from .packages import PackageManager
from .props import default_props
from .providers import ProviderRegistry
from .services import Clipboard, InputMethods, Network, Notifications, Power, ShellLog, Toasts
from .settings import SettingsProvider

SETTINGS_FILE = "/data/system/droidpilot/settings.json"
PACKAGES_FILE = "/data/system/droidpilot/packages.json"


class System:
    """The OS of one virtual device."""

    home_package = "com.android.launcher3"

    def __init__(
        self,
        fs: VirtualFS | None = None,
        *,
        width: int = 1080,
        height: int = 2400,
        density: int = 420,
        rooted: bool = False,
        seed: int = 0,
        state_dir: Path | str | None = None,
        serial: str = "emulator-5554",
        apps: str = "default",
        adb_keyboard: bool = False,
    ) -> None:
        self.lock = threading.RLock()
        self.state_dir = Path(state_dir) if state_dir else None
        self.clock_offset = 0.0  # seconds added to the host clock (tests may move time)
        self.fs = fs if fs is not None else VirtualFS(self.state_dir, clock=self.now)
        self.rooted = rooted
        self.seed = seed
        self.random = random.Random(seed)
        self.serial = serial
        self.boot_time = time.time()
        self.props = default_props(width=width, height=height, density=density, rooted=rooted, serial=serial)
        self.log = ShellLog()
        self.settings = SettingsProvider()
        self.packages = PackageManager(self)
        self.am = ActivityManager(self)
        self.providers = ProviderRegistry()
        self.clipboard = Clipboard(self)
        self.toasts = Toasts(self)
        self.notifications = Notifications(self)
        self.power = Power(self)
        self.ime = InputMethods(self)
        self.net = Network(self)
        self.dialogs = Dialogs(self)
        self.location: tuple[float, float] | None = None
        self.received_sms: list[tuple[str, str]] = []
        self._persist = True
        # The window and input managers need the toolkit; they are created last.
        from .input import InputManager
        from .wm import WindowManager

        self.wm = WindowManager(self, width=width, height=height, density=density)
        self.input = InputManager(self)
        from .faults import Faults

        self.faults = Faults(self)
        self._load_state()
        self.settings.add_listener(self._on_setting_changed)
        from ..apps import install_default_apps

        install_default_apps(self, which=apps)
        self._load_packages()
        self._seed_user_data()
        if adb_keyboard:
            self.install_adb_keyboard()
        self.am.home()

    def _seed_user_data(self) -> None:
        """``seed=N`` (N != 0) fills the apps with a plausible user's data, once per device."""
        try:
            from ..apps.everyday.seed import seed_if_requested
        except ImportError:  # a minimal app set has no everyday apps to seed
            return
        seed_if_requested(self)

    def install_adb_keyboard(self) -> None:
        """Side-load ADBKeyBoard: listed by ``ime list -a``, usable after ``ime enable/set``."""
        from ..apps.framework import AdbKeyboard
        from .services import IME_ADB_KEYBOARD_APP

        with self.lock:
            if self.packages.get(AdbKeyboard.package) is None:
                self.packages.install(AdbKeyboard(self))
            if IME_ADB_KEYBOARD_APP not in self.ime.available:
                self.ime.available.append(IME_ADB_KEYBOARD_APP)

    def broadcast(self, intent) -> int:
        """Deliver a broadcast; returns the result code ``am broadcast`` prints.

        The current input method receives its own actions: ADBKeyBoard types or clears the
        focused field (result -1, "handled", as the keyboard sets it).
        """
        from .services import IME_ADB_KEYBOARD, IME_ADB_KEYBOARD_APP

        with self.lock:
            current = self.ime.current
            action = intent.action or ""
            if current not in (IME_ADB_KEYBOARD, IME_ADB_KEYBOARD_APP):
                return 0
            if action in ("ADB_CLEAR_TEXT", "ADB_KEYBOARD_CLEAR_TEXT"):
                self.input.clear_text()
                return -1
            if action in ("ADB_INPUT_TEXT", "ADB_INPUT_B64", "ADB_KEYBOARD_INPUT_TEXT"):
                from .commands.am import decode_adb_keyboard_text

                text = decode_adb_keyboard_text(intent)
                if text is None:
                    return 0
                self.input.text(text)
                return -1
            return 0

    # -- time -------------------------------------------------------------------------------------
    def now(self) -> float:
        return time.time() + self.clock_offset

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def uptime(self) -> float:
        return time.time() - self.boot_time

    # -- persistence -------------------------------------------------------------------------------
    def _read_json(self, path: str) -> dict:
        """A state file's content; {} when it is missing or damaged (defaults apply)."""
        if not self.fs.exists(path):
            return {}
        try:
            data = json.loads(self.fs.read(path))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _load_state(self) -> None:
        self.settings.load(self._read_json(SETTINGS_FILE))
        self._apply_settings()

    def _load_packages(self) -> None:
        self.packages.load(self._read_json(PACKAGES_FILE))

    def save_packages(self) -> None:
        self._write_json(PACKAGES_FILE, self.packages.to_dict())

    def _write_json(self, path: str, data: object) -> None:
        directory = path.rsplit("/", 1)[0]
        if not self.fs.exists(directory):
            self.fs.mkdir(directory, parents=True)
        self.fs.write(path, json.dumps(data, sort_keys=True, indent=1).encode("utf-8"))

    # -- reactions -----------------------------------------------------------------------------------
    def _on_setting_changed(self, namespace: str, key: str, value: str | None) -> None:
        self._write_json(SETTINGS_FILE, self.settings.to_dict())
        self._apply_settings()
        self.wm.invalidate()

    def _apply_settings(self) -> None:
        rotation = self.settings.get_int("system", "user_rotation", 0)
        if hasattr(self, "wm"):
            self.wm.apply_rotation_setting(rotation)

    def on_foreground_changed(self) -> None:
        """The foreground activity changed: close transient UI, hide the keyboard."""
        self.ime.hide()
        self.notifications.collapse()
        self.wm.invalidate()

    # -- events from the outside world (console, tests) ---------------------------------------------
    def sms_receive(self, number: str, text: str) -> None:
        """An SMS arrives (console ``sms send``); the Messages app stores and notifies."""
        with self.lock:
            self.received_sms.append((number, text))
            handler = getattr(self, "sms_handler", None)
            if handler is not None:
                handler(number, text)

    def geo_fix(self, lon: float, lat: float) -> None:
        with self.lock:
            self.location = (lon, lat)

    def reboot(self) -> None:
        """Restart the framework: tasks, dialogs, notifications and transient state are gone."""
        with self.lock:
            for pkg in list(self.am.running_packages()):
                self.am.force_stop(pkg)
            self.am.tasks.clear()
            self.dialogs.stack.clear()
            self.notifications.items.clear()
            self.notifications.collapse()
            self.ime.hide()
            self.power.screen_on = True
            self.boot_time = time.time()
            self.am.home()

    # -- snapshots ---------------------------------------------------------------------------------
    def snapshot(self) -> object:
        """Everything persistent (the file system holds settings, packages and app data)."""
        with self.lock:
            return self.fs.snapshot()

    def restore(self, snap: object) -> None:
        """Return to a snapshot: files back, state reloaded, apps restarted on the home screen."""
        with self.lock:
            self.fs.restore(snap)
            self._load_state()
            self._load_packages()
            for provider in self.providers.all():
                provider.load()
            self.am.tasks.clear()
            self.am._pids.clear()
            self.dialogs.stack.clear()
            self.notifications.items.clear()
            self.notifications.collapse()
            self.ime.hide()
            self.am.home()
            self.wm.invalidate()

    async def start_services(self) -> None:
        """Start in-device servers that run from boot (none yet: uiautomator2 starts on demand)."""

    async def stop_services(self) -> None:
        await self.net.close_all()
