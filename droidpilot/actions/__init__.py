"""Actions: the typed Action union, its prompt vocabulary, and key names.

The planner validates model replies with ``action_adapter``; everything else (validation against
a screen, the safety policy, intents, app resolution, text-input planning, the one-line command
parser) is re-exported here as it lands, so callers import from ``droidpilot.actions`` only.
"""

from __future__ import annotations

from . import intent_builders
from .apps import InstalledApp, near_matches, resolve_app
from .intent_builders import (
    call,
    dial,
    email,
    insert_contact,
    insert_event,
    launch_app,
    open_settings,
    set_alarm,
    set_timer,
    share_text,
    show_location,
    sms,
    take_photo,
    view_url,
    web_search,
)
from .intents import IntentExtra, IntentSpec, TypedValue
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
from .parse import COMMAND_USAGE, parse_action_command
from .policy import ConfirmationPolicy, PolicyDecision
from .risk import Risk, RiskAssessment, assess
from .textinput import (
    TextInputCapabilities,
    TextInputPlan,
    TextInputStep,
    decode_input_text,
    encode_input_text,
    input_text_argvs,
    plan_text_input,
    plan_text_input_routes,
)
from .validation import validate
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
    "IntentSpec",
    "IntentExtra",
    "TypedValue",
    "intent_builders",
    "dial",
    "call",
    "sms",
    "email",
    "view_url",
    "web_search",
    "set_alarm",
    "set_timer",
    "insert_contact",
    "insert_event",
    "share_text",
    "open_settings",
    "show_location",
    "take_photo",
    "launch_app",
    "InstalledApp",
    "resolve_app",
    "near_matches",
    "TextInputCapabilities",
    "TextInputPlan",
    "TextInputStep",
    "plan_text_input",
    "plan_text_input_routes",
    "encode_input_text",
    "decode_input_text",
    "input_text_argvs",
    "validate",
    "parse_action_command",
    "COMMAND_USAGE",
    "ConfirmationPolicy",
    "PolicyDecision",
    "Risk",
    "RiskAssessment",
    "assess",
    "KEYCODES",
    "keycode",
    "key_name",
    "normalize_key",
]
