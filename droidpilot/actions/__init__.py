"""Actions: the typed Action union, its prompt vocabulary, and key names.

The planner validates model replies with ``action_adapter``; everything else (validation against
a screen, the safety policy, intents, app resolution, text-input planning, the one-line command
parser) is re-exported here as it lands, so callers import from ``droidpilot.actions`` only.
"""

from __future__ import annotations

from .keys import KEYCODES, key_name, keycode, normalize_key
from .models import (
    ACTION_MODELS,
    Action,
    ActionBase,
    Answer,
    DoubleTap,
    Finish,
    LongPress,
    OpenApp,
    OpenUrl,
    PressKey,
    Scroll,
    StartIntent,
    Swipe,
    Tap,
    TypeText,
    Wait,
    action_adapter,
)
from .vocabulary import action_vocabulary

__all__ = [
    "Action",
    "ActionBase",
    "ACTION_MODELS",
    "action_adapter",
    "action_vocabulary",
    "Tap",
    "LongPress",
    "DoubleTap",
    "TypeText",
    "Swipe",
    "Scroll",
    "PressKey",
    "OpenApp",
    "OpenUrl",
    "StartIntent",
    "Wait",
    "Answer",
    "Finish",
    "KEYCODES",
    "keycode",
    "key_name",
    "normalize_key",
]
