"""Icon drawings on a 24-unit grid (Material icon geometry), scaled into any box by ``Pen``.

Kept apart from ``icons.py`` (the lookup and fallback) because it is long and purely data-like.
"""

from __future__ import annotations

import math

from PIL import ImageDraw


Color = tuple[int, int, int]


class Pen:
    """Maps 24-unit icon coordinates into a pixel box."""

    def __init__(self, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], color: Color, bg: Color) -> None:
        l, t, r, b = box
        self.d = draw
        self.s = min(r - l, b - t) / 24.0
        self.x0 = l + ((r - l) - 24 * self.s) / 2
        self.y0 = t + ((b - t) - 24 * self.s) / 2
        self.c = color
        self.bg = bg
        self.w = max(1, int(round(2 * self.s)))

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (self.x0 + x * self.s, self.y0 + y * self.s)

    def line(self, *pts: tuple[float, float], width: float | None = None) -> None:
        self.d.line([self.p(*q) for q in pts], fill=self.c, width=self.w if width is None else max(1, int(width * self.s)),
                    joint="curve")

    def poly(self, *pts: tuple[float, float], fill: bool = True) -> None:
        self.d.polygon([self.p(*q) for q in pts], fill=self.c if fill else None, outline=self.c, width=1 if fill else self.w)

    def rect(self, x1: float, y1: float, x2: float, y2: float, fill: bool = True, r: float = 0) -> None:
        a, b = self.p(x1, y1), self.p(x2, y2)
        if r:
            self.d.rounded_rectangle([a, b], radius=r * self.s, fill=self.c if fill else None, outline=self.c,
                                     width=1 if fill else self.w)
        else:
            self.d.rectangle([a, b], fill=self.c if fill else None, outline=self.c, width=1 if fill else self.w)

    def circle(self, cx: float, cy: float, rad: float, fill: bool = True, color: Color | None = None) -> None:
        a, b = self.p(cx - rad, cy - rad), self.p(cx + rad, cy + rad)
        col = color or self.c
        self.d.ellipse([a, b], fill=col if fill else None, outline=col, width=1 if fill else self.w)

    def arc(self, cx: float, cy: float, rad: float, start: float, end: float) -> None:
        a, b = self.p(cx - rad, cy - rad), self.p(cx + rad, cy + rad)
        self.d.arc([a, b], start, end, fill=self.c, width=self.w)


def icon_back(p: Pen) -> None:
    p.poly((16, 4), (16, 20), (6, 12))


def icon_arrow_back(p: Pen) -> None:
    p.line((20, 12), (5, 12))
    p.line((11, 5), (4, 12), (11, 19))


def icon_home(p: Pen) -> None:
    p.circle(12, 12, 7, fill=False)


def icon_recents(p: Pen) -> None:
    p.rect(6, 6, 18, 18, fill=False, r=1.5)


def icon_search(p: Pen) -> None:
    p.circle(10, 10, 6, fill=False)
    p.line((14.5, 14.5), (20, 20), width=2.5)


def icon_add(p: Pen) -> None:
    p.line((12, 5), (12, 19))
    p.line((5, 12), (19, 12))


def icon_more(p: Pen) -> None:
    for y in (6, 12, 18):
        p.circle(12, y, 2)


def icon_menu(p: Pen) -> None:
    for y in (7, 12, 17):
        p.line((4, y), (20, y))


def icon_close(p: Pen) -> None:
    p.line((6, 6), (18, 18))
    p.line((18, 6), (6, 18))


def icon_check(p: Pen) -> None:
    p.line((5, 12.5), (10, 17.5), (19.5, 7))


def icon_wifi(p: Pen) -> None:
    p.poly((1, 9), (12, 21), (23, 9), (19, 5.5), (12, 3.5), (5, 5.5))


def icon_wifi_off(p: Pen) -> None:
    p.poly((1, 9), (12, 21), (23, 9), (19, 5.5), (12, 3.5), (5, 5.5), fill=False)
    p.line((3, 3), (21, 21))


