"""Windows and the screen that stacks them.

A ``Window`` is one surface of the window manager (status bar, an app, a dialog, the keyboard,
the navigation bar, the shade, a toast, an overlay) holding a view tree, a screen rectangle and
a reference to its owner's widget state. ``Screen`` lays out an ordered window list (bottom →
top) and answers the three questions the OS asks: the uiautomator XML, the pixels, and the view
under a point. The OS (window manager) decides frames and order; this module never guesses them.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ....errors import VirtualDeviceError
from .geometry import MATCH, Rect, dp_to_px
from .layout import LayoutContext, layout_root
from .views import Column, Frame, View

WINDOW_KINDS = ("status_bar", "app", "dialog", "ime", "nav_bar", "shade", "toast", "overlay")

STATUS_BAR_DP = 24
NAV_BAR_DP = 48
IME_HEIGHT_FRACTION = 0.40


class Window:
    """One window of the stack.

    ``state`` is the owner's widget state (an Activity's ``ui_state``; the IME's own dict...):
    layout reads it, touch and text input write it. ``generation`` is the owner's change
    counter: the painter reuses a window's pixels while (key, generation, frame, theme) match,
    so bump it whenever the tree would look different. ``decor`` wraps the root in the
    DecorView → LinearLayout → android:id/content frames real app and dialog windows have
    (default: on for "app" and "dialog"). ``dim`` darkens everything below (modal dialogs);
    ``on_outside`` is called when a modal window swallows a tap outside its frame.
    """

    def __init__(
        self,
        kind: str,
        package: str,
        root: View,
        frame: Rect | tuple[int, int, int, int],
        title: str = "",
        modal: bool = False,
        focusable: bool = True,
        touchable: bool = True,
        *,
        state: dict[str, Any] | None = None,
        generation: int = 0,
        key: str | None = None,
        dim: float | None = None,
        decor: bool | None = None,
        background: Any = None,
        on_outside: Callable[[], Any] | None = None,
        on_back: Callable[[], Any] | None = None,
        display_id: int = 0,
    ) -> None:
        if kind not in WINDOW_KINDS:
            raise VirtualDeviceError(f"unknown window kind {kind!r}; use one of {', '.join(WINDOW_KINDS)}")
        self.kind = kind
        self.package = package
        self.frame = Rect(*frame)
        self.title = title
        self.modal = modal
        self.focusable = focusable
        self.touchable = touchable
        self.state: dict[str, Any] = state if state is not None else {}
        self.generation = generation
        self.key = key or f"{kind}:{package}:{title}"
        self.dim = (0.32 if modal and kind == "dialog" else 0.0) if dim is None else dim
        self.on_outside = on_outside
        self.on_back = on_back
        self.display_id = display_id
        self.content = root
        if decor is None:
            decor = kind in ("app", "dialog")
        if background is None and kind == "app":
            background = "background"
        if decor:
            root.width = root.width if root.width != -2 else MATCH
            self.root: View = Frame(
                Column(
                    Frame(root, id="android:id/content", width=MATCH, height=MATCH),
                    width=MATCH,
                    height=MATCH,
                ),
                width=MATCH,
                height=MATCH,
                background=background,
            )
        else:
            self.root = root
            if background is not None and root.background is None:
                root.background = background
        self._laid_out: tuple[int, Rect] | None = None
        self.layout_count = 0  # bumps on every layout pass; the painter's cache stamp includes it

    # -- layout -------------------------------------------------------------------------------
    def layout(self, density: int, *, force: bool = False) -> None:
        """Measure and place the tree in ``frame`` (once per tree, density and frame)."""
        stamp = (density, self.frame)
        if self._laid_out == stamp and not force:
            return
        lc = LayoutContext(density=density, state=self.state, package=self.package)
        layout_root(self.root, lc, self.frame)
        self._laid_out = stamp
        self.layout_count += 1

    @property
    def laid_out(self) -> bool:
        return self._laid_out is not None

    def require_layout(self) -> None:
        """Fail loudly instead of dumping/painting/hitting an unplaced (all-empty) tree."""
        if self._laid_out is None:
            raise VirtualDeviceError(
                f"{self!r} has not been laid out; call window.layout(density) or go through Screen"
            )

    def find(self, id: str) -> View | None:
        return self.root.find(id)

    def focused_view(self) -> View | None:
        """The view whose key is this window's focus (an Edit), if it is in the tree."""
        focus = self.state.get("focus")
        if focus is None:
            return None
        for v in self.root.walk():
            if v.key == focus:
                return v
        return None

    def __repr__(self) -> str:
        return f"<Window {self.kind} {self.package} {self.frame.short()} gen={self.generation}>"


def status_bar_height(density: int) -> int:
    return dp_to_px(STATUS_BAR_DP, density)


def nav_bar_height(density: int) -> int:
    return dp_to_px(NAV_BAR_DP, density)


def ime_height(screen_height: int) -> int:
    """Height of the on-screen keyboard window (about 40% of the screen, like Gboard)."""
    return int(screen_height * IME_HEIGHT_FRACTION)


def centered_frame(root: View, screen_w: int, screen_h: int, density: int, *, width_dp: float = 312,
                   state: dict[str, Any] | None = None) -> Rect:
    """Frame for a dialog: ``width_dp`` wide (capped to the screen minus margins), as tall as its
    content, centred. Measures the tree once to learn its height."""
    margin = dp_to_px(24, density)
    w = min(dp_to_px(width_dp, density), screen_w - 2 * margin)
    lc = LayoutContext(density=density, state=state if state is not None else {})
    root.key = root.id or ""
    _, h = root.measure(lc, w, screen_h - 2 * margin)
    left = (screen_w - w) // 2
    top = (screen_h - h) // 2
    return Rect(left, top, left + w, top + h)


def active_window(windows: Iterable[Window]) -> Window | None:
    """The window an accessibility service calls active: the topmost focusable app/dialog/shade."""
    for w in reversed(list(windows)):
        if w.focusable and w.kind in ("app", "dialog", "shade", "overlay"):
            return w
    return None


class Screen:
    """The display: size, density, rotation and theme, plus the XML/paint/hit-test entry points."""

    def __init__(self, width: int = 1080, height: int = 2400, density: int = 420, rotation: int = 0,
                 theme: str = "light") -> None:
        self.width = width
        self.height = height
        self.density = density
        self.rotation = rotation
        self.theme = theme
        from .paint import Painter  # paint/xmldump/touch import this module: import them lazily

        self.painter = Painter()

    @property
    def bounds(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    def layout(self, windows: Iterable[Window]) -> list[Window]:
        out = list(windows)
        for w in out:
            w.layout(self.density)
        return out

    def hierarchy_xml(self, windows: Iterable[Window], *, active_only: bool = False) -> str:
        from .xmldump import hierarchy_xml

        return hierarchy_xml(self.layout(windows), self.rotation, screen=self.bounds, active_only=active_only)

    def paint(self, windows: Iterable[Window]):  # -> PIL.Image.Image
        return self.painter.paint(self.layout(windows), (self.width, self.height), self.theme)

    def hit_test(self, windows: Iterable[Window], x: float, y: float):
        from .touch import hit_test

        return hit_test(self.layout(windows), x, y)
