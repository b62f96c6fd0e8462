"""Shell builtins and process-level commands: echo, cd, export, exit, test, sh, su, sleep, ...

These change the shell's own state (``ctx.state``) or start nested shells, so they live next
to the interpreter rather than with the file tools.
"""

from __future__ import annotations

import asyncio
import posixpath
import re
import shlex

from ...fs import FSError
from ..interpreter import SH, ExitShell, LoopControl, ReturnFromFunction
from ..io import Ctx
from ..registry import command, lookup
from ..state import ANDROID_PATH
from ._opts import UsageError, parse_opts
from .testexpr import TestError, evaluate_test

_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _echo_escapes(text: str) -> tuple[str, bool]:
    """Interpret ``echo -e`` escapes; the bool is False after ``\\c`` (stop output)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 >= len(text):
            out.append(c)
            i += 1
            continue
        n = text[i + 1]
        if n in _ESCAPES:
            out.append(_ESCAPES[n])
            i += 2
        elif n == "c":
            return "".join(out), False
        elif n == "0":
            m = re.match(r"[0-7]{0,3}", text[i + 2:])
            digits = m.group(0) if m else ""
            out.append(chr(int(digits or "0", 8)))
            i += 2 + len(digits)
        elif n == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
            if m:
                out.append(chr(int(m.group(0), 16)))
                i += 2 + len(m.group(0))
            else:
                out.append("\\x")
                i += 2
        else:
            out.append("\\" + n)
            i += 2
    return "".join(out), True


@command("echo")
def echo(ctx: Ctx) -> int:
    """mksh's builtin echo: backslash escapes are interpreted unless ``-E``; ``-n`` drops the newline."""
    args = ctx.argv[1:]
    newline, escapes = True, True
    while args and re.fullmatch(r"-[neE]+", args[0]):
        for c in args[0][1:]:
            if c == "n":
                newline = False
            elif c == "e":
                escapes = True
            else:
                escapes = False
        args = args[1:]
    text = " ".join(args)
    if escapes:
        text, keep_going = _echo_escapes(text)
        if not keep_going:
            newline = False
    ctx.out(text + ("\n" if newline else ""))
    return 0


@command("true", ":")
def true_(ctx: Ctx) -> int:
    return 0


@command("false")
def false_(ctx: Ctx) -> int:
    return 1


@command("exit")
def exit_(ctx: Ctx) -> int:
    if len(ctx.argv) > 1:
        try:
            code = int(ctx.argv[1])
        except ValueError:
            ctx.err(f"{SH}: exit: {ctx.argv[1]}: bad number\n")
            raise ExitShell(1) from None
    else:
        code = ctx.state.status
    raise ExitShell(code & 0xFF)


def _loop_control(ctx: Ctx, kind: str) -> int:
    levels = 1
    if len(ctx.argv) > 1:
        if not ctx.argv[1].isdigit() or int(ctx.argv[1]) < 1:
            ctx.err(f"{SH}: {kind}: {ctx.argv[1]}: bad number\n")
            return 1
        levels = int(ctx.argv[1])
    raise LoopControl(kind, levels)


@command("return")
def return_(ctx: Ctx) -> int:
    code = ctx.state.status
    if len(ctx.argv) > 1:
        if not ctx.argv[1].lstrip("-").isdigit():
            ctx.err(f"{SH}: return: {ctx.argv[1]}: bad number\n")
            code = 1
        else:
            code = int(ctx.argv[1]) & 0xFF
    raise ReturnFromFunction(code)


@command("local", "typeset")
def local(ctx: Ctx) -> int:
    """Accepted for scripts; variables are shell-global here (no per-function scopes)."""
    for arg in ctx.argv[1:]:
        if arg.startswith("-"):
            continue
        name, eq, value = arg.partition("=")
        if not _NAME.match(name):
            ctx.err(f"{SH}: {ctx.name}: {arg}: is not an identifier\n")
            return 1
        ctx.state.vars[name] = value if eq else ctx.state.vars.get(name, "")
    return 0


@command("trap")
def trap(ctx: Ctx) -> int:
    """``trap ACTION EXIT`` (or 0) runs ACTION when the shell ends; signals never arrive here."""
    args = ctx.argv[1:]
    if not args:
        for sig, action in ctx.state.traps.items():
            ctx.out(f"trap -- {shlex.quote(action)} {sig}\n")
        return 0
    if len(args) == 1:
        args = ["-", args[0]]
    action, sigs = args[0], args[1:]
    for sig in sigs:
        key = "EXIT" if sig in ("0", "EXIT") else sig.upper().removeprefix("SIG")
        if action == "-":
            ctx.state.traps.pop(key, None)
        else:
            ctx.state.traps[key] = action
    return 0


@command("break")
def break_(ctx: Ctx) -> int:
    return _loop_control(ctx, "break")


@command("continue")
def continue_(ctx: Ctx) -> int:
    return _loop_control(ctx, "continue")


