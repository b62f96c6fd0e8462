"""``dumpWindowHierarchy`` options: compressed layout and a maximum depth.

The common call (``compressed=false, maxDepth=50``) returns the window manager's XML untouched, so
the hot path costs no serialisation. Otherwise the tree is copied and trimmed:

- *compressed* drops views Android would call not important for accessibility: no text, no
  content description and no action (clickable, long-clickable, focusable, checkable,
  scrollable). Their children move up in their place and sibling ``index`` values are renumbered.
  Window roots always stay.
- *maxDepth* keeps window roots at depth 1 and nothing below ``maxDepth``.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

__all__ = ["depth_of", "transform", "XML_DECLARATION"]

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
_ACTION_FLAGS = ("clickable", "long-clickable", "focusable", "checkable", "scrollable")


def depth_of(root: Any) -> int:
    """Depth of the deepest ``<node>`` (window roots are depth 1); 0 for an empty hierarchy."""
    deepest = 0
    stack = [(child, 1) for child in root.iterchildren("node")]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.iterchildren("node"))
    return deepest


def _important(node: Any) -> bool:
    if node.get("text") or node.get("content-desc"):
        return True
    return any(node.get(flag) == "true" for flag in _ACTION_FLAGS)


def _compress(node: Any) -> None:
    """Hoist the children of unimportant descendants of ``node``, bottom-up."""
    for child in list(node.iterchildren("node")):
        _compress(child)
    changed = False
    for child in list(node.iterchildren("node")):
        if not _important(child):
            position = node.index(child)
            grandchildren = list(child.iterchildren("node"))
            node.remove(child)
            for offset, grandchild in enumerate(grandchildren):
                node.insert(position + offset, grandchild)
            changed = True
    if changed:
        for index, child in enumerate(node.iterchildren("node")):
            child.set("index", str(index))


def _limit_depth(node: Any, depth: int, max_depth: int) -> None:
    for child in list(node.iterchildren("node")):
        if depth + 1 > max_depth:
            node.remove(child)
        else:
            _limit_depth(child, depth + 1, max_depth)


def transform(root: Any, *, compressed: bool, max_depth: int | None) -> str:
    """A trimmed copy of the hierarchy ``root`` serialised as a dump (with the XML declaration)."""
    tree = copy.deepcopy(root)
    windows = list(tree.iterchildren("node"))
    if compressed:
        for window in windows:
            _compress(window)
    if max_depth is not None and max_depth > 0:
        for window in windows:
            _limit_depth(window, 1, max_depth)
    return XML_DECLARATION + etree.tostring(tree, encoding="unicode")
