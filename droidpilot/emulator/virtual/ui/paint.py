"""Pixels: paint laid-out windows with Pillow and composite them bottom → top.

Each window is painted into its own image, cached by (key, generation, layout pass, frame,
theme): an unchanged status bar or app under a toast is pasted, not repainted. Scrolling
containers paint their children into an off-screen surface the size of their viewport, which
is how clipping works (Pillow has no clip rectangle).
"""

from __future__ import annotations

from typing import Any, Iterable

from PIL import Image, ImageDraw

from . import fonts
from .geometry import Rect
from .icons import draw_icon
from .layout import parse_gravity
from .scroll import List
from .theme import Color, Theme, get_theme
from .views import View
from .widgets import _Toggle, Button, Canvas, CheckBox, Edit, Image as ImageView, ProgressBar, RadioButton, SeekBar, Switch, Text
from .window import Window


WEB_TEXT: Color = (0x20, 0x21, 0x24)


class _Surface:
    """An image plus the screen position of its top-left corner."""

    __slots__ = ("img", "draw", "ox", "oy")

    def __init__(self, img: Image.Image, ox: int, oy: int) -> None:
        self.img = img
        self.draw = ImageDraw.Draw(img)
        self.ox = ox
        self.oy = oy

    @property
    def bounds(self) -> Rect:
        return Rect(self.ox, self.oy, self.ox + self.img.width, self.oy + self.img.height)

    def box(self, r: Rect) -> tuple[int, int, int, int]:
        return (r.left - self.ox, r.top - self.oy, r.right - self.ox - 1, r.bottom - self.oy - 1)


def _mix(a: Color, b: Color, t: float) -> Color:
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


class Painter:
    """Paints window lists; holds the per-window image cache."""

    def __init__(self, max_cached: int = 32) -> None:
        self._cache: dict[str, tuple[tuple, Image.Image, View]] = {}
        self.max_cached = max_cached
        self.repaints = 0  # windows actually painted (tests and benchmarks read it)

    def paint(self, windows: Iterable[Window], size: tuple[int, int], theme: "str | Theme" = "light") -> Image.Image:
        th = get_theme(theme)
        frame = Image.new("RGB", size, (0, 0, 0))
        screen = Rect(0, 0, size[0], size[1])
        for w in windows:
            w.require_layout()
            if w.dim > 0:
                k = 1.0 - w.dim
                frame = frame.point([int(i * k) for i in range(256)] * 3)
            vis = w.frame.intersect(screen)
            if vis.empty:
                continue
            img = self._window_image(w, th)
            if img.mode == "RGBA":
                frame.paste(img, (w.frame.left, w.frame.top), img)
            else:
                frame.paste(img, (w.frame.left, w.frame.top))
        return frame

    def _window_image(self, w: Window, th: Theme) -> Image.Image:
        # Fast path: the very same laid-out tree at the same generation. Otherwise compare a
        # fingerprint of everything that reaches the pixels, so a window manager that rebuilds
        # every tree on each generation still skips repainting the windows that look the same.
        quick = (w.generation, w.layout_count, id(w.root), w.frame, th.name)
        hit = self._cache.get(w.key)
        if hit is not None and hit[0][0] == quick:
            return hit[1]
        stamp = (quick, (fingerprint(w.root), w.frame, th.name))
        if hit is not None and hit[0][1] == stamp[1]:
            self._cache[w.key] = (stamp, hit[1], w.root)
            return hit[1]
        opaque = w.root.background is not None and not w.root.radius
        img = Image.new("RGB" if opaque else "RGBA", (max(1, w.frame.width), max(1, w.frame.height)),
                        (0, 0, 0) if opaque else (0, 0, 0, 0))
        paint_view(_Surface(img, w.frame.left, w.frame.top), w.root, th, enabled=True)
        self.repaints += 1
        if len(self._cache) >= self.max_cached and w.key not in self._cache:
            self._cache.pop(next(iter(self._cache)))
        self._cache[w.key] = (stamp, img, w.root)  # holding root keeps id(root) unique while cached
        return img


