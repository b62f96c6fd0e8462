"""toybox file tools over the virtual file system: cat, rm, mkdir, touch, cp, mv, ln, chmod, rmdir.

Each checks Android's permissions for the caller's uid first (``/system`` is read-only, ``/data``
is not the shell's), so a client sees the same refusals a phone gives.
"""

from __future__ import annotations

import errno
import posixpath
import re
import stat as statmod
import time

from ...fs import FSError
from ..io import Ctx
from ..perms import new_node_attrs, read_denied, write_denied
from ..registry import command
from ._opts import UsageError, parse_opts


def _opts(ctx: Ctx, flags: str, valued: str = "") -> tuple[dict, list[str]] | None:
    try:
        return parse_opts(ctx.argv[1:], flags, valued)
    except UsageError as exc:
        ctx.error(str(exc))
        return None


@command("cat")
async def cat(ctx: Ctx) -> int:
    parsed = _opts(ctx, "uvteAn")
    if parsed is None:
        return 1
    opts, files = parsed
    status = 0
    for name in files or ["-"]:
        if name == "-":
            data = await ctx.read_stdin()
        else:
            path = ctx.resolve(name)
            with ctx.system.lock:
                try:
                    denied = read_denied(ctx.fs, path, ctx.uid)
                    if denied:
                        raise FSError(errno.EACCES, denied)
                    data = ctx.fs.read(path)
                except FSError as exc:
                    ctx.error(f"{name}: {exc.message}")
                    status = 1
                    continue
        if opts.get("n"):
            lines = data.split(b"\n")
            tail = lines.pop() if lines and lines[-1] == b"" else None
            data = b"".join(b"%6d\t%s\n" % (i + 1, line) for i, line in enumerate(lines))
            if tail is None and lines:
                data = data[:-1]
        ctx.out(data)
    return status


def _check_write(ctx: Ctx, path: str) -> str | None:
    return write_denied(ctx.fs, path, ctx.uid)


def _remove_tree(ctx: Ctx, path: str, label: str, force: bool) -> bool:
    """Depth-first removal that reports each entry it may not remove, like ``rm -r``."""
    fs = ctx.fs
    ok = True
    st = fs.stat(path, follow=False)
    if st is None:
        return True
    if statmod.S_ISDIR(st.mode):
        if read_denied(fs, path, ctx.uid):
            ctx.error(f"{label}: Permission denied")
            return False
        for name in fs.listdir(path):
            ok = _remove_tree(ctx, posixpath.join(path, name), posixpath.join(label, name), force) and ok
    denied = _check_write(ctx, path)
    if denied:
        ctx.error(f"{label}: {denied}")
        return False
    try:
        fs.remove(path, recursive=False)
    except FSError as exc:
        if not (force and exc.errno == errno.ENOENT):
            ctx.error(f"{label}: {exc.message}")
        return False
    return ok


@command("rm")
def rm(ctx: Ctx) -> int:
    parsed = _opts(ctx, "fiRrvd")
    if parsed is None:
        return 1
    opts, names = parsed
    force, recursive = bool(opts.get("f")), bool(opts.get("r") or opts.get("R"))
    if not names:
        if force:
            return 0
        ctx.error("Needs 1 argument")
        return 1
    status = 0
    fs = ctx.fs
    for name in names:
        path = ctx.resolve(name)
        st = fs.stat(path, follow=False)
        if st is None:
            if not force:
                ctx.error(f"{name}: No such file or directory")
                status = 1
            continue
        if path == "/":
            ctx.error("rm -rf /: refusing")
            status = 1
            continue
        if statmod.S_ISDIR(st.mode):
            if not recursive and not opts.get("d"):
                ctx.error(f"{name}: Is a directory")
                status = 1
                continue
            with fs.batch():
                if not _remove_tree(ctx, path, name.rstrip("/") or name, force):
                    status = 1
            continue
        denied = _check_write(ctx, path)
        if denied:
            ctx.error(f"{name}: {denied}")
            status = 1
            continue
        fs.remove(path)
        if opts.get("v"):
            ctx.out(f"removed '{name}'\n")
    return status


