"""Icon drawings, part two: settings, status and navigation glyphs (see ``icon_shapes``)."""

from __future__ import annotations

import math

from . import fonts
from .icon_shapes import Pen, icon_browser, icon_calendar, icon_gallery


def icon_sim(p: Pen) -> None:
    p.poly((6, 2), (15, 2), (19, 6), (19, 22), (6, 22), fill=False)
    p.rect(9, 11, 16, 18)


def icon_sound(p: Pen) -> None:
    p.poly((3, 9), (7, 9), (12, 4), (12, 20), (7, 15), (3, 15))
    p.arc(12, 12, 4.5, -60, 60)
    p.arc(12, 12, 8, -60, 60)


def icon_mute(p: Pen) -> None:
    p.poly((3, 9), (7, 9), (12, 4), (12, 20), (7, 15), (3, 15))
    p.line((15, 9), (21, 15))
    p.line((21, 9), (15, 15))


def icon_security(p: Pen) -> None:
    p.poly((12, 2), (20, 5), (20, 11), (18, 16.5), (12, 22), (6, 16.5), (4, 11), (4, 5))
    p.d.line([p.p(8, 12), p.p(11, 15), p.p(16.5, 9)], fill=p.bg, width=p.w)


def icon_nfc(p: Pen) -> None:
    p.rect(3, 3, 21, 21, fill=False, r=2)
    p.line((8, 16), (8, 8), (16, 16), (16, 8))


def icon_hotspot(p: Pen) -> None:
    p.circle(12, 12, 2)
    p.arc(12, 12, 5.5, 135, 405)
    p.arc(12, 12, 9.5, 135, 405)


def icon_display(p: Pen) -> None:
    p.circle(12, 12, 4.5)
    for i in range(8):
        a = i * math.pi / 4
        p.line((12 + 7 * math.cos(a), 12 + 7 * math.sin(a)), (12 + 9.5 * math.cos(a), 12 + 9.5 * math.sin(a)))


def icon_dark_mode(p: Pen) -> None:
    p.circle(12, 12, 9)
    p.circle(16, 9, 7.5, color=p.bg)


def icon_data_saver(p: Pen) -> None:
    p.arc(12, 12, 9, -60, 250)
    p.line((12, 8), (12, 16))
    p.line((8, 12), (16, 12))


def icon_app(p: Pen) -> None:
    p.rect(3, 3, 21, 21, r=5)
    p.circle(12, 12, 4, color=p.bg)


def icon_timer(p: Pen) -> None:
    p.circle(12, 13, 8.5, fill=False)
    p.line((9, 2), (15, 2))
    p.line((12, 13), (12, 8))


def icon_keyboard(p: Pen) -> None:
    p.rect(2, 6, 22, 18, fill=False, r=1.5)
    for x in (6, 10, 14, 18):
        p.rect(x - 0.8, 9, x + 0.8, 10.6)
    p.line((7, 14.5), (17, 14.5))


def icon_storage(p: Pen) -> None:
    for y in (4, 10, 16):
        p.rect(3, y, 21, y + 4, fill=False, r=1)


def icon_language(p: Pen) -> None:
    icon_browser(p)


def icon_accessibility(p: Pen) -> None:
    p.circle(12, 4, 2)
    p.line((4, 8), (20, 8))
    p.line((12, 8), (12, 14), (8, 21))
    p.line((12, 14), (16, 21))


def icon_history(p: Pen) -> None:
    p.arc(13, 12, 8, 200, 520)
    p.line((13, 8), (13, 12), (16, 14))
    p.poly((2, 12), (8, 12), (5, 16))


def icon_attach(p: Pen) -> None:
    p.line((16, 7), (16, 17), (12, 21), (8, 17), (8, 5), (11, 2), (14, 5), (14, 16))


def icon_copy(p: Pen) -> None:
    p.rect(8, 7, 20, 22, fill=False, r=1)
    p.line((4, 17), (4, 3), (15, 3))


def icon_visibility(p: Pen) -> None:
    a, b = p.p(1, 5), p.p(23, 19)
    p.d.ellipse([a, b], outline=p.c, width=p.w)
    p.circle(12, 12, 3.5)


def icon_help(p: Pen) -> None:
    p.circle(12, 12, 10)
    p.d.text(p.p(12, 12.5), "?", font=fonts.font(max(6, int(14 * p.s)), True), fill=p.bg, anchor="mm")


def icon_cloud(p: Pen) -> None:
    p.circle(9, 13, 5)
    p.circle(15, 11, 6)
    p.rect(5, 13, 20, 18, r=2)


def icon_video(p: Pen) -> None:
    p.rect(2, 6, 16, 18, r=2)
    p.poly((16, 10), (22, 6), (22, 18), (16, 14))


def icon_dialpad(p: Pen) -> None:
    for x in (6, 12, 18):
        for y in (4, 10, 16):
            p.circle(x, y, 2)
    p.circle(12, 22, 2)


def icon_wallpaper(p: Pen) -> None:
    icon_gallery(p)


def icon_flashlight(p: Pen) -> None:
    p.poly((6, 2), (18, 2), (18, 6), (15, 10), (15, 22), (9, 22), (9, 10), (6, 6))


def icon_rotate(p: Pen) -> None:
    p.arc(12, 12, 8, 100, 400)
    p.poly((4, 3), (4, 10), (11, 10))


def icon_undo(p: Pen) -> None:
    p.arc(13, 14, 7, 180, 360)
    p.line((20, 14), (20, 17))
    p.poly((2, 14), (6, 8), (10, 14))



def icon_arrow_forward(p: Pen) -> None:
    p.line((4, 12), (19, 12))
    p.line((13, 5), (20, 12), (13, 19))


def icon_chevron_left(p: Pen) -> None:
    p.line((15, 5), (8, 12), (15, 19), width=2.5)


def icon_chevron_right(p: Pen) -> None:
    p.line((9, 5), (16, 12), (9, 19), width=2.5)


def icon_expand_more(p: Pen) -> None:
    p.line((5, 9), (12, 16), (19, 9), width=2.5)


def icon_expand_less(p: Pen) -> None:
    p.line((5, 15), (12, 8), (19, 15), width=2.5)


def icon_filter(p: Pen) -> None:
    p.poly((3, 4), (21, 4), (14, 13), (14, 20), (10, 22), (10, 13))


def icon_sort(p: Pen) -> None:
    p.line((3, 6), (21, 6))
    p.line((3, 12), (15, 12))
    p.line((3, 18), (9, 18))


def icon_today(p: Pen) -> None:
    icon_calendar(p)
    p.rect(13, 14, 18, 19)
