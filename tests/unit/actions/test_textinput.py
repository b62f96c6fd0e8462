"""Text input: the right route per device, and an `input text` encoding that round-trips."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from droidpilot.actions.textinput import (
    TextInputCapabilities,
    decode_input_text,
    encode_input_text,
    input_text_argvs,
    plan_text_input,
    plan_text_input_routes,
)
from droidpilot.errors import InvalidAction

ASCII = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=120)
BARE = TextInputCapabilities()
U2 = TextInputCapabilities(uiautomator=True)
KEYBOARD = TextInputCapabilities(ime="adbkeyboard", ime_selected=True)


def typed(argvs):
    """What the device ends up typing for a sequence of input commands."""
    out = []
    for argv in argvs:
        if argv[:2] == ["input", "text"]:
            out.append(decode_input_text(argv[2]))
        elif argv == ["input", "keyevent", "66"]:
            out.append("\n")
    return "".join(out)


@pytest.mark.parametrize(
    "arg, result",
    [
        ("hello%sworld", "hello world"),
        ("100%", "100%"),
        ("%%s", "% "),
        ("%s%s", "  "),
        ("a%Sb", "a%Sb"),
        ("%%", "%%"),
        ("50%%ssure", "50% sure"),
        ("%", "%"),
    ],
)
def test_decoder_follows_androids_input_text(arg, result):
    assert decode_input_text(arg) == result


def test_encoder_turns_spaces_into_percent_s():
    assert encode_input_text("see you at 5") == "see%syou%sat%s5"
    assert encode_input_text("50% off") == "50%%soff"


def test_encoder_refuses_what_input_text_cannot_type():
    with pytest.raises(InvalidAction, match="printable ASCII"):
        encode_input_text("héllo")
    with pytest.raises(InvalidAction, match="literal %s"):
        encode_input_text("printf %s")


@given(ASCII)
def test_every_printable_ascii_text_round_trips(text):
    assert typed(input_text_argvs(text)) == text


@given(ASCII)
def test_argv_pieces_have_no_raw_space_and_stay_short(text):
    for argv in input_text_argvs(text, chunk=16):
        assert " " not in argv[2]
        assert len(decode_input_text(argv[2])) <= 16


def test_literal_percent_s_is_split_across_two_calls():
    argvs = input_text_argvs("use %s here")
    assert typed(argvs) == "use %s here"
    assert len(argvs) == 2


def test_newlines_become_enter_presses():
    argvs = input_text_argvs("line one\nline two")
    assert ["input", "keyevent", "66"] in argvs
    assert typed(argvs) == "line one\nline two"


def test_shell_metacharacters_stay_inside_one_argument():
    text = "ok;touch${IFS}/tmp/x && rm -rf / | cat `id` $(id) 'q' \"dq\""
    argvs = input_text_argvs(text, chunk=1000)
    assert len(argvs) == 1 and argvs[0][:2] == ["input", "text"] and len(argvs[0]) == 3
    assert typed(argvs) == text


def test_element_with_uiautomator_uses_set_text():
    plan = plan_text_input("Grüße", U2, on_element=True)
    assert plan.route == "set_text"
    assert plan.steps[0].op == "set_text" and plan.steps[0].text == "Grüße"


def test_append_with_set_text_needs_the_existing_text():
    plan = plan_text_input(" world", U2, on_element=True, clear=False, existing_text="hello")
    assert plan.route == "set_text" and plan.steps[0].text == "hello world"
    unknown = plan_text_input(" world", U2, on_element=True, clear=False)
    assert unknown.route == "clipboard"


def test_focused_field_with_uiautomator_pastes_and_says_it_clobbers_the_clipboard():
    plan = plan_text_input("你好", U2, on_element=False)
    assert plan.route == "clipboard"
    assert [s.op for s in plan.steps] == ["clear", "set_clipboard", "paste"]
    assert "clipboard" in plan.side_effects[0]


def test_broadcast_keyboard_sends_base64_text():
    plan = plan_text_input("Привет; rm -rf /", KEYBOARD, on_element=True)
    assert plan.route == "adb_keyboard"
    argvs = [s.argv for s in plan.steps if s.op == "shell"]
    assert argvs[0] == ("am", "broadcast", "-a", "ADB_CLEAR_TEXT")
    assert argvs[1][:5] == ("am", "broadcast", "-a", "ADB_INPUT_B64", "--es")
    assert base64.b64decode(argvs[1][-1]).decode() == "Привет; rm -rf /"
    assert plan.steps[0].op == "focus"


def test_unselected_keyboard_is_switched_to_and_reported():
    caps = TextInputCapabilities(ime="uiautomator")
    plan = plan_text_input("x", caps, on_element=False)
    assert plan.steps[1].argv == ("ime", "set", "com.github.uiautomator/.AdbKeyboard")
    assert "input method" in plan.side_effects[0]


def test_bare_device_types_ascii_with_input_text():
    plan = plan_text_input("hi there", BARE, on_element=True, existing_text="abc", press_enter=True)
    assert plan.route == "input_text"
    shell = [s.argv for s in plan.steps if s.op == "shell"]
    assert shell == [
        ("input", "keyevent", "123"),
        ("input", "keyevent", "67", "67", "67"),
        ("input", "text", "hi%sthere"),
        ("input", "keyevent", "66"),
    ]


def test_bare_device_cannot_type_non_ascii():
    with pytest.raises(InvalidAction, match="ADBKeyBoard"):
        plan_text_input("café", BARE, on_element=False)


def test_fallbacks_are_ordered_best_first():
    caps = TextInputCapabilities(uiautomator=True, ime="uiautomator", ime_selected=True)
    routes = [p.route for p in plan_text_input_routes("abc", caps, on_element=True)]
    assert routes == ["set_text", "adb_keyboard", "clipboard", "input_text"]


def test_clearing_only_sends_no_text():
    plan = plan_text_input("", U2, on_element=False)
    assert [s.op for s in plan.steps] == ["clear"]
