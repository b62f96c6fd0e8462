"""The status bar and the navigation bar, as views and as windows.

Resource ids and content-descs follow AOSP SystemUI (``com.android.systemui:id/clock``,
``back``/``home``/``recent_apps`` with "Back"/"Home"/"Overview"), so agents and selectors
written against a phone find them here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .geometry import MATCH, Rect
from .views import Frame, Row, Spacer
from .widgets import Image, Text
from .window import Window, nav_bar_height, status_bar_height

SYSTEMUI = "com.android.systemui"


@dataclass
class StatusBarState:
    """What the status bar shows. ``notification_icons``: icon names of posted notifications."""

    time: str = "12:00"
    wifi: bool = True
    bluetooth: bool = False
    airplane: bool = False
    cellular: bool = True
    battery: int = 100
    charging: bool = False
    notification_icons: list[str] = field(default_factory=list)


def status_bar(st: StatusBarState) -> Frame:
    """The status bar content: clock and notification icons on the left, system icons right."""
    battery_desc = f"Battery {st.battery} percent." + (" Charging." if st.charging else "")
    left = [Text(st.time, id="clock", text_size=14, bold=True, color="on_surface", margin=(0, 0, 8, 0))]
    for i, icon in enumerate(st.notification_icons[:4]):
        left.append(Image(icon, size=16, desc=f"{icon} notification", margin=(2, 0), tint="on_surface_variant"))
    right: list[Any] = []
    if st.airplane:
        right.append(Image("airplane", id="airplane", size=16, desc="Airplane mode.", margin=(2, 0)))
    if st.bluetooth:
        right.append(Image("bluetooth", id="bluetooth", size=16, desc="Bluetooth on.", margin=(2, 0)))
    if st.wifi:
        right.append(Image("wifi", id="wifi_signal", size=16, desc="Wi-Fi signal full.", margin=(2, 0)))
    if st.cellular and not st.airplane:
        right.append(Image("signal", id="mobile_signal", size=16, desc="Phone signal full.", margin=(2, 0)))
    right.append(Image("battery", id="battery", size=16, desc=battery_desc, margin=(2, 0)))
    right.append(Text(f"{st.battery}%", id="battery_percentage_view", text_size=12, color="on_surface"))
    return Frame(
        Row(
            Row(*left, id="status_bar_start_side_content", gravity="center_vertical", height=MATCH),
            Spacer(weight=1, height=1),
            Row(*right, id="system_icons", gravity="center_vertical", height=MATCH),
            id="status_bar_contents",
            width=MATCH,
            height=MATCH,
            padding=(16, 0),
            gravity="center_vertical",
        ),
        id="status_bar",
        width=MATCH,
        height=MATCH,
        background="status_bar",
    )


def nav_bar(on_back: Callable[[], Any] | None, on_home: Callable[[], Any] | None,
            on_recents: Callable[[], Any] | None) -> Frame:
    """Three-button navigation: Back, Home, Overview."""

    def button(icon: str, id: str, desc: str, cb: Callable[[], Any] | None) -> Image:
        return Image(icon, id=id, desc=desc, on_click=cb, clickable=True, weight=1, height=MATCH, width=0,
                     padding=(0, 12), tint="on_surface")

    return Frame(
        Row(
            button("back", "back", "Back", on_back),
            button("home", "home", "Home", on_home),
            button("recents", "recent_apps", "Overview", on_recents),
            id="ends_group",
            width=MATCH,
            height=MATCH,
            padding=(48, 0),
        ),
        id="navigation_bar_frame",
        width=MATCH,
        height=MATCH,
        background="nav_bar",
    )


def status_bar_window(width: int, density: int, st: StatusBarState, *, generation: int = 0) -> Window:
    frame = Rect(0, 0, width, status_bar_height(density))
    return Window("status_bar", SYSTEMUI, status_bar(st), frame, title="StatusBar", focusable=False,
                  generation=generation, key="status_bar")


def nav_bar_window(width: int, height: int, density: int, *, on_back: Callable[[], Any] | None = None,
                   on_home: Callable[[], Any] | None = None, on_recents: Callable[[], Any] | None = None,
                   generation: int = 0) -> Window:
    frame = Rect(0, height - nav_bar_height(density), width, height)
    return Window("nav_bar", SYSTEMUI, nav_bar(on_back, on_home, on_recents), frame, title="NavigationBar",
                  focusable=False, generation=generation, key="nav_bar")