def fingerprint(root: View) -> int:
    """Hash of what a tree paints: geometry, texts, states, colours, icons, scroll offsets."""
    parts: list[tuple] = []
    for v in root.walk():
        parts.append((
            type(v), v.rect, v.clip, v.text, tuple(getattr(v, "lines", ())), v.checked, v.enabled, v.focused,
            v.selected, v.scrollable, getattr(v, "scroll", 0), getattr(v, "cursor", 0), getattr(v, "current", 0),
            getattr(v, "value", None), getattr(v, "icon", None), id(getattr(v, "image", None)), getattr(v, "label", None),
            str(v.background), str(v.color), str(v.border), getattr(v, "tint", None), getattr(v, "version", None) if
            not isinstance(v, Canvas) else (v.version if v.version is not None else object()),
        ))
    return hash(tuple(parts))


def paint_windows(windows: Iterable[Window], size: tuple[int, int], theme: "str | Theme" = "light") -> Image.Image:
    """Paint without a persistent cache (one-off frames, tests)."""
    return Painter().paint(windows, size, theme)


# -- views ------------------------------------------------------------------------------------
def paint_view(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    """Paint ``v`` and its subtree, clipped to ``v.clip``.

    Pillow has no clip rectangle: a view cut by an ancestor (a row at a list's edge, text in a
    too-small box) is painted into an off-screen copy of its visible part, which is pasted
    back. Views cut only by the surface's own edge need nothing: the image clips them.
    """
    if v.clip.empty:
        return
    if v.clip != v.rect.intersect(s.bounds) or _overflows(v):
        cut = v.clip
        sub = s.img.crop((cut.left - s.ox, cut.top - s.oy, cut.right - s.ox, cut.bottom - s.oy))
        _paint_body(_Surface(sub, cut.left, cut.top), v, th, enabled)
        s.img.paste(sub, (cut.left - s.ox, cut.top - s.oy))
        return
    _paint_body(s, v, th, enabled)


def _overflows(v: View) -> bool:
    """Text taller than its box (fixed height, no max_lines): its lines must be clipped."""
    lines = getattr(v, "lines", None)
    if not lines or not isinstance(v, Text):
        return False
    return len(lines) * fonts.line_height(v.font_px) > v.rect.height - v.padding_px[1] - v.padding_px[3]


def _paint_body(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    enabled = enabled and v.enabled
    if v.background is not None and not isinstance(v, Button):
        _fill(s, v.rect, th.color(v.background), v.radius_px(), th, v.border)
    elif v.border is not None:
        s.draw.rounded_rectangle(s.box(v.rect), radius=v.radius_px(), outline=th.color(v.border), width=2)
    painter = _PAINTERS.get(type(v))
    if painter is None:
        for cls in type(v).__mro__[1:]:
            painter = _PAINTERS.get(cls)
            if painter is not None:
                break
    if painter is not None:
        painter(s, v, th, enabled)
    if not v.exposes_children:
        return
    for c in v.children:
        paint_view(s, c, th, enabled)
    if isinstance(v, List) and v.divider:
        line = th.color("outline_variant")
        vis = v.clip
        for c in v.children[:-1]:
            if vis.top <= c.rect.bottom < vis.bottom:
                y = c.rect.bottom - s.oy
                s.draw.line([(vis.left - s.ox, y), (vis.right - s.ox - 1, y)], fill=line, width=1)


def _fill(s: _Surface, r: Rect, color: Color, radius: int, th: Theme, border: Any = None) -> None:
    box = s.box(r)
    if box[2] < box[0] or box[3] < box[1]:
        return
    outline = th.color(border) if border is not None else None
    if radius:
        s.draw.rounded_rectangle(box, radius=min(radius, (box[3] - box[1]) // 2 + 1), fill=color, outline=outline,
                                 width=2 if outline else 1)
    else:
        s.draw.rectangle(box, fill=color, outline=outline, width=2 if outline else 1)


def _text_color(v: View, th: Theme, enabled: bool, default: str = "on_surface") -> Color:
    if not enabled:
        return th.color("disabled")
    if v.in_web and v.color is None and default == "on_surface":
        return WEB_TEXT  # pages keep their own (light) colours whatever the system theme
    return th.color(v.color, default)


def _draw_lines(s: _Surface, v: Text, th: Theme, color: Color, inner: Rect) -> None:
    if not v.lines or v.font_px <= 0:
        return
    lh = fonts.line_height(v.font_px)
    fill = color if s.img.mode == "RGB" else color + (255,)
    gh, gv = parse_gravity(v.gravity)
    total = lh * len(v.lines)
    y = inner.top + ({"start": 0, "center": (inner.height - total) // 2, "end": inner.height - total}[gv])
    for line in v.lines:
        if y >= inner.bottom and y > inner.top:
            break  # lines past the view's bottom are clipped away, as TextView does
        if line:
            w = fonts.text_width(line, v.font_px, v.bold)
            x = inner.left + {"start": 0, "center": (inner.width - w) // 2, "end": inner.width - w}[gh]
            mask, dx, dy = fonts.text_mask(line, v.font_px, v.bold)
            px, py = x - s.ox + dx, y - s.oy + (lh - v.font_px) // 2 + dy
            s.img.paste(fill, (px, py, px + mask.width, py + mask.height), mask)
        y += lh


def _inner(v: View) -> Rect:
    pl, pt, pr, pb = v.padding_px
    return v.rect.inset(pl, pt, pr, pb)


def _paint_text(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, Text)
    _draw_lines(s, v, th, _text_color(v, th, enabled), _inner(v))


def _paint_button(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, Button)
    r = v.rect
    dp = max(1, v.radius_px() // 20) if v.radius else 1
    body = r.inset(0, 4 * dp, 0, 4 * dp) if r.height > 12 * dp else r
    if v.style == "filled":
        bg = th.color(v.background, "primary") if enabled else th.color("surface_variant")
        _fill(s, body, bg, body.height // 2, th)
    elif v.style == "outlined":
        s.draw.rounded_rectangle(s.box(body), radius=body.height // 2, outline=th.color("outline"), width=2)
    elif v.background is not None:
        _fill(s, body, th.color(v.background), v.radius_px(), th)
    _draw_lines(s, v, th, _text_color(v, th, enabled, "primary"), _inner(v))


def _paint_image(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, ImageView)
    inner = _inner(v)
    if inner.empty:
        return
    if v.image is not None:
        pic = v.image.convert("RGB").resize((inner.width, inner.height))
        s.img.paste(pic, (inner.left - s.ox, inner.top - s.oy))
        return
    if v.icon:
        color = th.color("disabled") if not enabled else th.color(v.tint, "on_surface_variant")
        bg = th.color(v.parent.background if v.parent is not None and v.parent.background else "surface")
        draw_icon(s.draw, v.icon, s.box(inner), color, bg)


def _paint_edit(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, Edit)
    dp = max(1, v.rect.height // 48)
    outline = th.color("primary") if v.focused else th.color("outline")
    if not enabled:
        outline = th.color("disabled")
    s.draw.rounded_rectangle(s.box(v.rect), radius=4 * dp + 4, outline=outline, width=3 if v.focused else 2)
    color = th.color("on_surface_variant") if not v.text else _text_color(v, th, enabled)
    inner = _inner(v)
    _draw_lines(s, v, th, color, inner)
    if v.focused and v.font_px:
        shown = v.display_text() if v.text else ""
        lh = fonts.line_height(v.font_px)
        if v.multiline:
            before = shown[: v.cursor]
            line_no, col_text = _cursor_line(v.lines, before)
            top = inner.top + line_no * lh
        else:
            col_text = shown[v.hidden_chars: v.cursor]
            top = inner.top + max(0, (inner.height - lh) // 2)
        x = min(inner.right - 1, inner.left + fonts.text_width(col_text, v.font_px, v.bold) + 1)
        s.draw.line([(x - s.ox, top - s.oy + 2), (x - s.ox, top - s.oy + lh - 2)], fill=th.color("primary"),
                    width=max(2, dp * 2))


def _cursor_line(lines: list[str], before: str) -> tuple[int, str]:
    """(wrapped line index, text before the cursor on that line) for a multi-line field.

    Wrapping drops the space or newline where a line breaks, so each break consumes one
    character of ``before``.
    """
    consumed = 0
    for i, line in enumerate(lines):
        if len(before) <= consumed + len(line):
            return i, before[consumed:]
        consumed += len(line) + 1
    return max(0, len(lines) - 1), lines[-1] if lines else ""


def _paint_toggle(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, _Toggle)
    inner = _inner(v)
    u = max(1, v.mark_size // 24)
    on = bool(v.checked)
    primary = th.color("primary") if enabled else th.color("disabled")
    cy = inner.top + inner.height // 2
    if isinstance(v, Switch):
        mark_w = min(inner.width, max(8, v.mark_size))
        track_h = mark_w * 32 // 52
        right = inner.right
        box = Rect(right - mark_w, cy - track_h // 2, right, cy + track_h // 2)
        if on:
            _fill(s, box, primary, track_h // 2, th)
            rad = track_h * 12 // 32
            cx = box.right - track_h // 2
            knob = th.color("on_primary")
        else:
            s.draw.rounded_rectangle(s.box(box), radius=track_h // 2, fill=th.color("switch_off_track"),
                                     outline=th.color("outline"), width=max(2, track_h // 16))
            rad = track_h * 8 // 32
            cx = box.left + track_h // 2
            knob = th.color("outline") if enabled else th.color("disabled")
        s.draw.ellipse([cx - rad - s.ox, cy - rad - s.oy, cx + rad - s.ox, cy + rad - s.oy], fill=knob)
        label = Rect(inner.left, inner.top, box.left, inner.bottom)
    else:
        size = min(inner.height, max(8, v.mark_size * 18 // 24))
        box = Rect(inner.left + 3 * u, cy - size // 2, inner.left + 3 * u + size, cy + size // 2)
        if isinstance(v, CheckBox):
            if on:
                _fill(s, box, primary, 2 * u, th)
                b = s.box(box)
                w = max(2, size // 7)
                s.draw.line([(b[0] + size * 0.2, b[1] + size * 0.52), (b[0] + size * 0.42, b[1] + size * 0.74),
                             (b[0] + size * 0.82, b[1] + size * 0.3)], fill=th.color("on_primary"), width=w)
            else:
                s.draw.rounded_rectangle(s.box(box), radius=2 * u, outline=th.color("on_surface_variant") if enabled
                                         else th.color("disabled"), width=max(2, size // 9))
        else:  # RadioButton
            s.draw.ellipse(s.box(box), outline=primary if on else th.color("on_surface_variant"), width=max(2, size // 9))
            if on:
                s.draw.ellipse(s.box(box.inset(size // 4, size // 4, size // 4, size // 4)), fill=primary)
        label = Rect(inner.left + v.mark_size + v.mark_gap, inner.top, inner.right, inner.bottom)
    _draw_lines(s, v, th, _text_color(v, th, enabled), label)


def _paint_seekbar(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, SeekBar)
    inner = _inner(v)
    cy = inner.top + inner.height // 2
    frac = v.current / v.max if v.max else 0
    x = inner.left + int(frac * inner.width)
    h = max(2, inner.height // 12)
    active = th.color("primary") if enabled else th.color("disabled")
    s.draw.rectangle([inner.left - s.ox, cy - h - s.oy, inner.right - s.ox, cy + h - s.oy], fill=th.color("surface_variant"))
    s.draw.rectangle([inner.left - s.ox, cy - h - s.oy, x - s.ox, cy + h - s.oy], fill=active)
    r = max(4, inner.height // 5)
    s.draw.ellipse([x - r - s.ox, cy - r - s.oy, x + r - s.ox, cy + r - s.oy], fill=active)


def _paint_progress(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, ProgressBar)
    inner = _inner(v)
    color = th.color(v.color, "primary")
    if v.value is None:
        w = max(2, inner.width // 10)
        s.draw.arc(s.box(inner.inset(w, w, w, w)), -90, 180, fill=color, width=w)
        return
    frac = max(0.0, min(1.0, v.value / v.max if v.max else 0))
    s.draw.rectangle(s.box(inner), fill=th.color("surface_variant"))
    done = Rect(inner.left, inner.top, inner.left + int(inner.width * frac), inner.bottom)
    if not done.empty:
        s.draw.rectangle(s.box(done), fill=color)


def _paint_canvas(s: _Surface, v: View, th: Theme, enabled: bool) -> None:
    assert isinstance(v, Canvas)
    if v.draw is not None:
        b = s.box(v.rect)
        v.draw(s.draw, Rect(b[0], b[1], b[2] + 1, b[3] + 1), th)


_PAINTERS = {
    Text: _paint_text,
    Button: _paint_button,
    ImageView: _paint_image,
    Edit: _paint_edit,
    Switch: _paint_toggle,
    CheckBox: _paint_toggle,
    RadioButton: _paint_toggle,
    SeekBar: _paint_seekbar,
    ProgressBar: _paint_progress,
    Canvas: _paint_canvas,
}
