"""File information and small utilities: md5sum/sha*sum, stat, readlink, realpath, basename,
dirname, df, printf, base64, xargs."""

from __future__ import annotations

import base64 as b64
import hashlib
import posixpath
import re
import stat as statmod
import time

from ...fs import FSError
from ..io import Ctx
from ..perms import group_name, user_name
from ..registry import command
from ._inputs import read_input
from ._opts import UsageError, int_opt, parse_opts
from .builtins import _echo_escapes


async def _digest(ctx: Ctx, algo: str) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "bc")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    status = 0
    for name in files or ["-"]:
        data = await read_input(ctx, name)
        if data is None:
            status = 1
            continue
        digest = hashlib.new(algo, data).hexdigest()
        ctx.out(digest + "\n" if opts.get("b") else f"{digest}  {name}\n")
    return status


@command("md5sum")
async def md5sum(ctx: Ctx) -> int:
    return await _digest(ctx, "md5")


@command("sha1sum")
async def sha1sum(ctx: Ctx) -> int:
    return await _digest(ctx, "sha1")


@command("sha256sum")
async def sha256sum(ctx: Ctx) -> int:
    return await _digest(ctx, "sha256")


def _file_type(mode: int) -> str:
    if statmod.S_ISREG(mode):
        return "regular file"
    if statmod.S_ISDIR(mode):
        return "directory"
    if statmod.S_ISLNK(mode):
        return "symbolic link"
    if statmod.S_ISCHR(mode):
        return "character special file"
    return "unknown"


