"""Small system services: clipboard, toasts, notifications, power, IME state, in-device
network listeners, the shell command log and system dialogs."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .core import System
    from .intents import Intent


class Clipboard:
    def __init__(self, system: "System") -> None:
        self.system = system
        self.text: str | None = None
        self.label: str | None = None

    def get(self) -> str | None:
        return self.text

    def set(self, text: str | None, label: str | None = None) -> None:
        self.text = text
        self.label = label


@dataclass
class Toast:
    text: str
    package: str
    shown_at: float


class Toasts:
    """Toasts stay on screen for a few seconds; the last one is kept for uiautomator2."""

    DURATION_S = 3.5

    def __init__(self, system: "System") -> None:
        self.system = system
        self.current: Toast | None = None
        self._last: Toast | None = None

    def show(self, text: str, package: str = "android") -> None:
        self.current = Toast(text, package, time.monotonic())
        self._last = self.current
        self.system.wm.invalidate()

    def visible(self) -> Toast | None:
        if self.current and time.monotonic() - self.current.shown_at > self.DURATION_S:
            self.current = None
            self.system.wm.invalidate()
        return self.current

    def last(self) -> str | None:
        return self._last.text if self._last else None

    def clear_last(self) -> None:
        self._last = None


@dataclass
class Notification:
    key: str
    package: str
    notification_id: int
    title: str
    text: str
    posted_at: float
    when_ms: int
    channel: str = "default"
    tag: str | None = None
    heads_up: bool = False
    intent: "Intent | None" = None
    icon: str = "app"
    ongoing: bool = False
    extras: dict[str, Any] = field(default_factory=dict)


class Notifications:
    """The notification manager and the shade's open/closed state."""

    HEADS_UP_S = 5.0

    def __init__(self, system: "System") -> None:
        self.system = system
        self.items: list[Notification] = []
        self.shade_open = False
        self.quick_settings_open = False
        self._ids = itertools.count(1)

    def post(
        self,
        package: str,
        title: str,
        text: str,
        *,
        notification_id: int | None = None,
        tag: str | None = None,
        heads_up: bool = False,
        intent: "Intent | None" = None,
        channel: str = "default",
        icon: str = "app",
        ongoing: bool = False,
    ) -> Notification:
        nid = notification_id if notification_id is not None else next(self._ids)
        key = f"0|{package}|{nid}|{tag or 'null'}|{self.system.packages.uid(package)}"
        self.items = [n for n in self.items if n.key != key]
        note = Notification(
            key=key,
            package=package,
            notification_id=nid,
            title=title,
            text=text,
            posted_at=time.monotonic(),
            when_ms=self.system.now_ms(),
            channel=channel,
            tag=tag,
            heads_up=heads_up,
            intent=intent,
            icon=icon,
            ongoing=ongoing,
        )
        self.items.append(note)
        self.system.wm.invalidate()
        return note

    def list(self) -> list[Notification]:
        return sorted(self.items, key=lambda n: n.posted_at, reverse=True)

    def heads_up(self) -> Notification | None:
        now = time.monotonic()
        for note in self.list():
            if note.heads_up and now - note.posted_at < self.HEADS_UP_S:
                return note
        return None

    def cancel(self, key: str) -> bool:
        before = len(self.items)
        self.items = [n for n in self.items if n.key != key]
        if len(self.items) != before:
            self.system.wm.invalidate()
            return True
        return False

    def cancel_package(self, package: str) -> None:
        before = len(self.items)
        self.items = [n for n in self.items if n.package != package or n.ongoing]
        if len(self.items) != before:
            self.system.wm.invalidate()

    def clear_all(self) -> None:
        self.items = [n for n in self.items if n.ongoing]
        self.system.wm.invalidate()

    def open_shade(self) -> None:
        self.shade_open = True
        self.system.ime.hide()
        self.system.wm.invalidate()

    def open_quick_settings(self) -> None:
        self.shade_open = True
        self.quick_settings_open = True
        self.system.ime.hide()
        self.system.wm.invalidate()

    def collapse(self) -> None:
        if self.shade_open or self.quick_settings_open:
            self.shade_open = False
            self.quick_settings_open = False
            self.system.wm.invalidate()

    def click(self, key: str) -> bool:
        for note in self.items:
            if note.key == key:
                self.collapse()
                if not note.ongoing:
                    self.cancel(key)
                if note.intent is not None:
                    self.system.am.start(note.intent, uid=1000)
                return True
        return False


