"""toybox ``sed`` (the common subset) for scripts that edit device files and filter output.

Supported: ``-n``, ``-e``, ``-E``/``-r``, ``-i``; addresses ``N``, ``$``, ``/re/`` and ranges
``A,B``, ``!``; commands ``s///`` (flags g, p, i/I, N), ``d``, ``p``, ``q``, ``=``, ``y///`` and
``a``/``i``/``c`` text. Command blocks (``{ ...; }``) and the hold space are left out: one-liners
sent over adb do not use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...fs import FSError
from ..io import Ctx
from ..perms import write_denied
from ..registry import command
from ._inputs import read_input
from .grep import translate


class _SedError(Exception):
    pass


@dataclass
class _Cmd:
    addr1: object = None
    addr2: object = None
    negate: bool = False
    name: str = ""
    regex: re.Pattern[str] | None = None
    replacement: str = ""
    flags: str = ""
    text: str = ""
    occurrence: int = 0
    in_range: bool = field(default=False, repr=False)


def _delimited(script: str, i: int, delim: str) -> tuple[str, int]:
    """Text up to the next unescaped ``delim``; ``\\delim`` becomes ``delim``."""
    out = []
    while i < len(script):
        c = script[i]
        if c == "\\" and i + 1 < len(script):
            nxt = script[i + 1]
            out.append(nxt if nxt == delim else "\\" + nxt)
            i += 2
            continue
        if c == delim:
            return "".join(out), i + 1
        out.append(c)
        i += 1
    raise _SedError(f"unterminated '{delim}'")


def _regex(text: str, extended: bool, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(translate(text, "E" if extended else "B"), flags)
    except re.error as exc:
        raise _SedError(f"bad regex '{text}': {exc}") from None


def _address(script: str, i: int, extended: bool) -> tuple[object, int]:
    if i < len(script) and script[i].isdigit():
        j = i
        while j < len(script) and script[j].isdigit():
            j += 1
        return int(script[i:j]), j
    if i < len(script) and script[i] == "$":
        return "$", i + 1
    if i < len(script) and script[i] in "/\\":
        delim = "/"
        if script[i] == "\\":
            delim = script[i + 1]
            i += 1
        text, j = _delimited(script, i + 1, delim)
        return _regex(text, extended), j
    return None, i


def _replacement(text: str) -> str:
    """sed's ``&`` and ``\\1`` in Python ``re.sub`` template syntax."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            out.append(f"\\g<{n}>" if n.isdigit() else {"n": "\n", "t": "\t", "&": "&"}.get(n, n).replace("\\", "\\\\"))
            i += 2
        elif c == "&":
            out.append("\\g<0>")
            i += 1
        else:
            out.append("\\\\" if c == "\\" else c)
            i += 1
    return "".join(out)


def _line_at(script: str, i: int) -> tuple[str, int]:
    """The rest of the line from ``i`` and the index after its newline."""
    end = script.find("\n", i)
    return (script[i:], len(script)) if end < 0 else (script[i:end], end + 1)


def parse_script(script: str, extended: bool) -> list[_Cmd]:
    cmds: list[_Cmd] = []
    i = 0
    while i < len(script):
        while i < len(script) and script[i] in " \t\n;":
            i += 1
        if i >= len(script):
            break
        cmd = _Cmd()
        cmd.addr1, i = _address(script, i, extended)
        if cmd.addr1 is not None and i < len(script) and script[i] == ",":
            cmd.addr2, i = _address(script, i + 1, extended)
            if cmd.addr2 is None:
                raise _SedError("unexpected ','")
        while i < len(script) and script[i] == " ":
            i += 1
        if i < len(script) and script[i] == "!":
            cmd.negate = True
            i += 1
        if i >= len(script):
            raise _SedError("missing command")
        cmd.name = script[i]
        i += 1
        if cmd.name in "sy":
            delim = script[i] if i < len(script) else ""
            if not delim:
                raise _SedError(f"unterminated '{cmd.name}'")
            pattern, i = _delimited(script, i + 1, delim)
            repl, i = _delimited(script, i, delim)
            j = i
            while j < len(script) and script[j] not in ";\n}":
                j += 1
            cmd.flags = script[i:j].strip()
            i = j
            if cmd.name == "s":
                flags = re.IGNORECASE if ("i" in cmd.flags or "I" in cmd.flags) else 0
                cmd.regex = _regex(pattern, extended, flags)
                cmd.replacement = _replacement(repl)
                digits = "".join(c for c in cmd.flags if c.isdigit())
                cmd.occurrence = int(digits) if digits else 0
            else:
                if len(pattern) != len(repl):
                    raise _SedError("y: strings differ in length")
                cmd.text = pattern + "\0" + repl
        elif cmd.name in "aic":
            line, i = _line_at(script, i)
            line = line.lstrip()
            if line in ("", "\\"):  # "a\" then the text on the next line
                line, i = _line_at(script, i)
            elif line.startswith("\\"):
                line = line[1:]
            cmd.text = line
        elif cmd.name not in "dpq=":
            raise _SedError(f"unknown command '{cmd.name}'")
        cmds.append(cmd)
    return cmds


