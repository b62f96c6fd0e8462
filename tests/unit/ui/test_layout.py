"""Layout: dp conversion, weights, gravity, padding/margin, wrapping, scrolling containers."""

from __future__ import annotations

import pytest

from droidpilot.emulator.virtual import ui
from droidpilot.emulator.virtual.ui.fonts import line_height
from droidpilot.errors import VirtualDeviceError


def laid_out(view: ui.View, frame=(0, 0, 1080, 2000), state=None) -> ui.Window:
    w = ui.Window("overlay", "p", view, frame, state=state)
    w.layout(420)
    return w


def test_dp_to_px_uses_density_over_160():
    assert ui.dp_to_px(16, 420) == 42
    assert ui.dp_to_px(48, 160) == 48
    assert ui.dp_to_px(24, 480) == 72


def test_fixed_sizes_are_in_dp():
    w = laid_out(ui.Column(ui.Frame(id="box", width=100, height=50)))
    assert (w.find("box").rect.width, w.find("box").rect.height) == (263, 131)


def test_weights_share_the_leftover_space():
    w = laid_out(ui.Row(ui.Frame(id="a", weight=1, height=10), ui.Frame(id="b", weight=3, height=10),
                        ui.Frame(id="c", width=80, height=10), width=ui.MATCH))
    a, b, c = (w.find(i).rect for i in "abc")
    assert c.width == 210
    assert a.width + b.width == 1080 - 210
    assert abs(b.width - 3 * a.width) <= 3
    assert a.right == b.left and b.right == c.left


def test_weighted_child_gives_its_children_the_shared_size():
    w = laid_out(ui.Column(ui.Row(ui.Frame(id="inner", width=ui.MATCH, height=ui.MATCH), id="row", weight=1, height=0),
                           ui.Frame(height=100, width=ui.MATCH), width=ui.MATCH, height=ui.MATCH))
    assert w.find("inner").rect.height == w.find("row").rect.height == 2000 - 263


def test_padding_and_margin_offset_children():
    w = laid_out(ui.Column(ui.Frame(id="child", width=10, height=10, margin=(4, 8)), padding=16))
    r = w.find("child").rect
    assert (r.left, r.top) == (42 + 11, 42 + 21)


def test_gravity_centres_children():
    w = laid_out(ui.Frame(ui.Frame(id="dot", width=20, height=20), width=ui.MATCH, height=ui.MATCH, gravity="center"))
    r = w.find("dot").rect
    assert abs(r.center[0] - 540) <= 1 and abs(r.center[1] - 1000) <= 1


def test_align_end_puts_a_child_on_the_right_of_a_column():
    w = laid_out(ui.Column(ui.Frame(id="x", width=20, height=20, align="end"), width=ui.MATCH))
    assert w.find("x").rect.right == 1080


def test_long_text_wraps_within_its_width():
    text = "word " * 60
    w = laid_out(ui.Column(ui.Text(text, id="t", width=200)))
    t = w.find("t")
    assert len(t.lines) > 3
    assert t.rect.height == len(t.lines) * line_height(t.font_px)
    assert t.rect.width == 525


def test_max_lines_ellipsizes():
    w = laid_out(ui.Column(ui.Text("word " * 60, id="t", width=200, max_lines=2)))
    t = w.find("t")
    assert len(t.lines) == 2 and t.lines[-1].endswith("…")


def test_newlines_start_new_lines():
    w = laid_out(ui.Column(ui.Text("a\nb\nc", id="t")))
    assert w.find("t").lines == ["a", "b", "c"]


def test_scrollview_offset_moves_children_and_reports_scrollable():
    rows = [ui.Frame(id=f"r{i}", width=ui.MATCH, height=100) for i in range(30)]
    w = laid_out(ui.ScrollView(*rows, id="sv"), frame=(0, 0, 1080, 1000), state={"scroll:sv": 300})
    sv = w.find("sv")
    assert sv.scrollable and sv.max_scroll == 30 * 263 - 1000
    assert w.find("r0").rect.top == -300 and w.find("r0").clip.empty  # scrolled out entirely
    assert w.find("r1").rect.top == -37 and w.find("r1").clip.top == 0  # cut by the top edge


