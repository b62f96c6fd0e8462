"""Word expansion: parameters, ``$(...)``, arithmetic, field splitting and globbing.

Kept apart from the interpreter because it is where quoting matters: a quoted expansion is one
field, an unquoted one is split on ``$IFS`` and globbed against the *virtual* file system (so
``rm -f /data/local/tmp/*.xml`` and ``touch${IFS}/x`` behave as on a phone, on the phone's files).
"""

from __future__ import annotations

import fnmatch
import posixpath
import random
import re
from typing import TYPE_CHECKING, Awaitable, Callable

from .arith import ArithError, evaluate
from .parser import Arith, CmdSub, Lit, Param, Word

if TYPE_CHECKING:  # pragma: no cover
    from ..fs import VirtualFS
    from .state import ShellState

__all__ = ["ExpansionError", "Expander"]

_GLOB_CHARS = set("*?[")
_RANDOM = random.Random(0)  # $RANDOM: deterministic across runs, like the rest of the virtual device
Segment = tuple[str, bool]  # (text, quoted)


class ExpansionError(Exception):
    """``${x:?msg}`` or a bad arithmetic expression: the command is not run, exit status 1."""


class Expander:
    """Expands words for one shell state; ``capture`` runs ``$(...)`` in the interpreter."""

    def __init__(self, state: "ShellState", fs: "VirtualFS",
                 capture: Callable[[str, "ShellState"], Awaitable[str]]) -> None:
        self.state = state
        self.fs = fs
        self.capture = capture
        self.random = _RANDOM

    # ----------------------------------------------------------------- params
    def _param(self, name: str) -> str | None:
        st = self.state
        if name == "?":
            return str(st.status)
        if name == "#":
            return str(len(st.positional) - 1)
        if name == "$":
            return "4242"
        if name == "RANDOM" and name not in st.vars:
            return str(self.random.randrange(32768))
        if name == "!":
            return str(st.last_bg) if st.last_bg else ""
        if name == "-":
            return "i" if st.interactive else ""
        if name in ("@", "*"):
            return " ".join(st.positional[1:])
        if name.isdigit():
            idx = int(name)
            return st.positional[idx] if idx < len(st.positional) else None
        return st.get(name)

    async def _param_value(self, part: Param) -> str:
        value = self._param(part.name)
        op = part.op
        if op == "":
            return value or ""
        if op == "len":
            return str(len(value or ""))
        is_set = value is not None
        non_empty = bool(value)
        test = non_empty if op.startswith(":") else is_set
        base = op.lstrip(":")
        if base == "-":
            return (value or "") if test else await self.word_string(part.arg)
        if base == "=":
            if test:
                return value or ""
            new = await self.word_string(part.arg)
            self.state.vars[part.name] = new
            return new
        if base == "+":
            return await self.word_string(part.arg) if test else ""
        if base == "?":
            if test:
                return value or ""
            msg = await self.word_string(part.arg) or "parameter null or not set"
            raise ExpansionError(f"{part.name}: {msg}")
        # pattern removal: # ## % %%
        pattern = await self.word_string(part.arg)
        text = value or ""
        if base in ("#", "##"):
            rng = range(len(text) + 1) if base == "#" else range(len(text), -1, -1)
            for i in rng:
                if fnmatch.fnmatchcase(text[:i], pattern):
                    return text[i:]
            return text
        rng = range(len(text), -1, -1) if base == "%" else range(len(text) + 1)
        for i in rng:
            if fnmatch.fnmatchcase(text[i:], pattern):
                return text[:i]
        return text

    async def _part_value(self, part: Param | CmdSub | Arith) -> str:
        if isinstance(part, Param):
            return await self._param_value(part)
        if isinstance(part, CmdSub):
            out = await self.capture(part.script, self.state)
            return out.rstrip("\n")
        expr = await self.word_string(part.expr)
        try:
            return str(evaluate(expr, self.state.vars))
        except ArithError as exc:
            raise ExpansionError(str(exc)) from exc

    # --------------------------------------------------------------- words
    async def word_string(self, word: Word | None) -> str:
        """Expand without field splitting or globbing (assignments, ``${x:-word}``, here-docs)."""
        if word is None:
            return ""
        out = []
        for part in word.parts:
            if isinstance(part, Lit):
                out.append(part.text)
            else:
                out.append(await self._part_value(part))
        text = "".join(out)
        if word.parts and isinstance(word.parts[0], Lit) and not word.parts[0].quoted:
            text = self._tilde(text)
        return text

    def _tilde(self, text: str) -> str:
        if text == "~" or text.startswith("~/"):
            return (self.state.get("HOME") or "/").rstrip("/") + text[1:] if text != "~" else (
                self.state.get("HOME") or "/")
        return text

    async def fields(self, word: Word, *, glob: bool = True) -> list[str]:
        """Expand one word into zero or more fields (split on IFS, globbed)."""
        fields: list[list[Segment]] = [[]]
        ifs = self.state.get("IFS")
        if ifs is None:
            ifs = " \t\n"
        for idx, part in enumerate(word.parts):
            if isinstance(part, Lit):
                text = part.text
                if idx == 0 and not part.quoted:
                    text = self._tilde(text)
                fields[-1].append((text, part.quoted))
                continue
            if isinstance(part, Param) and part.name == "@" and part.op == "" and part.quoted:
                args = self.state.positional[1:]
                if not args:
                    continue
                fields[-1].append((args[0], True))
                for arg in args[1:]:
                    fields.append([(arg, True)])
                continue
            value = await self._part_value(part)
            if part.quoted:
                fields[-1].append((value, True))
                continue
            if not value:
                continue
            pieces = _ifs_split(value, ifs)
            fields[-1].append((pieces[0], False))
            for piece in pieces[1:]:
                fields.append([(piece, False)])
        result: list[str] = []
        for segs in fields:
            if not any(q for _, q in segs) and not "".join(t for t, _ in segs):
                continue  # an unquoted expansion that produced nothing is no field at all
            if glob and any(not q and any(c in _GLOB_CHARS for c in t) for t, q in segs):
                matches = self._glob(segs)
                if matches:
                    result.extend(matches)
                    continue
            result.append("".join(t for t, _ in segs))
        return result

    async def words(self, words: list[Word]) -> list[str]:
        out: list[str] = []
        for w in words:
            out.extend(await self.fields(w))
        return out

    # ---------------------------------------------------------------- glob
    def _glob(self, segs: list[Segment]) -> list[str]:
        chars: list[tuple[str, bool]] = [(c, q) for t, q in segs for c in t]
        comps: list[list[tuple[str, bool]]] = [[]]
        for c, q in chars:
            if c == "/":
                comps.append([])
            else:
                comps[-1].append((c, q))
        absolute = bool(chars) and chars[0][0] == "/"
        if absolute:
            comps = comps[1:]
        bases = ["/" if absolute else ""]
        for i, comp in enumerate(comps):
            last = i == len(comps) - 1
            magic = any(c in _GLOB_CHARS and not q for c, q in comp)
            literal = "".join(c for c, _ in comp)
            nxt: list[str] = []
            for base in bases:
                if not magic:
                    cand = base + literal
                    host = self._abs(cand) if cand else self.state.cwd
                    if literal == "" or (self.fs.exists(host) if last else self.fs.is_dir(host)):
                        nxt.append(cand + ("" if last else "/"))
                    continue
                pattern = "".join(f"[{c}]" if q and c in _GLOB_CHARS else c for c, q in comp)
                directory = self._abs(base) if base else self.state.cwd
                try:
                    names = self.fs.listdir(directory)
                except Exception:
                    continue
                for name in names:
                    if name.startswith(".") and not literal.startswith("."):
                        continue
                    if fnmatch.fnmatchcase(name, pattern):
                        cand = base + name
                        if last:
                            nxt.append(cand)
                        elif self.fs.is_dir(self._abs(cand)):
                            nxt.append(cand + "/")
            bases = nxt
            if not bases:
                return []
        return sorted(bases)

    def _abs(self, path: str) -> str:
        if not path.startswith("/"):
            path = posixpath.join(self.state.cwd, path)
        return posixpath.normpath(path) or "/"


def _ifs_split(value: str, ifs: str) -> list[str]:
    """Split an unquoted expansion; leading/trailing IFS whitespace yields empty edge pieces."""
    if not ifs:
        return [value]
    ws = "".join(c for c in ifs if c in " \t\n")
    other = "".join(c for c in ifs if c not in " \t\n")
    if other:
        pattern = f"[{re.escape(ws)}]*[{re.escape(other)}][{re.escape(ws)}]*|[{re.escape(ws)}]+" if ws else \
            f"[{re.escape(other)}]"
    else:
        pattern = f"[{re.escape(ws)}]+"
    return re.split(pattern, value)
