"""Disruptions real phones throw at agents, switchable per device.

The window manager and activity manager call these hooks; with no fault enabled each is a
no-op, so a device behaves like a calm phone. The everyday-apps work adds the disruptions
themselves (permission prompts, ANR and crash dialogs, pop-up ads, slow and animating
screens); see ``enable``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .app import Activity
    from .core import System


class Faults:
    def __init__(self, system: "System") -> None:
        self.system = system
        self.enabled: dict[str, dict[str, Any]] = {}

    def enable(self, name: str, **options: Any) -> None:
        self.enabled[name] = dict(options)
        self.system.wm.invalidate()

    def disable(self, name: str) -> None:
        if self.enabled.pop(name, None) is not None:
            self.system.wm.invalidate()

    def is_enabled(self, name: str) -> bool:
        return name in self.enabled

    # -- hooks ---------------------------------------------------------------------------------
    def on_activity_start(self, activity: "Activity") -> None:
        """Called by the activity manager after an activity comes to the front."""

    def extra_windows(self) -> list:
        """Windows to stack above the app (pop-ups, loading overlays), bottom → top."""
        return []

    def tick(self) -> None:
        """Advance time-based disruptions before a frame is composed."""

    def dump_problem(self) -> str | None:
        """The error ``uiautomator dump`` prints instead of dumping, if any."""
        return None
