"""A small icon set drawn with shapes, so screenshots show recognisable symbols without assets.

Each icon is drawn on a 24-unit grid (Material icon geometry) scaled into the target box; the
drawings live in ``icon_shapes.py`` and ``icon_system.py``. Unknown names fall back to a letter badge: a filled circle
with the name's first letter, which is also how app icons without a drawing appear on the
launcher.
"""

from __future__ import annotations

from typing import Callable

from PIL import ImageDraw

from . import fonts
from . import icon_shapes as shapes
from . import icon_system as system
from .icon_shapes import Color, Pen


ICONS: dict[str, Callable[[Pen], None]] = {
    "back": shapes.icon_back, "nav_back": shapes.icon_back, "arrow_back": shapes.icon_arrow_back, "up": shapes.icon_arrow_back, "home": shapes.icon_home,
    "recents": shapes.icon_recents, "overview": shapes.icon_recents, "search": shapes.icon_search, "add": shapes.icon_add, "plus": shapes.icon_add, "more": shapes.icon_more,
    "overflow": shapes.icon_more, "menu": shapes.icon_menu, "close": shapes.icon_close, "cancel": shapes.icon_close, "check": shapes.icon_check, "done": shapes.icon_check,
    "wifi": shapes.icon_wifi, "wifi_off": shapes.icon_wifi_off, "bluetooth": shapes.icon_bluetooth, "battery": shapes.icon_battery, "phone": shapes.icon_phone,
    "dialer": shapes.icon_phone, "call": shapes.icon_phone, "message": shapes.icon_message, "messages": shapes.icon_message, "sms": shapes.icon_message,
    "chat": shapes.icon_message, "contacts": shapes.icon_contacts, "person": shapes.icon_person, "account": shapes.icon_person, "clock": shapes.icon_clock,
    "alarm": shapes.icon_clock, "calendar": shapes.icon_calendar, "event": shapes.icon_calendar, "browser": shapes.icon_browser, "chrome": shapes.icon_browser,
    "web": shapes.icon_browser, "globe": shapes.icon_browser, "notes": shapes.icon_notes, "note": shapes.icon_notes, "files": shapes.icon_files, "folder": shapes.icon_files,
    "camera": shapes.icon_camera, "gallery": shapes.icon_gallery, "photos": shapes.icon_gallery, "image": shapes.icon_gallery, "settings": shapes.icon_settings,
    "send": shapes.icon_send, "delete": shapes.icon_delete, "trash": shapes.icon_delete, "edit": shapes.icon_edit, "star": shapes.icon_star, "favorite": shapes.icon_star,
    "play": shapes.icon_play, "pause": shapes.icon_pause, "mic": shapes.icon_mic, "share": shapes.icon_share, "email": shapes.icon_email, "mail": shapes.icon_email,
    "gmail": shapes.icon_email, "lock": shapes.icon_lock, "notification": shapes.icon_notification, "notifications": shapes.icon_notification,
    "location": shapes.icon_location, "maps": shapes.icon_maps, "airplane": shapes.icon_airplane, "download": shapes.icon_download,
    "refresh": shapes.icon_refresh, "info": shapes.icon_info, "apps": shapes.icon_apps, "shift": shapes.icon_shift, "backspace": shapes.icon_backspace,
    "enter": shapes.icon_enter, "signal": shapes.icon_signal, "music": shapes.icon_music, "sim": system.icon_sim, "sound": system.icon_sound, "volume": system.icon_sound,
    "mute": system.icon_mute, "security": system.icon_security, "shield": system.icon_security, "privacy": system.icon_security, "nfc": system.icon_nfc,
    "hotspot": system.icon_hotspot, "display": system.icon_display, "brightness": system.icon_display, "dark_mode": system.icon_dark_mode,
    "data_saver": system.icon_data_saver, "app": system.icon_app, "timer": system.icon_timer, "stopwatch": system.icon_timer, "keyboard": system.icon_keyboard,
    "storage": system.icon_storage, "language": system.icon_language, "system": shapes.icon_info, "accessibility": system.icon_accessibility,
    "history": system.icon_history, "attach": system.icon_attach, "copy": system.icon_copy, "visibility": system.icon_visibility, "help": system.icon_help,
    "cloud": system.icon_cloud, "video": system.icon_video, "dialpad": system.icon_dialpad, "wallpaper": system.icon_wallpaper, "flashlight": system.icon_flashlight,
    "rotate": system.icon_rotate, "undo": system.icon_undo, "arrow_forward": system.icon_arrow_forward, "forward": system.icon_arrow_forward,
    "chevron_left": system.icon_chevron_left, "prev": system.icon_chevron_left, "previous": system.icon_chevron_left,
    "chevron_right": system.icon_chevron_right, "next": system.icon_chevron_right, "expand_more": system.icon_expand_more,
    "expand_less": system.icon_expand_less, "filter": system.icon_filter, "sort": system.icon_sort, "today": system.icon_today,
}


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
