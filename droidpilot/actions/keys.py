"""Key names the agent may press, and the Android keycodes they stand for.

The planner speaks in names ("back", "enter"), the device speaks in ``KeyEvent`` keycodes
(``input keyevent 4``, uiautomator2 ``pressKeyCode``). One table maps both ways so an unknown
name is refused before anything reaches the device, with the list of names that would work.
Values are the constants of ``android.view.KeyEvent``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType

from ..errors import InvalidAction

__all__ = ["KEYCODES", "KEY_ALIASES", "normalize_key", "keycode", "key_name", "key_names"]

KEYCODES: Mapping[str, int] = MappingProxyType(
    {
        "home": 3,
        "back": 4,
        "call": 5,
        "endcall": 6,
        "dpad_up": 19,
        "dpad_down": 20,
        "dpad_left": 21,
        "dpad_right": 22,
        "dpad_center": 23,
        "volume_up": 24,
        "volume_down": 25,
        "power": 26,
        "camera": 27,
        "clear": 28,
        "tab": 61,
        "space": 62,
        "explorer": 64,
        "envelope": 65,
        "enter": 66,
        "delete": 67,
        "menu": 82,
        "notification": 83,
        "search": 84,
        "media_play_pause": 85,
        "media_stop": 86,
        "media_next": 87,
        "media_previous": 88,
        "mute": 91,
        "page_up": 92,
        "page_down": 93,
        "escape": 111,
        "forward_del": 112,
        "move_home": 122,
        "move_end": 123,
        "media_play": 126,
        "media_pause": 127,
        "volume_mute": 164,
        "settings": 176,
        "app_switch": 187,
        "contacts": 207,
        "calendar": 208,
        "music": 209,
        "calculator": 210,
        "assist": 219,
        "brightness_down": 220,
        "brightness_up": 221,
        "sleep": 223,
        "wakeup": 224,
        "cut": 277,
        "copy": 278,
        "paste": 279,
        "all_apps": 284,
    }
)

# Names people and models use for the same keys; each maps to a canonical name above.
KEY_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "recents": "app_switch",
        "recent_apps": "app_switch",
        "overview": "app_switch",
        "switch_apps": "app_switch",
        "backspace": "delete",
        "del": "delete",
        "forward_delete": "forward_del",
        "return": "enter",
        "esc": "escape",
        "vol_up": "volume_up",
        "vol_down": "volume_down",
        "mute_volume": "volume_mute",
        "up": "dpad_up",
        "down": "dpad_down",
        "left": "dpad_left",
        "right": "dpad_right",
        "center": "dpad_center",
        "ok": "dpad_center",
        "play_pause": "media_play_pause",
        "next": "media_next",
        "previous": "media_previous",
        "wake": "wakeup",
        "wake_up": "wakeup",
        "notifications": "notification",
        "hang_up": "endcall",
        "end_call": "endcall",
        "assistant": "assist",
        "apps": "all_apps",
    }
)

_BY_CODE: Mapping[int, str] = MappingProxyType({code: name for name, code in KEYCODES.items()})


def _clean(name: str) -> str:
    text = name.strip().lower().replace("-", "_").replace(" ", "_")
    if text.startswith("keycode_"):
        text = text[len("keycode_") :]
    if text.endswith("_key") and text[: -len("_key")] in {**KEYCODES, **KEY_ALIASES}:
        text = text[: -len("_key")]
    if text.endswith("_button") and text[: -len("_button")] in {**KEYCODES, **KEY_ALIASES}:
        text = text[: -len("_button")]
    return text


def normalize_key(name: str | int) -> str:
    """Return the canonical key name for a name, an alias, ``KEYCODE_*`` or a known keycode.

    Raises InvalidAction naming the closest valid keys, because the message goes back to the
    planner and must tell it what to use instead.
    """
    if isinstance(name, bool):
        raise InvalidAction(f"key must be a key name, not {name!r}")
    if isinstance(name, int) or (isinstance(name, str) and name.strip().isdigit()):
        code = int(name)
        if code in _BY_CODE:
            return _BY_CODE[code]
        raise InvalidAction(f"unknown keycode {code}; use a key name such as {', '.join(key_names()[:8])}")
    text = _clean(name)
    if text in KEYCODES:
        return text
    if text in KEY_ALIASES:
        return KEY_ALIASES[text]
    near = difflib.get_close_matches(text, [*KEYCODES, *KEY_ALIASES], n=4, cutoff=0.6)
    hint = f"did you mean {', '.join(near)}?" if near else f"known keys: {', '.join(key_names())}"
    raise InvalidAction(f"unknown key {name!r}; {hint}")


def keycode(name: str | int) -> int:
    """The Android keycode for a key name (or alias, or ``KEYCODE_*`` string)."""
    return KEYCODES[normalize_key(name)]


def key_name(code: int) -> str:
    """The canonical name for an Android keycode; InvalidAction if this table lacks it."""
    return normalize_key(int(code))


def key_names() -> list[str]:
    """Canonical key names in keycode order, for error messages and documentation."""
    return sorted(KEYCODES, key=KEYCODES.__getitem__)