def icon_bluetooth(p: Pen) -> None:
    p.line((7, 7), (17, 16.5), (12, 21), (12, 3), (17, 7.5), (7, 17))


def icon_battery(p: Pen) -> None:
    p.rect(9, 2, 15, 4)
    p.rect(7, 4, 17, 22, fill=False, r=1)
    p.rect(9, 8, 15, 20)


def icon_phone(p: Pen) -> None:
    """A handset: a quarter-circle band with ear and mouth pieces at its ends."""
    a, b = p.p(3.5, -5.5), p.p(28.5, 19.5)
    p.d.arc([a, b], 90, 180, fill=p.c, width=max(2, int(4 * p.s)))
    p.poly((3, 5.5), (8.5, 3.5), (10.5, 8.5), (5.5, 10.5))
    p.poly((13.5, 15.5), (15.5, 20.5), (20.5, 18.5), (18.5, 13))


def icon_message(p: Pen) -> None:
    p.rect(3, 3, 21, 17, r=2)
    p.poly((6, 16), (6, 21), (11, 16))
    p.d.line([p.p(7, 8), p.p(17, 8)], fill=p.bg, width=p.w)
    p.d.line([p.p(7, 12), p.p(14, 12)], fill=p.bg, width=p.w)


def icon_contacts(p: Pen) -> None:
    p.circle(12, 8, 4)
    p.poly((4, 20), (5, 16), (9, 14), (15, 14), (19, 16), (20, 20))


def icon_clock(p: Pen) -> None:
    p.circle(12, 12, 9, fill=False)
    p.line((12, 7), (12, 12), (16, 14))


def icon_calendar(p: Pen) -> None:
    p.rect(3, 5, 21, 21, fill=False, r=1.5)
    p.rect(3, 5, 21, 9)
    p.line((8, 2.5), (8, 6))
    p.line((16, 2.5), (16, 6))
    p.rect(7, 12, 10, 15)


def icon_browser(p: Pen) -> None:
    p.circle(12, 12, 9, fill=False)
    p.line((3, 12), (21, 12))
    p.line((12, 3), (12, 21))
    a, b = p.p(7.5, 3), p.p(16.5, 21)
    p.d.ellipse([a, b], outline=p.c, width=p.w)


def icon_notes(p: Pen) -> None:
    p.rect(5, 3, 19, 21, fill=False, r=1.5)
    for y in (8, 12, 16):
        p.line((8, y), (16, y))


def icon_files(p: Pen) -> None:
    p.poly((2, 5), (9, 5), (11, 7), (22, 7), (22, 19), (2, 19))


def icon_camera(p: Pen) -> None:
    p.rect(2, 7, 22, 20, r=2)
    p.rect(8, 4, 16, 7)
    p.circle(12, 13.5, 4, color=p.bg)
    p.circle(12, 13.5, 2.5)


def icon_gallery(p: Pen) -> None:
    p.rect(3, 3, 21, 21, fill=False, r=2)
    p.poly((5, 18), (10, 11), (13, 15), (15, 13), (19, 18))
    p.circle(16, 8, 1.8)


def icon_settings(p: Pen) -> None:
    for i in range(8):
        a = i * math.pi / 4
        p.line((12 + 6 * math.cos(a), 12 + 6 * math.sin(a)), (12 + 9.5 * math.cos(a), 12 + 9.5 * math.sin(a)), width=3)
    p.circle(12, 12, 7)
    p.circle(12, 12, 3, color=p.bg)


def icon_send(p: Pen) -> None:
    p.poly((3, 3), (22, 12), (3, 21), (3, 14), (15, 12), (3, 10))


def icon_delete(p: Pen) -> None:
    p.rect(6, 7, 18, 21, r=1.5)
    p.rect(4, 4.5, 20, 6.5)
    p.rect(9, 2.5, 15, 4.5)


def icon_edit(p: Pen) -> None:
    p.poly((3, 21), (4, 16), (16, 4), (20, 8), (8, 20))