def _ts(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + f".{int((t % 1) * 1e9):09d} +0000"


@command("stat")
def stat_(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "Lft", "c")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    if not files:
        ctx.error("Needs 1 argument")
        return 1
    status = 0
    for name in files:
        path = ctx.resolve(name)
        st = ctx.fs.stat(path, follow=bool(opts.get("L")))
        if st is None:
            ctx.error(f"{name}: No such file or directory")
            status = 1
            continue
        shown = name
        if statmod.S_ISLNK(st.mode):
            shown = f"{name} -> {ctx.fs.readlink(path)}"
        blocks = (st.size + 4095) // 4096 * 8 if statmod.S_ISREG(st.mode) else 8
        values = {
            "n": name, "N": shown, "s": str(st.size), "a": f"{statmod.S_IMODE(st.mode):o}",
            "A": statmod.filemode(st.mode), "u": str(st.uid), "U": user_name(st.uid), "g": str(st.gid),
            "G": group_name(st.gid), "i": str(st.ino), "h": str(st.nlink), "F": _file_type(st.mode),
            "X": str(int(st.atime)), "Y": str(int(st.mtime)), "Z": str(int(st.ctime)), "x": _ts(st.atime),
            "y": _ts(st.mtime), "z": _ts(st.ctime), "b": str(blocks), "B": "512", "o": "4096",
            "d": str(st.dev), "D": f"{st.dev:x}", "f": f"{st.mode:x}", "t": "0", "T": "0",
            "C": "u:object_r:shell_data_file:s0",
        }
        if "c" in opts:
            fmt = str(opts["c"])
            ctx.out(re.sub(r"%(.)", lambda m: values.get(m.group(1), "%" + m.group(1))
                           if m.group(1) != "%" else "%", fmt) + "\n")
            continue
        mode = statmod.S_IMODE(st.mode)
        ctx.out(
            f"  File: {shown}\n"
            f"  Size: {st.size}\t Blocks: {blocks}\t IO Blocks: 4096\t{_file_type(st.mode)}\n"
            f"Device: {st.dev:x}h/{st.dev}d\t Inode: {st.ino}\t Links: {st.nlink}\n"
            f"Access: ({mode:04o}/{statmod.filemode(st.mode)})\tUid: ({st.uid:5d}/{user_name(st.uid):>8})"
            f"\tGid: ({st.gid:5d}/{group_name(st.gid):>8})\n"
            f"Access: {_ts(st.atime)}\nModify: {_ts(st.mtime)}\nChange: {_ts(st.ctime)}\n"
        )
    return status


@command("readlink")
def readlink(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "femnqsvz")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    status = 0
    for name in files:
        path = ctx.resolve(name)
        try:
            if opts.get("f") or opts.get("e") or opts.get("m"):
                result = ctx.fs.realpath(path)
            else:
                result = ctx.fs.readlink(path)
        except FSError:
            status = 1
            continue
        ctx.out(result + ("" if opts.get("n") else "\n"))
    return status


@command("realpath")
def realpath(ctx: Ctx) -> int:
    status = 0
    for name in [a for a in ctx.argv[1:] if not a.startswith("-")]:
        try:
            ctx.out(ctx.fs.realpath(ctx.resolve(name)) + "\n")
        except FSError as exc:
            ctx.error(f"{name}: {exc.message}")
            status = 1
    return status


@command("basename")
def basename(ctx: Ctx) -> int:
    args = ctx.argv[1:]
    if not args:
        ctx.error("Needs 1 argument")
        return 1
    name = args[0].rstrip("/") or "/"
    base = posixpath.basename(name) or "/"
    if len(args) > 1 and base != args[1] and base.endswith(args[1]):
        base = base[: -len(args[1])]
    ctx.out(base + "\n")
    return 0


@command("dirname")
def dirname(ctx: Ctx) -> int:
    if len(ctx.argv) < 2:
        ctx.error("Needs 1 argument")
        return 1
    for arg in ctx.argv[1:]:
        stripped = arg.rstrip("/") or "/"
        parent = posixpath.dirname(stripped).rstrip("/") or ("/" if stripped.startswith("/") else ".")
        ctx.out(parent + "\n")
    return 0


_DF_TABLE = (
    "Filesystem       1K-blocks    Used Available Use% Mounted on\n"
    "/dev/block/dm-0    3110108 3098516     11592 100% /\n"
    "tmpfs              2007752    1236   2006516   1% /dev\n"
    "tmpfs              2007752       0   2007752   0% /mnt\n"
    "/dev/block/dm-4    6120808   45580   6075228   1% /data\n"
    "/dev/fuse          6120808   45580   6075228   1% /storage/emulated\n"
)


@command("df")
def df(ctx: Ctx) -> int:
    """A fixed, plausible mount table (the virtual device has no real block devices)."""
    ctx.out(_DF_TABLE)
    return 0


_PRINTF_SPEC = re.compile(r"%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfgGcsb%])")


@command("printf")
def printf(ctx: Ctx) -> int:
    if len(ctx.argv) < 2:
        ctx.error("Needs 1 argument")
        return 1
    fmt, args = ctx.argv[1], ctx.argv[2:]
    out: list[str] = []
    status = 0
    rounds = 0
    while True:
        consumed = 0

        def take() -> str:
            nonlocal consumed
            if consumed < len(args):
                consumed += 1
                return args[consumed - 1]
            return ""

        pos = 0
        for m in _PRINTF_SPEC.finditer(fmt):
            text, _ = _echo_escapes(fmt[pos:m.start()])
            out.append(text)
            pos = m.end()
            flags, width, prec, conv = m.groups()
            if conv == "%":
                out.append("%")
                continue
            if width == "*":
                width = take() or "0"
            if prec == "*":
                prec = take() or "0"
            spec = "%" + flags + (width or "") + (f".{prec}" if prec is not None else "")
            arg = take()
            if conv in "diouxX":
                try:
                    num = int(arg, 0) if arg else 0
                except ValueError:
                    num = ord(arg[1]) if arg[:1] in "'\"" and len(arg) > 1 else 0
                    if not (arg[:1] in "'\"" and len(arg) > 1):
                        ctx.error(f"invalid integer '{arg}'")
                        status = 1
                out.append((spec + ("d" if conv in "iu" else conv)) % num)
            elif conv in "eEfgG":
                try:
                    out.append((spec + conv) % (float(arg) if arg else 0.0))
                except ValueError:
                    ctx.error(f"invalid number '{arg}'")
                    status = 1
            elif conv == "c":
                out.append((spec + "s") % arg[:1])
            elif conv == "b":
                out.append((spec + "s") % _echo_escapes(arg)[0])
            else:
                out.append((spec + "s") % arg)
        out.append(_echo_escapes(fmt[pos:])[0])
        rounds += 1
        if consumed == 0 or consumed >= len(args) or rounds > 10000:
            break
        args = args[consumed:]
    ctx.out("".join(out))
    return status


@command("base64")
async def base64(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "di", "w")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    data = await read_input(ctx, files[0] if files else "-")
    if data is None:
        return 1
    if opts.get("d"):
        try:
            ctx.out(b64.b64decode(b"".join(data.split()), validate=False))
        except ValueError:
            ctx.error("bad input")
            return 1
        return 0
    encoded = b64.b64encode(data).decode()
    try:
        width = int_opt(opts, "w", 76)
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    if width > 0:
        encoded = "\n".join(encoded[i:i + width] for i in range(0, len(encoded), width))
    ctx.out(encoded + "\n" if encoded else "")
    return 0


@command("xargs")
async def xargs(ctx: Ctx) -> int:
    """Run a command (default ``echo``) with stdin's words as arguments, in this interpreter."""
    try:
        opts, cmd = parse_opts(ctx.argv[1:], "0rt", "nIs", stop_at_first=True)
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    cmd = cmd or ["echo"]
    text = (await ctx.read_stdin()).decode("utf-8", "surrogateescape")
    words = [w for w in text.split("\0")] if opts.get("0") else text.split()
    words = [w for w in words if w]
    if not words and opts.get("r"):
        return 0
    try:
        per = max(int_opt(opts, "n", max(len(words), 1)), 1)
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    status = 0
    batches = [words[i:i + per] for i in range(0, len(words), per)] or [[]]
    for batch in batches:
        if ctx.closed.is_set():
            break
        code = await ctx.shell.invoke(cmd + batch, ctx.state.child(), ctx.shell.streams_of(ctx))
        if code:
            status = 123 if code < 125 else code
    return status


@command("chown", "chgrp")
def chown(ctx: Ctx) -> int:
    """Only root may change owners (``chown user[:group] FILE...``; names or numeric ids)."""
    args = [a for a in ctx.argv[1:] if a not in ("-R", "-h", "-f", "-v")]
    if len(args) < 2:
        ctx.error("Needs 2 arguments")
        return 1
    spec, names = args[0], args[1:]
    owner, _, group = spec.partition(":") if ctx.name == "chown" else ("", "", spec)
    by_name = {user_name(i): i for i in (0, 1000, 1015, 1023, 1028, 2000, 9997)}

    def ident(text: str) -> int | None:
        if text.isdigit():
            return int(text)
        m = re.fullmatch(r"u(\d+)_a(\d+)", text)
        if m:
            return int(m.group(1)) * 100000 + 10000 + int(m.group(2))
        return by_name.get(text)

    uid = ident(owner) if owner else None
    gid = ident(group) if group else None
    if (owner and uid is None) or (group and gid is None):
        ctx.error(f"bad user/group '{spec}'")
        return 1
    status = 0
    for name in names:
        path = ctx.resolve(name)
        if not ctx.fs.exists(path):
            ctx.error(f"{name}: No such file or directory")
            status = 1
        elif ctx.uid != 0:
            ctx.error(f"{name}: Operation not permitted")
            status = 1
        else:
            ctx.fs.chown(path, uid, gid)
    return status
