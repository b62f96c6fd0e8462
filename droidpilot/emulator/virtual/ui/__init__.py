"""The virtual device's view toolkit: views → layout → windows → uiautomator XML, pixels, touch.

Usage guide (for the OS and app authors)
========================================

1. An Activity composes a screen by returning a fresh view tree from ``build()``; it is called
   again after every change, so build cheaply and keep app data on the activity::

       from droidpilot.emulator.virtual import ui

       class WifiSettings(Activity):
           def build(self):
               return ui.Column(
                   ui.Toolbar("Wi-Fi", on_nav=self.finish),
                   ui.ListItem("Use Wi-Fi", trailing=ui.Switch(id="wifi_switch", checked=self.on,
                               on_change=self.set_wifi)),
                   ui.Edit(id="ssid", hint="Network name", on_submit=self.connect),  # uncontrolled
                   ui.List(id="networks", count=len(self.nets), row_height=72,
                           row=lambda i: ui.ListItem(self.nets[i], icon="wifi", on_click=...),
                           weight=1, height=0),
                   width=ui.MATCH, height=ui.MATCH)

   Sizes are dp (``ui.MATCH``/``ui.WRAP`` or a number); ``weight`` shares leftover space in a
   Column/Row (give the weighted child ``height=0``/``width=0`` on the main axis). Colours:
   ``background=`` and ``color=`` (text/foreground) take theme roles ("primary", "surface",
   "on_surface_variant", ...) or "#RRGGBB", so one tree paints in light and dark themes.
   ``ui.Canvas(draw, on_tap=..., version=...)`` is a pixels-only view with no children in the
   XML; ``ui.WebView(...)`` reports its children the way Chrome does. ``id="x"`` reports ``resource-id="<package>:id/x"`` (ids containing ``:id/`` are
   kept as given). Widgets are *controlled* (pass ``checked=``/``value=`` and update your own
   state in ``on_change``) or *uncontrolled* (state kept in ``activity.ui_state`` under
   ``text:ID``, ``checked:ID``, ``value:ID``, ``radio:ID``; scroll offsets under ``scroll:ID``;
   the focused field's key under ``focus``). Give stateful widgets an ``id``; ids inside
   ``List`` rows are scoped per row automatically.

2. Windows: the window manager wraps each surface in a ``Window`` and keeps the list bottom →
   top::

       app = ui.Window("app", pkg, activity.build(), frame, state=activity.ui_state,
                       generation=gen)          # decor views added for "app"/"dialog"
       dlg = ui.Window("dialog", pkg, ui.DialogContent("Delete?", "...", positive=("OK", cb)),
                       ui.centered_frame(content, w, h, density), modal=True, on_outside=...)
       windows = [ui.status_bar_window(w, dpi, ui.StatusBarState(time="9:41")), app, dlg,
                  ui.keyboard_window(w, h, ime_state, bottom=h - ui.nav_bar_height(dpi)),
                  ui.nav_bar_window(w, h, dpi, on_back=..., on_home=..., on_recents=...)]
       screen = ui.Screen(1080, 2400, density=420, rotation=0, theme="light")
       xml = screen.hierarchy_xml(windows)      # uiautomator dump; top window first
       img = screen.paint(windows)              # PIL RGB image; per-window cache by generation
       win, view = screen.hit_test(windows, x, y)

   A Window lays itself out once (``window.layout(density)``); after state changes build a
   new tree/Window (or call ``layout(density, force=True)``) and bump ``generation`` so the
   painter's cache repaints it. ``hierarchy_xml(..., active_only=True)`` dumps only the active
   window, like ``uiautomator dump`` without windows.

3. Input: ``d = ui.InputDispatcher(lambda: current_windows)`` where the callable returns the
   up-to-date, laid-out windows. ``d.tap(x, y)``, ``d.long_press(x, y)``, ``d.double_tap``,
   ``d.swipe(x1, y1, x2, y2, ms)`` (scrolls the container under the start; < 200 ms over
   > 300 px flings 4x; clamped), ``d.drag(...)``. Text goes to the focused Edit:
   ``d.commit_text(s)``, ``d.delete_backward()``, ``d.editor_action()`` (ENTER: ``on_submit``
   or a newline in multi-line fields), ``d.set_text(s)``, ``d.clear()``. Taps on keyboard keys
   edit the focused field of the window below.

4. Every call returns a ``TouchResult``: ``window``/``view`` hit, ``changed`` (state changed or
   a callback ran: rebuild the windows in ``result.windows`` and bump the generation), ``ime``
   ("show" after focusing an Edit, "hide" after submitting a single-line field; the OS shows or
   hides the keyboard window), ``gesture`` ("open_shade" for a pull-down starting in the status
   bar; the OS acts on it), ``blocked`` (a modal dialog swallowed a tap outside itself, after
   calling its ``on_outside``, or the view was disabled), ``detail`` (a human-readable note).
"""

from __future__ import annotations

from .composite import DialogContent, ListItem, Toolbar, WebView
from .geometry import MATCH, WRAP, Rect, dp_to_px
from .keyboard import IME_PACKAGE, Key, build_keyboard, keyboard_window
from .paint import Painter, paint_windows
from .scroll import List, ScrollView
from .systembars import SYSTEMUI, StatusBarState, nav_bar, nav_bar_window, status_bar, status_bar_window
from .theme import DARK, LIGHT, Theme, get_theme
from .touch import InputDispatcher, TouchResult, hit_test
from .views import Box, Card, Column, Divider, Frame, Row, Spacer, View
from .widgets import (
    Button,
    Canvas,
    CheckBox,
    Edit,
    Image,
    ImageButton,
    ProgressBar,
    RadioButton,
    RadioGroup,
    SeekBar,
    Switch,
    Text,
)
from .window import (
    WINDOW_KINDS,
    Screen,
    Window,
    active_window,
    centered_frame,
    ime_height,
    nav_bar_height,
    status_bar_height,
)
from .xmldump import hierarchy_xml

__all__ = [
    "Box", "Button", "Canvas", "Card", "CheckBox", "Column", "DARK", "DialogContent", "Divider", "Edit",
    "Frame", "IME_PACKAGE", "Image", "ImageButton", "InputDispatcher", "Key", "LIGHT", "List", "ListItem",
    "MATCH", "Painter", "ProgressBar", "RadioButton", "RadioGroup", "Rect", "Row", "SYSTEMUI", "Screen",
    "ScrollView", "SeekBar", "Spacer", "StatusBarState", "Switch", "Text", "Theme", "Toolbar",
    "TouchResult", "View", "WINDOW_KINDS", "WRAP", "WebView", "Window", "active_window", "build_keyboard",
    "centered_frame", "dp_to_px", "get_theme", "hierarchy_xml", "hit_test", "ime_height", "keyboard_window",
    "nav_bar", "nav_bar_height", "nav_bar_window", "paint_windows", "status_bar", "status_bar_height",
    "status_bar_window",
]
