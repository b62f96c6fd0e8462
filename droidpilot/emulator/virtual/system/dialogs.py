"""System dialogs shown above apps: permission prompts, "isn't responding", crashes, alerts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .core import System


@dataclass
class DialogButton:
    label: str
    res_id: str
    on_click: Callable[[], None]


@dataclass
class SystemDialog:
    kind: str  # permission | anr | crash | alert
    package: str  # the package whose window shows it (e.g. com.google.android.permissioncontroller)
    title: str
    message: str
    buttons: list[DialogButton] = field(default_factory=list)
    cancelable: bool = False
    about_package: str | None = None  # the app the dialog is about
    icon: str | None = None


class Dialogs:
    def __init__(self, system: "System") -> None:
        self.system = system
        self.stack: list[SystemDialog] = []

    def show(self, dialog: SystemDialog) -> SystemDialog:
        self.stack.append(dialog)
        self.system.ime.hide()
        self.system.wm.invalidate()
        return dialog

    def dismiss(self, dialog: SystemDialog) -> None:
        if dialog in self.stack:
            self.stack.remove(dialog)
            self.system.wm.invalidate()

    def top(self) -> SystemDialog | None:
        return self.stack[-1] if self.stack else None

    def dismiss_for(self, package: str) -> None:
        before = len(self.stack)
        self.stack = [d for d in self.stack if d.about_package != package]
        if len(self.stack) != before:
            self.system.wm.invalidate()