def icon_star(p: Pen) -> None:
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        r = 10 if i % 2 == 0 else 4.2
        pts.append((12 + r * math.cos(a), 12.5 + r * math.sin(a)))
    p.poly(*pts)


def icon_play(p: Pen) -> None:
    p.poly((7, 4), (20, 12), (7, 20))


def icon_pause(p: Pen) -> None:
    p.rect(6, 5, 10, 19)
    p.rect(14, 5, 18, 19)


def icon_mic(p: Pen) -> None:
    p.rect(9, 2, 15, 14, r=3)
    p.arc(12, 10, 6, 0, 180)
    p.line((12, 16), (12, 21))


def icon_share(p: Pen) -> None:
    p.line((17, 5), (7, 12), (17, 19))
    for x, y in ((17, 5), (7, 12), (17, 19)):
        p.circle(x, y, 3)


def icon_person(p: Pen) -> None:
    icon_contacts(p)


def icon_email(p: Pen) -> None:
    p.rect(2, 5, 22, 19, fill=False, r=1)
    p.line((2.5, 6), (12, 13), (21.5, 6))


def icon_lock(p: Pen) -> None:
    p.rect(5, 10, 19, 21, r=1.5)
    a, b = p.p(8, 3), p.p(16, 13)
    p.d.arc([a, b], 180, 360, fill=p.c, width=p.w)
    p.line((8, 8), (8, 10.5))
    p.line((16, 8), (16, 10.5))


def icon_notification(p: Pen) -> None:
    p.poly((5, 18), (6, 16), (6, 10), (8, 6), (12, 4.5), (16, 6), (18, 10), (18, 16), (19, 18))
    p.circle(12, 20, 2)


def icon_location(p: Pen) -> None:
    p.poly((12, 22), (5.5, 12), (5, 8), (8, 3.5), (12, 2), (16, 3.5), (19, 8), (18.5, 12))
    p.circle(12, 9, 2.5, color=p.bg)


def icon_airplane(p: Pen) -> None:
    p.poly((11, 2), (13, 2), (13.5, 9), (22, 14), (22, 16), (13.5, 13.5), (13, 19), (15.5, 21), (15.5, 22.5),
           (12, 21.5), (8.5, 22.5), (8.5, 21), (11, 19), (10.5, 13.5), (2, 16), (2, 14), (10.5, 9))


def icon_download(p: Pen) -> None:
    p.line((12, 3), (12, 15))
    p.line((6, 10), (12, 16), (18, 10))
    p.line((5, 20), (19, 20))


def icon_refresh(p: Pen) -> None:
    p.arc(12, 12, 8, 30, 330)
    p.poly((20, 3), (20, 10), (13, 10))


def icon_info(p: Pen) -> None:
    p.circle(12, 12, 10)
    p.d.line([p.p(12, 10.5), p.p(12, 17.5)], fill=p.bg, width=p.w)
    p.circle(12, 7, 1.4, color=p.bg)


def icon_apps(p: Pen) -> None:
    for x in (5, 12, 19):
        for y in (5, 12, 19):
            p.rect(x - 2, y - 2, x + 2, y + 2)


def icon_shift(p: Pen) -> None:
    p.poly((12, 3), (21, 12), (16, 12), (16, 20), (8, 20), (8, 12), (3, 12), fill=False)


def icon_backspace(p: Pen) -> None:
    p.poly((8, 5), (21, 5), (21, 19), (8, 19), (2, 12), fill=False)
    p.line((11, 9), (17, 15))
    p.line((17, 9), (11, 15))


def icon_enter(p: Pen) -> None:
    p.line((19, 5), (19, 14), (5, 14))
    p.line((9, 10), (5, 14), (9, 18))


def icon_signal(p: Pen) -> None:
    p.poly((2, 22), (22, 22), (22, 2))


def icon_music(p: Pen) -> None:
    p.line((10, 17), (10, 4), (20, 2), (20, 15))
    p.circle(7.5, 17.5, 3)
    p.circle(17.5, 15.5, 3)


def icon_maps(p: Pen) -> None:
    icon_location(p)
