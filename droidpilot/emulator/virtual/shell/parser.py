"""Parse mksh-like shell text into a small syntax tree.

Why a real parser: clients send shell strings (adbutils joins argv with ``shlex.quote``,
uiautomator2 sends ``CLASSPATH=... app_process ...``, agents send ``input text`` with hostile
text), and the only safe way to honour them is to parse them exactly as Android's mksh would and
interpret the tree against the virtual device. Nothing here ever reaches a host shell.

Words keep their quoting (``Lit.quoted``) so expansion can decide about field splitting and
globbing later; ``$(...)`` and backticks are kept as source text and parsed when run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

__all__ = [
    "ShellSyntaxError", "Lit", "Param", "CmdSub", "Arith", "Word", "Redirect", "SimpleCommand", "Group",
    "If", "Loop", "For", "Case", "Pipeline", "AndOr", "ListItem", "parse",
]


class ShellSyntaxError(Exception):
    """The script cannot be parsed; ``str(exc)`` is mksh's wording without the ``sh:`` prefix."""


# ----------------------------------------------------------------------------- tree


@dataclass
class Lit:
    text: str
    quoted: bool


@dataclass
class Param:
    """``$name``, ``${name}``, ``${name:-word}``, ``${#name}``; ``op`` is '' when plain."""

    name: str
    quoted: bool
    op: str = ""
    arg: "Word | None" = None


@dataclass
class CmdSub:
    script: str
    quoted: bool


@dataclass
class Arith:
    expr: "Word"
    quoted: bool


Part = Union[Lit, Param, CmdSub, Arith]


