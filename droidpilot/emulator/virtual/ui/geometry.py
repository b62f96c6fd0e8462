"""Rectangles and unit conversion shared by layout, dumping, painting and touch.

Everything after layout is in integer screen pixels; apps speak dp. Keeping the conversion in
one place makes the dp→px rounding identical everywhere (a 1 px disagreement between the XML
bounds and the painted pixels would make an agent's tap miss).
"""

from __future__ import annotations

from typing import NamedTuple

MATCH = -1
"""Size spec: fill the parent (Android's match_parent)."""
WRAP = -2
"""Size spec: as big as the content (Android's wrap_content)."""


class Rect(NamedTuple):
    """Half-open pixel rectangle [left, right) x [top, bottom), like android.graphics.Rect."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def empty(self) -> bool:
        return self.right <= self.left or self.bottom <= self.top

    @property
    def center(self) -> tuple[int, int]:
        return ((self.left + self.right) // 2, (self.top + self.bottom) // 2)

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x < self.right and self.top <= y < self.bottom

    def intersect(self, other: "Rect") -> "Rect":
        """The overlap, or an all-zero rect when there is none (as Android reports hidden views)."""
        l, t = max(self.left, other.left), max(self.top, other.top)
        r, b = min(self.right, other.right), min(self.bottom, other.bottom)
        if r <= l or b <= t:
            return EMPTY
        return Rect(l, t, r, b)

    def offset(self, dx: int, dy: int) -> "Rect":
        return Rect(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    def inset(self, l: int, t: int, r: int, b: int) -> "Rect":
        return Rect(self.left + l, self.top + t, max(self.left + l, self.right - r), max(self.top + t, self.bottom - b))

    def short(self) -> str:
        """``[l,t][r,b]``: the uiautomator ``bounds`` format (Rect.toShortString)."""
        return f"[{self.left},{self.top}][{self.right},{self.bottom}]"


EMPTY = Rect(0, 0, 0, 0)


def dp_to_px(dp: float, density: int) -> int:
    """Android's conversion: px = dp * dpi / 160, rounded to the nearest pixel."""
    return int(dp * density / 160 + 0.5)


def edges(value: float | tuple, density: int) -> tuple[int, int, int, int]:
    """Padding/margin in dp → (left, top, right, bottom) px.

    Accepts one number (all sides), (horizontal, vertical), or (left, top, right, bottom).
    """
    if isinstance(value, (int, float)):
        p = dp_to_px(value, density)
        return (p, p, p, p)
    if len(value) == 2:
        h, v = dp_to_px(value[0], density), dp_to_px(value[1], density)
        return (h, v, h, v)
    l, t, r, b = (dp_to_px(v, density) for v in value)
    return (l, t, r, b)
