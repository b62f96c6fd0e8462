"""The shell's syntax tree: words that remember their quoting, commands, pipelines, lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

__all__ = [
    "ShellSyntaxError", "Lit", "Param", "CmdSub", "Arith", "Part", "Word", "Redirect", "SimpleCommand", "Group",
    "If", "Loop", "For", "Case", "FuncDef", "Command", "Pipeline", "AndOr", "ListItem",
]


class ShellSyntaxError(Exception):
    """The script cannot be parsed; ``str(exc)`` is mksh's wording without the ``sh:`` prefix."""



@dataclass
class Lit:
    text: str
    quoted: bool


@dataclass
class Param:
    """``$name``, ``${name}``, ``${name:-word}``; ``op`` is '' when plain, ``len`` for ``${#name}``."""

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


@dataclass
class FuncDef:
    """``name() { ...; }`` or ``function name { ...; }``: defines a shell function."""

    name: str
    body: "Command"
    redirects: list[Redirect] = field(default_factory=list)


Command = Union[SimpleCommand, Group, If, Loop, For, Case, FuncDef]


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
