"""The view base class and the plain containers.

Views are cheap descriptions: an app's ``build()`` makes a fresh tree after every change and
throws the old one away, so nothing here holds state that must survive. State that belongs
to a widget (an uncontrolled EditText's text, a list's scroll offset, focus) lives in the
owner's ``ui_state`` dict, reached through the ``LayoutContext`` during layout and through the
``Window`` during touch dispatch, keyed by the view's ``key`` (its id, or its position path).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .geometry import EMPTY, MATCH, WRAP, Rect, dp_to_px, edges
from .layout import (
    UNBOUNDED,
    LayoutContext,
    measure_frame,
    measure_linear,
    place_frame,
    place_linear,
    resolve_size,
)

Callback = Callable[..., Any]


def flatten(children: Iterable[Any]) -> list["View"]:
    """Positional children may be views, None (skipped) or lists of either (conditional UI)."""
    out: list[View] = []
    for c in children:
        if c is None or c is False:
            continue
        if isinstance(c, (list, tuple)):
            out.extend(flatten(c))
        elif isinstance(c, View):
            if c.visible:
                out.append(c)
        else:
            raise TypeError(f"view children must be View, None or lists of them, not {type(c).__name__}")
    return out


class View:
    """A rectangle in the tree: the common attributes every widget shares.

    Subclasses set ``android_class`` (what the XML reports), defaults for the accessibility
    flags, and override ``content_size``/``place_children`` for their own content.
    """

    android_class = "android.view.View"
    web_class = "android.view.View"
    default_clickable = False
    default_focusable = False
    default_checkable = False
    a11y = True  # False: laid out and painted, never reported (android.widget.Space)
    exposes_children = True
    default_text_size = 14.0

    def __init__(
        self,
        *children: Any,
        id: str | None = None,
        text: str = "",
        desc: str = "",
        hint: str = "",
        clickable: bool | None = None,
        long_clickable: bool | None = None,
        focusable: bool | None = None,
        checkable: bool | None = None,
        checked: bool | None = None,
        enabled: bool = True,
        selected: bool = False,
        visible: bool = True,
        on_click: Callback | None = None,
        on_long_click: Callback | None = None,
        on_change: Callback | None = None,
        on_submit: Callback | None = None,
        width: float = WRAP,
        height: float = WRAP,
        min_width: float = 0,
        min_height: float = 0,
        weight: float = 0.0,
        padding: float | tuple = 0,
        margin: float | tuple = 0,
        gravity: str | None = None,
        align: str | None = None,
        offset: tuple[float, float] = (0, 0),
        background: Any = None,
        color: Any = None,
        text_size: float | None = None,
        bold: bool = False,
        max_lines: int | None = None,
        radius: float = 0,
        border: Any = None,
        package: str | None = None,
    ) -> None:
        self.children: list[View] = flatten(children)
        self.id = id
        self.text = "" if text is None else str(text)
        self.desc = desc or ""
        self.hint = hint or ""
        if clickable is None:
            clickable = on_click is not None or self.default_clickable
        self.clickable = clickable
        self.long_clickable = on_long_click is not None if long_clickable is None else long_clickable
        self.focusable = (self.default_focusable or self.clickable) if focusable is None else focusable
        self.checkable = self.default_checkable if checkable is None else checkable
        self.checked = checked
        self.enabled = enabled
        self.selected = selected
        self.visible = visible
        self.on_click = on_click
        self.on_long_click = on_long_click
        self.on_change = on_change
        self.on_submit = on_submit
        self.width = width
        self.height = height
        self.min_width = min_width
        self.min_height = min_height
        self.weight = weight
        self.padding = padding
        self.margin = margin
        self.gravity = gravity
        self.align = align
        self.offset = offset
        self.background = background
        self.color = color
        self.text_size = text_size
        self.bold = bold
        self.max_lines = max_lines
        self.radius = radius
        self.border = border
        self.package = package
        # filled by layout
        self.key = ""
        self.parent: View | None = None
        self.rect: Rect = EMPTY
        self.clip: Rect = EMPTY
        self.mw = self.mh = 0
        self.margin_px = (0, 0, 0, 0)
        self.padding_px = (0, 0, 0, 0)
        self.offset_px = (0, 0)
        self.scrollable = False
        self.focused = False
        self.in_web = False
        self.scoped = False
        self._radius_px = 0

    # -- derived state ------------------------------------------------------------------------
    @property
    def is_checked(self) -> bool:
        return bool(self.checked)

    @property
    def outer_w(self) -> int:
        return self.mw + self.margin_px[0] + self.margin_px[2]

    @property
    def outer_h(self) -> int:
        return self.mh + self.margin_px[1] + self.margin_px[3]

    def radius_px(self) -> int:
        """Corner radius in pixels (known after measure)."""
        return self._radius_px

    def text_px(self, lc: LayoutContext) -> int:
        return lc.sp(self.text_size or self.default_text_size)

    def interactive(self) -> bool:
        """True when a tap on this view means something (the dispatcher stops here)."""
        return self.clickable or self.checkable

    def a11y_text(self) -> str:
        """The node's ``text`` attribute (EditText reports the mask for passwords)."""
        return self.text

    def bind(self, lc: LayoutContext) -> None:
        """Read widget state from the owner's ``ui_state`` (override); runs before measuring."""

    # -- layout -----------------------------------------------------------------------------
    def measure(self, lc: LayoutContext, max_w: int, max_h: int, exact_w: int | None = None,
                exact_h: int | None = None) -> tuple[int, int]:
        """Choose a size within (max_w, max_h); return it with margins added.

        ``exact_w``/``exact_h`` (margins excluded) impose a size, as a parent sharing space by
        weight or a list giving rows their height does, so children measure against it.
        """
        d = lc.density
        self.margin_px = ml, mt, mr, mb = edges(self.margin, d) if self.margin else (0, 0, 0, 0)
        self.padding_px = pl, pt, pr, pb = edges(self.padding, d) if self.padding else (0, 0, 0, 0)
        self._radius_px = dp_to_px(self.radius, d) if self.radius else 0
        if self.offset != (0, 0):
            self.offset_px = (dp_to_px(self.offset[0], d), dp_to_px(self.offset[1], d))
        for i, c in enumerate(self.children):
            c.parent = self
            c.in_web = self.in_web or isinstance(self, _WebMarker)
            c.scoped = self.scoped
            c.key = self.child_key(i, c)
        self.bind(lc)
        avail_w = max(0, max_w - ml - mr)
        avail_h = max(0, max_h - mt - mb)
        if exact_w is not None:
            outer_w = exact_w
        elif self.width == WRAP or (self.width == MATCH and avail_w >= UNBOUNDED // 2):
            outer_w = None
        else:
            outer_w = resolve_size(self.width, avail_w, 0, d)
        if exact_h is not None:
            outer_h = exact_h
        elif self.height == WRAP or (self.height == MATCH and avail_h >= UNBOUNDED // 2):
            outer_h = None
        else:
            outer_h = resolve_size(self.height, avail_h, 0, d)
        inner_w = (avail_w if outer_w is None else outer_w) - pl - pr
        inner_h = (avail_h if outer_h is None else outer_h) - pt - pb
        cw, ch = self.content_size(lc, max(0, inner_w), max(0, inner_h))
        w = outer_w if outer_w is not None else min(avail_w, cw + pl + pr)
        h = outer_h if outer_h is not None else min(avail_h, ch + pt + pb)
        if self.min_width and exact_w is None:
            w = max(w, min(avail_w, dp_to_px(self.min_width, d)))
        if self.min_height and exact_h is None:
            h = max(h, min(avail_h, dp_to_px(self.min_height, d)))
        self.mw, self.mh = w, h
        return w + ml + mr, h + mt + mb

    def child_key(self, i: int, child: "View") -> str:
        """State key of a child: its id (unique per window, so state survives layout changes),
        scoped under the row inside lists (rows repeat ids), else its position path."""
        if child.id:
            return f"{self.key}/{child.id}" if self.scoped else child.id
        return f"{self.key}/{i}"

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        return measure_frame(self, lc, inner_w, inner_h) if self.children else (0, 0)

    def place(self, lc: LayoutContext, rect: Rect, parent_clip: Rect) -> None:
        """Take the final rectangle, clip it to the parent, then place the children."""
        self.rect = rect
        self.clip = rect.intersect(parent_clip)
        pl, pt, pr, pb = self.padding_px
        self.place_children(lc, rect.inset(pl, pt, pr, pb))

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        place_frame(self, lc, inner)

    # -- tree helpers -----------------------------------------------------------------------
    def walk(self) -> Iterable["View"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def find(self, id: str) -> "View | None":
        """The first view in this subtree with ``id`` (tests and apps use it)."""
        for v in self.walk():
            if v.id == id:
                return v
        return None

    def __repr__(self) -> str:
        label = self.text or self.desc or self.id or ""
        return f"<{type(self).__name__} {label!r} {self.rect.short() if not self.rect.empty else ''}>"


class _WebMarker:
    """Mixin marking a WebView: its descendants report web classes and raw resource ids."""


class Frame(View):
    """android.widget.FrameLayout: children stacked, each aligned by its ``align``."""

    android_class = "android.widget.FrameLayout"


class Box(View):
    """android.view.ViewGroup: a generic container (Compose/React-Native style) laid out like Frame."""

    android_class = "android.view.ViewGroup"


class Column(View):
    """android.widget.LinearLayout (vertical)."""

    android_class = "android.widget.LinearLayout"

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        return measure_linear(self, lc, inner_w, inner_h, vertical=True)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        place_linear(self, lc, inner, vertical=True)


class Row(View):
    """android.widget.LinearLayout (horizontal)."""

    android_class = "android.widget.LinearLayout"

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        return measure_linear(self, lc, inner_w, inner_h, vertical=False)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        place_linear(self, lc, inner, vertical=False)


class Card(Column):
    """A rounded, filled Column (reported as a FrameLayout, like a MaterialCardView's base)."""

    android_class = "android.widget.FrameLayout"

    def __init__(self, *children: Any, **kw: Any) -> None:
        kw.setdefault("background", "surface_container")
        kw.setdefault("radius", 12)
        kw.setdefault("padding", 16)
        kw.setdefault("width", MATCH)
        super().__init__(*children, **kw)


class Spacer(View):
    """Empty space (android.widget.Space): takes room, never appears in the XML."""

    a11y = False

    def __init__(self, size: float = 0, **kw: Any) -> None:
        if size:
            kw.setdefault("width", size)
            kw.setdefault("height", size)
        super().__init__(**kw)


class Divider(View):
    """A 1 dp line across its parent (a plain android.view.View, as most apps draw it)."""

    def __init__(self, **kw: Any) -> None:
        kw.setdefault("width", MATCH)
        kw.setdefault("height", 1)
        kw.setdefault("background", "outline_variant")
        super().__init__(**kw)