@command("rmdir")
def rmdir(ctx: Ctx) -> int:
    parsed = _opts(ctx, "p")
    if parsed is None:
        return 1
    opts, names = parsed
    status = 0
    for name in names:
        path = ctx.resolve(name)
        while True:
            denied = _check_write(ctx, path)
            try:
                if denied:
                    raise FSError(errno.EACCES, denied)
                if not ctx.fs.is_dir(path) and ctx.fs.exists(path):
                    raise FSError(errno.ENOTDIR)
                ctx.fs.remove(path)
            except FSError as exc:
                ctx.error(f"{name}: {exc.message}")
                status = 1
                break
            if not opts.get("p"):
                break
            path = posixpath.dirname(path)
            if path in ("/", ""):
                break
    return status


def _make_dir(ctx: Ctx, path: str, mode: int | None) -> None:
    default, uid, gid = new_node_attrs(path, ctx.uid, is_dir=True)
    ctx.fs.mkdir(path, mode=0o40000 | mode if mode is not None else default, uid=uid, gid=gid)


@command("mkdir")
def mkdir(ctx: Ctx) -> int:
    parsed = _opts(ctx, "pvZ", "m")
    if parsed is None:
        return 1
    opts, names = parsed
    mode: int | None = None
    if "m" in opts:
        try:
            mode = int(str(opts["m"]), 8)
        except ValueError:
            ctx.error(f"bad mode '{opts['m']}'")
            return 1
    if not names:
        ctx.error("Needs 1 argument")
        return 1
    status = 0
    fs = ctx.fs
    for name in names:
        path = ctx.resolve(name)
        try:
            if opts.get("p"):
                missing = []
                probe = path
                while probe != "/" and not fs.exists(probe):
                    missing.append(probe)
                    probe = posixpath.dirname(probe)
                for sub in reversed(missing):
                    denied = _check_write(ctx, sub)
                    if denied:
                        raise FSError(errno.EACCES, denied)
                    _make_dir(ctx, sub, mode)
                if not fs.is_dir(path):
                    raise FSError(errno.EEXIST)
            else:
                if fs.exists(path) or fs.is_symlink(path):
                    raise FSError(errno.EEXIST)
                denied = _check_write(ctx, path)
                if denied:
                    raise FSError(errno.EACCES, denied)
                _make_dir(ctx, path, mode)
        except FSError as exc:
            ctx.error(f"{name}: {exc.message}")
            status = 1
    return status


def _parse_touch_time(value: str) -> float | None:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return float(time.mktime(time.strptime(value.split(".")[0], fmt)) - time.timezone)
        except ValueError:
            continue
    if value.startswith("@") and re.fullmatch(r"@\d+(\.\d+)?", value):
        return float(value[1:])
    return None


@command("touch")
def touch(ctx: Ctx) -> int:
    parsed = _opts(ctx, "acmh", "dtr")
    if parsed is None:
        return 1
    opts, names = parsed
    when: float | None = None
    if "d" in opts:
        when = _parse_touch_time(str(opts["d"]))
        if when is None:
            ctx.error(f"bad date '{opts['d']}'")
            return 1
    if "r" in opts:
        ref = ctx.fs.stat(ctx.resolve(str(opts["r"])))
        if ref is None:
            ctx.error(f"{opts['r']}: No such file or directory")
            return 1
        when = ref.mtime
    if not names:
        ctx.error("Needs 1 argument")
        return 1
    status = 0
    fs = ctx.fs
    for name in names:
        path = ctx.resolve(name)
        try:
            if opts.get("c") and not fs.exists(path):
                continue
            denied = _check_write(ctx, path)
            if denied:
                raise FSError(errno.EACCES, denied)
            if fs.exists(path):
                fs.utime(path, mtime=when, atime=when)
            else:
                mode, uid, gid = new_node_attrs(path, ctx.uid)
                fs.write(path, b"", mode=mode, uid=uid, gid=gid, mtime=when)
        except FSError as exc:
            ctx.error(f"'{name}': {exc.message}")
            status = 1
    return status


