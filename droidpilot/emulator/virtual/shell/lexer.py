"""Tokens and words of mksh-like shell text.

Words are parsed here into parts (``Lit``/``Param``/``CmdSub``/``Arith``) that keep their
quoting; nested constructs (``$(...)``, backticks, ``${...}``) are found by scanning with the
quoting rules, so a ``)`` inside quotes never ends a command substitution.
"""

from __future__ import annotations

from dataclasses import dataclass

from .syntax import Arith, CmdSub, Lit, Param, Part, Redirect, ShellSyntaxError, Word

__all__ = ["Lexer", "Tok", "is_name", "parse_double_quoted"]

_OPERATORS = ["&&", "||", ";;", "<<-", "<<", ">>", ">&", "<&", ">|", "<>", ";", "&", "|", "(", ")", "<", ">"]
_META = set(" \t\n;&|()<>")
_SPECIAL_PARAMS = set("?#$!@*-0123456789")
_RESERVED = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case", "esac",
             "{", "}", "!"}


@dataclass
class Tok:
    kind: str  # WORD, OP, NL, IO, EOF
    value: str = ""
    word: Word | None = None


def is_name(s: str) -> bool:
    return bool(s) and (s[0].isalpha() or s[0] == "_") and all(c.isalnum() or c == "_" for c in s)


class Lexer:
    def __init__(self, src: str) -> None:
        self.src = src
        self.i = 0
        self.pending_heredocs: list[Redirect] = []

    # -- helpers that find the end of nested constructs, honouring quotes
    def _skip_single(self, i: int) -> int:
        j = self.src.find("'", i)
        if j < 0:
            raise ShellSyntaxError("no closing quote")
        return j + 1

    def _skip_double(self, i: int) -> int:
        s = self.src
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
            elif c == '"':
                return i + 1
            elif c == "`":
                i = self._skip_backtick(i + 1)
            elif s.startswith("$(", i):
                i = self._skip_paren(i + 2)
            elif s.startswith("${", i):
                i = self._skip_brace(i + 2)
            else:
                i += 1
        raise ShellSyntaxError("no closing quote")

    def _skip_backtick(self, i: int) -> int:
        s = self.src
        while i < len(s):
            if s[i] == "\\":
                i += 2
            elif s[i] == "`":
                return i + 1
            else:
                i += 1
        raise ShellSyntaxError("no closing quote")

    def _skip_brace(self, i: int) -> int:
        s = self.src
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
            elif c == "'":
                i = self._skip_single(i + 1)
            elif c == '"':
                i = self._skip_double(i + 1)
            elif c == "}":
                return i + 1
            elif s.startswith("${", i):
                i = self._skip_brace(i + 2)
            elif s.startswith("$(", i):
                i = self._skip_paren(i + 2)
            else:
                i += 1
        raise ShellSyntaxError("missing '}'")

    def _skip_paren(self, i: int) -> int:
        s = self.src
        depth = 1
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
            elif c == "'":
                i = self._skip_single(i + 1)
            elif c == '"':
                i = self._skip_double(i + 1)
            elif c == "`":
                i = self._skip_backtick(i + 1)
            elif c == "#" and (i == 0 or s[i - 1] in " \t\n;"):
                nl = s.find("\n", i)
                i = len(s) if nl < 0 else nl
            elif c == "(":
                depth += 1
                i += 1
            elif c == ")":
                depth -= 1
                i += 1
                if depth == 0:
                    return i
            else:
                i += 1
        raise ShellSyntaxError("syntax error: unexpected EOF")

    # -- tokens
    def next(self) -> Tok:
        s = self.src
        while True:
            while self.i < len(s) and s[self.i] in " \t":
                self.i += 1
            if s.startswith("\\\n", self.i):
                self.i += 2
                continue
            if self.i < len(s) and s[self.i] == "#":
                while self.i < len(s) and s[self.i] != "\n":
                    self.i += 1
            break
        if self.i >= len(s):
            return Tok("EOF")
        c = s[self.i]
        if c == "\n":
            self.i += 1
            self._read_heredocs()
            return Tok("NL", "\n")
        for op in _OPERATORS:
            if s.startswith(op, self.i):
                self.i += len(op)
                return Tok("OP", op)
        start = self.i
        if c.isdigit():
            j = self.i
            while j < len(s) and s[j].isdigit():
                j += 1
            if j < len(s) and s[j] in "<>":
                self.i = j
                return Tok("IO", s[start:j])
        word = self._word()
        return Tok("WORD", s[start:self.i], word)

    def _word(self) -> Word:
        s = self.src
        parts: list[Part] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                parts.append(Lit("".join(buf), False))
                buf.clear()

        while self.i < len(s):
            c = s[self.i]
            if c in _META:
                break
            if c == "\\":
                if self.i + 1 >= len(s):
                    self.i += 1  # a trailing backslash is dropped, as mksh does
                    break
                nxt = s[self.i + 1]
                self.i += 2
                if nxt == "\n":
                    continue
                flush()
                parts.append(Lit(nxt, True))
            elif c == "'":
                end = self._skip_single(self.i + 1)
                flush()
                parts.append(Lit(s[self.i + 1:end - 1], True))
                self.i = end
            elif c == '"':
                end = self._skip_double(self.i + 1)
                flush()
                inner = s[self.i + 1:end - 1]
                self.i = end
                dq = parse_double_quoted(inner)
                parts.extend(dq if dq else [Lit("", True)])
            elif c == "`":
                end = self._skip_backtick(self.i + 1)
                flush()
                parts.append(CmdSub(_unescape_backtick(s[self.i + 1:end - 1]), False))
                self.i = end
            elif c == "$":
                part, self.i = _parse_dollar(s, self.i, quoted=False, lexer=self)
                if isinstance(part, Lit):
                    buf.append(part.text)
                else:
                    flush()
                    parts.append(part)
            else:
                buf.append(c)
                self.i += 1
        flush()
        return Word(parts)

    def _read_heredocs(self) -> None:
        """Consume the bodies of here-documents announced on the line just ended."""
        s = self.src
        for redir in self.pending_heredocs:
            delim = redir.target.literal() or "".join(p.text for p in redir.target.parts if isinstance(p, Lit))
            strip_tabs = redir.op == "<<-"
            lines: list[str] = []
            while True:
                if self.i >= len(s):
                    raise ShellSyntaxError(f"here document '{delim}' unclosed")
                nl = s.find("\n", self.i)
                line = s[self.i:] if nl < 0 else s[self.i:nl]
                self.i = len(s) if nl < 0 else nl + 1
                check = line.lstrip("\t") if strip_tabs else line
                if check == delim:
                    break
                lines.append(check)
            redir.heredoc = "".join(line + "\n" for line in lines)
        self.pending_heredocs = []


