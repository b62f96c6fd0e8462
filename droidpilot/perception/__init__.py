"""Perception: uiautomator XML (and screenshots) → a compact, faithful ScreenState.

    state = perceive(xml, screenshot, previous, package=..., screen_size=(1080, 2400))
    state.render()               # text for the model
    state.marked_screenshot()    # PNG with numbered boxes
    state.element(3).visible_center
    state.change.summary()       # what the last action changed (when previous was given)

Modules: tree (XML → nodes), windows (kinds, z-order), elements (extraction), keyboard,
dialogs, identity, state (models), diff, render, marks, vision (pixels-only fallback), grid.
"""

from __future__ import annotations

from .diff import ElementChange, ScreenDiff
from .grid import Grid
from .perceive import perceive
from .state import Bounds, Dialog, Element, ScreenState

__all__ = [
    "perceive",
    "ScreenState",
    "Element",
    "Bounds",
    "ScreenDiff",
    "ElementChange",
    "Dialog",
    "Grid",
]
