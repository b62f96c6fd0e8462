"""Ready-made compositions apps keep repeating: toolbar, list rows, dialogs, web content.

They return ordinary views, so their XML and pixels come from the same code as everything
else; the ids follow what real apps use (``toolbar``, ``android:id/button1``...) so selectors
written against real phones also work here.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from .geometry import MATCH, Rect
from .layout import LayoutContext, measure_linear, place_linear
from .views import Column, Row, Spacer, View, _WebMarker
from .widgets import Button, Image, ImageButton, Text


def Toolbar(
    title: str = "",
    *,
    nav: str | None = "back",
    on_nav: Callable[[], Any] | None = None,
    actions: Sequence[tuple[str, str, Callable[[], Any] | None]] = (),
    on_overflow: Callable[[], Any] | None = None,
    id: str = "toolbar",
    subtitle: str = "",
    **kw: Any,
) -> View:
    """A top app bar (android.view.ViewGroup) with nav button, title and action buttons.

    ``nav``: icon name for the navigation button ("back" → content-desc "Navigate up", "menu" →
    "Open navigation drawer") or None. ``actions``: (icon, content-desc, callback) triples.
    """
    nav_desc = {"back": "Navigate up", "menu": "Open navigation drawer", "close": "Close"}.get(nav or "", nav or "")
    children: list[Any] = []
    if nav:
        children.append(ImageButton(nav, desc=nav_desc, on_click=on_nav, clickable=True))
    pad = (0 if nav else 16, 0, 0, 0)
    if subtitle:
        children.append(Column(
            Text(title, text_size=22, max_lines=1, color="on_surface"),
            Text(subtitle, text_size=14, max_lines=1, color="on_surface_variant"),
            weight=1, width=0, gravity="center_vertical", height=MATCH, padding=pad,
        ))
    else:
        children.append(Text(title, text_size=22, max_lines=1, color="on_surface", weight=1, width=0, padding=pad))
    for icon, desc, cb in actions:
        children.append(ImageButton(icon, desc=desc, on_click=cb, clickable=True))
    if on_overflow is not None:
        children.append(ImageButton("more", desc="More options", on_click=on_overflow))
    kw.setdefault("background", "surface")
    return _ToolbarRow(*children, id=id, width=MATCH, height=64, padding=(4, 0), gravity="center_vertical", **kw)


class _ToolbarRow(Row):
    """A Row reporting itself as androidx Toolbar does (android.view.ViewGroup)."""

    android_class = "android.view.ViewGroup"


def ListItem(
    title: str,
    *,
    subtitle: str = "",
    icon: str | None = None,
    trailing: View | None = None,
    on_click: Callable[[], Any] | None = None,
    on_long_click: Callable[[], Any] | None = None,
    id: str | None = None,
    title_id: str = "title",
    subtitle_id: str = "summary",
    enabled: bool = True,
    **kw: Any,
) -> View:
    """A settings/contacts-style row: optional icon, title and summary, optional trailing widget.

    The row itself is the clickable LinearLayout (as in Android Settings); the texts carry the
    ids ``title``/``summary`` that real Settings rows use.
    """
    kw.setdefault("min_height", 72 if subtitle else 56)
    return Row(
        Image(icon, margin=(0, 0, 16, 0), tint="on_surface_variant", enabled=enabled) if icon else None,
        Column(
            Text(title, id=title_id, text_size=16, max_lines=2, color="on_surface", enabled=enabled),
            Text(subtitle, id=subtitle_id, text_size=14, max_lines=2, color="on_surface_variant", enabled=enabled)
            if subtitle
            else None,
            weight=1,
            gravity="center_vertical",
        ),
        trailing,
        id=id,
        width=MATCH,
        padding=(16, 8),
        gravity="center_vertical",
        on_click=on_click,
        on_long_click=on_long_click,
        clickable=on_click is not None,
        enabled=enabled,
        **kw,
    )


def DialogContent(
    title: str = "",
    message: str = "",
    *,
    body: View | None = None,
    positive: tuple[str, Callable[[], Any] | None] | None = None,
    negative: tuple[str, Callable[[], Any] | None] | None = None,
    neutral: tuple[str, Callable[[], Any] | None] | None = None,
) -> View:
    """AlertDialog content with the framework ids (alertTitle, message, button1/2/3).

    Buttons follow AlertDialog's order on screen: neutral on the left, then negative, positive.
    """
    buttons: list[Any] = []
    if neutral:
        buttons.append(Button(neutral[0], id="android:id/button3", style="text", on_click=neutral[1]))
        buttons.append(Spacer(weight=1, height=1))
    elif positive or negative:
        buttons.append(Spacer(weight=1, height=1))
    if negative:
        buttons.append(Button(negative[0], id="android:id/button2", style="text", on_click=negative[1]))
    if positive:
        buttons.append(Button(positive[0], id="android:id/button1", style="text", on_click=positive[1]))
    return Column(
        Text(title, id="android:id/alertTitle", text_size=22, color="on_surface", margin=(0, 0, 0, 16))
        if title
        else None,
        Text(message, id="android:id/message", text_size=14, color="on_surface_variant") if message else None,
        body,
        Row(*buttons, id="android:id/buttonPanel", width=MATCH, margin=(0, 24, 0, 0), gravity="end")
        if buttons
        else None,
        id="android:id/parentPanel",
        width=MATCH,
        padding=24,
        background="surface_container",
        radius=28,
    )


class WebView(_WebMarker, View):
    """android.webkit.WebView holding page content, reported the way Chrome's renderer does.

    Children are ordinary views; inside a WebView they report web classes (containers
    ``android.view.View``, text ``android.widget.TextView``, images ``android.widget.Image``),
    their ids raw (HTML ids, no package prefix) and drawing-order 0.
    """

    android_class = "android.webkit.WebView"
    default_focusable = True

    def __init__(self, *children: Any, url: str = "", **kw: Any) -> None:
        kw.setdefault("width", MATCH)
        kw.setdefault("height", MATCH)
        kw.setdefault("background", "white")
        super().__init__(*children, **kw)
        self.url = url

    def content_size(self, lc: LayoutContext, inner_w: int, inner_h: int) -> tuple[int, int]:
        return measure_linear(self, lc, inner_w, inner_h, vertical=True)

    def place_children(self, lc: LayoutContext, inner: Rect) -> None:
        place_linear(self, lc, inner, vertical=True)
