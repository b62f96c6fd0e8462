"""Leaf widgets: text, buttons, images, text fields, toggles, sliders, progress, canvas.

Each class fixes the Android class it reports, its default accessibility flags, and how big its
content is. Toggles and text fields work *controlled* (the app passes ``checked``/``value`` and
updates its own state in ``on_change``) or *uncontrolled* (they keep their value in the owner's
``ui_state`` under ``checked:KEY`` / ``text:KEY`` / ``value:KEY``).
"""

from __future__ import annotations

from typing import Any, Callable

from . import fonts
from .geometry import MATCH, Rect
from .layout import LayoutContext
from .views import Column, View

PASSWORD_DOT = "•"


class Text(View):
    """android.widget.TextView; wraps to its width, ``max_lines`` ellipsizes."""

    android_class = "android.widget.TextView"
    web_class = "android.widget.TextView"

    def __init__(self, text: str = "", **kw: Any) -> None:
        super().__init__(text=text, **kw)
        self.lines: list[str] = []
        self.font_px = 0

    def display_text(self) -> str:
        """What the pixels show (EditText overrides: mask, hint)."""
        return self.text

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        self.font_px = px = self.text_px(lc)
        shown = self.display_text()
        self.lines = fonts.wrap(shown, px, self.bold, inner_w, self.max_lines) if shown else [""]
        w = max((fonts.text_width(l, px, self.bold) for l in self.lines), default=0)
        return w, fonts.line_height(px) * len(self.lines)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        shown = self.display_text()
        if shown and any(fonts.text_width(l, self.font_px, self.bold) > inner.width for l in self.lines):
            self.lines = fonts.wrap(shown, self.font_px, self.bold, inner.width, self.max_lines)
        super().place_children(lc, inner)


class Button(Text):
    """android.widget.Button: a filled (or ``style="text"``/``"outlined"``) pill with a label."""

    android_class = "android.widget.Button"
    web_class = "android.widget.Button"
    default_clickable = True
    default_focusable = True

    def __init__(self, text: str = "", *, style: str = "filled", **kw: Any) -> None:
        self.style = style
        kw.setdefault("padding", (24, 10))
        kw.setdefault("min_height", 48)
        kw.setdefault("min_width", 64)
        kw.setdefault("gravity", "center")
        kw.setdefault("bold", True)
        if style == "filled":
            kw.setdefault("background", "primary")
            kw.setdefault("color", "on_primary")
        else:
            kw.setdefault("color", "primary")
        kw.setdefault("radius", 20)
        super().__init__(text, **kw)


class Image(View):
    """android.widget.ImageView: a named icon (drawn by icons.py) or a PIL image, with ``desc``."""

    android_class = "android.widget.ImageView"
    web_class = "android.widget.Image"

    def __init__(self, icon: str = "", *, image: Any = None, tint: Any = None, size: float = 24, **kw: Any) -> None:
        kw.setdefault("width", size)
        kw.setdefault("height", size)
        super().__init__(**kw)
        self.icon = icon
        self.image = image
        self.tint = tint


class ImageButton(Image):
    """android.widget.ImageButton: a 48 dp touch target around a 24 dp icon."""

    android_class = "android.widget.ImageButton"
    web_class = "android.widget.Button"
    default_clickable = True
    default_focusable = True

    def __init__(self, icon: str = "", **kw: Any) -> None:
        kw.setdefault("size", 48)
        kw.setdefault("padding", 12)
        super().__init__(icon, **kw)


