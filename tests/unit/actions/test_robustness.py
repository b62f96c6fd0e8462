"""Whatever text arrives (from a person, a model or a screen), the actions layer answers with a
typed result or its own documented error, never a stray exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from droidpilot.actions import (
    ActionBase,
    InstalledApp,
    StartIntent,
    Tap,
    TypeText,
    action_adapter,
    assess,
    parse_action_command,
    resolve_app,
)
from droidpilot.errors import AppNotFound, InvalidAction

from .conftest import item, screen

APPS = [
    InstalledApp(package="com.android.settings", label="Settings"),
    InstalledApp(package="com.google.android.deskclock", label="Clock"),
    InstalledApp(package="com.example.notes"),
]
WORDS = st.sampled_from(["tap", "type", "swipe", "scroll", "open", "intent", "wait", "finish", "3", "up", '"x"', "-a", "into"])


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=60), st.lists(WORDS, max_size=6).map(" ".join)))
def test_any_command_line_parses_or_raises_invalid_action(line):
    try:
        action = parse_action_command(line)
    except InvalidAction:
        return
    assert isinstance(action, ActionBase)
    assert action_adapter.validate_json(action.model_dump_json()) == action


@given(st.text(max_size=40))
def test_any_app_name_resolves_or_raises_app_not_found(name):
    try:
        app = resolve_app(name, APPS)
    except AppNotFound as exc:
        assert str(exc)
        return
    assert app in APPS


@given(st.text(max_size=80), st.text(max_size=80))
def test_assess_accepts_any_screen_text_and_goal(label, goal):
    state = screen(item(0, label), item(1, "", editable=True))
    for action in (Tap(index=0), TypeText(index=1, text=label or "x")):
        result = assess(action, state, goal)
        assert result.level == max((f.level for f in result.findings), default=result.level)


@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z._]{0,12}", fullmatch=True),
        st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20)),
        max_size=4,
    )
)
def test_intent_extras_render_to_an_argv_of_strings(extras):
    argv = StartIntent(action="a.b.C", extras=extras).to_spec().to_am_argv()
    assert all(isinstance(arg, str) for arg in argv)
    assert len(argv) == 4 + sum(3 for _ in extras)
