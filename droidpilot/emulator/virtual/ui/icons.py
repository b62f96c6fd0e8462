"""A small icon set drawn with shapes, so screenshots show recognisable symbols without assets.

Each icon is drawn on a 24-unit grid (Material icon geometry) scaled into the target box; the
drawings live in ``icon_shapes.py``. Unknown names fall back to a letter badge: a filled circle
with the name's first letter, which is also how app icons without a drawing appear on the
launcher.
"""

from __future__ import annotations

from PIL import ImageDraw

from . import fonts
from .icon_shapes import ICONS, Color, Pen


def has_icon(name: str) -> bool:
    return name in ICONS


def draw_icon(draw: ImageDraw.ImageDraw, name: str, box: tuple[int, int, int, int], color: Color,
              bg: Color = (255, 255, 255)) -> None:
    """Draw icon ``name`` inside ``box`` in ``color`` (``bg`` cuts holes); unknown → letter badge."""
    if box[2] - box[0] < 2 or box[3] - box[1] < 2:
        return
    fn = ICONS.get(name)
    if fn is not None:
        fn(Pen(draw, box, color, bg))
        return
    letter_badge(draw, name, box, color, bg)


def letter_badge(draw: ImageDraw.ImageDraw, name: str, box: tuple[int, int, int, int], color: Color,
                 fg: Color = (255, 255, 255)) -> None:
    l, t, r, b = box
    size = min(r - l, b - t)
    cx, cy = (l + r) / 2, (t + b) / 2
    draw.ellipse([cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2], fill=color)
    letter = (name.strip()[:1] or "?").upper()
    f = fonts.font(max(6, int(size * 0.5)), True)
    draw.text((cx, cy), letter, font=f, fill=fg, anchor="mm")
