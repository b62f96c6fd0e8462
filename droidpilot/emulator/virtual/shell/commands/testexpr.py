"""The ``test`` / ``[`` expression language, evaluated against the virtual file system."""

from __future__ import annotations

import stat as statmod
from typing import TYPE_CHECKING

from ..perms import _allowed

if TYPE_CHECKING:  # pragma: no cover
    from ..io import Ctx

__all__ = ["TestError", "evaluate_test"]

_UNARY_FILE = set("efdsrwxLhbcpSgku")
_BINARY = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"}


class TestError(Exception):
    """A malformed expression (exit status 2)."""


def _int(s: str) -> int:
    try:
        return int(s.strip())
    except ValueError:
        raise TestError(f"{s}: bad number") from None


def _unary(op: str, arg: str, ctx: "Ctx") -> bool:
    if op == "n":
        return arg != ""
    if op == "z":
        return arg == ""
    if op == "t":
        return False
    fs = ctx.fs
    path = ctx.resolve(arg) if arg else ""
    if not path:
        return False
    if op in ("L", "h"):
        return fs.is_symlink(path)
    st = fs.stat(path)
    if st is None:
        return False
    if op == "e":
        return True
    if op == "f":
        return statmod.S_ISREG(st.mode)
    if op == "d":
        return statmod.S_ISDIR(st.mode)
    if op == "s":
        return st.size > 0
    if op == "c":
        return statmod.S_ISCHR(st.mode)
    if op == "b":
        return statmod.S_ISBLK(st.mode)
    if op == "p":
        return statmod.S_ISFIFO(st.mode)
    if op == "S":
        return statmod.S_ISSOCK(st.mode)
    if op == "g":
        return bool(st.mode & statmod.S_ISGID)
    if op == "u":
        return bool(st.mode & statmod.S_ISUID)
    if op == "k":
        return bool(st.mode & statmod.S_ISVTX)
    bit = {"r": 4, "w": 2, "x": 1}[op]
    return _allowed(st, ctx.uid, bit)


def _binary(a: str, op: str, b: str, ctx: "Ctx") -> bool:
    if op in ("=", "=="):
        return a == b
    if op == "!=":
        return a != b
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op in ("-nt", "-ot", "-ef"):
        sa, sb = ctx.fs.stat(ctx.resolve(a)), ctx.fs.stat(ctx.resolve(b))
        if op == "-ef":
            return sa is not None and sb is not None and sa.ino == sb.ino
        if sa is None or sb is None:
            return op == "-nt" and sa is not None or op == "-ot" and sb is not None
        return sa.mtime > sb.mtime if op == "-nt" else sa.mtime < sb.mtime
    x, y = _int(a), _int(b)
    return {"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op]


class _Parser:
    def __init__(self, args: list[str], ctx: "Ctx") -> None:
        self.a = args
        self.i = 0
        self.ctx = ctx

    def more(self) -> bool:
        return self.i < len(self.a)

    def peek(self, k: int = 0) -> str | None:
        return self.a[self.i + k] if self.i + k < len(self.a) else None

    def take(self) -> str:
        if not self.more():
            raise TestError("argument expected")
        tok = self.a[self.i]
        self.i += 1
        return tok

    def expr_or(self) -> bool:
        value = self.expr_and()
        while self.peek() == "-o":
            self.i += 1
            rhs = self.expr_and()
            value = value or rhs
        return value

    def expr_and(self) -> bool:
        value = self.expr_not()
        while self.peek() == "-a":
            self.i += 1
            rhs = self.expr_not()
            value = value and rhs
        return value

    def expr_not(self) -> bool:
        if self.peek() == "!" and self.peek(1) is not None:
            self.i += 1
            return not self.expr_not()
        return self.primary()

    def primary(self) -> bool:
        tok = self.take()
        if tok == "(" and self.more():
            value = self.expr_or()
            if self.take() != ")":
                raise TestError("')' expected")
            return value
        if self.peek() in _BINARY and self.peek(1) is not None:
            op = self.take()
            return _binary(tok, op, self.take(), self.ctx)
        if len(tok) == 2 and tok[0] == "-" and (tok[1] in _UNARY_FILE or tok[1] in "nzt") and self.more():
            return _unary(tok[1], self.take(), self.ctx)
        return tok != ""


def evaluate_test(args: list[str], ctx: "Ctx") -> bool:
    if not args:
        return False
    if len(args) == 1:
        return args[0] != ""
    if len(args) == 2 and args[0] == "!":
        return args[1] == ""
    if len(args) == 3 and args[1] in _BINARY:
        return _binary(args[0], args[1], args[2], ctx)
    parser = _Parser(args, ctx)
    value = parser.expr_or()
    if parser.more():
        raise TestError(f"{parser.peek()}: unexpected operator")
    return value
