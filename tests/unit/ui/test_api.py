"""The toolkit's public names are pinned: apps and the OS import them."""

from __future__ import annotations

from droidpilot.emulator.virtual import ui

EXPECTED = {
    "Box", "Button", "Canvas", "Card", "CheckBox", "Column", "DARK", "DialogContent", "Divider", "Edit",
    "Frame", "IME_PACKAGE", "Image", "ImageButton", "InputDispatcher", "Key", "LIGHT", "List", "ListItem",
    "MATCH", "Painter", "ProgressBar", "RadioButton", "RadioGroup", "Rect", "Row", "SYSTEMUI", "Screen",
    "ScrollView", "SeekBar", "Spacer", "StatusBarState", "Switch", "Text", "Theme", "Toolbar",
    "TouchResult", "View", "WINDOW_KINDS", "WRAP", "WebView", "Window", "active_window", "build_keyboard",
    "centered_frame", "dp_to_px", "get_theme", "hierarchy_xml", "hit_test", "ime_height", "keyboard_window",
    "nav_bar", "nav_bar_height", "nav_bar_window", "paint_windows", "status_bar", "status_bar_height",
    "status_bar_window",
}


def test_public_names_are_exactly_the_intended_ones():
    assert set(ui.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(ui, name), name


def test_usage_guide_sits_at_the_top_of_the_package():
    doc = ui.__doc__ or ""
    for topic in ("build()", "Window(", "hierarchy_xml", "paint", "InputDispatcher", "TouchResult", "commit_text"):
        assert topic in doc
