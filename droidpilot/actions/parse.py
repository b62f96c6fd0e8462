"""The human one-liner syntax of ``droidpilot act``: "tap 3", 'type "hi" into 4', "swipe up".

It produces the same Action models the planner produces, so a person at the CLI and the model
drive the device through one validated path. A line that starts with ``{`` is taken as the
model's JSON form. Errors are InvalidAction with the usage of the verb that was meant.

    tap 3 | tap 540 1200 | long_press 3 [1500ms] | double_tap 3
    type "text" [into 4] [append] [enter]
    swipe up|down|left|right [on 3] [300ms] | swipe x1 y1 x2 y2 [300ms]
    scroll down [on 3] [until "About"] [max 10]
    back | home | enter | recents | press volume_up | key 66
    open Settings | open https://example.com | url example.com
    intent -a android.intent.action.VIEW -d geo:0,0 [-n pkg/.Act] [--es k v] ...
    wait [2s] [until "Done"] [settle] | answer "text" | finish [infeasible] ["reason"]
"""

from __future__ import annotations

import re
import shlex
import textwrap
from collections.abc import Callable

from pydantic import ValidationError

from ..errors import InvalidAction
from .keys import KEY_ALIASES, KEYCODES
from .models import (
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

__all__ = ["parse_action_command", "COMMAND_USAGE"]

COMMAND_USAGE = textwrap.dedent(__doc__.split("\n\n", 2)[2]).strip() if __doc__ else ""

_DIRECTIONS = ("up", "down", "left", "right")
_URLISH = re.compile(r"^([a-z][a-z0-9+.\-]*://|www\.)|^[\w\-]+(\.[\w\-]+)+(/\S*)?$", re.IGNORECASE)
_PACKAGE = re.compile(r"^[a-z][\w]*(\.[a-z_][\w]*){2,}$", re.IGNORECASE)


def _int(token: str, what: str, usage: str) -> int:
    try:
        return int(token)
    except ValueError:
        raise InvalidAction(f"{what} must be a whole number, got {token!r}; usage: {usage}") from None


def _ms(token: str) -> int | None:
    """'1500ms', '1.5s' or '1500' (ms) → milliseconds; None if it is not a duration."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s)?", token.lower())
    if not match:
        return None
    value = float(match.group(1))
    return int(value * 1000) if match.group(2) == "s" else int(value)


def _seconds(token: str) -> float | None:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|sec|secs|seconds)?", token.lower())
    if not match:
        return None
    value = float(match.group(1))
    return value / 1000 if match.group(2) == "ms" else value


def _target(args: list[str], usage: str) -> dict[str, int]:
    """``3`` → index; ``540 1200`` or ``540,1200`` → x, y."""
    if len(args) == 1 and "," in args[0]:
        args = [a for a in args[0].split(",") if a]
    if len(args) == 1:
        return {"index": _int(args[0], "element index", usage)}
    if len(args) == 2:
        return {"x": _int(args[0], "x", usage), "y": _int(args[1], "y", usage)}
    raise InvalidAction(f"give an element index or x y; usage: {usage}")


def _tap(args: list[str]) -> ActionBase:
    return Tap(**_target(args, "tap 3 | tap 540 1200"))


def _double_tap(args: list[str]) -> ActionBase:
    return DoubleTap(**_target(args, "double_tap 3"))


def _long_press(args: list[str]) -> ActionBase:
    usage = "long_press 3 [1500ms]"
    duration = _ms(args[-1]) if len(args) in (2, 3) and args[-1].lower().endswith(("ms", "s")) else None
    if duration is not None:
        args = args[:-1]
        if args and args[-1].lower() == "for":
            args = args[:-1]
    fields = _target(args, usage)
    return LongPress(**fields, **({"duration_ms": duration} if duration is not None else {}))


def _type(args: list[str]) -> ActionBase:
    usage = 'type "text" [into 4] [append] [enter]'
    if not args:
        raise InvalidAction(f"type needs the text; usage: {usage}")
    text, rest = args[0], [a.lower() for a in args[1:]]
    fields: dict[str, object] = {"text": text}
    while rest:
        word = rest.pop(0)
        if word in ("into", "in", "on", "to") and rest:
            fields["index"] = _int(rest.pop(0), "element index", usage)
        elif word == "append":
            fields["clear"] = False
        elif word in ("enter", "submit", "and"):
            if word != "and":
                fields["press_enter"] = True
        else:
            raise InvalidAction(f"unexpected {word!r} after the text (quote text with spaces); usage: {usage}")
    return TypeText(**fields)  # type: ignore[arg-type]


def _swipe(args: list[str]) -> ActionBase:
    usage = "swipe up [on 3] [300ms] | swipe x1 y1 x2 y2 [300ms]"
    fields: dict[str, object] = {}
    if args and (duration := _ms(args[-1])) is not None and args[-1].lower().endswith(("ms", "s")):
        fields["duration_ms"] = duration
        args = args[:-1]
    if args and args[0].lower() in _DIRECTIONS:
        fields["direction"] = args[0].lower()
        rest = args[1:]
        if rest and rest[0].lower() in ("on", "in"):
            rest = rest[1:]
        if len(rest) == 1:
            fields["index"] = _int(rest[0], "element index", usage)
        elif rest:
            raise InvalidAction(f"unexpected {' '.join(rest)!r}; usage: {usage}")
        return Swipe(**fields)  # type: ignore[arg-type]
    if len(args) == 4:
        x1, y1, x2, y2 = (_int(a, "coordinate", usage) for a in args)
        return Swipe(x1=x1, y1=y1, x2=x2, y2=y2, **fields)  # type: ignore[arg-type]
    raise InvalidAction(f"swipe needs a direction or four coordinates; usage: {usage}")


def _scroll(args: list[str]) -> ActionBase:
    usage = 'scroll down [on 3] [until "About"] [max 10]'
    if not args or args[0].lower() not in _DIRECTIONS:
        raise InvalidAction(f"scroll needs a direction (up, down, left, right); usage: {usage}")
    fields: dict[str, object] = {"direction": args[0].lower()}
    rest = list(args[1:])
    while rest:
        word = rest.pop(0)
        low = word.lower()
        if low in ("on", "in") and rest:
            fields["index"] = _int(rest.pop(0), "element index", usage)
        elif low == "until" and rest:
            fields["until"] = rest.pop(0)
        elif low == "max" and rest:
            fields["max_swipes"] = _int(rest.pop(0), "max swipes", usage)
        elif word.isdigit() and "index" not in fields:
            fields["index"] = int(word)
        else:
            raise InvalidAction(f"unexpected {word!r}; usage: {usage}")
    return Scroll(**fields)  # type: ignore[arg-type]


def _press(args: list[str]) -> ActionBase:
    if len(args) != 1:
        raise InvalidAction("press needs one key name, e.g. press back | press volume_up")
    return PressKey(key=args[0])


def _open(args: list[str]) -> ActionBase:
    if not args:
        raise InvalidAction("open needs an app name or a URL, e.g. open Settings | open https://example.com")
    if args[0].lower() == "app" and len(args) > 1:
        args = args[1:]
    target = " ".join(args)
    if len(args) == 1 and _URLISH.match(target) and not _PACKAGE.match(target):
        return _url(args)
    return OpenApp(app=target)


def _url(args: list[str]) -> ActionBase:
    if len(args) != 1:
        raise InvalidAction("url needs one URL, e.g. url https://example.com")
    url = args[0]
    if not re.match(r"^[a-z][a-z0-9+.\-]*:", url, re.IGNORECASE):
        url = "https://" + url
    return OpenUrl(url=url)


_EXTRA_FLAGS: dict[str, Callable[[str], object]] = {
    "--es": str,
    "-e": str,
    "--ei": int,
    "--el": int,
    "--ef": float,
    "--ez": lambda v: v.lower() in ("true", "1", "yes"),
    "--esa": lambda v: tuple(part.replace("\\,", ",") for part in re.split(r"(?<!\\),", v)),
}


def _intent(args: list[str]) -> ActionBase:
    usage = (
        "intent -a ACTION [-d URI] [-t TYPE] [-c CATEGORY] [-n pkg/.Activity] [-f FLAGS] "
        "[--es|--ei|--ez|--el|--ef KEY VALUE] [PACKAGE]"
    )
    fields: dict[str, object] = {}
    categories: list[str] = []
    extras: dict[str, object] = {}
    rest = list(args)
    try:
        while rest:
            flag = rest.pop(0)
            if flag in ("-a", "-d", "-t", "-n"):
                key = {"-a": "action", "-d": "data", "-t": "mime_type", "-n": "component"}[flag]
                fields[key] = rest.pop(0)
            elif flag == "-c":
                categories.append(rest.pop(0))
            elif flag == "-f":
                fields["flags"] = int(rest.pop(0), 0)
            elif flag in _EXTRA_FLAGS:
                key = rest.pop(0)
                value = _EXTRA_FLAGS[flag](rest.pop(0))
                extras[key] = {"type": "long", "value": value} if flag == "--el" else value
            elif not flag.startswith("-") and not rest:
                fields["package"] = flag
            else:
                raise InvalidAction(f"unknown intent argument {flag!r}; usage: {usage}")
    except IndexError:
        raise InvalidAction(f"an intent flag is missing its value; usage: {usage}") from None
    except ValueError as exc:
        raise InvalidAction(f"bad intent value ({exc}); usage: {usage}") from None
    return StartIntent(**fields, categories=tuple(categories), extras=extras)  # type: ignore[arg-type]


def _wait(args: list[str]) -> ActionBase:
    usage = 'wait [2s] [until "Done"] [settle]'
    fields: dict[str, object] = {}
    rest = list(args)
    while rest:
        word = rest.pop(0)
        low = word.lower()
        if low == "until" and rest:
            fields["until"] = rest.pop(0)
        elif low in ("settle", "settled", "idle"):
            fields["settle"] = True
        elif low in ("for", "up", "to"):
            continue
        elif (seconds := _seconds(low)) is not None:
            fields["seconds"] = seconds
        else:
            raise InvalidAction(f"unexpected {word!r}; usage: {usage}")
    if ("until" in fields or fields.get("settle")) and "seconds" not in fields:
        fields["seconds"] = 10.0
    return Wait(**fields)  # type: ignore[arg-type]


def _answer(args: list[str]) -> ActionBase:
    if not args:
        raise InvalidAction('answer needs the text, e.g. answer "It is 21 degrees"')
    return Answer(text=" ".join(args))


def _finish(args: list[str], status: str = "complete") -> ActionBase:
    rest = list(args)
    if rest and rest[0].lower() in ("complete", "completed", "done", "success", "infeasible", "impossible", "failed"):
        word = rest.pop(0).lower()
        status = "infeasible" if word in ("infeasible", "impossible", "failed") else "complete"
    if rest and rest[0].lower() in ("because", "-", ":"):
        rest.pop(0)
    return Finish(status=status, reason=" ".join(rest))  # type: ignore[arg-type]


_VERBS: dict[str, Callable[[list[str]], ActionBase]] = {
    "tap": _tap,
    "click": _tap,
    "press_on": _tap,
    "double_tap": _double_tap,
    "doubletap": _double_tap,
    "long_press": _long_press,
    "longpress": _long_press,
    "long_tap": _long_press,
    "type": _type,
    "type_text": _type,
    "input": _type,
    "swipe": _swipe,
    "scroll": _scroll,
    "press": _press,
    "press_key": _press,
    "key": _press,
    "open": _open,
    "open_app": lambda args: OpenApp(app=" ".join(args)) if args else _open(args),
    "launch": _open,
    "start": _open,
    "url": _url,
    "open_url": _url,
    "intent": _intent,
    "start_intent": _intent,
    "wait": _wait,
    "sleep": _wait,
    "answer": _answer,
    "say": _answer,
    "finish": _finish,
    "done": _finish,
    "infeasible": lambda args: _finish(args, "infeasible"),
}
_TWO_WORD_VERBS = {("long", "press"): "long_press", ("double", "tap"): "double_tap", ("open", "url"): "open_url",
                   ("open", "app"): "open_app"}  # fmt: skip


def parse_action_command(line: str) -> ActionBase:
    """Parse one human command line (or the model's JSON) into an Action; InvalidAction if it is not one."""
    text = line.strip()
    if not text:
        raise InvalidAction(f"empty command; one of:\n{COMMAND_USAGE}")
    try:
        if text.startswith("{"):
            return action_adapter.validate_json(text)
        try:
            tokens = shlex.split(text)
        except ValueError as exc:
            raise InvalidAction(f"cannot read {line!r}: {exc} (close your quotes)") from None
        verb, args = tokens[0].lower().replace("-", "_"), tokens[1:]
        if args and (verb, args[0].lower()) in _TWO_WORD_VERBS:
            verb, args = _TWO_WORD_VERBS[(verb, args[0].lower())], args[1:]
        if verb in _VERBS:
            return _VERBS[verb](args)
        if not args and (verb in KEYCODES or verb in KEY_ALIASES):
            return PressKey(key=verb)
        raise InvalidAction(f"unknown command {tokens[0]!r}; one of:\n{COMMAND_USAGE}")
    except ValidationError as exc:
        problems = "; ".join(err["msg"].removeprefix("Value error, ") for err in exc.errors())
        raise InvalidAction(f"{line.strip()!r}: {problems}") from None