class Edit(Text):
    """android.widget.EditText.

    Controlled when ``value`` is given (the app owns the text and must apply ``on_change``);
    otherwise the text lives in ``ui_state["text:KEY"]``. Focus is ``ui_state["focus"] == KEY``
    and the cursor ``ui_state["cursor:KEY"]`` (defaults to the end). XML: an empty field
    reports its hint as text (TextView.getTextForAccessibility) and the hint attribute;
    a password reports one • per character.
    """

    android_class = "android.widget.EditText"
    web_class = "android.widget.EditText"
    default_clickable = True
    default_focusable = True

    def __init__(
        self,
        value: str | None = None,
        *,
        hint: str = "",
        password: bool = False,
        multiline: bool = False,
        initial: str = "",
        ime_action: str = "done",
        **kw: Any,
    ) -> None:
        kw.setdefault("width", MATCH)
        kw.setdefault("min_height", 48)
        kw.setdefault("padding", (16, 12))
        kw.setdefault("long_clickable", True)
        kw.setdefault("gravity", "center_vertical")
        if not multiline:
            kw.setdefault("max_lines", 1)
        super().__init__(value or "", hint=hint, **kw)
        self.value = value
        self.initial = initial
        self.password = password
        self.multiline = multiline
        self.ime_action = ime_action
        self.cursor = 0
        self.hidden_chars = 0  # single-line fields: characters scrolled out on the left

    @property
    def controlled(self) -> bool:
        return self.value is not None

    def bind(self, lc: LayoutContext) -> None:
        if self.value is None:
            self.text = lc.state.get(f"text:{self.key}", self.initial)
        self.focused = lc.state.get("focus") == self.key and self.enabled
        cur = lc.state.get(f"cursor:{self.key}")
        self.cursor = len(self.text) if cur is None else max(0, min(int(cur), len(self.text)))

    def interactive(self) -> bool:
        return True  # even a disabled field takes (and ignores) the tap meant for it

    def a11y_text(self) -> str:
        if not self.text:
            return self.hint
        return PASSWORD_DOT * len(self.text) if self.password else self.text

    def display_text(self) -> str:
        if not self.text:
            return self.hint
        return PASSWORD_DOT * len(self.text) if self.password else self.text

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        if self.multiline:
            self.hidden_chars = 0
            return super().content_size(lc, inner_w, inner_h)
        # A single-line field scrolls sideways instead of wrapping: unfocused it shows the
        # start of its text, focused it keeps the cursor in view.
        self.font_px = px = self.text_px(lc)
        shown = self.display_text().replace("\n", " ")
        self.hidden_chars = 0
        if fonts.text_width(shown, px, self.bold) > inner_w:
            if self.focused and self.text:
                end = self.cursor
                start = end
                while start > 0 and fonts.text_width(shown[start - 1:end], px, self.bold) <= inner_w:
                    start -= 1
                self.hidden_chars = start
                shown = shown[start:]
            cut = len(shown)
            while cut > 0 and fonts.text_width(shown[:cut], px, self.bold) > inner_w:
                cut -= 1
            shown = shown[:cut]
        self.lines = [shown]
        return fonts.text_width(shown, px, self.bold), fonts.line_height(px)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        if self.multiline:
            super().place_children(lc, inner)


class _Toggle(Text):
    """Shared by Switch/CheckBox/RadioButton: a label plus a checked state."""

    default_clickable = True
    default_focusable = True
    default_checkable = True
    mark_dp = 24  # size of the drawn mark beside the label

    def __init__(self, text: str = "", *, checked: bool | None = None, initial: bool = False, **kw: Any) -> None:
        kw.setdefault("min_height", 48)
        kw.setdefault("gravity", "center_vertical")
        super().__init__(text, checked=checked, **kw)
        self.controlled = checked is not None
        self.initial = initial
        self.mark_size = 0
        self.mark_gap = 0

    def bind(self, lc: LayoutContext) -> None:
        if not self.controlled:
            self.checked = bool(lc.state.get(f"checked:{self.key}", self.initial))

    def mark_px(self, lc: LayoutContext) -> int:
        return lc.px(self.mark_dp)

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        self.mark_size = mark = self.mark_px(lc)
        self.mark_gap = gap = lc.px(12) if self.text else 0
        if self.text:
            w, h = super().content_size(lc, max(0, inner_w - mark - gap), inner_h)
        else:
            self.font_px = self.text_px(lc)
            self.lines, w, h = [], 0, 0
        return w + mark + gap, max(h, mark)


class Switch(_Toggle):
    """android.widget.Switch: label on the start side, track and thumb on the end side."""

    android_class = "android.widget.Switch"
    mark_dp = 52

    def mark_px(self, lc: LayoutContext) -> int:
        return lc.px(52)


class CheckBox(_Toggle):
    """android.widget.CheckBox: box on the start side, then the label."""

    android_class = "android.widget.CheckBox"
    web_class = "android.widget.CheckBox"


