"""Choosing how to put text into a field, and encoding it for the route chosen.

Typing is where Android agents break most: ``input text`` cannot type non-ASCII, turns ``%s``
into a space, and has been a shell-injection hole whenever text was pasted into a shell string.
This module is a pure planner: given the text, the target and what the device can do, it returns
an ordered list of ``TextInputPlan``s (best first, the rest as fallbacks), each a short list of
steps the actuator runs. Shell steps are argv lists; the transport quotes each element, so the
text is never parsed by a shell.

Routes, best first:
  ``set_text``      uiautomator2 ``setText`` on the element: exact, any script, replaces content.
  ``adb_keyboard``  a broadcast IME (uiautomator2's AdbKeyboard or ADBKeyBoard) given base64 text.
  ``clipboard``     uiautomator2 setClipboard + pasteClipboard into the focused field.
  ``input_text``    ``input text`` key injection: printable ASCII only, encoded as below.

``input text`` decoding (Android's ``InputShellCommand.sendText``): a ``%`` followed by ``s``
becomes a space, and nothing else is special. So a space is encoded ``%s``; a lone ``%`` stays a
``%``; ``% `` becomes ``%%s``. A literal ``%s`` cannot be written in one argument, so the encoder
splits the text between the ``%`` and the ``s`` and types the pieces with two commands.
"""

from __future__ import annotations

import base64
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import InvalidAction

__all__ = [
    "TextInputCapabilities",
    "TextInputStep",
    "TextInputPlan",
    "plan_text_input",
    "plan_text_input_routes",
    "encode_input_text",
    "decode_input_text",
    "input_text_argvs",
    "is_input_text_safe",
    "ADB_KEYBOARD_IMES",
]

Route = Literal["set_text", "adb_keyboard", "clipboard", "input_text"]
ImeKind = Literal["uiautomator", "adbkeyboard"]

# Broadcast IMEs: ime id, clear action, input action, extra key for the base64 text.
ADB_KEYBOARD_IMES: dict[str, tuple[str, str, str, str]] = {
    "uiautomator": (
        "com.github.uiautomator/.AdbKeyboard",
        "ADB_KEYBOARD_CLEAR_TEXT",
        "ADB_KEYBOARD_INPUT_TEXT",
        "text",
    ),
    "adbkeyboard": ("com.android.adbkeyboard/.AdbIME", "ADB_CLEAR_TEXT", "ADB_INPUT_B64", "msg"),
}

INPUT_TEXT_CHUNK = 40
"""Longest piece per ``input text`` call; long single calls drop characters on slow devices."""

MAX_BLIND_DELETES = 64
"""Deletes sent to clear a field whose content we do not know (input_text route only)."""

KEYCODE_ENTER = "66"
KEYCODE_DEL = "67"
KEYCODE_MOVE_END = "123"


class TextInputCapabilities(BaseModel):
    """What the device offers for text entry (the device layer fills this in once)."""

    model_config = ConfigDict(frozen=True)

    uiautomator: bool = Field(False, description="uiautomator2 server reachable (setText, clipboard)")
    ime: ImeKind | None = Field(None, description="installed broadcast IME, if any")
    ime_selected: bool = Field(False, description="that IME is already the current input method")


class TextInputStep(BaseModel):
    """One thing for the actuator to do.

    ops: ``focus`` tap the target element; ``set_text`` u2 setText on the target; ``clear``
    u2 clear of the focused/target field; ``set_clipboard``/``paste`` u2 clipboard; ``shell`` run
    ``argv`` on the device (one element per argument, quoted by the transport).
    """

    model_config = ConfigDict(frozen=True)

    op: Literal["focus", "set_text", "clear", "set_clipboard", "paste", "shell"]
    text: str | None = None
    argv: tuple[str, ...] = ()


class TextInputPlan(BaseModel):
    model_config = ConfigDict(frozen=True)

    route: Route
    steps: tuple[TextInputStep, ...]
    reason: str
    side_effects: tuple[str, ...] = ()


def is_input_text_safe(text: str) -> bool:
    """True when ``input text`` can type every character (printable ASCII; no tabs or newlines)."""
    return all(" " <= ch <= "~" for ch in text)


def encode_input_text(text: str) -> str:
    """Encode one piece for ``input text``: spaces as ``%s``. The piece must not contain ``%s``."""
    if not is_input_text_safe(text):
        raise InvalidAction("input text can only type printable ASCII; use set_text, clipboard or an IME")
    if "%s" in text:
        raise InvalidAction("a literal %s cannot be typed in one input text call; use input_text_argvs")
    return text.replace(" ", "%s")


