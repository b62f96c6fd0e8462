"""UiSelector semantics over a uiautomator XML tree, the way androidx UiAutomator finds objects.

The uiautomator2 client sends a selector as a dict: a ``mask`` of the fields that count, the field
values, and a ``childOrSibling`` chain (``"child"`` / ``"sibling"`` plus one selector each). The
server turns it into a UiSelector whose sub-selectors hang one below the other, and UiAutomator's
QueryController walks the accessibility tree depth first:

- a node that matches sub-selector *i* hands the search of its subtree to sub-selector *i + 1*
  (``child``), or of its parent's subtree (``sibling``: UiSelector.fromParent);
- ``instance`` is counted per sub-selector across the whole walk: the first *instance* matches
  are passed over (the walk goes on into their children), every later match counts;
- invisible children are skipped; ``index`` is the node's position among its parent's children.

That walk is reproduced here over lxml elements, so ``d(text="A").child(className="B")`` finds on
the virtual device what it would find on a phone. Regex fields use Java's ``Matcher.matches()``
(whole string); the few Java-only regex spellings clients use are translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from lxml import etree

from .jsonrpc import InvalidParams

__all__ = [
    "FIELDS",
    "Criteria",
    "Chain",
    "compile_selector",
    "describe",
    "iter_matches",
    "find",
    "find_all",
    "count",
    "has_instance",
    "java_regex",
]

# field name -> (mask bit, XML attribute, kind); kinds: str equality, substring, prefix, regex, bool, int
FIELDS: dict[str, tuple[int, str, str]] = {
    "text": (0x01, "text", "eq"),
    "textContains": (0x02, "text", "contains"),
    "textMatches": (0x04, "text", "regex"),
    "textStartsWith": (0x08, "text", "prefix"),
    "className": (0x10, "class", "eq"),
    "classNameMatches": (0x20, "class", "regex"),
    "description": (0x40, "content-desc", "eq"),
    "descriptionContains": (0x80, "content-desc", "contains"),
    "descriptionMatches": (0x100, "content-desc", "regex"),
    "descriptionStartsWith": (0x200, "content-desc", "prefix"),
    "checkable": (0x400, "checkable", "bool"),
    "checked": (0x800, "checked", "bool"),
    "clickable": (0x1000, "clickable", "bool"),
    "longClickable": (0x2000, "long-clickable", "bool"),
    "scrollable": (0x4000, "scrollable", "bool"),
    "enabled": (0x8000, "enabled", "bool"),
    "focusable": (0x10000, "focusable", "bool"),
    "focused": (0x20000, "focused", "bool"),
    "selected": (0x40000, "selected", "bool"),
    "packageName": (0x80000, "package", "eq"),
    "packageNameMatches": (0x100000, "package", "regex"),
    "resourceId": (0x200000, "resource-id", "eq"),
    "resourceIdMatches": (0x400000, "resource-id", "regex"),
    "index": (0x800000, "index", "index"),
    "instance": (0x1000000, "", "instance"),
}
MASK_INSTANCE = FIELDS["instance"][0]

# UiSelector.toString() names, for the UiObjectNotFoundException message.
_DUMP_NAMES = {
    "text": "TEXT", "textContains": "CONTAINS_TEXT", "textMatches": "PATTERN_TEXT",
    "textStartsWith": "START_TEXT", "className": "CLASS", "classNameMatches": "CLASS_REGEX",
    "description": "DESCRIPTION", "descriptionContains": "CONTAINS_DESCRIPTION",
    "descriptionMatches": "PATTERN_DESCRIPTION", "descriptionStartsWith": "START_DESCRIPTION",
    "checkable": "CHECKABLE", "checked": "CHECKED", "clickable": "CLICKABLE",
    "longClickable": "LONG_CLICKABLE", "scrollable": "SCROLLABLE", "enabled": "ENABLED",
    "focusable": "FOCUSABLE", "focused": "FOCUSED", "selected": "SELECTED",
    "packageName": "PACKAGE_NAME", "packageNameMatches": "PACKAGE_NAME_REGEX",
    "resourceId": "RESOURCE_ID", "resourceIdMatches": "RESOURCE_ID_REGEX",
    "index": "INDEX", "instance": "INSTANCE",
}

Predicate = Callable[[Any, int], bool]


@dataclass(frozen=True)
class Criteria:
    """One sub-selector: the attribute tests that must all hold, and its ``instance``."""

    tests: tuple[Predicate, ...]
    instance: int
    has_instance: bool
    fields: tuple[tuple[str, Any], ...]  # (name, value) in mask order, for messages

    def matches(self, node: Any, index: int) -> bool:
        for test in self.tests:
            if not test(node, index):
                return False
        return True


@dataclass(frozen=True)
class Chain:
    """A compiled selector: sub-selectors and, from the second on, how each hangs on the one before."""

    parts: tuple[Criteria, ...]
    relations: tuple[str, ...]  # len(parts) - 1 entries, each "child" or "sibling"

    def extend(self, relation: str, other: "Chain") -> "Chain":
        """``UiSelector.childSelector`` / ``fromParent``: hang ``other`` below the last sub-selector."""
        return Chain(self.parts + other.parts, self.relations + (relation,) + other.relations)

    def with_leaf_instance(self, instance: int) -> "Chain":
        leaf = self.parts[-1]
        fields = tuple(f for f in leaf.fields if f[0] != "instance") + (("instance", instance),)
        new_leaf = Criteria(leaf.tests, instance, True, fields)
        return Chain(self.parts[:-1] + (new_leaf,), self.relations)


# -- regexes ---------------------------------------------------------------------------------------

_POSIX_CLASSES = {
    "Lower": "a-z", "Upper": "A-Z", "Alpha": "a-zA-Z", "Digit": "0-9", "Alnum": "a-zA-Z0-9",
    "Punct": r"!-/:-@\[-`{-~", "Space": r" \t\n\x0b\f\r", "XDigit": "0-9a-fA-F",
    "L": r"^\W\d_", "IsAlphabetic": r"^\W\d_", "N": r"\d", "Nd": r"\d",
}


@lru_cache(maxsize=512)
def java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a java.util.regex pattern as Python ``re`` (full-match use).

    Translated: named groups ``(?<n>...)``, ``\\Q...\\E`` quoting and the common ``\\p{...}``
    classes. Anything Python cannot compile is an invalid parameter, as a PatternSyntaxException is
    on the phone.
    """
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                out.append(re.escape(literal))
                i = n if end < 0 else end + 2
                continue
            if nxt in "pP" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.find("}", i + 3)
                name = pattern[i + 3 : end] if end > 0 else ""
                cls = _POSIX_CLASSES.get(name.removeprefix("Is") if name not in _POSIX_CLASSES else name)
                if end > 0 and cls is not None:
                    negate = nxt == "P"
                    if cls.startswith("^"):  # a class defined by exclusion
                        out.append(f"[{cls[1:]}]" if negate else f"[{cls}]")
                    else:
                        out.append(f"[^{cls}]" if negate else f"[{cls}]")
                    i = end + 1
                    continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?<", i) and i + 3 < n and pattern[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        out.append(ch)
        i += 1
    try:
        return re.compile("".join(out))
    except re.error as exc:
        raise InvalidParams(
            f"java.util.regex.PatternSyntaxException: {exc} near index {exc.pos}\n{pattern}"
        ) from exc


