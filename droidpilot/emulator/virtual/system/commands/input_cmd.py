"""``input``, ``svc`` and ``ime``."""

from __future__ import annotations

import asyncio

from ...shell.registry import command
from ..keycodes import keycode_from_name
from ..services import IME_ADB_KEYBOARD, IME_LATIN

_SOURCES = {"touchscreen", "touchpad", "mouse", "keyboard", "dpad", "gamepad", "joystick", "stylus", "trackball", "rotaryencoder", "keyboard"}

INPUT_USAGE = (
    "Usage: input [<source>] [-d DISPLAY_ID] <command> [<arg>...]\n\n"
    "The commands and default sources are:\n"
    "      text <string> (Default: keyboard)\n"
    "      keyevent [--longpress|--doubletap|--async|--delay <duration between keycodes in ms>] <key code number or name> ... (Default: keyboard)\n"
    "      tap <x> <y> (Default: touchscreen)\n"
    "      swipe <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)\n"
    "      draganddrop <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)\n"
    "      press (Default: trackball)\n"
    "      roll <dx> <dy> (Default: trackball)\n"
    "      motionevent <DOWN|UP|MOVE|CANCEL> <x> <y> (Default: touchscreen)\n"
)


def _num(value: str) -> float:
    return float(value)


def decode_input_text(text: str) -> str:
    """``input text`` turns ``%s`` into a space (Android's Input.sendText)."""
    out = []
    i = 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1] == "s":
            out.append(" ")
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


@command("input")
async def input_(ctx) -> int:
    args = list(ctx.argv[1:])
    if args and args[0] in _SOURCES:
        args = args[1:]
    if args[:1] == ["-d"]:
        args = args[2:]
    if not args:
        ctx.err(INPUT_USAGE)
        return 1
    verb, rest = args[0], args[1:]
    system = ctx.system
    im = system.input
    try:
        if verb == "tap" and len(rest) >= 2:
            with system.lock:
                im.tap(_num(rest[0]), _num(rest[1]))
            return 0
        if verb in ("swipe", "draganddrop") and len(rest) >= 4:
            x1, y1, x2, y2 = map(_num, rest[:4])
            ms = int(_num(rest[4])) if len(rest) > 4 else (300 if verb == "swipe" else 1000)
            with system.lock:
                if verb == "swipe":
                    im.swipe(x1, y1, x2, y2, ms)
                else:
                    im.drag(x1, y1, x2, y2, ms)
            await asyncio.sleep(min(ms, 2000) / 1000 * im.gesture_time_scale)
            return 0
        if verb == "text" and rest:
            text = decode_input_text(" ".join(rest))
            if any(ord(c) > 0x7E for c in text):
                # Real Android throws when the key character map has no events for a character.
                ctx.err(
                    "Exception occurred while executing 'text':\njava.lang.NullPointerException: "
                    "Attempt to get length of null array\n"
                )
                return 255
            with system.lock:
                im.text(text)
            return 0
        if verb == "keyevent" and rest:
            longpress = False
            codes = []
            i = 0
            while i < len(rest):
                a = rest[i]
                if a == "--longpress":
                    longpress = True
                elif a in ("--doubletap", "--async"):
                    pass
                elif a == "--delay":
                    i += 1
                else:
                    code = keycode_from_name(a)
                    if code is None:
                        ctx.err(f"Error: Unknown keycode: {a}\n")
                        return 1
                    codes.append(code)
                i += 1
            for code in codes:
                with system.lock:
                    im.key(code, longpress=longpress)
            return 0
        if verb == "roll" and len(rest) >= 2:
            return 0
        if verb == "press":
            with system.lock:
                im.key(23)
            return 0
        if verb == "motionevent" and len(rest) >= 3:
            action = {"DOWN": 0, "UP": 1, "MOVE": 2, "CANCEL": 3}.get(rest[0].upper())
            if action is None:
                ctx.err(INPUT_USAGE)
                return 1
            with system.lock:
                im.touch(action, _num(rest[1]), _num(rest[2]))
            return 0
    except ValueError:
        ctx.err(f"Error: Invalid arguments for command: {verb}\n")
        return 1
    ctx.err(f"Error: Unknown command: {verb}\n" + INPUT_USAGE)
    return 1


@command("svc")
def svc(ctx) -> int:
    args = list(ctx.argv[1:])
    system = ctx.system
    keys = {"wifi": ("global", "wifi_on"), "data": ("global", "mobile_data"), "bluetooth": ("global", "bluetooth_on"), "nfc": ("global", "nfc_on")}
    if len(args) >= 2 and args[0] in keys and args[1] in ("enable", "disable"):
        ns, key = keys[args[0]]
        with system.lock:
            system.settings.put(ns, key, "1" if args[1] == "enable" else "0")
        return 0
    if len(args) >= 3 and args[0] == "power" and args[1] == "stayon":
        with system.lock:
            system.settings.put("global", "stay_on_while_plugged_in", "7" if args[2] == "true" else "0")
        return 0
    ctx.out(
        "Available commands:\n    help     Show information about the subcommands\n    power    Control the power manager\n"
        "    data     Control mobile data connectivity\n    wifi     Control the Wi-Fi manager\n"
        "    bluetooth Control Bluetooth service\n    nfc      Control NFC functions\n"
    )
    return 0 if not args or args[0] == "help" else 1


@command("ime")
def ime(ctx) -> int:
    args = list(ctx.argv[1:])
    system = ctx.system
    im = system.ime
    if not args:
        ctx.err("ime <command>:\n  list [-a] [-s]\n  enable <ID>\n  disable <ID>\n  set <ID>\n  reset\n")
        return 1
    verb, rest = args[0], args[1:]
    with system.lock:
        if verb == "list":
            show_all = "-a" in rest
            short = "-s" in rest
            ids = im.available if show_all else im.enabled
            if short:
                ctx.out("".join(f"{i}\n" for i in ids))
            else:
                for i in ids:
                    pkg, _, svc_name = i.partition("/")
                    ctx.out(f"{i}:\n  mId={i} mSettingsActivity=null mIsVrOnly=false\n  mIsDefaultResId=0x0\n  Service:\n    priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n    ServiceInfo:\n      name={svc_name}\n      packageName={pkg}\n")
            return 0
        if verb in ("enable", "disable") and rest:
            target = rest[-1]
            if not im.enable(target, verb == "enable"):
                ctx.out(f"Unknown input method {target} cannot be {verb}d for user #0\n")
                return 255
            ctx.out(f"Input method {target}: {'now enabled' if verb == 'enable' else 'now disabled'} for user #0\n")
            return 0
        if verb == "set" and rest:
            target = rest[-1]
            if not im.set_current(target):
                ctx.out(f"Unknown input method {target} cannot be selected for user #0\n")
                return 255
            ctx.out(f"Input method {target} selected for user #0\n")
            return 0
        if verb == "reset":
            im.enabled = [i for i in im.enabled if i == IME_LATIN] or [IME_LATIN]
            im.set_current(IME_LATIN)
            ctx.out(f"Reset current and enabled IMEs for user #0\n  Selected: {IME_LATIN}\n")
            return 0
    ctx.err(f"Unknown command: {verb}\n")
    return 1


__all__ = ["IME_ADB_KEYBOARD", "decode_input_text"]
