"""Arbitrary text never makes the parser raise anything but PlanParseError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from droidpilot.actions import ACTION_MODELS
from droidpilot.errors import PlanParseError
from droidpilot.planner.jsonish import JsonishError, find_objects, loads_lenient
from droidpilot.planner.parse import ParsedReply, parse_reply

from tests.unit.planner.planner_helpers import load_screen

SCREEN = load_screen()

_json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20)
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12,
)
_keys = st.sampled_from(
    ["kind", "action", "action_type", "type", "name", "index", "x", "y", "text", "direction", "key", "app",
     "url", "status", "params", "arguments", "element", "coordinate", "start", "end", "duration", "seconds",
     "plan", "notes", "thought", "goal", "tool_calls", "function"]
)
_kinds = st.sampled_from([*ACTION_MODELS, "click", "input_text", "navigate_back", "status", "press", "open", "teleport"])
_action_like = st.dictionaries(_keys, st.one_of(_json_values, _kinds), max_size=6)


def _assert_contract(text: str) -> None:
    try:
        result = parse_reply(text, SCREEN)
    except PlanParseError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, ParsedReply)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_only_raises_plan_parse_error(text):
    _assert_contract(text)


@settings(max_examples=150, deadline=None)
@given(_action_like, st.text(max_size=30), st.text(max_size=30), st.booleans())
def test_action_shaped_json_in_noise_only_raises_plan_parse_error(obj, before, after, fence):
    body = json.dumps(obj, allow_nan=True)
    if fence:
        body = f"```json\n{body}\n```"
    _assert_contract(before + body + after)


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}[]\"':,#/*\\ \nabc0123.-TrueNoneflase")), max_size=120))
def test_bracket_soup_only_raises_plan_parse_error(text):
    _assert_contract(text)
    for candidate in find_objects(text):
        assert candidate.value is None or isinstance(candidate.value, (dict, list, str, int, float, bool))


_finite_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=120, deadline=None)
@given(_finite_values)
def test_lenient_reader_agrees_with_json_on_valid_json(value):
    text = json.dumps(value)
    try:
        parsed = loads_lenient(text)
    except JsonishError:
        raise AssertionError(f"valid JSON refused: {text}") from None
    assert json.dumps(parsed, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)
