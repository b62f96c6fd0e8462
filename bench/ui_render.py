"""Benchmark: build + layout + uiautomator XML, and painting, for busy screens.

Screens: a settings page (toolbar + 20 rows with icons, summaries and switches, in a
ScrollView), a 50-row lazy list (toolbar, search field, RecyclerView rows with avatars) and a
dense grid (~150 nodes all on screen), each with status bar and navigation bar at 1080x2400,
420 dpi. Prints medians in ms: XML of laid-out windows, build+layout+XML, a full paint with a
fresh painter, and rebuild+paint of an unchanged screen at a new generation (cache hit).

    python bench/ui_render.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable

from droidpilot.emulator.virtual import ui

W, H, DPI = 1080, 2400, 420


def settings_screen() -> ui.View:
    rows = []
    for i in range(20):
        rows.append(ui.ListItem(f"Setting number {i}", subtitle=f"Summary text for setting {i}, which may wrap",
                                icon=["wifi", "bluetooth", "battery", "notification", "lock", "settings"][i % 6],
                                trailing=ui.Switch(id=f"sw{i}", checked=i % 3 == 0) if i % 2 else None,
                                id=f"row{i}", on_click=lambda: None))
        rows.append(ui.Divider())
    return ui.Column(ui.Toolbar("Settings", on_nav=lambda: None, actions=[("search", "Search", lambda: None)]),
                     ui.ScrollView(*rows, id="scroll", weight=1, height=0), width=ui.MATCH, height=ui.MATCH)


def list_screen() -> ui.View:
    def row(i: int) -> ui.View:
        return ui.ListItem(f"Contact {i}", subtitle=f"+1 555 01{i:02d}", icon=f"person{i}", id="contact",
                           trailing=ui.ImageButton("phone", desc=f"Call contact {i}", on_click=lambda: None),
                           on_click=lambda: None)

    return ui.Column(ui.Toolbar("Contacts", nav="menu", on_nav=lambda: None, on_overflow=lambda: None),
                     ui.Edit(id="search", hint="Search contacts", margin=(16, 8)),
                     ui.List(count=50, row=row, row_height=72, id="list", weight=1, height=0, divider=True),
                     width=ui.MATCH, height=ui.MATCH)


def dense_screen() -> ui.View:
    """About 150 nodes, all on screen: a 6x6 grid of app tiles plus a toolbar."""
    rows = []
    for r in range(6):
        tiles = [ui.Column(ui.Image(f"app{r}{c}", size=40, desc=f"App {r}-{c}"), ui.Text(f"App {r}{c}", text_size=12),
                           weight=1, width=0, gravity="center_horizontal", on_click=lambda: None, id=f"tile{r}{c}")
                 for c in range(6)]
        rows.append(ui.Row(*tiles, width=ui.MATCH, padding=(8, 12)))
    return ui.Column(ui.Toolbar("Apps", on_nav=lambda: None), *rows, width=ui.MATCH, height=ui.MATCH)


def windows(build: Callable[[], ui.View], gen: int) -> list[ui.Window]:
    app = ui.Window("app", "com.example", build(), (0, ui.status_bar_height(DPI), W, H - ui.nav_bar_height(DPI)),
                    generation=gen, key="app")
    return [ui.status_bar_window(W, DPI, ui.StatusBarState(time="9:41", notification_icons=["message"]), generation=gen),
            app, ui.nav_bar_window(W, H, DPI, generation=gen)]


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    screen = ui.Screen(W, H, DPI)
    cases = (("settings (20 rows)", settings_screen), ("list (50 rows)", list_screen), ("grid (dense)", dense_screen))
    for name, build in cases:
        ws = screen.layout(windows(build, 0))
        nodes = screen.hierarchy_xml(ws).count("<node")
        xml_only = median_ms(lambda: screen.hierarchy_xml(ws), args.runs)
        build_xml = median_ms(lambda: screen.hierarchy_xml(windows(build, 0)), args.runs)
        cold = median_ms(lambda: ui.Painter().paint(screen.layout(windows(build, 0)), (W, H)), args.runs)
        painter = ui.Painter()
        gen = iter(range(1, 10**9))
        painter.paint(screen.layout(windows(build, 0)), (W, H))
        warm = median_ms(lambda: painter.paint(screen.layout(windows(build, next(gen))), (W, H)), args.runs)
        print(f"{name:20s} nodes={nodes:4d}  xml={xml_only:6.2f} ms  build+layout+xml={build_xml:6.2f} ms  "
              f"paint(cold)={cold:6.2f} ms  rebuild+paint(unchanged)={warm:6.2f} ms")


if __name__ == "__main__":
    main()
