"""``$(( ... ))``: integer arithmetic evaluated by a tiny recursive-descent parser (never Python eval)."""

from __future__ import annotations

import re

__all__ = ["ArithError", "evaluate"]

_TOKEN = re.compile(
    r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)"  # numbers
    r"|([A-Za-z_][A-Za-z0-9_]*)"  # variable names
    r"|(<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%()<>!~&|^]))"  # operators
)
_MAX_DEPTH = 40


class ArithError(Exception):
    """The expression is malformed or divides by zero."""


def _wrap(n: int) -> int:
    """mksh arithmetic is 32-bit signed."""
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n & 0x80000000 else n


def evaluate(expr: str, variables: dict[str, str]) -> int:
    tokens: list[str] = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise ArithError(f"{expr}: syntax error in expression")
        tokens.append(m.group(1) or m.group(2) or m.group(3))
        pos = m.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    parser = _Arith(tokens, variables, expr)
    if not tokens:
        return 0
    try:
        value = parser.binary(0)
    except RecursionError:
        raise ArithError(f"{expr[:40]}: expression too deeply nested") from None
    if parser.i != len(tokens):
        raise ArithError(f"{expr}: unexpected '{tokens[parser.i]}'")
    return value


_LEVELS = [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"],
           ["*", "/", "%"]]


class _Arith:
    def __init__(self, tokens: list[str], variables: dict[str, str], expr: str) -> None:
        self.t = tokens
        self.i = 0
        self.vars = variables
        self.expr = expr
        self.depth = 0

    def peek(self) -> str | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def binary(self, level: int) -> int:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            op = self.t[self.i]
            self.i += 1
            right = self.binary(level + 1)
            left = _wrap(self.apply(op, left, right))
        return left

    def apply(self, op: str, a: int, b: int) -> int:
        if op in ("/", "%"):
            if b == 0:
                raise ArithError(f"{self.expr}: divide by zero")
            q = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
            return q if op == "/" else a - q * b
        return {
            "||": lambda: int(bool(a) or bool(b)), "&&": lambda: int(bool(a) and bool(b)),
            "|": lambda: a | b, "^": lambda: a ^ b, "&": lambda: a & b,
            "==": lambda: int(a == b), "!=": lambda: int(a != b), "<": lambda: int(a < b),
            ">": lambda: int(a > b), "<=": lambda: int(a <= b), ">=": lambda: int(a >= b),
            "<<": lambda: a << (b & 31), ">>": lambda: a >> (b & 31),
            "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
        }[op]()

    def unary(self) -> int:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise ArithError(f"{self.expr}: expression too deeply nested")
        try:
            tok = self.peek()
            if tok is None:
                raise ArithError(f"{self.expr}: unexpected end of expression")
            self.i += 1
            if tok in ("-", "+", "!", "~"):
                v = self.unary()
                return _wrap({"-": -v, "+": v, "!": int(not v), "~": ~v}[tok])
            if tok == "(":
                v = self.binary(0)
                if self.peek() != ")":
                    raise ArithError(f"{self.expr}: missing ')'")
                self.i += 1
                return v
            if tok[0].isdigit():
                return _wrap(int(tok, 0) if not tok.startswith("0") or tok.lower().startswith("0x") or tok == "0"
                             else int(tok, 8))
            if tok[0].isalpha() or tok[0] == "_":
                raw = self.vars.get(tok, "").strip() or "0"
                try:
                    return _wrap(int(raw, 0))
                except ValueError:
                    raise ArithError(f"{raw}: bad number") from None
            raise ArithError(f"{self.expr}: unexpected '{tok}'")
        finally:
            self.depth -= 1
