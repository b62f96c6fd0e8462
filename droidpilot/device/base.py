"""The ``Device`` protocol: what the agent's layers may ask of any Android device."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel

from .observation import Observation


class ShellResult(BaseModel):
    argv: list[str]
    output: str
    exit_code: int | None = None


class LaunchableApp(BaseModel):
    package: str
    activity: str | None = None
    label: str | None = None


@runtime_checkable
class Device(Protocol):
    """Any Android device: a phone, an emulator or the built-in virtual device."""

    serial: str

    def observe(self, *, screenshot: bool = False) -> Observation: ...

    def wait_stable(self, timeout: float = 6.0, interval: float = 0.3) -> Observation: ...

    def screenshot(self) -> bytes: ...

    def shell(self, argv: Sequence[str], *, timeout: float = 20.0) -> ShellResult: ...

    def tap(self, x: float, y: float) -> None: ...

    def long_press(self, x: float, y: float, duration_ms: int = 800) -> None: ...

    def double_tap(self, x: float, y: float) -> None: ...

    def swipe(self, x1: float, y1: float, x2: float, y2: float, duration_ms: int = 300) -> None: ...

    def press_key(self, keycode: int) -> None: ...

    def set_focused_text(self, text: str) -> bool: ...

    def launchable_apps(self) -> list[LaunchableApp]: ...

    @property
    def rooted(self) -> bool: ...
