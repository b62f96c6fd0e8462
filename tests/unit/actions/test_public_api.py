"""The public names of droidpilot.actions are pinned: renames must be deliberate."""

from __future__ import annotations

import droidpilot.actions as actions

EXPECTED = {
    # the Action union
    "Action", "ActionBase", "ACTION_MODELS", "action_adapter", "action_vocabulary",
    "Tap", "LongPress", "DoubleTap", "TypeText", "Swipe", "Scroll", "PressKey",
    "OpenApp", "OpenUrl", "StartIntent", "Wait", "Answer", "Finish",
    # checks and safety
    "validate", "ConfirmationPolicy", "PolicyDecision", "terminal_ask", "Risk", "RiskAssessment", "assess",
    # execution (the lead's actuator)
    "Actuator", "ActionResult",
    # intents
    "IntentSpec", "IntentExtra", "TypedValue", "intent_builders",
    "dial", "call", "sms", "email", "view_url", "web_search", "set_alarm", "set_timer",
    "insert_contact", "insert_event", "share_text", "open_settings", "show_location", "take_photo", "launch_app",
    # apps, text input, keys, one-liners
    "InstalledApp", "resolve_app", "near_matches",
    "TextInputCapabilities", "TextInputPlan", "TextInputStep", "plan_text_input", "plan_text_input_routes",
    "encode_input_text", "decode_input_text", "input_text_argvs",
    "KEYCODES", "keycode", "key_name", "normalize_key",
    "parse_action_command", "COMMAND_USAGE",
}  # fmt: skip


def test_exported_names_are_exactly_the_intended_ones():
    assert set(actions.__all__) == EXPECTED
    assert len(actions.__all__) == len(set(actions.__all__))


def test_every_exported_name_exists():
    for name in actions.__all__:
        assert getattr(actions, name) is not None, name


def test_action_models_are_exported_under_their_camel_case_names():
    for kind, model in actions.ACTION_MODELS.items():
        camel = "".join(part.capitalize() for part in kind.split("_"))
        assert getattr(actions, camel) is model