@dataclass
class Word:
    parts: list[Part]

    def literal(self) -> str | None:
        """The text if the word is one unquoted literal (used to spot reserved words)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Lit) and not self.parts[0].quoted:
            return self.parts[0].text
        return None


@dataclass
class Redirect:
    fd: int
    op: str  # one of > >> < >& <& >| <> <<
    target: Word
    heredoc: str | None = None
    heredoc_expand: bool = False


@dataclass
class SimpleCommand:
    assigns: list[tuple[str, Word]]
    words: list[Word]
    redirects: list[Redirect]


@dataclass
class Group:
    body: list["ListItem"]
    subshell: bool
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class If:
    clauses: list[tuple[list["ListItem"], list["ListItem"]]]
    orelse: list["ListItem"] | None
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Loop:
    cond: list["ListItem"]
    body: list["ListItem"]
    until: bool
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class For:
    var: str
    items: list[Word] | None
    body: list["ListItem"]
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Case:
    subject: Word
    arms: list[tuple[list[Word], list["ListItem"]]]
    redirects: list[Redirect] = field(default_factory=list)


Command = Union[SimpleCommand, Group, If, Loop, For, Case]


@dataclass
class Pipeline:
    commands: list[Command]
    negate: bool = False


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]]


@dataclass
class ListItem:
    andor: AndOr
    background: bool = False


# ---------------------------------------------------------------------------- lexer

_OPERATORS = ["&&", "||", ";;", "<<-", "<<", ">>", ">&", "<&", ">|", "<>", ";", "&", "|", "(", ")", "<", ">"]
_META = set(" \t\n;&|()<>")
_SPECIAL_PARAMS = set("?#$!@*-0123456789")
_RESERVED = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case", "esac",
             "{", "}", "!"}


@dataclass
class _Tok:
    kind: str  # WORD, OP, NL, IO, EOF
    value: str = ""
    word: Word | None = None


def _is_name(s: str) -> bool:
    return bool(s) and (s[0].isalpha() or s[0] == "_") and all(c.isalnum() or c == "_" for c in s)


class _Lexer:
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
        raise ShellSyntaxError("unexpected EOF")

    # -- tokens
    def next(self) -> _Tok:
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
            return _Tok("EOF")
        c = s[self.i]
        if c == "\n":
            self.i += 1
            self._read_heredocs()
            return _Tok("NL", "\n")
        for op in _OPERATORS:
            if s.startswith(op, self.i):
                self.i += len(op)
                return _Tok("OP", op)
        start = self.i
        if c.isdigit():
            j = self.i
            while j < len(s) and s[j].isdigit():
                j += 1
            if j < len(s) and s[j] in "<>":
                self.i = j
                return _Tok("IO", s[start:j])
        word = self._word()
        return _Tok("WORD", s[start:self.i], word)

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
                dq = _parse_double_quoted(inner)
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


def _parse_dollar(s: str, i: int, *, quoted: bool, lexer: _Lexer | None) -> tuple[Part, int]:
    """Parse the expansion starting at ``s[i] == '$'``; returns the part and the index after it."""
    helper = lexer if lexer is not None else _Lexer(s)
    if helper.src is not s:
        helper = _Lexer(s)
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
        return Param(body[1:], quoted, op="#")
    j = 0
    if body and body[0] in _SPECIAL_PARAMS:
        j = 1
    else:
        while j < len(body) and (body[j].isalnum() or body[j] == "_"):
            j += 1
    name, rest = body[:j], body[j:]
    if not name or not (_is_name(name) or name in _SPECIAL_PARAMS or name.isdigit()):
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
        return Word(_parse_double_quoted(text))
    lex = _Lexer(text)
    parts: list[Part] = []
    while lex.i < len(text):
        c = text[lex.i]
        if c in _META:
            parts.append(Lit(c, False))
            lex.i += 1
            continue
        parts.extend(lex._word().parts)
    return Word(parts)


def _parse_double_quoted(text: str) -> list[Part]:
    parts: list[Part] = []
    buf: list[str] = []
    i = 0

    def flush() -> None:
        if buf:
            parts.append(Lit("".join(buf), True))
            buf.clear()

    lex = _Lexer(text)
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


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, src: str) -> None:
        self.lex = _Lexer(src)
        self.tok = self.lex.next()

    def advance(self) -> _Tok:
        tok = self.tok
        self.tok = self.lex.next()
        return tok

    def unexpected(self) -> ShellSyntaxError:
        if self.tok.kind == "EOF":
            return ShellSyntaxError("syntax error: unexpected EOF")
        shown = "newline" if self.tok.kind == "NL" else self.tok.value
        return ShellSyntaxError(f"syntax error: '{shown}' unexpected")

    def is_word(self, text: str) -> bool:
        return self.tok.kind == "WORD" and self.tok.word is not None and self.tok.word.literal() == text

    def expect_word(self, text: str, opener: str) -> None:
        if not self.is_word(text):
            if self.tok.kind == "EOF":
                raise ShellSyntaxError(f"syntax error: '{opener}' unmatched")
            raise self.unexpected()
        self.advance()

    def skip_newlines(self) -> None:
        while self.tok.kind == "NL":
            self.advance()

    def parse_program(self) -> list[ListItem]:
        items = self.parse_list(terminators=set())
        if self.tok.kind != "EOF":
            raise self.unexpected()
        return items

    def parse_list(self, terminators: set[str]) -> list[ListItem]:
        """Command lists up to a closing reserved word or operator in ``terminators``."""
        items: list[ListItem] = []
        while True:
            while self.tok.kind == "NL" or (self.tok.kind == "OP" and self.tok.value == ";" and not items):
                if self.tok.kind == "OP":
                    raise self.unexpected()
                self.advance()
            if self.tok.kind == "EOF":
                return items
            if self.tok.kind == "OP" and self.tok.value in terminators:
                return items
            if self.tok.kind == "WORD" and self.tok.word is not None and self.tok.word.literal() in terminators:
                return items
            andor = self.parse_andor()
            item = ListItem(andor)
            items.append(item)
            if self.tok.kind == "OP" and self.tok.value in (";", "&"):
                item.background = self.tok.value == "&"
                self.advance()
            elif self.tok.kind == "NL":
                self.advance()
            else:
                return items

    def parse_andor(self) -> AndOr:
        first = self.parse_pipeline()
        rest: list[tuple[str, Pipeline]] = []
        while self.tok.kind == "OP" and self.tok.value in ("&&", "||"):
            op = self.advance().value
            self.skip_newlines()
            rest.append((op, self.parse_pipeline()))
        return AndOr(first, rest)

    def parse_pipeline(self) -> Pipeline:
        negate = False
        if self.is_word("!"):
            self.advance()
            negate = True
        cmds = [self.parse_command()]
        while self.tok.kind == "OP" and self.tok.value == "|":
            self.advance()
            self.skip_newlines()
            cmds.append(self.parse_command())
        return Pipeline(cmds, negate)

    def parse_command(self) -> Command:
        tok = self.tok
        if tok.kind == "OP" and tok.value == "(":
            self.advance()
            body = self.parse_list({")"})
            if not (self.tok.kind == "OP" and self.tok.value == ")"):
                if self.tok.kind == "EOF":
                    raise ShellSyntaxError("syntax error: '(' unmatched")
                raise self.unexpected()
            self.advance()
            if not body:
                raise ShellSyntaxError("syntax error: ')' unexpected")
            return Group(body, True, self.parse_redirects())
        if tok.kind == "WORD":
            lit = tok.word.literal() if tok.word else None
            if lit == "{":
                self.advance()
                body = self.parse_list({"}"})
                self.expect_word("}", "{")
                return Group(body, False, self.parse_redirects())
            if lit == "if":
                return self.parse_if()
            if lit in ("while", "until"):
                self.advance()
                cond = self.parse_list({"do"})
                self.expect_word("do", lit)
                body = self.parse_list({"done"})
                self.expect_word("done", lit)
                return Loop(cond, body, lit == "until", self.parse_redirects())
            if lit == "for":
                return self.parse_for()
            if lit == "case":
                return self.parse_case()
            if lit in ("then", "else", "elif", "fi", "do", "done", "esac", "}", "in"):
                raise self.unexpected()
        return self.parse_simple()

    def parse_if(self) -> If:
        self.advance()
        clauses = []
        cond = self.parse_list({"then"})
        self.expect_word("then", "if")
        body = self.parse_list({"elif", "else", "fi"})
        clauses.append((cond, body))
        orelse = None
        while True:
            if self.is_word("elif"):
                self.advance()
                cond = self.parse_list({"then"})
                self.expect_word("then", "if")
                clauses.append((cond, self.parse_list({"elif", "else", "fi"})))
            elif self.is_word("else"):
                self.advance()
                orelse = self.parse_list({"fi"})
            else:
                break
        self.expect_word("fi", "if")
        return If(clauses, orelse, self.parse_redirects())

    def parse_for(self) -> For:
        self.advance()
        if self.tok.kind != "WORD" or not _is_name(self.tok.value):
            raise self.unexpected()
        var = self.advance().value
        items: list[Word] | None = None
        self.skip_newlines()
        if self.is_word("in"):
            self.advance()
            items = []
            while self.tok.kind == "WORD":
                items.append(self.advance().word)  # type: ignore[arg-type]
        if self.tok.kind == "OP" and self.tok.value == ";":
            self.advance()
        self.skip_newlines()
        self.expect_word("do", "for")
        body = self.parse_list({"done"})
        self.expect_word("done", "for")
        return For(var, items, body, self.parse_redirects())

    def parse_case(self) -> Case:
        self.advance()
        if self.tok.kind != "WORD":
            raise self.unexpected()
        subject = self.advance().word
        self.skip_newlines()
        self.expect_word("in", "case")
        arms: list[tuple[list[Word], list[ListItem]]] = []
        while True:
            self.skip_newlines()
            if self.is_word("esac"):
                self.advance()
                break
            if self.tok.kind == "OP" and self.tok.value == "(":
                self.advance()
            patterns: list[Word] = []
            while True:
                if self.tok.kind != "WORD":
                    if self.tok.kind == "EOF":
                        raise ShellSyntaxError("syntax error: 'case' unmatched")
                    raise self.unexpected()
                patterns.append(self.advance().word)  # type: ignore[arg-type]
                if self.tok.kind == "OP" and self.tok.value == "|":
                    self.advance()
                    continue
                break
            if not (self.tok.kind == "OP" and self.tok.value == ")"):
                raise self.unexpected()
            self.advance()
            body = self.parse_list({";;", "esac"})
            arms.append((patterns, body))
            if self.tok.kind == "OP" and self.tok.value == ";;":
                self.advance()
            elif self.is_word("esac"):
                continue
            elif self.tok.kind == "EOF":
                raise ShellSyntaxError("syntax error: 'case' unmatched")
            else:
                raise self.unexpected()
        return Case(subject, arms, self.parse_redirects())  # type: ignore[arg-type]

    def parse_redirect(self) -> Redirect | None:
        fd: int | None = None
        if self.tok.kind == "IO":
            fd = int(self.advance().value)
            if self.tok.kind != "OP" or self.tok.value not in (">", ">>", "<", ">&", "<&", ">|", "<>", "<<", "<<-"):
                raise self.unexpected()
        if self.tok.kind == "OP" and self.tok.value in (">", ">>", "<", ">&", "<&", ">|", "<>", "<<", "<<-"):
            op = self.advance().value
            if self.tok.kind != "WORD":
                raise self.unexpected()
            target = self.tok.word
            assert target is not None
            if fd is None:
                fd = 0 if op in ("<", "<&", "<>", "<<", "<<-") else 1
            redir = Redirect(fd, op, target)
            if op in ("<<", "<<-"):
                # Registered before the lookahead reads the newline that starts the body.
                redir.heredoc_expand = all(isinstance(p, Lit) and not p.quoted for p in target.parts)
                self.lex.pending_heredocs.append(redir)
            self.advance()
            return redir
        return None

    def parse_redirects(self) -> list[Redirect]:
        out = []
        while True:
            r = self.parse_redirect()
            if r is None:
                return out
            out.append(r)

    def parse_simple(self) -> SimpleCommand:
        assigns: list[tuple[str, Word]] = []
        words: list[Word] = []
        redirects: list[Redirect] = []
        while True:
            r = self.parse_redirect()
            if r is not None:
                redirects.append(r)
                continue
            if self.tok.kind != "WORD":
                break
            tok = self.tok
            assert tok.word is not None
            if not words:
                eq = _assignment_split(tok.word)
                if eq is not None:
                    assigns.append(eq)
                    self.advance()
                    continue
            words.append(tok.word)
            self.advance()
        if not assigns and not words and not redirects:
            raise self.unexpected()
        return SimpleCommand(assigns, words, redirects)


def _assignment_split(word: Word) -> tuple[str, Word] | None:
    """``NAME=value`` as a leading assignment (the name part must be unquoted literal text)."""
    if not word.parts or not isinstance(word.parts[0], Lit) or word.parts[0].quoted:
        return None
    text = word.parts[0].text
    eq = text.find("=")
    if eq <= 0 or not _is_name(text[:eq]):
        return None
    rest: list[Part] = []
    if text[eq + 1:]:
        rest.append(Lit(text[eq + 1:], False))
    rest.extend(word.parts[1:])
    return text[:eq], Word(rest)


def parse(src: str) -> list[ListItem]:
    """Parse a whole script; raises ``ShellSyntaxError`` with mksh's message."""
    parser = _Parser(src)
    items = parser.parse_program()
    if parser.lex.pending_heredocs:
        parser.lex._read_heredocs()
    return items
