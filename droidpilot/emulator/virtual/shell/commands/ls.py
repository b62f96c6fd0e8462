"""toybox ``ls``: the listing formats clients and agents parse (``-l`` columns, ``total``, headers)."""

from __future__ import annotations

import posixpath
import stat as statmod
import time

from ...fs import FileStat
from ..io import Ctx
from ..perms import group_name, read_denied, user_name
from ..registry import command
from ._opts import UsageError, parse_opts


def fmt_mtime(ts: float) -> str:
    """toybox ls -l time column: ``2024-01-01 12:00`` (device time zone: UTC)."""
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(ts))


def _blocks(st: FileStat) -> int:
    """1 KiB blocks as ``total`` counts them (4 KiB allocation units)."""
    if statmod.S_ISDIR(st.mode):
        return 4
    if statmod.S_ISREG(st.mode):
        return (st.size + 4095) // 4096 * 4
    return 0


class _Entry:
    __slots__ = ("name", "path", "st")

    def __init__(self, name: str, path: str, st: FileStat) -> None:
        self.name, self.path, self.st = name, path, st


def _long_lines(ctx: Ctx, entries: list[_Entry], opts: dict) -> list[str]:
    rows = []
    for e in entries:
        st = e.st
        mode = statmod.filemode(st.mode)
        owner = str(st.uid) if opts.get("n") else user_name(st.uid)
        group = str(st.gid) if opts.get("n") else group_name(st.gid)
        if statmod.S_ISCHR(st.mode) or statmod.S_ISBLK(st.mode):
            size = "1, 3" if e.name == "null" else "1, 5"
        else:
            size = str(st.size)
        name = e.name
        if statmod.S_ISLNK(st.mode):
            try:
                name += " -> " + ctx.fs.readlink(e.path)
            except Exception:
                pass
        ino = str(st.ino) if opts.get("i") else ""
        rows.append((ino, mode, str(st.nlink), owner, group, size, fmt_mtime(st.mtime), name))
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = []
    for r in rows:
        parts = []
        if opts.get("i"):
            parts.append(r[0].rjust(widths[0]))
        parts += [r[1], r[2].rjust(widths[2]), r[3].ljust(widths[3]), r[4].ljust(widths[4]),
                  r[5].rjust(widths[5]), r[6], r[7]]
        lines.append(" ".join(parts))
    return lines


def _short_lines(entries: list[_Entry], opts: dict) -> list[str]:
    if opts.get("i"):
        width = max((len(str(e.st.ino)) for e in entries), default=0)
        return [f"{str(e.st.ino).rjust(width)} {e.name}" for e in entries]
    return [e.name + (_classify(e.st) if opts.get("F") else "") for e in entries]


def _classify(st: FileStat) -> str:
    if statmod.S_ISDIR(st.mode):
        return "/"
    if statmod.S_ISLNK(st.mode):
        return "@"
    if st.mode & 0o111:
        return "*"
    return ""


def _sort(entries: list[_Entry], opts: dict) -> list[_Entry]:
    if opts.get("f"):
        return entries
    if opts.get("t"):
        entries = sorted(entries, key=lambda e: (-e.st.mtime, e.name))
    elif opts.get("S"):
        entries = sorted(entries, key=lambda e: (-e.st.size, e.name))
    else:
        entries = sorted(entries, key=lambda e: e.name)
    if opts.get("r"):
        entries.reverse()
    return entries


def _render(ctx: Ctx, entries: list[_Entry], opts: dict, with_total: bool) -> None:
    entries = _sort(entries, opts)
    if opts.get("l") or opts.get("n"):
        if with_total:
            ctx.out(f"total {sum(_blocks(e.st) for e in entries)}\n")
        lines = _long_lines(ctx, entries, opts)
    else:
        lines = _short_lines(entries, opts)
    if lines:
        ctx.out("\n".join(lines) + "\n")


def _dir_entries(ctx: Ctx, path: str, opts: dict) -> list[_Entry]:
    fs = ctx.fs
    entries = []
    if opts.get("a"):
        real = fs.realpath(path)
        for dot, target in ((".", real), ("..", posixpath.dirname(real) or "/")):
            st = fs.stat(target)
            if st is not None:
                entries.append(_Entry(dot, target, st))
    for name in fs.listdir(path):
        if name.startswith(".") and not (opts.get("a") or opts.get("A")):
            continue
        child = posixpath.join(path, name)
        st = fs.stat(child, follow=False)
        if st is not None:
            entries.append(_Entry(name, child, st))
    return entries


@command("ls")
def ls(ctx: Ctx) -> int:
    try:
        opts, operands = parse_opts(ctx.argv[1:], "lad1RAtSrinFfHLhcuCxsZ")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    fs = ctx.fs
    status = 0
    long_mode = bool(opts.get("l") or opts.get("n"))
    files: list[_Entry] = []
    dirs: list[tuple[str, str]] = []
    explicit = bool(operands)
    for op in operands or ["."]:
        path = ctx.resolve(op)
        follow = not long_mode or op.endswith("/") or bool(opts.get("L") or opts.get("H"))
        st = fs.stat(path, follow=follow)
        if st is None:
            # a dangling symlink still lists as itself
            st = fs.stat(path, follow=False)
            if st is None:
                ctx.error(f"{op}: No such file or directory")
                status = 1
                continue
        if statmod.S_ISDIR(st.mode) and not opts.get("d"):
            dirs.append((op, path))
        else:
            files.append(_Entry(op if explicit else ".", path, st))
    if files:
        _render(ctx, files, opts, with_total=False)
    multiple = len(files) + len(dirs) > 1 or opts.get("R")
    first = not files

    def list_dir(label: str, path: str) -> None:
        nonlocal status, first
        denied = read_denied(fs, path, ctx.uid)
        if denied:
            ctx.error(f"{label}: {denied}")
            status = 1
            return
        if multiple:
            ctx.out(("" if first else "\n") + f"{label}:\n")
        first = False
        entries = _dir_entries(ctx, path, opts)
        _render(ctx, entries, opts, with_total=long_mode)
        if opts.get("R"):
            for e in _sort(entries, opts):
                if e.name in (".", "..") or not statmod.S_ISDIR(e.st.mode):
                    continue
                list_dir(posixpath.join(label, e.name), e.path)

    for label, path in sorted(dirs, key=lambda d: d[0]) if not opts.get("f") else dirs:
        list_dir(label, path)
    return status