@command("cd")
def cd(ctx: Ctx) -> int:
    args = [a for a in ctx.argv[1:] if a not in ("-L", "-P")]
    if not args:
        target = ctx.state.get("HOME") or "/"
    elif args[0] == "-":
        target = ctx.state.get("OLDPWD") or ctx.state.cwd
        ctx.out(target + "\n")
    else:
        target = args[0]
    path = ctx.resolve(target)
    if not ctx.fs.exists(path):
        ctx.err(f"{SH}: cd: {target}: No such file or directory\n")
        return 1
    if not ctx.fs.is_dir(path):
        ctx.err(f"{SH}: cd: {target}: Not a directory\n")
        return 1
    ctx.state.vars["OLDPWD"] = ctx.state.cwd
    ctx.state.cwd = path
    return 0


@command("pwd")
def pwd(ctx: Ctx) -> int:
    ctx.out(ctx.cwd + "\n")
    return 0


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@command("export")
def export(ctx: Ctx) -> int:
    args = [a for a in ctx.argv[1:] if a != "-p"]
    if not args:
        for key in sorted(ctx.state.exported):
            if key in ctx.state.vars:
                ctx.out(f"export {key}={shlex.quote(ctx.state.vars[key])}\n")
        return 0
    status = 0
    for arg in args:
        name, eq, value = arg.partition("=")
        if not _NAME.match(name):
            ctx.err(f"{SH}: export: {arg}: is not an identifier\n")
            status = 1
            continue
        if eq:
            ctx.state.vars[name] = value
        ctx.state.exported.add(name)
    return status


@command("unset")
def unset(ctx: Ctx) -> int:
    for name in ctx.argv[1:]:
        if name in ("-v", "-f"):
            continue
        ctx.state.vars.pop(name, None)
        ctx.state.exported.discard(name)
    return 0


@command("set")
def set_(ctx: Ctx) -> int:
    """``set`` lists variables; ``set -- a b`` sets positional parameters; options are accepted."""
    args = ctx.argv[1:]
    if not args:
        for key in sorted(ctx.state.vars):
            ctx.out(f"{key}={shlex.quote(ctx.state.vars[key])}\n")
        return 0
    while args and args[0][:1] in "-+" and args[0] != "--":
        args = args[1:]
    if args and args[0] == "--":
        args = args[1:]
        ctx.state.positional = ctx.state.positional[:1] + args
    elif args:
        ctx.state.positional = ctx.state.positional[:1] + args
    return 0


@command("shift")
def shift(ctx: Ctx) -> int:
    n = int(ctx.argv[1]) if len(ctx.argv) > 1 and ctx.argv[1].isdigit() else 1
    if n > len(ctx.state.positional) - 1:
        ctx.err(f"{SH}: shift: {n}: bad number\n")
        return 1
    ctx.state.positional = ctx.state.positional[:1] + ctx.state.positional[1 + n:]
    return 0


@command("read")
async def read_(ctx: Ctx) -> int:
    """``read [-r] VAR...``: one line of stdin split over the names (the rest goes to the last)."""
    raw = False
    names = []
    for a in ctx.argv[1:]:
        if a == "-r":
            raw = True
        else:
            names.append(a)
    names = names or ["REPLY"]
    data = await ctx.read_stdin()
    if not data:
        return 1
    line = data.decode("utf-8", "replace").split("\n", 1)[0]
    if not raw:
        line = line.replace("\\", "")
    fields = line.split(None, len(names) - 1)
    for i, name in enumerate(names):
        ctx.state.vars[name] = fields[i] if i < len(fields) else ""
    return 0


@command("env")
async def env(ctx: Ctx) -> int:
    """``env`` prints the environment; ``env [-i] [VAR=x]... cmd`` runs ``cmd`` with changes."""
    args = ctx.argv[1:]
    environ = dict(ctx.env)
    if args and args[0] in ("-i", "-"):
        environ = {}
        args = args[1:]
    while args and "=" in args[0] and _NAME.match(args[0].split("=", 1)[0]):
        key, _, value = args[0].partition("=")
        environ[key] = value
        args = args[1:]
    if not args:
        for key, value in environ.items():
            ctx.out(f"{key}={value}\n")
        return 0
    child = ctx.state.child()
    child.vars = dict(environ)
    child.exported = set(environ)
    return await ctx.shell.invoke(args, child, ctx.shell.streams_of(ctx))


@command("printenv")
def printenv(ctx: Ctx) -> int:
    if len(ctx.argv) == 1:
        for key, value in ctx.env.items():
            ctx.out(f"{key}={value}\n")
        return 0
    status = 0
    for name in ctx.argv[1:]:
        if name in ctx.env:
            ctx.out(ctx.env[name] + "\n")
        else:
            status = 1
    return status


@command("test", "[")
def test(ctx: Ctx) -> int:
    args = ctx.argv[1:]
    if ctx.name == "[":
        if not args or args[-1] != "]":
            ctx.err(f"{SH}: [: missing ]\n")
            return 2
        args = args[:-1]
    try:
        return 0 if evaluate_test(args, ctx) else 1
    except TestError as exc:
        ctx.err(f"{SH}: {ctx.name}: {exc}\n")
        return 2


