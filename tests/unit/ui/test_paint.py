"""Pixels: frame size, visible state of widgets, text, themes, the per-window cache."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from droidpilot.emulator.virtual import ui


def render(view: ui.View, theme: str = "light", state: dict | None = None, frame=(0, 0, 600, 400)) -> Image.Image:
    w = ui.Window("app", "p", view, frame, state=state)
    w.layout(420)
    return ui.paint_windows([w], (frame[2], frame[3]), theme)


def crop(img: Image.Image, r: ui.Rect) -> Image.Image:
    return img.crop((r.left, r.top, r.right, r.bottom))


def distinct_colours(img: Image.Image) -> int:
    return len(img.getcolors(maxcolors=1 << 20) or [])


def test_frame_is_rgb_at_screen_size(harness):
    img = harness.screen.paint(harness.windows())
    assert img.mode == "RGB" and img.size == (1080, 2400)


def test_switch_pixels_differ_between_on_and_off():
    on = render(ui.Column(ui.Switch(id="s", checked=True)))
    off = render(ui.Column(ui.Switch(id="s", checked=False)))
    assert ImageChops.difference(on, off).getbbox() is not None


def test_checkbox_pixels_differ_between_on_and_off():
    on = render(ui.Column(ui.CheckBox("x", checked=True)))
    off = render(ui.Column(ui.CheckBox("x", checked=False)))
    assert ImageChops.difference(on, off).getbbox() is not None


def test_text_renders_inside_its_bounds():
    w = ui.Window("app", "p", ui.Column(ui.Text("Hello world", id="t", text_size=20)), (0, 0, 600, 400))
    w.layout(420)
    img = ui.paint_windows([w], (600, 400))
    t = w.find("t")
    inside = crop(img, t.rect)
    bg = ui.LIGHT.color("background")
    assert distinct_colours(inside) > 1
    outside = img.crop((0, t.rect.bottom + 5, 600, 400))
    assert [c for _, c in outside.getcolors()] == [bg]


def test_dark_theme_paints_a_dark_background():
    light = render(ui.Column(ui.Text("x")), "light")
    dark = render(ui.Column(ui.Text("x")), "dark")
    assert sum(light.getpixel((590, 390))) > 600
    assert sum(dark.getpixel((590, 390))) < 150


def test_disabled_button_is_greyed():
    enabled = render(ui.Column(ui.Button("Go", on_click=lambda: None)))
    disabled = render(ui.Column(ui.Button("Go", enabled=False)))
    assert ImageChops.difference(enabled, disabled).getbbox() is not None
    primary = ui.LIGHT.color("primary")
    assert primary in {c for _, c in enabled.getcolors(1 << 20)}
    assert primary not in {c for _, c in disabled.getcolors(1 << 20)}


def test_focused_edit_shows_a_cursor():
    plain = render(ui.Column(ui.Edit(id="e")), state={})
    focused = render(ui.Column(ui.Edit(id="e")), state={"focus": "e"})
    assert ImageChops.difference(plain, focused).getbbox() is not None


def test_password_is_painted_as_dots_not_the_text():
    secret = render(ui.Column(ui.Edit(id="e", password=True)), state={"text:e": "abc"})
    dots = render(ui.Column(ui.Edit(id="e")), state={"text:e": "•••"})
    assert ImageChops.difference(secret, dots).getbbox() is None


def test_icons_draw_and_unknown_names_get_a_letter_badge():
    known = render(ui.Column(ui.Image("wifi", size=48)))
    unknown = render(ui.Column(ui.Image("zebra-app", size=48)))
    assert distinct_colours(known) > 1 and distinct_colours(unknown) > 1
    assert ImageChops.difference(known, unknown).getbbox() is not None


def test_list_rows_are_clipped_to_the_list():
    view = ui.Column(ui.List(*[ui.Text(f"row {i}", height=100, width=ui.MATCH, background="#ff0000") for i in range(10)],
                             id="l", height=60), ui.Text("below", id="below"))
    img = render(view)
    red_rows = [y for y in range(400) if img.getpixel((300, y)) == (255, 0, 0)]
    assert red_rows and max(red_rows) < ui.dp_to_px(60, 420)


def test_modal_dim_darkens_windows_below():
    app = ui.Window("app", "p", ui.Column(), (0, 0, 400, 400))
    dlg = ui.Window("dialog", "p", ui.Column(ui.Text("hi"), background="surface"), (100, 100, 300, 300), modal=True)
    for w in (app, dlg):
        w.layout(420)
    img = ui.paint_windows([app, dlg], (400, 400))
    assert sum(img.getpixel((10, 10))) < sum(ui.LIGHT.color("background")) * 0.8


def test_painter_reuses_unchanged_windows_and_repaints_changed_ones():
    painter = ui.Painter()
    state: dict = {}

    def windows(gen):
        app = ui.Window("app", "p", ui.Column(ui.Switch(id="s")), (0, 0, 300, 300), state=state, generation=gen, key="app")
        bar = ui.status_bar_window(300, 420, ui.StatusBarState(time="9:41"), generation=gen)
        for w in (app, bar):
            w.layout(420)
        return [app, bar]

    first = painter.paint(windows(1), (300, 400))
    assert painter.repaints == 2
    painter.paint(windows(2), (300, 400))
    assert painter.repaints == 2  # same content at a new generation: nothing repainted
    state["checked:s"] = True
    second = painter.paint(windows(3), (300, 400))
    assert painter.repaints == 3  # only the app window changed
    assert ImageChops.difference(first, second).getbbox() is not None


def test_canvas_callback_paints_pixels():
    def draw(d, rect, theme):
        d.rectangle([rect.left, rect.top, rect.left + 20, rect.top + 20], fill=(0, 200, 0))

    img = render(ui.Frame(ui.Canvas(draw, id="c"), width=ui.MATCH, height=ui.MATCH))
    assert img.getpixel((5, 5)) == (0, 200, 0)


def test_views_cut_by_a_parent_do_not_spill_outside_it():
    big = ui.Frame(background="#ff0000", width=300, height=300)
    view = ui.Column(ui.Frame(big, id="box", width=50, height=50), ui.Spacer(height=100))
    img = render(view)
    assert img.getpixel((10, 10)) == (255, 0, 0)
    box_px = ui.dp_to_px(50, 420)
    assert img.getpixel((box_px + 5, 10)) != (255, 0, 0)
    assert img.getpixel((10, box_px + 5)) != (255, 0, 0)


def test_text_lines_past_the_view_bottom_are_not_drawn():
    w = ui.Window("app", "p", ui.Column(ui.Text("one\ntwo\nthree\nfour", id="t", height=20, width=200)), (0, 0, 600, 400))
    w.layout(420)
    img = ui.paint_windows([w], (600, 400))
    t = w.find("t")
    assert distinct_colours(crop(img, t.rect)) > 1
    below = img.crop((0, t.rect.bottom, 600, 400))
    assert [c for _, c in below.getcolors()] == [ui.LIGHT.color("background")]


@given(st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_any_text_paints_without_error(text):
    img = render(ui.Column(ui.Text(text, width=ui.MATCH), ui.Edit(id="e"), ui.Button(text)), state={"text:e": text, "focus": "e"})
    assert img.size == (600, 400)
