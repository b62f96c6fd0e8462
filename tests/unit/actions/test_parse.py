"""The `droidpilot act` one-liners parse into the same Action models the planner produces."""

from __future__ import annotations

import pytest

from droidpilot.actions import (
    Answer,
    DoubleTap,
    Finish,
    LongPress,
    OpenApp,
    OpenUrl,
    PressKey,
    Scroll,
    Swipe,
    Tap,
    TypeText,
    Wait,
    parse_action_command,
)
from droidpilot.errors import InvalidAction


@pytest.mark.parametrize(
    "line, action",
    [
        ("tap 3", Tap(index=3)),
        ("click 3", Tap(index=3)),
        ("tap 540 1200", Tap(x=540, y=1200)),
        ("tap 540,1200", Tap(x=540, y=1200)),
        ("double tap 4", DoubleTap(index=4)),
        ("double_tap 100 200", DoubleTap(x=100, y=200)),
        ("long_press 3", LongPress(index=3)),
        ("long press 3 for 2s", LongPress(index=3, duration_ms=2000)),
        ("long_press 3 1500ms", LongPress(index=3, duration_ms=1500)),
        ('type "hello" into 4', TypeText(text="hello", index=4)),
        ('type "hello world"', TypeText(text="hello world")),
        ("type hi", TypeText(text="hi")),
        ('type "x" into 2 append enter', TypeText(text="x", index=2, clear=False, press_enter=True)),
        ("swipe up", Swipe(direction="up")),
        ("swipe left on 3 500ms", Swipe(direction="left", index=3, duration_ms=500)),
        ("swipe 100 1800 100 600", Swipe(x1=100, y1=1800, x2=100, y2=600)),
        ("scroll down", Scroll(direction="down")),
        ('scroll down on 2 until "About phone" max 5', Scroll(direction="down", index=2, until="About phone", max_swipes=5)),
        ("back", PressKey(key="back")),
        ("home", PressKey(key="home")),
        ("recents", PressKey(key="app_switch")),
        ("press enter", PressKey(key="enter")),
        ("key 24", PressKey(key="volume_up")),
        ("open Settings", OpenApp(app="Settings")),
        ("open the calendar", OpenApp(app="the calendar")),
        ("open app Play Store", OpenApp(app="Play Store")),
        ("open com.android.settings", OpenApp(app="com.android.settings")),
        ("open https://example.com/a", OpenUrl(url="https://example.com/a")),
        ("open example.com", OpenUrl(url="https://example.com")),
        ("url x.org", OpenUrl(url="https://x.org")),
        ("wait", Wait()),
        ("wait 2.5s", Wait(seconds=2.5)),
        ("wait 500ms", Wait(seconds=0.5)),
        ('wait until "Done"', Wait(seconds=10, until="Done")),
        ("wait settle", Wait(seconds=10, settle=True)),
        ("answer It is 21 degrees", Answer(text="It is 21 degrees")),
        ('answer "42"', Answer(text="42")),
        ("finish", Finish()),
        ("done", Finish()),
        ("finish infeasible because no network", Finish(status="infeasible", reason="no network")),
        ('infeasible "the contact does not exist"', Finish(status="infeasible", reason="the contact does not exist")),
        ('{"kind": "tap", "index": 7}', Tap(index=7)),
    ],
)
def test_one_liners(line, action):
    assert parse_action_command(line) == action


def test_intent_line_uses_am_flags_and_round_trips_to_argv():
    line = (
        "intent -a android.intent.action.VIEW -d geo:0,0?q=cafe -c android.intent.category.DEFAULT "
        "--es s 'two words' --ei n 3 --el t 5 --ez b true --esa e a,b -f 0x10000000"
    )
    argv = parse_action_command(line).to_spec().to_am_argv()
    assert argv == [
        "am", "start", "-a", "android.intent.action.VIEW", "-d", "geo:0,0?q=cafe",
        "-c", "android.intent.category.DEFAULT", "-f", "0x10000000",
        "--es", "s", "two words", "--ei", "n", "3", "--el", "t", "5", "--ez", "b", "true", "--esa", "e", "a,b",
    ]  # fmt: skip


def test_type_keeps_hostile_text_verbatim():
    action = parse_action_command("""type 'a; rm -rf / && echo "$(id)"' into 1""")
    assert action.text == 'a; rm -rf / && echo "$(id)"'


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("", "empty command"),
        ("fly away", "unknown command 'fly'"),
        ("tap", "give an element index or x y"),
        ("tap x", "must be a whole number"),
        ("tap -3", "greater than or equal to 0"),
        ('type "unclosed', "close your quotes"),
        ("type hello world", "quote text with spaces"),
        ("swipe sideways", "direction or four coordinates"),
        ("scroll", "scroll needs a direction"),
        ("press warp", "unknown key 'warp'"),
        ("intent -a", "missing its value"),
        ("intent -z x", "unknown intent argument"),
        ("wait forever", "unexpected 'forever'"),
        ('{"kind": "tap"}', "give index, or both x and y"),
    ],
)
def test_bad_lines_say_what_to_write(line, fragment):
    with pytest.raises(InvalidAction) as info:
        parse_action_command(line)
    assert fragment in str(info.value)


def test_unknown_command_lists_the_syntax():
    with pytest.raises(InvalidAction, match=r"(?s)tap 3 .*scroll down"):
        parse_action_command("jump")