def _matches(addr: object, lineno: int, line: str, last: bool) -> bool:
    if isinstance(addr, int):
        return lineno == addr
    if addr == "$":
        return last
    return bool(addr.search(line))  # type: ignore[union-attr]


def _selected(cmd: _Cmd, lineno: int, line: str, last: bool) -> bool:
    if cmd.addr1 is None:
        hit = True
    elif cmd.addr2 is None:
        hit = _matches(cmd.addr1, lineno, line, last)
    elif cmd.in_range:
        hit = True
        if _matches(cmd.addr2, lineno, line, last) or (isinstance(cmd.addr2, int) and lineno >= cmd.addr2):
            cmd.in_range = False
    elif _matches(cmd.addr1, lineno, line, last):
        hit = True
        cmd.in_range = not (isinstance(cmd.addr2, int) and cmd.addr2 <= lineno)
    else:
        hit = False
    return hit != cmd.negate


def run_sed(cmds: list[_Cmd], text: str, quiet: bool) -> str:
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    out: list[str] = []
    for idx, line in enumerate(lines):
        lineno, last = idx + 1, idx == len(lines) - 1
        deleted = quit_now = False
        after: list[str] = []
        for cmd in cmds:
            if not _selected(cmd, lineno, line, last):
                continue
            if cmd.name == "s" and cmd.regex is not None:
                count = 0 if "g" in cmd.flags else 1
                if cmd.occurrence:
                    matches = list(cmd.regex.finditer(line))
                    if len(matches) >= cmd.occurrence:
                        m = matches[cmd.occurrence - 1]
                        line = line[:m.start()] + m.expand(cmd.replacement) + line[m.end():]
                        if "p" in cmd.flags:
                            out.append(line)
                    continue
                new, n = cmd.regex.subn(cmd.replacement, line, count=count)
                line = new
                if n and "p" in cmd.flags:
                    out.append(line)
            elif cmd.name == "y":
                src, dst = cmd.text.split("\0")
                line = line.translate(str.maketrans(src, dst))
            elif cmd.name == "d":
                deleted = True
                break
            elif cmd.name == "p":
                out.append(line)
            elif cmd.name == "=":
                out.append(str(lineno))
            elif cmd.name == "q":
                quit_now = True
                break
            elif cmd.name == "a":
                after.append(cmd.text)
            elif cmd.name == "i":
                out.append(cmd.text)
            elif cmd.name == "c":
                out.append(cmd.text)
                deleted = True
                break
        if not deleted and not quiet:
            out.append(line)
        out.extend(after)
        if quit_now:
            break
    if not out:
        return ""
    return "\n".join(out) + ("\n" if trailing_newline or len(out) > len(lines) else "")


@command("sed")
async def sed(ctx: Ctx) -> int:
    args = ctx.argv[1:]
    scripts: list[str] = []
    quiet = extended = in_place = False
    files: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "-e" and i < len(args):
            scripts.append(args[i])
            i += 1
        elif a.startswith("-") and len(a) > 1 and not files and set(a[1:]) <= set("nErisz"):
            quiet |= "n" in a
            extended |= "E" in a or "r" in a
            in_place |= "i" in a
        elif a.startswith("-i") and len(a) > 2:
            in_place = True
        else:
            files.append(a)
    if not scripts:
        if not files:
            ctx.err("usage: sed [-inrsE] [-e SCRIPT]... [SCRIPT] [FILE...]\n")
            return 1
        scripts.append(files.pop(0))
    try:
        cmds = parse_script("\n".join(scripts), extended)
    except _SedError as exc:
        ctx.error(str(exc))
        return 1
    status = 0
    if in_place:
        for name in files:
            data = await read_input(ctx, name)
            if data is None:
                status = 1
                continue
            result = run_sed(parse_script("\n".join(scripts), extended), data.decode("utf-8", "surrogateescape"),
                             quiet)
            path = ctx.resolve(name)
            with ctx.system.lock:
                denied = write_denied(ctx.fs, path, ctx.uid)
                try:
                    if denied:
                        raise FSError(13, denied)
                    ctx.fs.write(path, result.encode("utf-8", "surrogateescape"), mode=None)
                except FSError as exc:
                    ctx.error(f"{name}: {exc.message}")
                    status = 1
        return status
    chunks = []
    for name in files or ["-"]:
        data = await read_input(ctx, name)
        if data is None:
            status = 1
            continue
        chunks.append(data.decode("utf-8", "surrogateescape"))
    ctx.out(run_sed(cmds, "".join(chunks), quiet).encode("utf-8", "surrogateescape"))
    return status