# -- compiling the client's dict -------------------------------------------------------------------


def _string_test(attr: str, kind: str, value: Any, name: str) -> Predicate:
    if not isinstance(value, str):
        raise InvalidParams(f"selector field {name} must be a string, got {value!r}")
    if kind == "eq":
        return lambda node, _i: node.get(attr) == value
    if kind == "contains":

        def contains(node: Any, _i: int) -> bool:
            have = node.get(attr)
            return have is not None and value in have

        return contains
    if kind == "prefix":

        def prefix(node: Any, _i: int) -> bool:
            have = node.get(attr)
            return have is not None and have.startswith(value)

        return prefix
    compiled = java_regex(value)

    def regex(node: Any, _i: int) -> bool:
        have = node.get(attr)
        return have is not None and compiled.fullmatch(have) is not None

    return regex


def _bool_test(attr: str, value: Any, name: str) -> Predicate:
    if not isinstance(value, bool):
        raise InvalidParams(f"selector field {name} must be true or false, got {value!r}")
    want = "true" if value else "false"
    return lambda node, _i: (node.get(attr) or "false") == want


def _criteria(raw: dict[str, Any]) -> Criteria:
    mask = raw.get("mask", 0)
    if not isinstance(mask, int) or isinstance(mask, bool):
        raise InvalidParams(f"selector mask must be an integer, got {mask!r}")
    tests: list[Predicate] = []
    fields: list[tuple[str, Any]] = []
    instance = 0
    has_inst = False
    for name, (bit, attr, kind) in FIELDS.items():
        if not mask & bit:
            continue
        if name not in raw or raw[name] is None:
            raise InvalidParams(f"selector mask sets {name} but the selector has no value for it")
        value = raw[name]
        fields.append((name, value))
        if kind == "bool":
            tests.append(_bool_test(attr, value, name))
        elif kind in ("index", "instance"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidParams(f"selector field {name} must be a non-negative integer, got {value!r}")
            if kind == "index":
                tests.append(lambda _node, idx, want=value: idx == want)
            else:
                instance, has_inst = value, True
        else:
            tests.append(_string_test(attr, kind, value, name))
    return Criteria(tuple(tests), instance, has_inst, tuple(fields))


def compile_selector(raw: Any) -> Chain:
    """Turn the client's selector dict into a ``Chain``; malformed input is ``InvalidParams``."""
    if not isinstance(raw, dict):
        raise InvalidParams(f"expected a selector object, got {raw!r}")
    chain = Chain((_criteria(raw),), ())
    relations = raw.get("childOrSibling") or []
    subs = raw.get("childOrSiblingSelector") or []
    if not isinstance(relations, list) or not isinstance(subs, list):
        raise InvalidParams("childOrSibling and childOrSiblingSelector must be lists")
    for relation, sub in zip(relations, subs):
        rel = str(relation).lower()
        if rel not in ("child", "sibling"):
            continue  # the server ignores unknown relation words
        chain = chain.extend(rel, compile_selector(sub))
    return chain


def has_instance(chain: Chain) -> bool:
    """Whether the top-level selector names an instance (changes ``count`` semantics)."""
    return chain.parts[0].has_instance


def describe(chain: Chain) -> str:
    """``UiSelector[TEXT=OK, CHILD=UiSelector[CLASS=...]]`` as UiSelector.toString() prints it."""

    def one(i: int) -> str:
        items = [f"{_DUMP_NAMES[name]}={_java_str(value)}" for name, value in chain.parts[i].fields]
        if i + 1 < len(chain.parts):
            key = "CHILD" if chain.relations[i] == "child" else "PARENT"
            items.append(f"{key}={one(i + 1)}")
        return "UiSelector[" + ", ".join(items) + "]"

    return one(0)


def _java_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- the walk ----------------------------------------------------------------------------------------


def _is_node(el: Any) -> bool:
    return el is not None and el.tag == "node"


def _visible_children(el: Any) -> Iterator[tuple[Any, int]]:
    for pos, child in enumerate(el.iterchildren("node")):
        if child.get("visible-to-user") == "false":
            continue
        idx = child.get("index")
        yield child, int(idx) if idx is not None and idx.isdigit() else pos


def iter_matches(chain: Chain, root: Any) -> Iterator[Any]:
    """Every node the chain's leaf selects, in the order UiAutomator finds them.

    ``root`` is the ``<hierarchy>`` element (all windows are searched, top-level nodes in dump
    order) or any ``<node>``. The leaf's own ``instance`` is not applied here: the n-th item is
    what ``instance=n`` selects.
    """
    parts = chain.parts
    last = len(parts) - 1
    counters = [0] * len(parts)

    def instance_ok(i: int) -> bool:
        # UiSelector.matchOrUpdateInstance: skip the first `instance` matches, accept the rest
        want = parts[i].instance
        if want == counters[i]:
            return True
        if want > counters[i]:
            counters[i] += 1
        return False

    def visit(i: int, node: Any, index: int) -> Iterator[Any]:
        search_from = node
        if parts[i].matches(node, index):
            if i == last:
                yield node
            elif instance_ok(i):
                relation = chain.relations[i]
                i += 1
                if relation == "sibling":
                    search_from = node.getparent()
                    if not _is_node(search_from):
                        return
        for child, child_index in _visible_children(search_from):
            yield from visit(i, child, child_index)

    if _is_node(root):
        yield from visit(0, root, _node_index(root))
        return
    for window, window_index in _visible_children(root):
        yield from visit(0, window, window_index)


def _node_index(el: Any) -> int:
    idx = el.get("index")
    return int(idx) if idx is not None and idx.isdigit() else 0


def find(chain: Chain, root: Any) -> Any | None:
    """The node ``UiDevice.findObject(selector)`` resolves to, or None."""
    return next(islice(iter_matches(chain, root), chain.parts[-1].instance, None), None)


def find_all(chain: Chain, root: Any) -> list[Any]:
    """All instances, as ``objInfoOfAllInstances`` reports them.

    With a top-level ``instance`` the server reports only that one object.
    """
    if has_instance(chain) or chain.parts[-1].has_instance:
        node = find(chain, root)
        return [] if node is None else [node]
    return list(iter_matches(chain, root))


def count(chain: Chain, root: Any) -> int:
    return len(find_all(chain, root))


def parse_hierarchy(xml: str | bytes) -> Any:
    """Parse a dump into its ``<hierarchy>`` element (huge trees allowed, no network, no entities)."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True, remove_blank_text=True)
    return etree.fromstring(data, parser)
