"""The names other layers import from droidpilot.perception, pinned."""

from __future__ import annotations

import inspect

import droidpilot.perception as perception
from droidpilot.perception import Bounds, Element, ScreenDiff, ScreenState, perceive


def test_exported_names_are_exactly_the_public_api():
    assert sorted(perception.__all__) == sorted(
        ["perceive", "ScreenState", "Element", "Bounds", "ScreenDiff", "ElementChange", "Dialog", "Grid"]
    )


def test_perceive_signature_matches_the_contract():
    params = inspect.signature(perceive).parameters
    assert list(params)[:3] == ["xml", "screenshot", "previous"]
    for name in ("package", "activity", "screen_size", "keyboard_shown"):
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert params[name].default is None


def test_models_are_frozen():
    b = Bounds(left=0, top=0, right=10, bottom=20)
    try:
        b.left = 3  # type: ignore[misc]
    except Exception as exc:  # pydantic raises ValidationError for frozen instances
        assert "frozen" in str(exc).lower()
    else:
        raise AssertionError("Bounds must be frozen")
    assert ScreenState.model_config.get("frozen") and Element.model_config.get("frozen")
    assert ScreenDiff.model_config.get("frozen")


def test_bounds_geometry():
    b = Bounds(left=10, top=20, right=110, bottom=70)
    assert (b.width, b.height, b.area, b.center) == (100, 50, 5000, (60, 45))
    assert b.contains(10, 20) and not b.contains(110, 70)
