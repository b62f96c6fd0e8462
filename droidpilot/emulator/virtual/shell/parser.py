"""Parse mksh-like shell text into the syntax tree (``syntax.py``).

Why a real parser: clients send shell strings (adbutils joins argv with ``shlex.quote``,
uiautomator2 sends ``CLASSPATH=... app_process ...``, agents send ``input text`` with hostile
text), and the only safe way to honour them is to parse them exactly as Android's mksh would and
interpret the tree against the virtual device. Nothing here ever reaches a host shell.
"""

from __future__ import annotations

from .lexer import Lexer, Tok, is_name, parse_double_quoted
from .syntax import (
    AndOr, Arith, Case, CmdSub, Command, For, FuncDef, Group, If, ListItem, Lit, Loop, Param, Part, Pipeline, Redirect,
    ShellSyntaxError, SimpleCommand, Word,
)

__all__ = [
    "ShellSyntaxError", "Lit", "Param", "CmdSub", "Arith", "Word", "Redirect", "SimpleCommand", "Group",
    "If", "Loop", "For", "Case", "FuncDef", "Pipeline", "AndOr", "ListItem", "parse", "parse_double_quoted",
]


class _Parser:
    def __init__(self, src: str) -> None:
        self.lex = Lexer(src)
        self.tok = self.lex.next()

    def advance(self) -> Tok:
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
            if lit == "function":
                self.advance()
                if self.tok.kind != "WORD" or self.tok.word is None or self.tok.word.literal() is None:
                    raise self.unexpected()
                name = self.advance().word.literal()  # type: ignore[union-attr]
                if self.tok.kind == "OP" and self.tok.value == "(":
                    self.advance()
                    if not (self.tok.kind == "OP" and self.tok.value == ")"):
                        raise self.unexpected()
                    self.advance()
                self.skip_newlines()
                return FuncDef(name or "", self.parse_command())
            if lit in ("then", "else", "elif", "fi", "do", "done", "esac", "}", "in"):
                raise self.unexpected()
        return self.parse_simple()

    def parse_function(self, name_word: Word) -> FuncDef:
        name = name_word.literal()
        self.advance()  # (
        if name is None or not (self.tok.kind == "OP" and self.tok.value == ")"):
            raise self.unexpected()
        self.advance()
        self.skip_newlines()
        if self.tok.kind == "EOF":
            raise ShellSyntaxError("syntax error: unexpected EOF")
        body = self.parse_command()
        return FuncDef(name, body)

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
        if self.tok.kind != "WORD" or not is_name(self.tok.value):
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
            if (len(words) == 1 and not assigns and not redirects and self.tok.kind == "OP"
                    and self.tok.value == "("):
                return self.parse_function(words[0])
        if not assigns and not words and not redirects:
            raise self.unexpected()
        return SimpleCommand(assigns, words, redirects)


def _assignment_split(word: Word) -> tuple[str, Word] | None:
    """``NAME=value`` as a leading assignment (the name part must be unquoted literal text)."""
    if not word.parts or not isinstance(word.parts[0], Lit) or word.parts[0].quoted:
        return None
    text = word.parts[0].text
    eq = text.find("=")
    if eq <= 0 or not is_name(text[:eq]):
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
