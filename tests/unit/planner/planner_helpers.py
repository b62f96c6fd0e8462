"""Shared helpers for the planner tests (importable, unlike conftest)."""

from __future__ import annotations

from pathlib import Path

from droidpilot.perception import ScreenState, perceive

SCREENS = Path(__file__).parent / "screens"


def load_screen(name: str = "settings") -> ScreenState:
    """A real ScreenState from a hand-written hierarchy in ``screens/``.

    settings.xml: [0] title, [1] search input, [2] scrollable list, [3] Wi-Fi switch,
    [4] Bluetooth switch, [5] Display, [6] and [7] injection text, [8] Factory reset button.
    """
    xml = (SCREENS / f"{name}.xml").read_text(encoding="utf-8")
    return perceive(xml, package="com.android.settings", activity=".Settings", screen_size=(1080, 2400))
