"""Sketch (com.droidpilot.sketch): a pixel-art pad whose whole screen is one Canvas.

It exists for agents that must work from pixels: the accessibility tree holds a single
``android.view.View`` with no children and no text, like a game or a map. Touch still works:
invisible cells under the painted grid, palette and buttons take the taps. The picture is kept
in ``/data/data/com.droidpilot.sketch/files/sketch.json`` (a list of rows of colour indexes);
the painted "Save" button writes ``/sdcard/Pictures/Sketch_YYYYMMDD_HHMMSS.png``.
"""

from __future__ import annotations

import io
import time

from PIL import Image as PILImage

from ...ui import fonts
from ...ui.widgets import Canvas
from .base import EverydayApp, Screen

PKG = "com.droidpilot.sketch"
COLS, ROWS = 8, 10
PALETTE = ((255, 255, 255), (0, 0, 0), (220, 40, 40), (40, 160, 60), (40, 90, 220), (250, 200, 30))


def geometry(w: int, h: int) -> dict[str, object]:
    """Where things are on a ``w`` x ``h`` canvas (relative pixels): grid cells, palette, buttons."""
    pad = max(8, w // 40)
    bar = max(48, h // 14)
    grid_h = h - 2 * bar - 3 * pad
    cell = max(1, min((w - 2 * pad) // COLS, grid_h // ROWS))
    left = (w - cell * COLS) // 2
    top = pad
    pal_top = top + cell * ROWS + pad
    btn_top = pal_top + bar + pad
    swatch = (w - 2 * pad) // len(PALETTE)
    half = (w - 2 * pad) // 2
    return {"cell": cell, "left": left, "top": top, "pal_top": pal_top, "btn_top": btn_top, "bar": bar, "pad": pad,
            "swatch": swatch, "half": half}


class SketchActivity(Screen):
    def on_create(self) -> None:
        self.colour = 1

    def grid(self) -> list[list[int]]:
        g = self.app.read_json("sketch.json", None)
        if not (isinstance(g, list) and len(g) == ROWS and all(isinstance(r, list) and len(r) == COLS for r in g)):
            g = [[0] * COLS for _ in range(ROWS)]
        return g

    def paint_cell(self, r: int, c: int) -> None:
        g = self.grid()
        g[r][c] = 0 if g[r][c] == self.colour else self.colour
        self.app.write_json("sketch.json", g)

    def pick(self, i: int) -> None:
        self.colour = i

    def clear(self) -> None:
        self.app.write_json("sketch.json", [[0] * COLS for _ in range(ROWS)])

    def save(self) -> None:
        g = self.grid()
        img = PILImage.new("RGB", (COLS, ROWS))
        img.putdata([PALETTE[v % len(PALETTE)] for row in g for v in row])
        img = img.resize((COLS * 32, ROWS * 32), PILImage.NEAREST)
        buf = io.BytesIO()
        img.save(buf, "PNG")
        fs = self.system.fs
        if not fs.exists("/sdcard/Pictures"):
            fs.mkdir("/sdcard/Pictures", parents=True)
        stamp = time.strftime("%Y%m%d_%H%M%S", time.localtime(self.system.now()))
        fs.write(f"/sdcard/Pictures/Sketch_{stamp}.png", buf.getvalue())
        self.app.write_json("last_saved.json", {"path": f"/sdcard/Pictures/Sketch_{stamp}.png"})

    def tap(self, canvas: Canvas, x: int, y: int) -> None:
        g = geometry(canvas.rect.width, canvas.rect.height)
        cell, left, top, bar, pad = g["cell"], g["left"], g["top"], g["bar"], g["pad"]
        if left <= x < left + cell * COLS and top <= y < top + cell * ROWS:
            self.paint_cell((y - top) // cell, (x - left) // cell)
        elif g["pal_top"] <= y < g["pal_top"] + bar and pad <= x < pad + g["swatch"] * len(PALETTE):
            self.pick((x - pad) // g["swatch"])
        elif g["btn_top"] <= y < g["btn_top"] + bar and pad <= x < pad + 2 * g["half"]:
            (self.clear if x < pad + g["half"] else self.save)()

    def build(self):
        grid = self.grid()
        colour = self.colour

        def draw(d, rect, theme) -> None:
            g = geometry(rect.width, rect.height)
            cell, bar, pad = g["cell"], g["bar"], g["pad"]
            ox, oy = rect.left, rect.top
            d.rectangle([rect.left, rect.top, rect.right - 1, rect.bottom - 1], fill=(236, 236, 240))
            for r in range(ROWS):
                for c in range(COLS):
                    x0, y0 = ox + g["left"] + c * cell, oy + g["top"] + r * cell
                    d.rectangle([x0, y0, x0 + cell - 1, y0 + cell - 1], fill=PALETTE[grid[r][c] % len(PALETTE)],
                                outline=(200, 200, 205))
            for i, fill in enumerate(PALETTE):
                x0, y0 = ox + pad + i * g["swatch"], oy + g["pal_top"]
                d.ellipse([x0 + 8, y0 + 4, x0 + g["swatch"] - 8, y0 + bar - 4], fill=fill,
                          outline=(0, 0, 0) if i == colour else (160, 160, 160), width=6 if i == colour else 2)
            for i, (label, fill, ink) in enumerate((("CLEAR", (230, 230, 230), (0, 0, 0)), ("SAVE", (103, 80, 164), (255, 255, 255)))):
                x0, y0 = ox + pad + i * g["half"], oy + g["btn_top"]
                d.rounded_rectangle([x0 + 8, y0 + 4, x0 + g["half"] - 8, y0 + bar - 4], radius=20, fill=fill)
                px = max(12, bar // 3)
                tw = fonts.text_width(label, px, True)
                d.text((x0 + (g["half"] - tw) // 2, y0 + (bar - px) // 2), label, fill=ink, font=fonts.font(px, True))

        canvas = Canvas(draw, id="sketch_surface", version=(tuple(map(tuple, grid)), colour))
        canvas.on_tap = lambda x, y: self.tap(canvas, x, y)
        canvas.clickable = True
        return canvas


class SketchApp(EverydayApp):
    package = PKG
    label = "Sketch"
    icon = "edit"
    version_name = "1.0"
    system_app = False

    def declare(self) -> None:
        self.activity(".SketchActivity", SketchActivity, launcher=True)