def test_scroll_offset_in_state_is_clamped_during_layout():
    rows = [ui.Frame(width=ui.MATCH, height=100) for _ in range(5)]
    w = laid_out(ui.ScrollView(*rows, id="sv"), frame=(0, 0, 1080, 1000), state={"scroll:sv": 99999})
    assert w.find("sv").scroll == w.find("sv").max_scroll == 5 * 263 - 1000


def test_horizontal_scrollview_scrolls_sideways():
    chips = [ui.Frame(width=120, height=40) for _ in range(10)]
    state = {}
    w = laid_out(ui.Column(ui.ScrollView(*chips, id="chips", horizontal=True)), state=state)
    sv = w.find("chips")
    assert sv.android_class == "android.widget.HorizontalScrollView" and sv.scrollable
    d = ui.InputDispatcher(lambda: [laid_out(ui.Column(ui.ScrollView(*[ui.Frame(width=120, height=40) for _ in range(10)],
                                                                      id="chips", horizontal=True)), state=state)])
    d.swipe(900, sv.rect.center[1], 500, sv.rect.center[1], 500)
    assert state["scroll:chips"] == 400


def test_eager_list_keeps_only_visible_rows():
    rows = [ui.Text(f"r{i}", height=100, width=ui.MATCH) for i in range(40)]
    w = laid_out(ui.List(*rows, id="l"), frame=(0, 0, 1080, 1000))
    lst = w.find("l")
    assert len(lst.children) == 4 and lst.first_index == 0  # 263 px rows in a 1000 px viewport


def test_lazy_list_builds_only_visible_rows():
    built: list[int] = []

    def row(i: int) -> ui.View:
        built.append(i)
        return ui.Text(f"r{i}")

    laid_out(ui.List(count=10_000, row=row, row_height=50, id="l"), frame=(0, 0, 1080, 1000), state={"scroll:l": 131 * 500})
    assert built == list(range(500, 508))


def test_ids_inside_list_rows_are_scoped_per_row():
    state: dict = {}
    w = laid_out(ui.List(count=3, row=lambda i: ui.Row(ui.CheckBox("x", id="check")), row_height=56, id="l"), state=state)
    keys = [v.key for v in w.root.walk() if v.id == "check"]
    assert keys == ["l/row0/check", "l/row1/check", "l/row2/check"]


def test_hidden_views_take_no_space():
    w = laid_out(ui.Column(ui.Frame(height=100, visible=False), ui.Frame(id="b", height=10)))
    assert w.find("b").rect.top == 0


def test_dumping_an_unlaid_window_fails_loudly():
    w = ui.Window("app", "p", ui.Column(), (0, 0, 100, 100))
    with pytest.raises(VirtualDeviceError, match="layout"):
        ui.hierarchy_xml([w])


def test_unknown_window_kind_is_rejected():
    with pytest.raises(VirtualDeviceError, match="kind"):
        ui.Window("popup", "p", ui.Column(), (0, 0, 1, 1))


def test_centered_frame_fits_the_dialog_content():
    content = ui.DialogContent("Title", "Message", positive=("OK", None))
    frame = ui.centered_frame(content, 1080, 2400, 420)
    assert frame.width == 819 and frame.left == (1080 - 819) // 2
    assert 200 < frame.height < 1000 and abs((frame.top + frame.bottom) - 2400) <= 1


def test_single_line_edit_scrolls_to_keep_the_cursor_visible():
    text = "the quick brown fox jumps over the lazy dog " * 3
    unfocused = laid_out(ui.Column(ui.Edit(id="e")), state={"text:e": text}).find("e")
    focused = laid_out(ui.Column(ui.Edit(id="e")), state={"text:e": text, "focus": "e"}).find("e")
    assert len(unfocused.lines) == 1 and text.startswith(unfocused.lines[0])
    assert len(focused.lines) == 1 and text.endswith(focused.lines[0]) and focused.hidden_chars > 0
    assert len(focused.lines[0]) < len(text)