def _unescape_backtick(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "\\`$":
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _parse_dollar(s: str, i: int, *, quoted: bool, lexer: Lexer | None) -> tuple[Part, int]:
    """Parse the expansion starting at ``s[i] == '$'``; returns the part and the index after it."""
    helper = lexer if lexer is not None else Lexer(s)
    if helper.src is not s:
        helper = Lexer(s)
    if s.startswith("$((", i):
        end = helper._skip_paren(i + 3)
        if end < len(s) and s[end] == ")":  # $(( ... ))
            return Arith(_parse_inner_word(s[i + 3:end - 1]), quoted), end + 1
        return CmdSub(s[i + 2:end - 1], quoted), end
    if s.startswith("$(", i):
        end = helper._skip_paren(i + 2)
        return CmdSub(s[i + 2:end - 1], quoted), end
    if s.startswith("${", i):
        end = helper._skip_brace(i + 2)
        return _parse_brace(s[i + 2:end - 1], quoted), end
    if i + 1 < len(s):
        c = s[i + 1]
        if c in _SPECIAL_PARAMS:
            return Param(c, quoted), i + 2
        if c.isalpha() or c == "_":
            j = i + 1
            while j < len(s) and (s[j].isalnum() or s[j] == "_"):
                j += 1
            return Param(s[i + 1:j], quoted), j
    return Lit("$", quoted), i + 1


def _parse_brace(body: str, quoted: bool) -> Param:
    if body.startswith("#") and len(body) > 1:
        return Param(body[1:], quoted, op="len")
    j = 0
    if body and body[0] in _SPECIAL_PARAMS:
        j = 1
    else:
        while j < len(body) and (body[j].isalnum() or body[j] == "_"):
            j += 1
    name, rest = body[:j], body[j:]
    if not name or not (is_name(name) or name in _SPECIAL_PARAMS or name.isdigit()):
        raise ShellSyntaxError(f"${{{body}}}: bad substitution")
    if not rest:
        return Param(name, quoted)
    for op in (":-", ":=", ":+", ":?", "-", "=", "+", "?", "##", "#", "%%", "%"):
        if rest.startswith(op):
            arg = rest[len(op):]
            return Param(name, quoted, op=op, arg=_parse_inner_word(arg, quoted=quoted))
    raise ShellSyntaxError(f"${{{body}}}: bad substitution")


def _parse_inner_word(text: str, quoted: bool = False) -> Word:
    """A word inside ``${x:-word}`` or ``$((...))``: quotes and expansions, no field operators."""
    if quoted:
        return Word(parse_double_quoted(text))
    lex = Lexer(text)
    parts: list[Part] = []
    while lex.i < len(text):
        c = text[lex.i]
        if c in _META:
            parts.append(Lit(c, False))
            lex.i += 1
            continue
        parts.extend(lex._word().parts)
    return Word(parts)


def parse_double_quoted(text: str) -> list[Part]:
    parts: list[Part] = []
    buf: list[str] = []
    i = 0

    def flush() -> None:
        if buf:
            parts.append(Lit("".join(buf), True))
            buf.clear()

    lex = Lexer(text)
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in '$`"\\':
                buf.append(nxt)
                i += 2
            elif nxt == "\n":
                i += 2
            else:
                buf.append(c)
                i += 1
        elif c == "$":
            part, i = _parse_dollar(text, i, quoted=True, lexer=lex)
            if isinstance(part, Lit):
                buf.append(part.text)
            else:
                flush()
                parts.append(part)
        elif c == "`":
            end = lex._skip_backtick(i + 1)
            flush()
            parts.append(CmdSub(_unescape_backtick(text[i + 1:end - 1]), True))
            i = end
        else:
            buf.append(c)
            i += 1
    flush()
    return parts
