"""toybox ``grep`` (also ``egrep``/``fgrep``): BRE/ERE/fixed patterns over files or stdin.

Agents and clients pipe device output through grep (``dumpsys window | grep mCurrentFocus``), so
the flags and the ``file:line`` prefixes follow toybox.
"""

from __future__ import annotations

import posixpath
import re

from ...fs import FSError
from ..io import Ctx
from ..perms import read_denied
from ..registry import command
from ._opts import UsageError, int_opt, parse_opts

_CLASSES = {
    "[:alpha:]": "a-zA-Z", "[:digit:]": "0-9", "[:alnum:]": "a-zA-Z0-9", "[:upper:]": "A-Z", "[:lower:]": "a-z",
    "[:space:]": r" \t\n\r\f\v", "[:blank:]": r" \t", "[:punct:]": r"!-/:-@\[-`{-~", "[:xdigit:]": "0-9A-Fa-f",
    "[:print:]": r" -~", "[:graph:]": r"!-~", "[:cntrl:]": r"\x00-\x1f\x7f",
}


def _bracket(pat: str, i: int) -> tuple[str, int]:
    """Translate a POSIX bracket expression starting at ``pat[i] == '['``."""
    j = i + 1
    out = ["["]
    if j < len(pat) and pat[j] == "^":
        out.append("^")
        j += 1
    if j < len(pat) and pat[j] == "]":
        out.append(r"\]")
        j += 1
    while j < len(pat) and pat[j] != "]":
        if pat.startswith("[:", j):
            end = pat.find(":]", j)
            if end > 0 and pat[j:end + 2] in _CLASSES:
                out.append(_CLASSES[pat[j:end + 2]])
                j = end + 2
                continue
        c = pat[j]
        out.append("\\" + c if c in "\\[" else c)
        j += 1
    if j >= len(pat):
        return re.escape(pat[i:]), len(pat)  # an unclosed bracket matches literally
    out.append("]")
    return "".join(out), j + 1


def translate(pattern: str, mode: str) -> str:
    """A POSIX basic (``B``) or extended (``E``) regex as a Python regex."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "[":
            text, i = _bracket(pattern, i)
            out.append(text)
            continue
        if c == "\\" and i + 1 < len(pattern):
            n = pattern[i + 1]
            i += 2
            if mode == "B" and n in "(){}|+?":
                out.append(n)
            elif n in "<>":
                out.append(r"\b")
            elif n in "wWsSbB" or n.isdigit():
                out.append("\\" + n)
            else:
                out.append(re.escape(n))
            continue
        i += 1
        if mode == "B" and c in "(){}|+?":
            out.append("\\" + c)
        elif c == "*" and (not out or out[-1] in ("^", "(", "|")):
            out.append(r"\*")  # a leading * is literal in POSIX regexes
        elif c == "{" and mode == "E" and not re.match(r"\d+(,\d*)?\}", pattern[i:]):
            out.append(r"\{")
        else:
            out.append(c)
    return "".join(out)


def _compile(patterns: list[str], mode: str, opts: dict) -> list[re.Pattern[str]]:
    flags = re.IGNORECASE if opts.get("i") else 0
    compiled = []
    for pat in patterns:
        body = re.escape(pat) if mode == "F" else translate(pat, mode)
        if opts.get("x"):
            body = f"^(?:{body})$"
        elif opts.get("w"):
            body = rf"(?<![\w])(?:{body})(?![\w])"
        compiled.append(re.compile(body, flags))
    return compiled


def _walk(ctx: Ctx, path: str, label: str) -> list[tuple[str, str]]:
    fs = ctx.fs
    if not fs.is_dir(path):
        return [(path, label)]
    out = []
    for name in fs.listdir(path):
        child = posixpath.join(path, name)
        if fs.is_symlink(child):
            continue
        out.extend(_walk(ctx, child, posixpath.join(label, name) if label != "." else name))
    return out


@command("grep", "egrep", "fgrep")
async def grep(ctx: Ctx) -> int:
    try:
        opts, args = parse_opts(ctx.argv[1:], "ivcEFnqolLhHrRswxzab", "emABC")
    except UsageError as exc:
        ctx.error(str(exc))
        return 2
    mode = "E" if opts.get("E") or ctx.name == "egrep" else "F" if opts.get("F") or ctx.name == "fgrep" else "B"
    patterns: list[str] = list(opts.get("e*", []))  # type: ignore[arg-type]
    if not patterns:
        if not args:
            ctx.err("usage: grep [-EFrivwcloqsHbhn] [-ABC NUM] [-m MAX] [-e REGEX]... [-f REGFILE] [FILE]...\n")
            return 2
        patterns = [args.pop(0)]
    split_patterns = [p for pat in patterns for p in pat.split("\n")]
    try:
        regexes = _compile(split_patterns, mode, opts)
    except re.error as exc:
        ctx.error(f"bad regex '{patterns[0]}': {exc}")
        return 2
    recursive = bool(opts.get("r") or opts.get("R"))
    files = args or (["."] if recursive else ["-"])
    targets: list[tuple[str | None, str]] = []
    status_err = False
    for name in files:
        if name == "-":
            targets.append((None, "(standard input)"))
            continue
        path = ctx.resolve(name)
        if recursive and ctx.fs.is_dir(path):
            targets.extend(_walk(ctx, path, name))
        else:
            targets.append((path, name))
    show_name = (len(targets) > 1 or recursive or opts.get("H")) and not opts.get("h")
    try:
        max_count = int_opt(opts, "m", -1)
    except UsageError as exc:
        ctx.error(str(exc))
        return 2
    invert = bool(opts.get("v"))
    matched_any = False
    for path, label in targets:
        if path is None:
            data = await ctx.read_stdin()
        else:
            with ctx.system.lock:
                try:
                    denied = read_denied(ctx.fs, path, ctx.uid)
                    if denied:
                        raise FSError(13, denied)
                    if ctx.fs.is_dir(path):
                        raise FSError(21, "Is a directory")
                    data = ctx.fs.read(path)
                except FSError as exc:
                    if not opts.get("s"):
                        ctx.error(f"{label}: {exc.message}")
                    status_err = True
                    continue
        text = data.decode("utf-8", "surrogateescape")
        sep = "\0" if opts.get("z") else "\n"
        lines = text.split(sep)
        if lines and lines[-1] == "":
            lines.pop()
        count = 0
        prefix = f"{label}:" if show_name else ""
        for lineno, line in enumerate(lines, 1):
            if max_count >= 0 and count >= max_count:
                break
            hit = any(rx.search(line) for rx in regexes)
            if hit == invert:
                continue
            count += 1
            matched_any = True
            if opts.get("q"):
                return 0
            if opts.get("l") or opts.get("L") or opts.get("c"):
                continue
            num = f"{lineno}:" if opts.get("n") else ""
            if opts.get("o") and not invert:
                for rx in regexes:
                    for m in rx.finditer(line):
                        if m.group(0):
                            ctx.out(f"{prefix}{num}{m.group(0)}{sep}")
            else:
                ctx.out(f"{prefix}{num}{line}{sep}")
        if opts.get("c"):
            ctx.out(f"{prefix}{count}\n")
        if opts.get("l") and count:
            ctx.out(f"{label}\n")
        if opts.get("L") and not count:
            ctx.out(f"{label}\n")
    if status_err and not (opts.get("q") and matched_any):
        return 2
    return 0 if matched_any else 1
