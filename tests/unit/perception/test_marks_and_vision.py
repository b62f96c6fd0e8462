"""Marked screenshots and the pixels-only fallback, on images drawn here with Pillow."""

from __future__ import annotations

import io
import os
import stat
import sys

import pytest
from PIL import Image, ImageDraw, ImageFont

from droidpilot.errors import InvalidAction, PerceptionError
from droidpilot.perception import Grid, perceive
from droidpilot.perception.marks import mark_colour
from droidpilot.perception.vision import propose_regions

from .conftest import perceive_case, read_case


def _png(image: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def _game_screen() -> Image.Image:
    image = Image.new("RGB", (1080, 2400), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    draw.text((80, 200), "Welcome back", fill="black", font=font)
    draw.rounded_rectangle((100, 1000, 500, 1150), radius=20, fill=(30, 120, 220))
    draw.text((180, 1050), "PLAY", fill="white", font=font)
    draw.rounded_rectangle((580, 1000, 980, 1150), radius=20, fill=(220, 60, 60))
    draw.ellipse((480, 1800, 600, 1920), fill=(0, 0, 0))
    return image


def test_marked_screenshot_draws_each_box_in_its_colour():
    state = perceive_case("11a_settings_wifi_on.xml", screenshot=_png(Image.new("RGB", (1080, 2400), "white")))
    marked = Image.open(io.BytesIO(state.marked_screenshot()))
    assert marked.format == "PNG" and marked.size == (1080, 2400)
    bluetooth = state.find(text="Bluetooth")[0]
    b = bluetooth.bounds
    edge = marked.getpixel((b.left + 60, b.bottom - 2))  # bottom edge, away from the label tab
    assert edge == mark_colour(bluetooth.index)
    assert marked.getpixel((b.center[0] + 200, b.center[1] + 30)) == (255, 255, 255)  # inside stays clear


def test_marks_scale_to_a_smaller_screenshot():
    state = perceive(read_case("11a_settings_wifi_on.xml"))
    small = _png(Image.new("RGB", (540, 1200), "white"), "JPEG")
    marked = Image.open(io.BytesIO(state.marked_screenshot(small)))
    assert marked.size == (540, 1200)
    wifi = state.find(text="Wi-Fi")[0]
    b = wifi.bounds
    pixel = marked.getpixel((b.left // 2 + 100, b.bottom // 2 - 1))
    expected = mark_colour(wifi.index)
    assert all(abs(p - e) <= 40 for p, e in zip(pixel, expected))  # JPEG source: near the colour


def test_label_text_contrasts_with_its_tab():
    state = perceive_case("11a_settings_wifi_on.xml", screenshot=_png(Image.new("RGB", (1080, 2400), "white")))
    marked = Image.open(io.BytesIO(state.marked_screenshot()))
    list_box = state.element(1).bounds
    tab = marked.crop((list_box.left, list_box.top, list_box.left + 40, list_box.top + 40))
    colours = {tab.getpixel((x, y)) for x in range(tab.width) for y in range(tab.height)}
    assert len(colours) >= 2  # digits drawn on the filled tab


def test_marked_screenshot_without_any_screenshot_says_what_to_pass():
    state = perceive_case("11a_settings_wifi_on.xml")
    with pytest.raises(PerceptionError, match="screenshot="):
        state.marked_screenshot()


def test_broken_screenshot_bytes_are_a_perception_error():
    state = perceive_case("11a_settings_wifi_on.xml")
    with pytest.raises(PerceptionError, match="PNG or JPEG"):
        state.marked_screenshot(b"\x89PNG not really")


def test_distinct_colours_for_neighbouring_indexes():
    colours = [mark_colour(i) for i in range(12)]
    assert len(set(colours)) == 12


def test_regions_found_on_a_drawn_screen():
    regions = propose_regions(_game_screen())
    boxes = [r.box for r in regions]
    def near(box, target, slack=20):
        return all(abs(a - b) <= slack for a, b in zip(box, target))
    assert any(near(b, (100, 1000, 500, 1150)) for b in boxes), boxes  # the PLAY button
    assert any(near(b, (580, 1000, 980, 1150)) for b in boxes), boxes  # the plain red button
    assert any(near(b, (480, 1800, 600, 1920)) for b in boxes), boxes  # the round icon
    text_lines = [r for r in regions if r.kind == "text"]
    assert any(r.top < 260 and r.bottom > 200 and r.left < 120 for r in text_lines)  # "Welcome back"


def test_empty_tree_with_screenshot_gives_vision_targets_and_a_grid():
    state = perceive('<hierarchy rotation="0"/>', _png(_game_screen()))
    assert state.elements and all(e.source == "vision" for e in state.elements)
    assert (state.width, state.height) == (1080, 2400)
    rendered = state.render()
    assert "grid: columns A–H" in rendered and "[0] region" in rendered
    assert all(e.clickable for e in state.elements)


def test_unparseable_dump_with_screenshot_falls_back_to_pixels():
    state = perceive("ERROR: could not get idle state.", _png(_game_screen()))
    assert state.elements and state.elements[0].source == "vision"


def test_childless_webview_gets_regions_inside_it_indexed_after_it():
    screen = Image.new("RGB", (1080, 2400), "white")
    draw = ImageDraw.Draw(screen)
    draw.rectangle((200, 800, 880, 950), fill=(40, 160, 80))  # a button inside the web page
    state = perceive_case("12_webview_no_children.xml", screenshot=_png(screen))
    web = state.find(role="webview")[0]
    children = [e for e in state.elements if e.container_index == web.index]
    assert children and all(e.source == "vision" for e in children)
    assert [e.index for e in state.elements] == list(range(len(state.elements)))
    assert all(web.bounds.contains(*e.bounds.center) for e in children)
    assert any(abs(e.bounds.left - 200) < 20 and abs(e.bounds.top - 800) < 20 for e in children)


def test_tree_with_ordinary_elements_does_not_run_vision():
    state = perceive_case("11a_settings_wifi_on.xml", screenshot=_png(_game_screen()))
    assert all(e.source == "tree" for e in state.elements)


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-in for tesseract")
def test_ocr_text_names_regions_when_tesseract_is_installed(tmp_path, monkeypatch):
    fake = tmp_path / "tesseract"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.stdin.buffer.read()\nprint('PLAY')\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    state = perceive('<hierarchy rotation="0"/>', _png(_game_screen()))
    texts = [e for e in state.elements if e.role == "text"]
    assert texts and all(e.label == "PLAY" for e in texts)


def test_grid_names_and_points_round_trip():
    grid = Grid(1080, 2400)
    assert (grid.columns, grid.rows) == (8, 12)
    assert grid.name(*grid.point("D7")) == "D7"
    assert grid.name(-5, 99999) == "A12"
    landscape = Grid(2400, 1080)
    assert (landscape.columns, landscape.rows) == (12, 8) and landscape.point("L8") == (2300, 1012)


@pytest.mark.parametrize("bad", ["Z1", "A13", "7D", "", "AA1"])
def test_bad_grid_cells_are_invalid_actions(bad):
    with pytest.raises(InvalidAction, match="A–H.*1–12"):
        Grid(1080, 2400).point(bad)


def test_app_without_accessibility_info_under_system_bars_gets_vision_targets():
    status = (
        '<node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="com.android.systemui" '
        'content-desc="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" '
        'focused="false" scrollable="false" long-clickable="false" password="false" selected="false" bounds="[0,0][1080,80]">'
        '<node index="0" text="12:30" resource-id="com.android.systemui:id/clock" class="android.widget.TextView" '
        'package="com.android.systemui" content-desc="" checkable="false" checked="false" clickable="false" enabled="true" '
        'focusable="false" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" '
        'bounds="[20,10][140,70]"/></node>'
    )
    app = (
        '<node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="com.example.game" '
        'content-desc="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" '
        'focused="false" scrollable="false" long-clickable="false" password="false" selected="false" bounds="[0,0][1080,2400]"/>'
    )
    screen = _game_screen()
    ImageDraw.Draw(screen).rectangle((0, 0, 1080, 80), fill=(20, 20, 20))
    xml = f'<hierarchy rotation="0">{status}{app}</hierarchy>'
    state = perceive(xml, _png(screen))
    vision = [e for e in state.elements if e.source == "vision"]
    assert vision and all(e.bounds.center[1] >= 80 for e in vision)  # nothing proposed under the status bar
    assert state.find(text="12:30")


def test_broken_screenshot_does_not_spoil_a_good_tree():
    state = perceive_case("12_webview_no_children.xml", screenshot=b"not an image")
    assert [e.role for e in state.elements] == ["text", "webview"]


def test_broken_screenshot_with_nothing_else_is_an_error():
    with pytest.raises(PerceptionError, match="screenshot"):
        perceive('<hierarchy rotation="0"/>', b"not an image")
