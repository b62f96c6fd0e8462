"""The Action union as the planner sees it: JSON in, typed action out, or a clear refusal."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from droidpilot.actions import (
    ACTION_MODELS,
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
    action_vocabulary,
)


def parse(data):
    return action_adapter.validate_python(data)


def test_planner_json_for_a_tap_validates_into_tap():
    action = action_adapter.validate_json('{"kind": "tap", "index": 3}')
    assert action == Tap(index=3)


@pytest.mark.parametrize(
    "data, model",
    [
        ({"kind": "tap", "x": 10, "y": 20}, Tap),
        ({"kind": "long_press", "index": 1, "duration_ms": 1500}, LongPress),
        ({"kind": "double_tap", "index": 0}, DoubleTap),
        ({"kind": "type_text", "text": "hello", "index": 4, "clear": False}, TypeText),
        ({"kind": "swipe", "direction": "up"}, Swipe),
        ({"kind": "swipe", "x1": 1, "y1": 2, "x2": 3, "y2": 4}, Swipe),
        ({"kind": "scroll", "direction": "down", "until": "Wi-Fi"}, Scroll),
        ({"kind": "press_key", "key": "home"}, PressKey),
        ({"kind": "open_app", "app": "Messages"}, OpenApp),
        ({"kind": "open_url", "url": "https://example.com"}, OpenUrl),
        ({"kind": "start_intent", "action": "android.intent.action.VIEW", "data": "geo:0,0"}, StartIntent),
        ({"kind": "wait", "seconds": 2, "settle": True}, Wait),
        ({"kind": "answer", "text": "42"}, Answer),
        ({"kind": "finish", "status": "infeasible", "reason": "no such contact"}, Finish),
    ],
)
def test_every_kind_parses_to_its_model(data, model):
    assert type(parse(data)) is model


def test_every_model_is_in_the_union_and_the_vocabulary():
    vocabulary = action_vocabulary()
    for kind, model in ACTION_MODELS.items():
        assert type(parse({"kind": kind, **_minimal(kind)})) is model
        assert f"\n{kind}: " in vocabulary


def _minimal(kind):
    return {
        "tap": {"index": 0},
        "long_press": {"index": 0},
        "double_tap": {"index": 0},
        "type_text": {"text": "x"},
        "swipe": {"direction": "left"},
        "scroll": {"direction": "up"},
        "press_key": {"key": "back"},
        "open_app": {"app": "Clock"},
        "open_url": {"url": "https://a.b"},
        "start_intent": {"action": "android.intent.action.MAIN"},
        "wait": {},
        "answer": {"text": "yes"},
        "finish": {},
    }[kind]


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"kind": "tap"}, "give index, or both x and y"),
        ({"kind": "tap", "x": 5}, "give index, or both x and y"),
        ({"kind": "tap", "index": 2, "x": 1, "y": 1}, "not both"),
        ({"kind": "tap", "index": -1}, "greater than or equal to 0"),
        ({"kind": "tap", "x": -5, "y": 3}, "greater than or equal to 0"),
        ({"kind": "long_press", "index": 1, "duration_ms": -100}, "greater than or equal to 1"),
        ({"kind": "wait", "seconds": -1}, "greater than 0"),
        ({"kind": "swipe"}, "give direction"),
        ({"kind": "swipe", "direction": "up", "x1": 1}, "not both"),
        ({"kind": "swipe", "direction": "sideways"}, "up"),
        ({"kind": "press_key", "key": "bakc"}, "did you mean back"),
        ({"kind": "press_key", "key": "launch_rockets"}, "unknown key"),
        ({"kind": "open_url", "url": "example.com"}, "needs a scheme"),
        ({"kind": "open_url", "url": "javascript:alert(1)"}, "not allowed"),
        ({"kind": "start_intent"}, "needs an action, data, a component or a package"),
        ({"kind": "start_intent", "action": "a.b", "component": "nonsense"}, "component must look like"),
        ({"kind": "finish", "status": "gave_up"}, "complete"),
        ({"kind": "answer", "text": ""}, "at least 1 character"),
        ({"kind": "fly"}, "does not match any of the expected tags"),
    ],
)
def test_impossible_actions_are_refused_with_a_reason(data, fragment):
    with pytest.raises(ValidationError) as info:
        parse(data)
    assert fragment in str(info.value)


def test_misspelt_optional_field_is_refused_not_ignored():
    with pytest.raises(ValidationError, match="clear_first"):
        parse({"kind": "type_text", "text": "hi", "clear_first": False})


def test_press_key_normalises_aliases_and_keycode_names():
    assert PressKey(key="Recents").key == "app_switch"
    assert PressKey(key="KEYCODE_BACK").key == "back"
    assert PressKey(key="backspace").key == "delete"
    assert PressKey(key=66).key == "enter"


def test_intent_extras_keep_their_json_types():
    action = parse(
        {"kind": "start_intent", "action": "a.b.C", "extras": {"s": "x", "i": 3, "b": True, "f": 1.5}}
    )
    assert [type(v) for v in action.extras.values()] == [str, int, bool, float]


def test_actions_are_frozen_facts():
    tap = Tap(index=1)
    with pytest.raises(ValidationError):
        tap.index = 2  # type: ignore[misc]


def test_round_trip_through_json_is_lossless():
    original = TypeText(text="héllo wörld", index=2, clear=False, press_enter=True)
    assert action_adapter.validate_json(original.model_dump_json()) == original


@pytest.mark.parametrize(
    "action, summary",
    [
        (Tap(index=3), "tap element 3"),
        (Tap(x=10, y=20), "tap (10, 20)"),
        (TypeText(text="hello", index=4, clear=False, press_enter=True), 'type "hello" into element 4 (append, then enter)'),
        (TypeText(text="hi"), 'type "hi" into the focused field'),
        (Swipe(direction="up"), "swipe up"),
        (Scroll(direction="down", until="About"), 'scroll down until "About" appears'),
        (PressKey(key="back"), "press back"),
        (Wait(seconds=2), "wait 2 s"),
        (Finish(status="infeasible", reason="no network"), "finish (infeasible): no network"),
    ],
)
def test_describe_is_a_one_line_human_summary(action, summary):
    assert action.describe() == summary


def test_describe_shortens_long_text():
    line = TypeText(text="x" * 500).describe()
    assert len(line) < 80 and "\n" not in line


def test_vocabulary_is_compact_and_mentions_every_field():
    vocabulary = action_vocabulary()
    assert len(vocabulary) < 1400  # about 350 tokens
    for model in ACTION_MODELS.values():
        for name in model.model_fields:
            if name != "kind":
                assert name in vocabulary, name