@command("sh", "mksh")
async def sh(ctx: Ctx) -> int:
    """``sh -c script [arg0 args...]``, ``sh file [args]``, or a script on stdin."""
    args = ctx.argv[1:]
    while args and args[0] in ("-e", "-x", "-u", "-i", "-l", "-s"):
        args = args[1:]
    if args and args[0] == "-c":
        if len(args) < 2:
            ctx.err(f"{SH}: -c: option requires an argument\n")
            return 1
        positional = args[2:] if len(args) > 2 else [SH]
        return await ctx.shell.run_nested(args[1], ctx, positional=positional)
    if args:
        path = ctx.resolve(args[0])
        try:
            script = ctx.fs.read(path).decode("utf-8", "replace")
        except FSError:
            ctx.err(f"{SH}: {args[0]}: No such file or directory\n" if not ctx.fs.exists(path) else
                    f"{SH}: {args[0]}: can't open\n")
            return 127
        return await ctx.shell.run_nested(script, ctx, positional=list(args))
    script = (await ctx.read_stdin()).decode("utf-8", "replace")
    return await ctx.shell.run_nested(script, ctx)


@command("eval")
async def eval_(ctx: Ctx) -> int:
    """The shell's ``eval``: re-parse the words as shell text in this shell (never Python eval)."""
    return await ctx.shell.run_in_state(" ".join(ctx.argv[1:]), ctx.state, ctx.shell.streams_of(ctx))


@command(".", "source")
async def source(ctx: Ctx) -> int:
    if len(ctx.argv) < 2:
        ctx.err(f"{SH}: .: missing argument\n")
        return 1
    path = ctx.resolve(ctx.argv[1])
    try:
        script = ctx.fs.read(path).decode("utf-8", "replace")
    except FSError:
        ctx.err(f"{SH}: .: {ctx.argv[1]}: not found\n")
        return 1
    return await ctx.shell.run_in_state(script, ctx.state, ctx.shell.streams_of(ctx))


@command("exec")
async def exec_(ctx: Ctx) -> int:
    """``exec cmd``: run ``cmd`` and end this shell with its status."""
    if len(ctx.argv) < 2:
        return 0
    code = await ctx.shell.invoke(ctx.argv[1:], ctx.state, ctx.shell.streams_of(ctx))
    raise ExitShell(code)


@command("su")
async def su(ctx: Ctx) -> int:
    """Root on rooted (userdebug) devices only; production builds have no ``su`` at all."""
    if not getattr(ctx.system, "rooted", False):
        ctx.err(f"{SH}: su: not found\n")
        return 127
    args = ctx.argv[1:]
    uid = 0
    if args and args[0] in ("0", "root"):
        args = args[1:]
    elif args and args[0] in ("shell", "2000"):
        uid = 2000
        args = args[1:]
    elif args and args[0].isdigit():
        uid = int(args[0])
        args = args[1:]
    if args and args[0] == "-c":
        if len(args) < 2:
            ctx.err("su: option requires an argument -- c\n")
            return 1
        return await ctx.shell.run_nested(" ".join(args[1:]), ctx, uid=uid)
    if args:
        child = ctx.state.child()
        child.uid = uid
        return await ctx.shell.invoke(args, child, ctx.shell.streams_of(ctx))
    script = (await ctx.read_stdin()).decode("utf-8", "replace")
    return await ctx.shell.run_nested(script, ctx, uid=uid)


@command("which")
def which(ctx: Ctx) -> int:
    """Registered commands live in /system/bin (toybox/mksh); files with +x on $PATH are found too."""
    try:
        opts, names = parse_opts(ctx.argv[1:], "a")
    except UsageError as exc:
        ctx.error(str(exc))
        return 2
    status = 0
    path_dirs = (ctx.env.get("PATH") or ANDROID_PATH).split(":")
    for name in names:
        if "/" in name:
            found = ctx.fs.is_file(ctx.resolve(name))
            if found:
                ctx.out(name + "\n")
            else:
                status = 1
            continue
        hit = None
        for d in path_dirs:
            candidate = posixpath.join(d, name)
            st = ctx.fs.stat(candidate)
            if st is not None and st.mode & 0o111 and ctx.fs.is_file(candidate):
                hit = candidate
                break
        if hit is None and lookup(name) is not None and name not in _SHELL_ONLY:
            hit = f"/system/bin/{name}"
        if hit:
            ctx.out(hit + "\n")
        else:
            status = 1
    return status


_SHELL_ONLY = {"cd", "export", "exit", "unset", "set", "shift", "read", "eval", ".", "source", "exec", "break",
               "continue", ":", "return", "local", "typeset", "trap"}


@command("sleep")
async def sleep(ctx: Ctx) -> int:
    """Waits on the event loop (never blocks it) and stops early when the client goes away."""
    args = ctx.argv[1:]
    if not args:
        ctx.error("Needs 1 argument")
        return 1
    total = 0.0
    for arg in args:
        m = re.fullmatch(r"(\d*\.?\d+)([smhd]?)", arg)
        if not m:
            ctx.error(f"bad duration '{arg}'")
            return 1
        total += float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    try:
        await asyncio.wait_for(ctx.closed.wait(), timeout=total)
    except asyncio.TimeoutError:
        pass
    return 0