def decode_input_text(arg: str) -> str:
    """What Android types for an ``input text`` argument: the device's own decoding, step for step.

    Kept beside the encoder so tests prove the round trip against the real rule, and so the
    virtual device (or anyone) can reuse it.
    """
    buff = list(arg)
    escape = False
    i = 0
    while i < len(buff):
        if escape:
            escape = False
            if buff[i] == "s":
                buff[i] = " "
                i -= 1
                del buff[i]
        if buff[i] == "%":
            escape = True
        i += 1
    return "".join(buff)


def _pieces(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most ``limit`` chars, never leaving ``%s`` inside a piece."""
    pieces: list[str] = []
    current = ""
    for ch in text:
        if len(current) >= limit or (ch == "s" and current.endswith("%")):
            pieces.append(current)
            current = ""
        current += ch
    if current:
        pieces.append(current)
    return pieces


def input_text_argvs(text: str, *, chunk: int = INPUT_TEXT_CHUNK) -> list[list[str]]:
    """argv lists typing ``text`` with ``input text`` (newlines become Enter key presses)."""
    argvs: list[list[str]] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        for piece in _pieces(line, chunk):
            argvs.append(["input", "text", encode_input_text(piece)])
        if number < len(lines) - 1:
            argvs.append(["input", "keyevent", KEYCODE_ENTER])
    return argvs


def _shell(*argv: str) -> TextInputStep:
    return TextInputStep(op="shell", argv=tuple(argv))


def plan_text_input_routes(
    text: str,
    caps: TextInputCapabilities,
    *,
    on_element: bool,
    clear: bool = True,
    existing_text: str | None = None,
    press_enter: bool = False,
) -> list[TextInputPlan]:
    """Every route that can enter ``text``, best first.

    ``on_element``: the action names an element (so it can be focused or set directly), else
    the text goes to the focused field. ``existing_text``: the field's real content when known
    (not its hint); needed to append with ``set_text`` and to clear exactly with key presses.
    """
    enter = (_shell("input", "keyevent", KEYCODE_ENTER),) if press_enter else ()
    focus = (TextInputStep(op="focus"),) if on_element else ()
    plans: list[TextInputPlan] = []

    if caps.uiautomator and on_element and (clear or existing_text is not None):
        final = text if clear else (existing_text or "") + text
        plans.append(
            TextInputPlan(
                route="set_text",
                steps=(TextInputStep(op="set_text", text=final), *enter),
                reason="uiautomator2 setText writes the exact text into the element",
            )
        )

    if caps.ime is not None:
        ime_id, clear_action, input_action, key = ADB_KEYBOARD_IMES[caps.ime]
        select = () if caps.ime_selected else (_shell("ime", "enable", ime_id), _shell("ime", "set", ime_id))
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        steps = [*select, *focus]
        if clear:
            steps.append(_shell("am", "broadcast", "-a", clear_action))
        if text:
            steps.append(_shell("am", "broadcast", "-a", input_action, "--es", key, payload))
        plans.append(
            TextInputPlan(
                route="adb_keyboard",
                steps=(*steps, *enter),
                reason=f"broadcast IME {ime_id} types any script from base64",
                side_effects=() if caps.ime_selected else (f"switches the input method to {ime_id}",),
            )
        )

    if caps.uiautomator:
        steps = [*focus]
        if clear:
            steps.append(TextInputStep(op="clear"))
        if text:
            steps += [TextInputStep(op="set_clipboard", text=text), TextInputStep(op="paste")]
        plans.append(
            TextInputPlan(
                route="clipboard",
                steps=(*steps, *enter),
                reason="paste from the clipboard works for any script",
                side_effects=("replaces the clipboard content",) if text else (),
            )
        )

    if is_input_text_safe(text.replace("\n", "")):
        steps = [*focus]
        if clear:
            deletes = len(existing_text) if existing_text is not None else MAX_BLIND_DELETES
            if deletes:
                steps.append(_shell("input", "keyevent", KEYCODE_MOVE_END))
                steps.append(_shell("input", "keyevent", *([KEYCODE_DEL] * deletes)))
        steps += [_shell(*argv) for argv in input_text_argvs(text)]
        plans.append(
            TextInputPlan(
                route="input_text",
                steps=(*steps, *enter),
                reason="plain ASCII typed with input text (spaces as %s)",
            )
        )
    return plans


def plan_text_input(
    text: str,
    caps: TextInputCapabilities,
    *,
    on_element: bool,
    clear: bool = True,
    existing_text: str | None = None,
    press_enter: bool = False,
) -> TextInputPlan:
    """The best route for this text on this device; InvalidAction when none can type it."""
    plans = plan_text_input_routes(
        text, caps, on_element=on_element, clear=clear, existing_text=existing_text, press_enter=press_enter
    )
    if not plans:
        raise InvalidAction(
            "this text needs uiautomator2 or a broadcast keyboard (ADBKeyBoard): `input text` types only "
            "printable ASCII; start the uiautomator2 server or install ADBKeyBoard"
        )
    return plans[0]
