"""The marked screenshot: every element's box and index drawn on the screen image.

For multimodal models (set-of-marks prompting: the model answers with the number it sees) and
for trajectory reports. Colours step around the hue circle by the golden angle so neighbours
differ; each label sits on a filled tab in the box colour, with black or white text chosen by
luminance so it stays readable on any background.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from droidpilot.errors import PerceptionError

from .images import encode_png, load_image

if TYPE_CHECKING:
    from .state import ScreenState

__all__ = ["draw_marks", "mark_colour"]

_GOLDEN = 0.618033988749895


def mark_colour(index: int) -> tuple[int, int, int]:
    """A distinct, saturated colour for an index (stable across calls)."""
    hue = (index * _GOLDEN) % 1.0
    r, g, b = colorsys.hsv_to_rgb(hue, 0.85, 0.95)
    return (int(r * 255), int(g * 255), int(b * 255))


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow built without FreeType: the fixed bitmap font
        return ImageFont.load_default()


def draw_marks(state: "ScreenState", screenshot: bytes | None) -> bytes:
    """PNG bytes of the screenshot with numbered boxes; PerceptionError without a screenshot."""
    if screenshot is None:
        raise PerceptionError(
            "no screenshot to mark: pass screenshot= to marked_screenshot() or to perceive()"
        )
    image = load_image(screenshot)
    sx = image.width / state.width if state.width else 1.0
    sy = image.height / state.height if state.height else 1.0
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    line = max(2, round(image.width / 360))
    font_size = max(12, round(image.width / 40))
    font = _font(font_size)
    for element in state.elements:
        b = element.bounds
        box = (int(b.left * sx), int(b.top * sy), int(b.right * sx) - 1, int(b.bottom * sy) - 1)
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        colour = mark_colour(element.index)
        draw.rectangle(box, outline=colour + (255,), width=line)
        label = str(element.index)
        tl, tt, tr, tb = draw.textbbox((0, 0), label, font=font)
        tab_w, tab_h = tr - tl + 2 * line + 2, tb - tt + 2 * line
        x = min(max(0, box[0]), image.width - tab_w)
        y = box[1] if box[3] - box[1] > 2 * tab_h else max(0, box[1] - tab_h)
        draw.rectangle((x, y, x + tab_w, y + tab_h), fill=colour + (235,))
        luminance = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
        ink = (0, 0, 0, 255) if luminance > 150 else (255, 255, 255, 255)
        draw.text((x + line + 1 - tl, y + line - tt), label, font=font, fill=ink)
    marked = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    return encode_png(marked)
