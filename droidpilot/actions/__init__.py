"""Actions: everything the agent can do to a device, and the checks before it does it.

    models.py          the Action union (pydantic, discriminated by ``kind``) + action_adapter
    vocabulary.py      action_vocabulary(): the prompt's docs, generated from the models
    validation.py      validate(action, state): index on screen, point on screen, text fields
    risk.py            assess(action, state, goal) -> RiskAssessment (labels, dialogs, intents,
    provenance.py        goal, and links/numbers taken from screen text)
    policy.py          ConfirmationPolicy (deny | allow | ask) and the PolicyDecision record
    intents.py         IntentSpec -> ``am start`` argv; intent_builders.py: dial, sms, alarm...
    apps.py            resolve_app(query, installed): "the calendar" -> a package
    textinput.py       plan_text_input(): setText / IME broadcast / clipboard / ``input text``
    keys.py            key names <-> Android keycodes
    parse.py           parse_action_command("tap 3"): the ``droidpilot act`` one-liners
    actuator.py        Actuator: runs a validated, policy-cleared action on a Device

Import from ``droidpilot.actions``; the submodules are the implementation.
"""

from __future__ import annotations

from . import intent_builders
from .actuator import ActionResult, Actuator
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
from .policy import ConfirmationPolicy, PolicyDecision, terminal_ask
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
    "Actuator",
    "ActionResult",
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
    "terminal_ask",
    "Risk",
    "RiskAssessment",
    "assess",
    "KEYCODES",
    "keycode",
    "key_name",
    "normalize_key",
]
