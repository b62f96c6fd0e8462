"""uiautomator XML → a light tree of nodes, tolerant of what real devices and tools produce.

What arrives in practice: the single-window ``uiautomator dump`` file, the multi-window
uiautomator2 dump (one top-level ``<node>`` per window root, topmost window first as
``UiAutomation.getWindows()`` orders them), dumps cut short by a dropped connection, garbage
before the declaration or after ``</hierarchy>`` (``uiautomator dump /dev/tty`` appends a
status line), control characters that XML 1.0 forbids, and ``<hierarchy rotation="0"/>`` with no
windows at all while an app starts.

Parsing tries the strict parser first because it is the fast path and almost every dump is
well formed; only on failure do we clean the text and, last, use lxml's recover mode, whose
partial tree is marked ``truncated``. Only the attributes every node needs are read eagerly;
the rest are read from the lxml element when an element is actually built from the node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from droidpilot.errors import PerceptionError

__all__ = ["Node", "Hierarchy", "parse_hierarchy", "parse_bounds", "simple_class"]

_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
_RECOVER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
)

# Characters XML 1.0 forbids, raw or as numeric character references (&#1; &#x1B; ...).
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_REFS = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF]));"
)
_NULL_ROOT = ("null root node", "could not get idle state", "ERROR:")


class Node:
    """One view of the accessibility tree.

    Slots keep a 1,000-node screen cheap; rarely needed attributes are properties reading the
    underlying lxml element on demand.
    """

    __slots__ = (
        "el",
        "parent",
        "children",
        "depth",
        "order",
        "window",
        "text",
        "desc",
        "cls",
        "clickable",
        "long_clickable",
        "checkable",
        "scrollable",
        "_bounds",
        "tap",
        "scroll",
    )

    def __init__(self, el: etree._Element, parent: "Node | None", depth: int, order: int, window: int) -> None:
        get = el.get
        self.el = el
        self.parent = parent
        self.children: list[Node] = []
        self.depth = depth
        self.order = order
        self.window = window
        self.text = get("text") or ""
        self.desc = get("content-desc") or ""
        self.cls = get("class") or ""
        self.clickable = get("clickable") == "true"
        self.long_clickable = get("long-clickable") == "true"
        self.checkable = get("checkable") == "true"
        self.scrollable = get("scrollable") == "true"
        self._bounds: tuple[int, int, int, int] | None = None
        # Extraction context (see elements.py): the draft taking this subtree's text, the scroll
        # container around it. Set while walking, read by the children.
        self.tap = None
        self.scroll = None

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """Parsed on first use: most nodes of a big screen are never asked."""
        if self._bounds is None:
            self._bounds = parse_bounds(self.el.get("bounds"))
        return self._bounds

    # Attributes read only when an element is built from this node.
    def flag(self, name: str, default: bool = False) -> bool:
        value = self.el.get(name)
        if value is None:
            return default
        return value == "true"

    @property
    def resource_id(self) -> str:
        return self.el.get("resource-id") or ""

    @property
    def package(self) -> str:
        return self.el.get("package") or ""

    @property
    def hint(self) -> str:
        return self.el.get("hint") or ""

    @property
    def short_class(self) -> str:
        return simple_class(self.cls)

    @property
    def sibling_index(self) -> int:
        value = self.el.get("index")
        return int(value) if value is not None and value.isdigit() else 0

    def __repr__(self) -> str:
        return f"Node({self.short_class} {self.resource_id!r} {self.text[:20]!r} {self.bounds})"


@dataclass
class Hierarchy:
    """The parsed dump: window roots (topmost first, as dumped) and every node in document order."""

    rotation: int = 0
    windows: list[Node] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    truncated: bool = False

    def window_nodes(self, root: Node) -> list[Node]:
        """The nodes of one window (contiguous in document order), root first."""
        start = root.order
        later = [w.order for w in self.windows if w.order > start]
        return self.nodes[start : min(later) if later else len(self.nodes)]


_SIMPLE: dict[str, str] = {}


def simple_class(cls: str) -> str:
    """``androidx.appcompat.widget.AppCompatButton`` → ``AppCompatButton`` (cached: few distinct classes)."""
    simple = _SIMPLE.get(cls)
    if simple is None:
        simple = cls.rsplit(".", 1)[-1].rsplit("$", 1)[-1]
        if len(_SIMPLE) < 4096:
            _SIMPLE[cls] = simple
    return simple


def parse_bounds(value: str | None) -> tuple[int, int, int, int]:
    """``[l,t][r,b]`` → (l, t, r, b); anything malformed or inverted is an empty box at 0,0."""
    if not value or value[0] != "[":
        return (0, 0, 0, 0)
    try:
        left, top, right, bottom = map(int, value[1:-1].replace("][", ",").split(","))
    except ValueError:
        return (0, 0, 0, 0)
    if right < left or bottom < top:
        return (0, 0, 0, 0)
    return (left, top, right, bottom)


def parse_hierarchy(xml: str | bytes) -> Hierarchy:
    """Parse a dump; raise PerceptionError only when nothing usable can be recovered."""
    data = _as_bytes(xml)
    stripped = data.strip()
    if not stripped:
        raise PerceptionError("the hierarchy dump is empty; dump the screen again (the device may still be starting)")
    root, truncated = _parse(stripped)
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == "node":
        window_elements = [root]
        rotation = 0
    elif tag == "hierarchy":
        window_elements = [child for child in root if child.tag == "node"]
        rotation = _int(root.get("rotation"), 0) % 4
    else:
        raise PerceptionError(
            f"expected a uiautomator <hierarchy> dump, got <{tag or '?'}>; check that the device returned a hierarchy"
        )
    hierarchy = Hierarchy(rotation=rotation, truncated=truncated)
    nodes = hierarchy.nodes
    append = nodes.append
    for window_number, window_el in enumerate(window_elements):
        window_root = Node(window_el, None, 0, len(nodes), window_number)
        hierarchy.windows.append(window_root)
        append(window_root)
        by_element = {window_el: window_root}
        descendants = window_el.iter("node")
        next(descendants)  # the window root itself
        for child_el in descendants:
            parent_el = child_el.getparent()
            parent = by_element.get(parent_el)
            while parent is None:  # a <node> wrapped in some other element: attach to the nearest node
                parent_el = parent_el.getparent()
                parent = by_element.get(parent_el)
            child = Node(child_el, parent, parent.depth + 1, len(nodes), window_number)
            parent.children.append(child)
            by_element[child_el] = child
            append(child)
    return hierarchy


def _as_bytes(xml: str | bytes) -> bytes:
    if isinstance(xml, bytes):
        return xml
    if isinstance(xml, str):
        return xml.encode("utf-8", errors="replace")
    raise PerceptionError(f"the hierarchy must be str or bytes, got {type(xml).__name__}")


def _parse(data: bytes) -> tuple[etree._Element, bool]:
    """Strict first; then cleaned text; then recover mode (marked truncated)."""
    try:
        return etree.fromstring(data, _STRICT), False
    except etree.XMLSyntaxError:
        pass
    cleaned = _clean(data)
    try:
        return etree.fromstring(cleaned, _STRICT), False
    except etree.XMLSyntaxError:
        pass
    try:
        root = etree.fromstring(cleaned, _RECOVER)
    except etree.XMLSyntaxError as exc:
        root = None
        error: Exception | None = exc
    else:
        error = None
    if root is None:
        text = cleaned[:200].decode("utf-8", errors="replace")
        if any(marker in text for marker in _NULL_ROOT):
            raise PerceptionError(
                f"the device could not dump its screen ({text.strip()[:120]!r}); wait for the app to settle and dump again"
            ) from error
        raise PerceptionError(
            "the hierarchy dump is not XML that can be recovered; dump the screen again"
        ) from error
    return root, True


def _clean(data: bytes) -> bytes:
    """Drop text around the document and characters XML 1.0 forbids."""
    text = data.decode("utf-8", errors="replace")
    start = text.find("<")
    if start > 0:
        text = text[start:]
    end = text.rfind("</hierarchy>")
    if end >= 0:
        text = text[: end + len("</hierarchy>")]
    text = _BAD_REFS.sub("", _BAD_CHARS.sub("", text))
    return text.encode("utf-8")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
