"""Key names map to Android keycodes both ways; unknown names are refused with suggestions."""

from __future__ import annotations

import pytest

from droidpilot.actions.keys import KEYCODES, key_name, key_names, keycode, normalize_key
from droidpilot.errors import InvalidAction


@pytest.mark.parametrize(
    "name, code",
    [
        ("back", 4), ("home", 3), ("enter", 66), ("delete", 67), ("backspace", 67),
        ("recents", 187), ("app_switch", 187), ("menu", 82), ("search", 84),
        ("volume_up", 24), ("volume_down", 25), ("volume_mute", 164), ("power", 26),
        ("tab", 61), ("dpad_up", 19), ("dpad_down", 20), ("dpad_left", 21), ("dpad_right", 22),
        ("dpad_center", 23), ("escape", 111), ("forward_del", 112), ("camera", 27),
    ],
)  # fmt: skip
def test_brief_keycodes(name, code):
    assert keycode(name) == code


@pytest.mark.parametrize("spelling", ["BACK", "KEYCODE_BACK", "Back button", "back-key", " back ", "4", 4])
def test_spellings_of_back(spelling):
    assert normalize_key(spelling) == "back"


def test_every_keycode_maps_back_to_its_name():
    for name, code in KEYCODES.items():
        assert key_name(code) == name


def test_typo_suggests_the_close_key():
    with pytest.raises(InvalidAction, match="did you mean .*volume_up"):
        normalize_key("volume_upp")


def test_unknown_keycode_number_is_refused():
    with pytest.raises(InvalidAction, match="unknown keycode 9999"):
        normalize_key(9999)


def test_bool_is_not_a_key():
    with pytest.raises(InvalidAction):
        normalize_key(True)


def test_key_names_are_in_keycode_order():
    names = key_names()
    assert names[:2] == ["home", "back"]
    assert [KEYCODES[n] for n in names] == sorted(KEYCODES.values())
