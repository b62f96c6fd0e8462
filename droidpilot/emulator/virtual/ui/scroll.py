"""Scrolling containers: ScrollView (eager content) and List (a lazy RecyclerView).

The scroll offset is owner state (``ui_state["scroll:KEY"]``, pixels) so it survives rebuilds;
the touch dispatcher changes it and clamps it to ``max_scroll``, which layout computes. A List
only *builds* the rows that intersect its viewport, so a 10,000-row list costs what a screenful
costs, and the XML holds only on-screen rows, as RecyclerView's accessibility tree does.
"""

from __future__ import annotations

from typing import Any, Callable

from .geometry import MATCH, WRAP, Rect, edges
from .layout import UNBOUNDED, LayoutContext, measure_linear, place_linear
from .views import View


class _Scrolling(View):
    default_focusable = True
    horizontal = False

    def __init__(self, *children: Any, **kw: Any) -> None:
        kw.setdefault("width", MATCH)
        kw.setdefault("height", MATCH)
        super().__init__(*children, **kw)
        self.scroll = 0
        self.max_scroll = 0
        self.content_extent = 0

    def bind(self, lc: LayoutContext) -> None:
        self.scroll = int(lc.state.get(f"scroll:{self.key}", 0))

    def _finish_scroll(self, viewport: int) -> None:
        self.max_scroll = max(0, self.content_extent - viewport)
        self.scroll = max(0, min(self.scroll, self.max_scroll))
        self.scrollable = self.max_scroll > 0


class ScrollView(_Scrolling):
    """android.widget.ScrollView (or HorizontalScrollView with ``horizontal=True``).

    Children are stacked like a Column (Row when horizontal) along the scrolling axis.
    """

    android_class = "android.widget.ScrollView"

    def __init__(self, *children: Any, horizontal: bool = False, **kw: Any) -> None:
        if horizontal:
            kw.setdefault("height", WRAP)
        super().__init__(*children, **kw)
        self.horizontal = horizontal
        if horizontal:
            self.android_class = "android.widget.HorizontalScrollView"

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        if self.horizontal:
            w, h = measure_linear(self, lc, UNBOUNDED, inner_h, vertical=False)
            self.content_extent = w
            return min(w, inner_w), h
        w, h = measure_linear(self, lc, inner_w, UNBOUNDED, vertical=True)
        self.content_extent = h
        return w, min(h, inner_h)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        viewport = inner.width if self.horizontal else inner.height
        self._finish_scroll(viewport)
        if self.horizontal:
            content = Rect(inner.left - self.scroll, inner.top, inner.left - self.scroll + self.content_extent, inner.bottom)
        else:
            content = Rect(inner.left, inner.top - self.scroll, inner.right, inner.top - self.scroll + self.content_extent)
        place_linear(self, lc, content, vertical=not self.horizontal)


class List(_Scrolling):
    """androidx.recyclerview.widget.RecyclerView.

    Lazy: ``List(count=N, row=lambda i: View, row_height=dp)`` builds only visible rows.
    Eager: ``List(*rows)`` measures every row but keeps (and reports) only the visible ones.
    ``divider=True`` draws a line between rows. Rows get keys ``LISTKEY/row{i}`` so the state of
    widgets inside rows follows the item, not the screen position.
    """

    android_class = "androidx.recyclerview.widget.RecyclerView"

    def __init__(
        self,
        *rows: Any,
        count: int = 0,
        row: Callable[[int], View] | None = None,
        row_height: float = 56,
        divider: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(*rows, **kw)
        self.lazy = row is not None
        self.count = count if self.lazy else len(self.children)
        self.row_builder = row
        self.row_height = row_height
        self.divider = divider
        self.first_index = 0  # adapter position of children[0] after layout
        self._row_px = 0

    def child_key(self, i: int, child: View) -> str:
        child.scoped = True
        return f"{self.key}/row{i}"

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        if self.lazy:
            self._row_px = lc.px(self.row_height)
            self.content_extent = self._row_px * self.count
            return inner_w, min(self.content_extent, inner_h)
        w, h = measure_linear(self, lc, inner_w, UNBOUNDED, vertical=True)
        self.content_extent = h
        return max(w, inner_w), min(h, inner_h)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        self._finish_scroll(inner.height)
        if self.lazy:
            self._place_lazy(lc, inner)
            return
        content = Rect(inner.left, inner.top - self.scroll, inner.right, inner.top - self.scroll + self.content_extent)
        place_linear(self, lc, content, vertical=True)
        visible = []
        for i, c in enumerate(self.children):
            if c.rect.bottom > inner.top and c.rect.top < inner.bottom:
                if not visible:
                    self.first_index = i
                visible.append(c)
        self.children = visible

    def _place_lazy(self, lc: LayoutContext, inner: Rect) -> None:
        rh = self._row_px
        rows: list[View] = []
        if rh > 0 and self.count > 0 and self.row_builder is not None:
            first = self.scroll // rh
            last = min(self.count - 1, (self.scroll + inner.height - 1) // rh)
            self.first_index = first
            for i in range(first, last + 1):
                v = self.row_builder(i)
                v.parent = self
                v.in_web = self.in_web
                v.scoped = True
                v.key = f"{self.key}/row{i}"
                ml, mt, mr, mb = edges(v.margin, lc.density) if v.margin else (0, 0, 0, 0)
                v.measure(lc, inner.width, rh, exact_w=max(0, inner.width - ml - mr), exact_h=max(0, rh - mt - mb))
                top = inner.top + i * rh - self.scroll
                v.place(lc, Rect(inner.left + ml, top + mt, inner.left + ml + v.mw, top + mt + v.mh), self.clip)
                rows.append(v)
        self.children = rows

    def row_index(self, child: View) -> int:
        """Adapter position of a visible row view (for apps mapping taps back to items)."""
        return self.first_index + self.children.index(child)
