"""Fonts and text metrics, shared by layout (wrapping) and the painter (drawing).

Layout and painting must agree on every line break, so both measure with the same cached
FreeType font. DejaVuSans is used when the system has it; otherwise Pillow's built-in scalable
default font, so the toolkit works on a bare machine too.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

from PIL import ImageFont

_DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu"
_REGULAR = os.path.join(_DEJAVU_DIR, "DejaVuSans.ttf")
_BOLD = os.path.join(_DEJAVU_DIR, "DejaVuSans-Bold.ttf")


@lru_cache(maxsize=128)
def font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font at ``size_px`` pixels (cached; Pillow fonts are immutable)."""
    size_px = max(1, int(size_px))
    path = _BOLD if bold else _REGULAR
    if os.path.exists(path):
        return ImageFont.truetype(path, size_px)
    if bold and os.path.exists(_REGULAR):
        return ImageFont.truetype(_REGULAR, size_px)
    return ImageFont.load_default(size=size_px)


@lru_cache(maxsize=128)
def _basic_font(size_px: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The same face without complex-script shaping: the fallback when shaping fails."""
    size_px = max(1, int(size_px))
    path = _BOLD if bold and os.path.exists(_BOLD) else _REGULAR
    if os.path.exists(path):
        return ImageFont.truetype(path, size_px, layout_engine=ImageFont.Layout.BASIC)
    return ImageFont.load_default(size=size_px)


@lru_cache(maxsize=4096)
def printable(text: str) -> str:
    """Text as the painter may draw it: control characters and lone surrogates removed (a tab
    becomes a space). The shaper rejects some of them, and Android draws none of them."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cs"):
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=8192)
def text_width(text: str, size_px: int, bold: bool = False) -> int:
    """Advance width of a single line in pixels."""
    text = printable(text)
    if not text:
        return 0
    try:
        return int(font(size_px, bold).getlength(text) + 0.999)
    except (OSError, RuntimeError, ValueError):
        return int(_basic_font(size_px, bold).getlength(text) + 0.999)


@lru_cache(maxsize=128)
def line_height(size_px: int) -> int:
    """Distance between baselines: font size plus Android's default extra leading (~17%)."""
    return int(size_px * 1.17 + 0.999)


def wrap(text: str, size_px: int, bold: bool, max_width: int, max_lines: int | None) -> list[str]:
    """Greedy word wrap within ``max_width``; explicit newlines start new lines.

    Words longer than a line are broken by characters. When ``max_lines`` cuts the text, the
    last kept line ends with an ellipsis, as TextView's ``ellipsize=end`` does.
    """
    return list(_wrap_cached(text, size_px, bold, max(1, max_width), max_lines or 0))


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, size_px: int, bold: bool, max_width: int, max_lines: int) -> tuple[str, ...]:
    lines: list[str] = []
    for para in text.split("\n"):
        if text_width(para, size_px, bold) <= max_width:
            lines.append(para)
            continue
        current = ""
        for word in para.split(" "):
            candidate = word if not current else current + " " + word
            if text_width(candidate, size_px, bold) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while text_width(word, size_px, bold) > max_width and len(word) > 1:
                cut = _fit_chars(word, size_px, bold, max_width)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    if max_lines and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and text_width(last + "…", size_px, bold) > max_width:
            last = last[:-1]
        kept[-1] = last + "…"
        lines = kept
    return tuple(lines)


def _fit_chars(word: str, size_px: int, bold: bool, max_width: int) -> int:
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(word[:mid], size_px, bold) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return lo


@lru_cache(maxsize=4096)
def text_mask(text: str, size_px: int, bold: bool = False):  # -> tuple[Image.Image, int, int]
    """A cached coverage mask ("L" image) of one line, with its offset from the draw origin.

    Rendering glyphs is the painter's main cost; screens repaint mostly the same strings, so
    each string is rasterised once and then pasted in any colour.
    """
    from PIL import Image, ImageDraw

    text = printable(text)
    for f in (font(size_px, bold), _basic_font(size_px, bold)):
        try:
            l, t, r, b = f.getbbox(text) if text else (0, 0, 0, 0)
            mask = Image.new("L", (max(1, r - l), max(1, b - t)), 0)
            if text:
                ImageDraw.Draw(mask).text((-l, -t), text, font=f, fill=255)
            return mask, l, t
        except (OSError, RuntimeError, ValueError):
            continue
    return Image.new("L", (1, 1), 0), 0, 0
