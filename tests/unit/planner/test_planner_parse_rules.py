"""Parser rules that the corpus alone does not pin down."""

from __future__ import annotations

import pytest

from droidpilot.actions import Tap
from droidpilot.errors import InvalidAction, PlanParseError
from droidpilot.planner.jsonish import find_objects
from droidpilot.planner.parse import parse_reply


def test_without_a_screen_no_screen_check_is_made():
    assert parse_reply('{"kind": "tap", "index": 500}').action == Tap(index=500)


def test_a_custom_validator_decides_and_its_message_becomes_the_hint(screen):
    def refuse(action, state):
        raise InvalidAction("that switch is disabled right now")

    with pytest.raises(PlanParseError, match="that switch is disabled right now"):
        parse_reply('{"kind": "tap", "index": 3}', screen, validator=refuse)


def test_dropped_fields_are_reported():
    parsed = parse_reply('{"kind": "tap", "index": 3, "confidence": 0.8, "label": "Wi-Fi"}')
    assert parsed.dropped_fields == ("confidence", "label")


def test_plan_and_notes_absent_mean_unchanged_and_empty_means_cleared():
    untouched = parse_reply('{"kind": "tap", "index": 3}')
    assert untouched.plan is None and untouched.notes is None
    cleared = parse_reply('{"plan": [], "notes": [], "action": {"kind": "tap", "index": 3}}')
    assert cleared.plan == () and cleared.notes == ()


def test_plan_items_in_several_shapes():
    reply = (
        '{"plan": ["[x] open settings", "[ ] find Wi-Fi", {"step": "toggle", "status": "done"},'
        ' {"subgoal": "verify", "completed": false}], "action": {"kind": "tap", "index": 3}}'
    )
    plan = parse_reply(reply).plan
    assert [(p.text, p.done) for p in plan] == [
        ("open settings", True), ("find Wi-Fi", False), ("toggle", True), ("verify", False)
    ]


def test_plan_as_checklist_in_prose():
    reply = 'Plan:\n- [x] open settings\n- [ ] turn on Wi-Fi\n{"kind": "tap", "index": 3}'
    assert [(p.text, p.done) for p in parse_reply(reply).plan] == [("open settings", True), ("turn on Wi-Fi", False)]


def test_notes_are_bounded_in_number_and_length():
    notes = [f"note {i} " + "x" * 400 for i in range(20)]
    reply = '{"notes": ' + str(notes).replace("'", '"') + ', "action": {"kind": "tap", "index": 3}}'
    parsed = parse_reply(reply)
    assert len(parsed.notes) == 8
    assert all(len(note) <= 200 for note in parsed.notes)
    assert parsed.notes[-1].startswith("note 19")


def test_the_hint_is_one_line_and_tells_the_format():
    with pytest.raises(PlanParseError) as caught:
        parse_reply("I'd tap\nthe switch")
    message = str(caught.value)
    assert "\n" not in message
    assert '"action": {"kind": "tap", "index": 3}' in message


def test_an_example_inside_reasoning_is_never_taken_as_the_action():
    reply = '<think>{"kind": "tap", "index": 8} would reset the phone</think>{"kind": "tap", "index": 3}'
    assert parse_reply(reply).action == Tap(index=3)


def test_balanced_scan_handles_nested_objects_and_braces_in_strings():
    text = 'x {"a": {"b": {"c": "}{"}}, "d": "\\"}"} y {"e": 1}'
    values = [c.value for c in find_objects(text)]
    assert values == [{"a": {"b": {"c": "}{"}}, "d": '"}'}, {"e": 1}]


def test_a_degenerate_run_of_braces_is_refused_as_too_deep():
    reply = "{" * 50_000 + '"kind": "tap"'
    with pytest.raises(PlanParseError, match="nesting deeper than 64 levels"):
        parse_reply(reply)


def test_an_action_after_a_long_stretch_of_prose_is_found():
    parsed = parse_reply("blah " * 20_000 + '{"kind": "tap", "index": 3}')
    assert parsed.action == Tap(index=3)
    assert parsed.thought.startswith("blah blah")