class Power:
    def __init__(self, system: "System") -> None:
        self.system = system
        self.screen_on = True
        self.battery_level = 100
        self.plugged = 1  # AC
        self.battery_status = 2  # charging
        self.last_user_activity = time.monotonic()

    def wake(self) -> None:
        if not self.screen_on:
            self.screen_on = True
            self.system.wm.invalidate()
        self.last_user_activity = time.monotonic()

    def sleep(self) -> None:
        if self.screen_on:
            self.screen_on = False
            self.system.ime.hide()
            self.system.wm.invalidate()

    def toggle(self) -> None:
        if self.screen_on:
            self.sleep()
        else:
            self.wake()

    def set_capacity(self, level: int) -> None:
        self.battery_level = max(0, min(100, int(level)))
        self.battery_status = 5 if self.battery_level == 100 and self.plugged else (2 if self.plugged else 3)
        self.system.wm.invalidate()


IME_LATIN = "com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME"
IME_ADB_KEYBOARD = "com.github.uiautomator/.AdbKeyboard"
IME_ADB_KEYBOARD_APP = "com.android.adbkeyboard/.AdbIME"


class InputMethods:
    """Which keyboards exist, which one is current, and whether it is shown."""

    def __init__(self, system: "System") -> None:
        self.system = system
        self.available: list[str] = [IME_LATIN]
        self.enabled: list[str] = [IME_LATIN]
        self.current = IME_LATIN
        self.shown = False

    def show(self) -> None:
        if not self.shown:
            self.shown = True
            self.system.wm.invalidate()

    def hide(self) -> None:
        if self.shown:
            self.shown = False
            self.system.wm.invalidate()

    def set_current(self, ime_id: str) -> bool:
        if ime_id not in self.enabled:
            return False
        self.current = ime_id
        self.system.settings.put("secure", "default_input_method", ime_id)
        return True

    def enable(self, ime_id: str, enabled: bool = True) -> bool:
        if ime_id not in self.available:
            return False
        if enabled and ime_id not in self.enabled:
            self.enabled.append(ime_id)
        if not enabled and ime_id in self.enabled and ime_id != IME_LATIN:
            self.enabled.remove(ime_id)
            if self.current == ime_id:
                self.current = IME_LATIN
        self.system.settings.put("secure", "enabled_input_methods", ":".join(self.enabled))
        return True

    @property
    def package(self) -> str:
        return self.current.split("/", 1)[0]


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class Network:
    """In-device TCP listeners (``tcp:PORT`` targets), served as real loopback sockets."""

    def __init__(self, system: "System") -> None:
        self.system = system
        self._servers: dict[int, asyncio.AbstractServer] = {}
        self._addresses: dict[int, tuple[str, int]] = {}

    async def listen(self, port: int, handler: Handler) -> tuple[str, int]:
        await self.unlisten(port)
        server = await asyncio.start_server(handler, host="127.0.0.1", port=0)
        sock = server.sockets[0]
        host, host_port = sock.getsockname()[:2]
        self._servers[port] = server
        self._addresses[port] = (host, host_port)
        return host, host_port

    async def unlisten(self, port: int) -> None:
        server = self._servers.pop(port, None)
        self._addresses.pop(port, None)
        if server is not None:
            server.close()
            try:
                await asyncio.wait_for(server.wait_closed(), timeout=2)
            except (asyncio.TimeoutError, RuntimeError):
                pass

    def lookup(self, port: int) -> tuple[str, int] | None:
        return self._addresses.get(port)

    def ports(self) -> list[int]:
        return sorted(self._addresses)

    async def close_all(self) -> None:
        for port in list(self._servers):
            await self.unlisten(port)


@dataclass
class LogEntry:
    time: float
    uid: int
    line: str


class ShellLog:
    """Every shell script the device ran, for tests proving no injected command ran."""

    MAX = 5000

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []

    def append(self, line: str, uid: int) -> None:
        self.entries.append(LogEntry(time.time(), uid, line))
        if len(self.entries) > self.MAX:
            del self.entries[: len(self.entries) - self.MAX]

    def lines(self) -> list[str]:
        return [e.line for e in self.entries]

    def clear(self) -> None:
        self.entries.clear()
