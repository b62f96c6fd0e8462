"""Measure and place: the two layout passes, Android-style but much smaller.

``measure`` walks down with the space a parent offers and returns the size a view wants
(margins included); ``place`` walks down again with final rectangles. Views store their results
(``rect``, ``clip``, children's keys) so the XML dumper, the painter and the touch dispatcher
read the same geometry. All numbers here are integer pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .geometry import MATCH, WRAP, Rect, dp_to_px, edges

if TYPE_CHECKING:  # pragma: no cover
    from .views import View

UNBOUNDED = 1 << 28
"""Space offered along a scrolling axis: content may be as long as it likes."""


@dataclass
class LayoutContext:
    """What every view needs while laying out: display density and the owner's widget state."""

    density: int = 420
    state: dict[str, Any] = field(default_factory=dict)
    package: str = ""
    font_scale: float = 1.0

    def px(self, dp: float) -> int:
        return dp_to_px(dp, self.density)

    def sp(self, sp: float) -> int:
        return dp_to_px(sp * self.font_scale, self.density)


@lru_cache(maxsize=64)
def parse_gravity(gravity: str | None) -> tuple[str, str]:
    """"center_vertical|end" → (horizontal, vertical), each "start", "center" or "end"."""
    h = v = "start"
    if not gravity:
        return h, v
    for part in gravity.split("|"):
        part = part.strip()
        if part == "center":
            h = v = "center"
        elif part == "center_horizontal":
            h = "center"
        elif part == "center_vertical":
            v = "center"
        elif part in ("end", "right"):
            h = "end"
        elif part in ("start", "left"):
            h = "start"
        elif part == "bottom":
            v = "end"
        elif part == "top":
            v = "start"
    return h, v


def align_offset(mode: str, free: int) -> int:
    if free <= 0 or mode == "start":
        return 0
    if mode == "center":
        return free // 2
    return free


def resolve_size(spec: float, avail: int, content: int, density: int) -> int:
    """Final size along one axis for a size spec (MATCH / WRAP / dp)."""
    if spec == MATCH:
        return avail if avail < UNBOUNDED // 2 else content
    if spec == WRAP:
        return min(avail, content)
    return dp_to_px(spec, density)


def measure_linear(view: "View", lc: LayoutContext, inner_w: int, inner_h: int, vertical: bool) -> tuple[int, int]:
    """LinearLayout measure: fixed/wrap children first, then share what is left by weight."""
    children = view.children
    main_avail = inner_h if vertical else inner_w
    used = 0
    cross = 0
    total_weight = 0.0
    for c in children:
        if c.weight > 0 and main_avail < UNBOUNDED // 2:
            total_weight += c.weight
            continue
        remaining = max(0, main_avail - used)
        cw, ch = c.measure(lc, inner_w if vertical else remaining, remaining if vertical else inner_h)
        used += ch if vertical else cw
        cross = max(cross, cw if vertical else ch)
    if total_weight > 0:
        left = max(0, main_avail - used)
        share_used = 0
        weighted = [c for c in children if c.weight > 0]
        for i, c in enumerate(weighted):
            share = left - share_used if i == len(weighted) - 1 else int(left * c.weight / total_weight)
            share_used += share
            ml, mt, mr, mb = edges(c.margin, lc.density) if c.margin else (0, 0, 0, 0)
            if vertical:
                cw, _ = c.measure(lc, inner_w, share, exact_h=max(0, share - mt - mb))
                cross = max(cross, cw)
            else:
                _, ch = c.measure(lc, share, inner_h, exact_w=max(0, share - ml - mr))
                cross = max(cross, ch)
        used += left
    return (cross, used) if vertical else (used, cross)


def place_linear(view: "View", lc: LayoutContext, inner: Rect, vertical: bool) -> None:
    children = view.children
    gh, gv = parse_gravity(view.gravity)
    total = sum(c.outer_h if vertical else c.outer_w for c in children)
    free = (inner.height if vertical else inner.width) - total
    pos = (inner.top if vertical else inner.left) + align_offset(gv if vertical else gh, free)
    for c in children:
        ml, mt, mr, mb = c.margin_px
        ah, av = parse_gravity(c.align) if c.align else (gh, gv)
        if vertical:
            x = inner.left + ml + align_offset(ah, inner.width - c.outer_w)
            y = pos + mt
            pos += c.outer_h
        else:
            x = pos + ml
            y = inner.top + mt + align_offset(av, inner.height - c.outer_h)
            pos += c.outer_w
        c.place(lc, Rect(x, y, x + c.mw, y + c.mh), view.clip)


def measure_frame(view: "View", lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
    w = h = 0
    for c in view.children:
        cw, ch = c.measure(lc, inner_w, inner_h)
        w, h = max(w, cw), max(h, ch)
    return w, h


def place_frame(view: "View", lc: LayoutContext, inner: Rect) -> None:
    gh, gv = parse_gravity(view.gravity)
    for c in view.children:
        ml, mt, mr, mb = c.margin_px
        ah, av = parse_gravity(c.align) if c.align else (gh, gv)
        x = inner.left + ml + align_offset(ah, inner.width - c.outer_w)
        y = inner.top + mt + align_offset(av, inner.height - c.outer_h)
        dx, dy = c.offset_px
        c.place(lc, Rect(x + dx, y + dy, x + dx + c.mw, y + dy + c.mh), view.clip)


def layout_root(root: "View", lc: LayoutContext, frame: Rect) -> None:
    """Lay a window's root view out to fill ``frame`` (the window's screen rectangle)."""
    root.key = root.id or ""
    root.parent = None
    ml, mt, mr, mb = edges(root.margin, lc.density) if root.margin else (0, 0, 0, 0)
    # the root always fills its window, like a DecorView's content
    root.measure(lc, frame.width, frame.height, exact_w=max(0, frame.width - ml - mr),
                 exact_h=max(0, frame.height - mt - mb))
    root.place(lc, Rect(frame.left + ml, frame.top + mt, frame.left + ml + root.mw, frame.top + mt + root.mh), frame)