def _copy_into(ctx: Ctx, src: str, dst: str, recursive: bool, label: str) -> bool:
    fs = ctx.fs
    st = fs.stat(src)
    if st is None:
        ctx.error(f"{label}: No such file or directory")
        return False
    if statmod.S_ISDIR(st.mode):
        if not recursive:
            ctx.error(f"Skipped dir '{label}'")
            return False
        real_src = fs.realpath(src)
        parent = posixpath.dirname(dst) or "/"
        if fs.exists(parent) and (fs.realpath(parent) + "/").startswith(real_src.rstrip("/") + "/"):
            ctx.error(f"'{label}' is a parent of '{dst}'")
            return False
        denied = _check_write(ctx, dst)
        if denied and not fs.is_dir(dst):
            ctx.error(f"'{dst}': {denied}")
            return False
        if not fs.is_dir(dst):
            _make_dir(ctx, dst, None)
        ok = True
        for name in fs.listdir(src):
            ok = _copy_into(ctx, posixpath.join(src, name), posixpath.join(dst, name), True,
                            posixpath.join(label, name)) and ok
        return ok
    denied = read_denied(fs, src, ctx.uid) or _check_write(ctx, dst)
    if denied:
        ctx.error(f"'{dst}': {denied}")
        return False
    try:
        mode, uid, gid = new_node_attrs(dst, ctx.uid)
        fs.write(dst, fs.read(src), mode=None if fs.exists(dst) else mode, uid=uid, gid=gid)
    except FSError as exc:
        ctx.error(f"'{dst}': {exc.message}")
        return False
    return True


def _transfers(ctx: Ctx, names: list[str]) -> list[tuple[str, str, str]] | None:
    """``cp``/``mv`` operands → (source as typed, source path, target path); None after an error.

    The last name is the destination; with several sources it must be a directory, and a
    directory destination receives each source under its own name.
    """
    if len(names) < 2:
        ctx.error("Needs 2 arguments")
        return None
    *sources, dest = names
    dpath = ctx.resolve(dest)
    dest_is_dir = ctx.fs.is_dir(dpath)
    if len(sources) > 1 and not dest_is_dir:
        ctx.error(f"'{dest}' not directory")
        return None
    plan = []
    for src in sources:
        spath = ctx.resolve(src)
        target = posixpath.join(dpath, posixpath.basename(spath.rstrip("/"))) if dest_is_dir else dpath
        plan.append((src, spath, target))
    return plan


@command("cp")
def cp(ctx: Ctx) -> int:
    parsed = _opts(ctx, "rRafpnivdlsPLHTuFD")
    if parsed is None:
        return 1
    opts, names = parsed
    recursive = bool(opts.get("r") or opts.get("R") or opts.get("a"))
    plan = _transfers(ctx, names)
    if plan is None:
        return 1
    status = 0
    for src, spath, target in plan:
        if opts.get("n") and ctx.fs.exists(target):
            continue
        with ctx.fs.batch():
            if not _copy_into(ctx, spath, target, recursive, src):
                status = 1
    return status


@command("mv")
def mv(ctx: Ctx) -> int:
    parsed = _opts(ctx, "fivnT")
    if parsed is None:
        return 1
    opts, names = parsed
    fs = ctx.fs
    plan = _transfers(ctx, names)
    if plan is None:
        return 1
    status = 0
    for src, spath, target in plan:
        if fs.stat(spath, follow=False) is None:
            ctx.error(f"{src}: No such file or directory")
            status = 1
            continue
        if opts.get("n") and fs.exists(target):
            continue
        denied = _check_write(ctx, spath) or _check_write(ctx, target)
        if denied:
            ctx.error(f"{src}: {denied}")
            status = 1
            continue
        try:
            fs.rename(spath, target)
        except FSError as exc:
            ctx.error(f"{src}: {exc.message}")
            status = 1
    return status


