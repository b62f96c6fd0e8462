"""toybox ``find`` (the common subset): walk the virtual tree with name/type/depth/size/mtime tests.

Supported: ``-name``/``-iname``/``-path``, ``-type f|d|l``, ``-maxdepth``/``-mindepth``,
``-size [+-]N[ckMG]``, ``-mtime [+-]N``, ``-newer FILE``, ``-empty``, ``!``/``-not``, ``-o``,
``-a``, ``-print``, ``-delete``. Expressions combine left to right with ``-a`` binding tighter
than ``-o``, as in POSIX.
"""

from __future__ import annotations

import fnmatch
import posixpath
import stat as statmod
from typing import Callable

from ...fs import FileStat, FSError
from ..io import Ctx
from ..perms import read_denied, write_denied
from ..registry import command
from .info import device_time

Test = Callable[[str, FileStat], bool]


class _FindError(Exception):
    pass


def _size_test(spec: str) -> Test:
    sign = spec[0] if spec[:1] in "+-" else ""
    body = spec[len(sign):]
    unit = body[-1] if body and body[-1] in "ckMGb" else "b"
    digits = body[:-1] if body and body[-1] in "ckMGb" else body
    if not digits.isdigit():
        raise _FindError(f"bad -size '{spec}'")
    scale = {"c": 1, "k": 1024, "M": 1 << 20, "G": 1 << 30, "b": 512}[unit]
    n = int(digits)

    def test(_path: str, st: FileStat) -> bool:
        units = -(-st.size // scale)  # rounded up, as find does
        return units > n if sign == "+" else units < n if sign == "-" else units == n

    return test


class _Parser:
    """Turns the expression words into one predicate; ``actions`` records -print/-delete."""

    def __init__(self, ctx: Ctx, words: list[str], now: float) -> None:
        self.ctx, self.w, self.i, self.now = ctx, words, 0, now
        self.actions: list[str] = []
        self.maxdepth = -1
        self.mindepth = 0

    def take(self) -> str:
        if self.i >= len(self.w):
            raise _FindError(f"'{self.w[self.i - 1]}' needs 1 arg")
        self.i += 1
        return self.w[self.i - 1]

    def parse_or(self) -> Test:
        left = self.parse_and()
        while self.i < len(self.w) and self.w[self.i] in ("-o", "-or"):
            self.i += 1
            right = self.parse_and()
            left = (lambda a, b: lambda p, s: a(p, s) or b(p, s))(left, right)
        return left

    def parse_and(self) -> Test:
        left = self.parse_not()
        while self.i < len(self.w) and self.w[self.i] not in ("-o", "-or", ")"):
            if self.w[self.i] in ("-a", "-and"):
                self.i += 1
            right = self.parse_not()
            left = (lambda a, b: lambda p, s: a(p, s) and b(p, s))(left, right)
        return left

    def parse_not(self) -> Test:
        if self.i < len(self.w) and self.w[self.i] in ("!", "-not"):
            self.i += 1
            inner = self.parse_not()
            return lambda p, s: not inner(p, s)
        return self.primary()

    def primary(self) -> Test:
        tok = self.take()
        if tok == "(":
            inner = self.parse_or()
            if self.take() != ")":
                raise _FindError("missing ')'")
            return inner
        if tok in ("-name", "-iname"):
            pat = self.take()
            if tok == "-iname":
                return lambda p, s: fnmatch.fnmatchcase(posixpath.basename(p).lower(), pat.lower())
            return lambda p, s: fnmatch.fnmatchcase(posixpath.basename(p) or p, pat)
        if tok in ("-path", "-wholename"):
            pat = self.take()
            return lambda p, s: fnmatch.fnmatchcase(p, pat)
        if tok == "-type":
            kind = self.take()
            checks = {"f": statmod.S_ISREG, "d": statmod.S_ISDIR, "l": statmod.S_ISLNK, "c": statmod.S_ISCHR}
            if kind not in checks:
                raise _FindError(f"bad -type '{kind}'")
            return lambda p, s: checks[kind](s.mode)
        if tok in ("-maxdepth", "-mindepth"):
            value = self.take()
            if not value.isdigit():
                raise _FindError(f"bad {tok} '{value}'")
            if tok == "-maxdepth":
                self.maxdepth = int(value)
            else:
                self.mindepth = int(value)
            return lambda p, s: True
        if tok == "-size":
            return _size_test(self.take())
        if tok == "-mtime":
            spec = self.take()
            sign = spec[0] if spec[:1] in "+-" else ""
            if not spec[len(sign):].isdigit():
                raise _FindError(f"bad -mtime '{spec}'")
            days = int(spec[len(sign):])

            def mtime_test(_p: str, s: FileStat) -> bool:
                age = int((self.now - s.mtime) // 86400)
                return age > days if sign == "+" else age < days if sign == "-" else age == days

            return mtime_test
        if tok == "-newer":
            ref = self.ctx.fs.stat(self.ctx.resolve(self.take()))
            if ref is None:
                raise _FindError(f"{self.w[self.i - 1]}: No such file or directory")
            return lambda p, s: s.mtime > ref.mtime
        if tok == "-empty":
            return lambda p, s: (s.size == 0 if statmod.S_ISREG(s.mode) else
                                 statmod.S_ISDIR(s.mode) and not self.ctx.fs.listdir(self.ctx.resolve(p)))
        if tok in ("-print", "-print0", "-delete"):
            self.actions.append(tok)
            return lambda p, s: True
        if tok in ("-true",):
            return lambda p, s: True
        if tok in ("-false",):
            return lambda p, s: False
        raise _FindError(f"Unknown option '{tok}'")


@command("find")
def find(ctx: Ctx) -> int:
    args = ctx.argv[1:]
    while args and args[0] in ("-H", "-L", "-P"):
        args = args[1:]
    roots = []
    while args and not (args[0].startswith("-") or args[0] in ("!", "(")):
        roots.append(args.pop(0))
    parser = _Parser(ctx, args, device_time(ctx))
    try:
        test = parser.parse_or() if args else (lambda p, s: True)
        if parser.i < len(args):
            raise _FindError(f"Unknown option '{args[parser.i]}'")
    except _FindError as exc:
        ctx.error(str(exc))
        return 1
    actions = parser.actions or ["-print"]
    status = 0
    fs = ctx.fs
    deletions: list[tuple[str, str]] = []

    def visit(label: str, path: str, depth: int) -> None:
        nonlocal status
        st = fs.stat(path, follow=depth == 0)
        if st is None:
            ctx.error(f"{label}: No such file or directory")
            status = 1
            return
        if depth >= parser.mindepth and test(label, st):
            for action in actions:
                if action == "-print":
                    ctx.out(label + "\n")
                elif action == "-print0":
                    ctx.out(label + "\0")
                else:
                    deletions.append((label, path))
        if statmod.S_ISDIR(st.mode) and (parser.maxdepth < 0 or depth < parser.maxdepth):
            if read_denied(fs, path, ctx.uid):
                ctx.error(f"{label}: Permission denied")
                status = 1
                return
            for name in fs.listdir(path):
                visit(posixpath.join(label, name), posixpath.join(path, name), depth + 1)

    for root in roots or ["."]:
        visit(root, ctx.resolve(root), 0)
    with fs.batch():
        for label, path in reversed(deletions):  # children before their directories
            denied = write_denied(fs, path, ctx.uid)
            try:
                if denied:
                    raise FSError(13, denied)
                fs.remove(path)
            except FSError as exc:
                ctx.error(f"{label}: {exc.message}")
                status = 1
    return status