class RadioButton(_Toggle):
    """android.widget.RadioButton; inside a RadioGroup, the group decides which one is checked."""

    android_class = "android.widget.RadioButton"
    web_class = "android.widget.RadioButton"

    def __init__(self, text: str = "", *, value: Any = None, **kw: Any) -> None:
        super().__init__(text, **kw)
        self.value = text if value is None else value

    def bind(self, lc: LayoutContext) -> None:
        if self.group() is None:  # in a group, RadioGroup.bind already set ``checked``
            super().bind(lc)

    def group(self) -> "RadioGroup | None":
        p = self.parent
        while p is not None and not isinstance(p, RadioGroup):
            p = p.parent
        return p


class RadioGroup(Column):
    """android.widget.RadioGroup: exactly one RadioButton checked.

    Controlled with ``value`` (+ ``on_change(new_value)``), else the choice is kept in
    ``ui_state["radio:KEY"]`` (``initial`` is the first choice).
    """

    android_class = "android.widget.RadioGroup"

    def __init__(self, *children: Any, value: Any = None, initial: Any = None, **kw: Any) -> None:
        super().__init__(*children, **kw)
        self.value = value
        self.initial = initial

    def bind(self, lc: LayoutContext) -> None:
        current = self.value if self.value is not None else lc.state.get(f"radio:{self.key}", self.initial)
        self.current = current
        for v in self.walk():
            if isinstance(v, RadioButton) and not v.controlled:
                v.checked = v.value == current


class SeekBar(View):
    """android.widget.SeekBar: ``value`` in 0..``max``; tapping or dragging sets it from x."""

    android_class = "android.widget.SeekBar"
    default_focusable = True

    def __init__(self, value: float | None = None, *, max: float = 100, initial: float = 0, **kw: Any) -> None:
        kw.setdefault("width", MATCH)
        kw.setdefault("height", 48)
        kw.setdefault("padding", (16, 0))
        super().__init__(**kw)
        self.value = value
        self.max = max
        self.initial = initial
        self.current = 0.0

    @property
    def controlled(self) -> bool:
        return self.value is not None

    def bind(self, lc: LayoutContext) -> None:
        v = self.value if self.value is not None else lc.state.get(f"value:{self.key}", self.initial)
        self.current = float(min(self.max, max(0, v)))

    def interactive(self) -> bool:
        return True

    def value_at(self, x: float) -> int:
        """The value the thumb takes when touched at screen x (integer steps, like SeekBar)."""
        pl, _, pr, _ = self.padding_px
        left, right = self.rect.left + pl, self.rect.right - pr
        if right <= left:
            return 0
        frac = min(1.0, max(0.0, (x - left) / (right - left)))
        return int(round(frac * self.max))


class ProgressBar(View):
    """android.widget.ProgressBar: an indeterminate spinner, or a bar when ``value`` is given."""

    android_class = "android.widget.ProgressBar"

    def __init__(self, value: float | None = None, *, max: float = 100, size: float = 48, **kw: Any) -> None:
        if value is None:
            kw.setdefault("width", size)
            kw.setdefault("height", size)
        else:
            kw.setdefault("width", MATCH)
            kw.setdefault("height", 4)
        super().__init__(**kw)
        self.value = value
        self.max = max


class Canvas(View):
    """A pixels-only view: ``draw(image_draw, rect, theme)`` paints it; it exposes no children.

    For apps whose content is not in the accessibility tree (games, maps, camera preview).
    ``version``: any hashable that changes whenever the drawing would change; it lets the
    painter reuse the window's pixels. Without it the window is repainted every frame.
    ``on_tap(x, y)``: taps with coordinates relative to the canvas (pixels-only apps need
    to know where the finger landed, not just that it did).
    """

    android_class = "android.view.View"
    exposes_children = False

    def __init__(self, draw: Callable[[Any, Rect, Any], None] | None = None, *, version: Any = None,
                 on_tap: Callable[[int, int], Any] | None = None, **kw: Any) -> None:
        kw.setdefault("width", MATCH)
        kw.setdefault("height", MATCH)
        if on_tap is not None:
            kw.setdefault("clickable", True)
        super().__init__(**kw)
        self.draw = draw
        self.version = version
        self.on_tap = on_tap
