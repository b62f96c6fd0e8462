"""System UI surfaces (com.android.systemui): status bar, navigation bar, notification shade,
heads-up notifications, recents, toasts and system dialogs, as views for the window manager.

Resource ids follow a Pixel running Android 14 (``clock``, ``battery``, ``back``, ``home``,
``recent_apps``, ``notification_stack_scroller``...), so selectors written for phones work.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..ui.composite import DialogContent
from ..ui.geometry import MATCH
from ..ui.scroll import List
from ..ui.views import Column, Frame, Row, Spacer
from ..ui.widgets import Button, Image, ImageButton, Text

if TYPE_CHECKING:  # pragma: no cover
    from ..system.core import System
    from ..system.dialogs import SystemDialog
    from ..system.services import Notification, Toast

SYSTEMUI = "com.android.systemui"
KEY_BACK, KEY_HOME, KEY_APP_SWITCH = 4, 3, 187


def clock_text(system: "System") -> str:
    t = time.gmtime(system.now())
    if system.settings.get("system", "time_12_24") == "12":
        return time.strftime("%-I:%M", t)
    return time.strftime("%H:%M", t)


def status_bar_view(system: "System"):
    wifi = system.settings.get("global", "wifi_on") == "1"
    airplane = system.settings.get("global", "airplane_mode_on") == "1"
    bt = system.settings.get("global", "bluetooth_on") == "1"
    icons = []
    for note in system.notifications.list()[:4]:
        icons.append(Image(note.icon, size=16, desc=f"{system.packages.get(note.package).label if system.packages.get(note.package) else note.package} notification: {note.title}", margin=(0, 0, 4, 0)))
    return Row(
        Text(clock_text(system), id="clock", text_size=14, color="white", desc=clock_text(system)),
        Row(*icons, id="notificationIcons", padding=(8, 0, 0, 0)),
        Spacer(weight=1, height=1),
        Image("airplane", size=16, id="airplane", desc="Airplane mode.") if airplane else None,
        Image("bluetooth", size=16, id="bluetooth", desc="Bluetooth on.") if bt else None,
        Image("wifi" if wifi else "wifi_off", size=16, id="wifi_signal", desc="Wifi signal full." if wifi else "Wifi off."),
        Image("battery", size=16, id="battery", desc=f"Battery {system.power.battery_level} percent."),
        Text(f"{system.power.battery_level}%", id="battery_percentage_view", text_size=12, color="white"),
        id="status_bar",
        width=MATCH,
        height=MATCH,
        padding=(16, 0),
        gravity="center_vertical",
    )


def nav_bar_view(system: "System"):
    def key(code: int):
        return lambda: system.input.key(code)

    return Row(
        ImageButton("back", id="back", desc="Back", on_click=key(KEY_BACK), weight=1),
        ImageButton("home", id="home", desc="Home", on_click=key(KEY_HOME), weight=1),
        ImageButton("recents", id="recent_apps", desc="Overview", on_click=key(KEY_APP_SWITCH), weight=1),
        id="navigation_bar_frame",
        width=MATCH,
        height=MATCH,
        gravity="center_vertical",
        background="surface",
    )


def _notification_row(system: "System", note: "Notification"):
    app = system.packages.get(note.package)
    app_name = app.label if app else note.package
    return Column(
        Row(
            Image(note.icon, size=16, margin=(0, 0, 8, 0)),
            Text(app_name, id="app_name_text", text_size=12, color="on_surface_variant"),
            Text(" \u2022 now", id="time", text_size=12, color="on_surface_variant"),
            width=MATCH,
        ),
        Text(note.title, id="title", text_size=16, color="on_surface", bold=True, max_lines=1),
        Text(note.text, id="text", text_size=14, color="on_surface_variant", max_lines=3),
        id="expandableNotificationRow",
        desc=f"{app_name} notification: {note.title}",
        width=MATCH,
        padding=16,
        margin=(8, 4),
        background="surface_container",
        radius=20,
        clickable=True,
        on_click=lambda key=note.key: system.notifications.click(key),
    )


def _quick_tile(system: "System", label: str, namespace: str, key: str, on: str = "1", off: str = "0"):
    active = system.settings.get(namespace, key) == on
    return Column(
        Text(label, text_size=14, color="on_surface", max_lines=1),
        Text("On" if active else "Off", text_size=12, color="on_surface_variant"),
        desc=f"{label}, {'On' if active else 'Off'}",
        weight=1,
        padding=12,
        margin=4,
        radius=24,
        background="primary_container" if active else "surface_container",
        clickable=True,
        on_click=lambda: system.settings.put(namespace, key, off if active else on),
        checkable=True,
        checked=active,
    )


def shade_view(system: "System"):
    notes = system.notifications.list()
    tiles = [
        _quick_tile(system, "Internet", "global", "wifi_on"),
        _quick_tile(system, "Bluetooth", "global", "bluetooth_on"),
        _quick_tile(system, "Airplane mode", "global", "airplane_mode_on"),
        _quick_tile(system, "Dark theme", "secure", "ui_night_mode", on="2", off="1"),
    ]
    rows = [_notification_row(system, n) for n in notes]
    return Column(
        Row(
            Text(clock_text(system), id="clock", text_size=22, color="on_surface"),
            Spacer(weight=1, height=1),
            ImageButton("settings", id="settings_button", desc="Open settings", on_click=lambda: _open_settings(system)),
            width=MATCH,
            padding=(16, 8),
            gravity="center_vertical",
        ),
        Row(*tiles[:2], id="quick_settings_row1", width=MATCH, padding=(8, 0)),
        Row(*tiles[2:], id="quick_settings_row2", width=MATCH, padding=(8, 0)),
        List(*rows, id="notification_stack_scroller", width=MATCH, weight=1)
        if rows
        else Text("No notifications", id="no_notifications", width=MATCH, gravity="center", padding=24, weight=1),
        Button("Clear all", id="clear_all", style="text", on_click=system.notifications.clear_all) if rows else None,
        id="notification_panel",
        width=MATCH,
        height=MATCH,
        background="surface",
    )


def _open_settings(system: "System") -> None:
    system.notifications.collapse()
    intent = system.packages.launch_intent("com.android.settings")
    if intent is not None:
        system.am.start(intent, uid=1000)


def heads_up_view(system: "System", note: "Notification"):
    return Frame(_notification_row(system, note), id="heads_up", width=MATCH, height=MATCH)


def recents_view(system: "System"):
    tasks = system.am.recents()

    def open_task(task_id: int) -> None:
        system.recents_open = False
        system.am.move_task_to_front(task_id)

    def close_task(task_id: int) -> None:
        system.am.remove_task(task_id)
        system.wm.invalidate()

    cards = []
    for task in tasks:
        app = system.packages.get(task.package)
        label = app.label if app else task.package
        cards.append(
            Row(
                Image(app.icon if app else "app", size=32, margin=(0, 0, 12, 0)),
                Text(label, id="title", text_size=16, color="on_surface", weight=1),
                ImageButton("close", desc=f"Dismiss {label}", id="dismiss_task", on_click=lambda t=task.task_id: close_task(t)),
                id="snapshot",
                desc=label,
                width=MATCH,
                height=96,
                padding=(16, 0),
                margin=(16, 8),
                gravity="center_vertical",
                background="surface_container",
                radius=24,
                clickable=True,
                on_click=lambda t=task.task_id: open_task(t),
            )
        )
    return Column(
        List(*cards, id="overview_panel", width=MATCH, weight=1)
        if cards
        else Text("No recent items", id="no_recents", width=MATCH, gravity="center", padding=48, weight=1),
        Button("Clear all", id="clear_all", style="text", on_click=lambda: _clear_recents(system)) if cards else None,
        id="overview",
        width=MATCH,
        height=MATCH,
        background="surface",
    )


def _clear_recents(system: "System") -> None:
    for task in system.am.recents():
        system.am.remove_task(task.task_id)
    system.recents_open = False
    system.wm.invalidate()


def toast_view(toast: "Toast"):
    return Frame(
        Text(toast.text, id="message", text_size=14, color="on_toast", max_lines=2, gravity="center"),
        width=MATCH,
        height=MATCH,
        padding=(16, 8),
        background="toast",
        radius=24,
        gravity="center",
    )


def system_dialog_view(system: "System", dialog: "SystemDialog"):
    buttons = [
        Button(b.label, id=b.res_id, style="text", on_click=b.on_click, width=MATCH, margin=(0, 4))
        for b in dialog.buttons
    ]
    if dialog.kind == "permission":
        return Column(
            Image(dialog.icon or "security", size=32, margin=(0, 0, 0, 16)),
            Text(dialog.message, id="com.android.permissioncontroller:id/permission_message", text_size=20, color="on_surface", gravity="center", width=MATCH),
            Column(*buttons, width=MATCH, margin=(0, 24, 0, 0)),
            id="grant_dialog",
            width=MATCH,
            padding=24,
            background="surface_container",
            radius=28,
            gravity="center_horizontal",
        )
    return DialogContent(dialog.title, dialog.message, body=Column(*buttons, width=MATCH, margin=(0, 16, 0, 0)))