@command("ln")
def ln(ctx: Ctx) -> int:
    parsed = _opts(ctx, "sfnvT")
    if parsed is None:
        return 1
    opts, names = parsed
    if not names:
        ctx.error("Needs 1 argument")
        return 1
    if not opts.get("s"):
        ctx.error("hard links are not supported on this device's storage; use ln -s")
        return 1
    if len(names) == 1:
        names.append(posixpath.basename(names[0].rstrip("/")))
    *targets, link = names
    fs = ctx.fs
    lpath = ctx.resolve(link)
    status = 0
    for target in targets:
        path = posixpath.join(lpath, posixpath.basename(target.rstrip("/"))) if (
            fs.is_dir(lpath) and not opts.get("n")) else lpath
        try:
            denied = _check_write(ctx, path)
            if denied:
                raise FSError(errno.EACCES, denied)
            if fs.stat(path, follow=False) is not None:
                if not opts.get("f"):
                    raise FSError(errno.EEXIST)
                fs.remove(path)
            fs.symlink(target, path, uid=ctx.uid, gid=ctx.uid)
        except FSError as exc:
            ctx.error(f"cannot create '{link}': {exc.message}" if exc.errno != errno.EEXIST
                      else f"'{link}': File exists")
            status = 1
    return status


_SYMBOLIC = re.compile(r"([ugoa]*)([-+=])([rwxXst]*|[ugo])")


def _apply_mode(mode: int, spec: str, is_dir: bool) -> int | None:
    """Octal (``755``) or symbolic (``u+x,go-w``) chmod modes; None when malformed."""
    if re.fullmatch(r"[0-7]{1,4}", spec):
        return int(spec, 8)
    perm = statmod.S_IMODE(mode)
    for clause in spec.split(","):
        m = _SYMBOLIC.fullmatch(clause)
        if not m:
            return None
        who, op, what = m.groups()
        who = who.replace("a", "ugo") or "ugo"
        bits = 0
        for w in who:
            shift = {"u": 6, "g": 3, "o": 0}[w]
            for p in what:
                if p in "rwx":
                    bits |= {"r": 4, "w": 2, "x": 1}[p] << shift
                elif p == "X" and (is_dir or perm & 0o111):
                    bits |= 1 << shift
                elif p == "s":
                    bits |= statmod.S_ISUID if w == "u" else statmod.S_ISGID if w == "g" else 0
                elif p == "t":
                    bits |= statmod.S_ISVTX
        if op == "+":
            perm |= bits
        elif op == "-":
            perm &= ~bits
        else:
            mask = 0
            for w in who:
                mask |= 0o7 << {"u": 6, "g": 3, "o": 0}[w]
            perm = (perm & ~mask) | bits
    return perm


@command("chmod")
def chmod(ctx: Ctx) -> int:
    args = ctx.argv[1:]
    recursive = False
    while args and args[0] in ("-R", "-v", "-f"):
        recursive = recursive or args[0] == "-R"
        args = args[1:]
    if len(args) < 2:
        ctx.error("Needs 2 arguments")
        return 1
    spec, names = args[0], args[1:]
    fs = ctx.fs
    status = 0

    def change(path: str, label: str) -> None:
        nonlocal status
        st = fs.stat(path)
        if st is None:
            ctx.error(f"{label}: No such file or directory")
            status = 1
            return
        new = _apply_mode(st.mode, spec, statmod.S_ISDIR(st.mode))
        if new is None:
            ctx.error(f"bad mode '{spec}'")
            status = 1
            return
        if ctx.uid != 0 and st.uid != ctx.uid:
            ctx.error(f"{label}: Operation not permitted")
            status = 1
            return
        if write_denied(fs, path, 0):
            ctx.error(f"{label}: Read-only file system")
            status = 1
            return
        fs.chmod(path, new)
        if recursive and statmod.S_ISDIR(st.mode):
            for name in fs.listdir(path):
                change(posixpath.join(path, name), posixpath.join(label, name))

    for name in names:
        change(ctx.resolve(name), name)
    return status
