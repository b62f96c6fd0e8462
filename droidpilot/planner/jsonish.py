"""Find and read the JSON objects in a model's free-form reply.

Models wrap JSON in prose and fences, write two objects, nest them, and write "JSON" that
``json.loads`` refuses: trailing commas, single quotes, unquoted keys, comments, Python's
``True``/``False``/``None``, a missing closing brace at the very end. This module finds each
top-level ``{...}`` with a balanced-brace scan that understands strings (a non-greedy regex
stops at the first ``}`` of a nested object or a brace inside a string), then reads it with
``json.loads`` or, failing that, with a small lenient parser. It never raises anything but
:class:`JsonishError`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Candidate", "JsonishError", "find_objects", "loads_lenient"]

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\n?(.*?)```", re.DOTALL)
_LITERALS: dict[str, Any] = {
    "true": True,
    "false": False,
    "null": None,
    "True": True,
    "False": False,
    "None": None,
    "undefined": None,
}
_BARE_WORD = re.compile(r"[A-Za-z_$][\w$.\-]*")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_MAX_DEPTH = 64
_MAX_TEXT = 40_000  # characters read from the end of a longer reply
_MAX_CANDIDATES = 64


class JsonishError(ValueError):
    """The text is not even lenient JSON; ``position`` is where reading stopped."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Candidate:
    """One top-level ``{...}`` found in a reply."""

    text: str
    start: int
    fenced: bool
    value: Any = None
    error: str = ""
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return isinstance(self.value, dict)


def _fence_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(2), m.end(2)) for m in _FENCE.finditer(text)]


def _scan_object(text: str, start: int) -> tuple[int, str]:
    """From the ``{`` at ``start``, return (end, how) with how in closed|open|in_string|too_deep.

    Strings in double or single quotes are skipped with their escapes, so braces inside them do
    not count. ``end`` is one past the closing brace, or where scanning stopped. Scanning stops
    as soon as nesting passes ``_MAX_DEPTH``, so a degenerate reply (a model stuck repeating
    ``{``) costs little.
    """
    depth = 0
    quote = ""
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
            elif ch == "\n" and quote == "'":
                quote = ""  # an apostrophe in a comment or bare text, not a string
            i += 1
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "{[":
            depth += 1
            if depth > _MAX_DEPTH:
                return i + 1, "too_deep"
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i + 1, "closed"
        i += 1
    return n, "in_string" if quote else "open"


def _closers(text: str) -> str:
    """The brackets that would close ``text`` (a truncated object), innermost first."""
    stack: list[str] = []
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]" and stack:
            stack.pop()
        i += 1
    return "".join(reversed(stack))


def _read(text: str) -> tuple[Any, str]:
    try:
        return json.loads(text), ""
    except (json.JSONDecodeError, RecursionError):
        pass
    try:
        return loads_lenient(text), ""
    except JsonishError as exc:
        return None, str(exc)


def find_objects(text: str) -> list[Candidate]:
    """Every top-level ``{...}`` in ``text``, read as leniently as is safe.

    ``start`` is the position in the ``text`` given. An object cut off at the end of the reply
    is closed and read when the cut is not inside a string (``{"kind": "tap", "index": 3`` is recoverable; a half-typed text is not, because the
    action would type the wrong thing). Such candidates have ``truncated=True``.
    """
    # The action is at the end of a reply, so an over-long one is read from its tail.
    offset = max(0, len(text) - _MAX_TEXT)
    text = text[offset:]
    fences = _fence_spans(text)
    found: list[Candidate] = []
    i = 0
    n = len(text)
    while i < n and len(found) < _MAX_CANDIDATES:
        start = text.find("{", i)
        if start < 0:
            break
        end, how = _scan_object(text, start)
        fenced = any(a <= start < b for a, b in fences)
        snippet = text[start:end]
        if how == "closed":
            value, error = _read(snippet)
            truncated = False
        elif how == "too_deep":
            value, error, truncated = None, f"nesting deeper than {_MAX_DEPTH} levels", False
        elif how == "in_string":
            value, error, truncated = None, "the reply was cut off inside a string", True
        else:
            body = snippet.rstrip().rstrip("`").rstrip()
            value, error = _read(body.rstrip(",") + _closers(body))
            truncated = True
        found.append(Candidate(snippet, start + offset, fenced, value, error, truncated))
        # After a good object, go on past it; after a bad one, look inside it too: a stray
        # brace in prose must not swallow the real object that follows.
        i = end if isinstance(value, dict) else start + 1
    return found


class _Lenient:
    """A forgiving recursive-descent reader for JSON as models write it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, message: str) -> JsonishError:
        return JsonishError(f"{message} at character {self.pos}", self.pos)

    def skip(self) -> None:
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in " \t\r\n\ufeff\u00a0":
                self.pos += 1
            elif text.startswith("//", self.pos) or ch == "#":
                newline = text.find("\n", self.pos)
                self.pos = len(text) if newline < 0 else newline + 1
            elif text.startswith("/*", self.pos):
                close = text.find("*/", self.pos + 2)
                self.pos = len(text) if close < 0 else close + 2
            else:
                return

    def value(self, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            raise self.fail("nesting too deep")
        self.skip()
        if self.pos >= len(self.text):
            raise self.fail("unexpected end")
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj(depth)
        if ch == "[":
            return self.array(depth)
        if ch in "\"'":
            return self.string()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            raw = number.group()
            try:
                return int(raw) if re.fullmatch(r"[+-]?\d+", raw) else float(raw)
            except ValueError as exc:
                raise self.fail(f"bad number {raw!r}") from exc
        word = _BARE_WORD.match(self.text, self.pos)
        if word:
            self.pos = word.end()
            return _LITERALS.get(word.group(), word.group())
        raise self.fail(f"unexpected {ch!r}")

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        out: list[str] = []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == quote:
                self.pos += 1
                return "".join(out)
            if ch == "\\" and self.pos + 1 < len(text):
                nxt = text[self.pos + 1]
                if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[self.pos + 2 : self.pos + 6]):
                    out.append(chr(int(text[self.pos + 2 : self.pos + 6], 16)))
                    self.pos += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/"}.get(nxt, nxt))
                self.pos += 2
                continue
            out.append(ch)
            self.pos += 1
        raise self.fail("unterminated string")

    def key(self) -> str:
        self.skip()
        if self.pos < len(self.text) and self.text[self.pos] in "\"'":
            return self.string()
        word = _BARE_WORD.match(self.text, self.pos) or _NUMBER.match(self.text, self.pos)
        if not word:
            raise self.fail("expected a key")
        self.pos = word.end()
        return word.group()

    def obj(self, depth: int) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        while True:
            self.skip()
            if self.pos >= len(self.text):
                raise self.fail("unexpected end inside an object")
            if self.text[self.pos] == "}":
                self.pos += 1
                return result
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            key = self.key()
            self.skip()
            if self.pos < len(self.text) and self.text[self.pos] in ":=":
                self.pos += 1
            else:
                raise self.fail(f"expected ':' after key {key!r}")
            result[key] = self.value(depth + 1)

    def array(self, depth: int) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        while True:
            self.skip()
            if self.pos >= len(self.text):
                raise self.fail("unexpected end inside a list")
            if self.text[self.pos] == "]":
                self.pos += 1
                return result
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            result.append(self.value(depth + 1))


def loads_lenient(text: str) -> Any:
    """Read one JSON-ish value; trailing text after it is an error (it was not one object)."""
    reader = _Lenient(text)
    value = reader.value()
    reader.skip()
    if reader.pos != len(text):
        raise reader.fail("unexpected text after the value")
    return value
