"""The uiautomator XML: format, attributes, clipping, escaping, virtualisation."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from droidpilot.emulator.virtual import ui

ATTR_ORDER = [
    "index", "text", "resource-id", "class", "package", "content-desc", "checkable", "checked", "clickable",
    "enabled", "focusable", "focused", "scrollable", "long-clickable", "password", "selected", "visible-to-user",
    "bounds", "drawing-order", "hint", "display-id",
]


def parse(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"))


def by_rid(root: etree._Element, rid: str) -> etree._Element:
    nodes = root.xpath(f'//node[@resource-id="{rid}"]')
    assert nodes, f"{rid} not in dump"
    return nodes[0]


def single(view: ui.View, frame=(0, 0, 1080, 600), package="com.t", **kw) -> str:
    w = ui.Window("overlay", package, view, frame, **kw)
    w.layout(420)
    return ui.hierarchy_xml([w], 0, screen=ui.Rect(0, 0, 1080, 2400))


def test_declaration_and_hierarchy_root(harness):
    xml = harness.xml()
    assert xml.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">")
    assert xml.endswith("</hierarchy>")


def test_every_node_has_the_attributes_in_android_order(harness):
    for tag in re.findall(r"<node [^>]*>", harness.xml()):
        names = re.findall(r'([\w-]+)="', tag)
        if names[0] == "NAF":
            names = names[1:]
        assert names == ATTR_ORDER


def test_windows_are_listed_top_first_each_with_index_zero(harness):
    root = parse(harness.xml())
    tops = list(root)
    assert [n.get("package") for n in tops] == ["com.android.systemui", "com.example.sample", "com.android.systemui"]
    assert tops[0].get("bounds") == "[0,2274][1080,2400]"  # nav bar, the topmost window
    assert all(n.get("index") == "0" for n in tops)


def test_app_window_has_decor_and_content_frame(harness):
    root = parse(harness.xml())
    app = root[1]
    assert app.get("class") == "android.widget.FrameLayout"
    assert app.get("bounds") == "[0,63][1080,2274]"
    content = by_rid(root, "android:id/content")
    assert content.get("class") == "android.widget.FrameLayout"


def test_resource_ids_get_the_package_prefix(harness):
    root = parse(harness.xml())
    ok = by_rid(root, "com.example.sample:id/ok")
    assert ok.get("class") == "android.widget.Button"
    assert ok.get("text") == "OK"
    assert ok.get("clickable") == "true" and ok.get("focusable") == "true"


def test_disabled_button_reports_enabled_false(harness):
    node = by_rid(parse(harness.xml()), "com.example.sample:id/off")
    assert node.get("enabled") == "false"
    assert node.get("clickable") == "true"


def test_hidden_views_are_omitted(harness):
    assert "hidden" not in harness.xml()
    assert "com.example.sample:id/gone" not in harness.xml()


def test_index_counts_siblings_and_drawing_order_follows(harness):
    row = by_rid(parse(harness.xml()), "com.example.sample:id/ok").getparent()
    assert [c.get("index") for c in row] == ["0", "1", "2"]
    assert [c.get("drawing-order") for c in row] == ["1", "2", "3"]


def test_naf_marks_clickable_nodes_without_any_label():
    xml = single(ui.Column(ui.ImageButton("star", id="fav", on_click=lambda: None),
                           ui.ImageButton("star", id="fav2", desc="Favourite", on_click=lambda: None),
                           ui.Row(ui.Text("Label"), id="labelled", on_click=lambda: None)))
    root = parse(xml)
    assert by_rid(root, "com.t:id/fav").get("NAF") == "true"
    assert by_rid(root, "com.t:id/fav2").get("NAF") is None
    assert by_rid(root, "com.t:id/labelled").get("NAF") is None  # a child carries the label
    assert '<node NAF="true" index=' in xml


def test_edit_reports_hint_as_text_when_empty_and_masks_passwords(harness, app):
    app.ui_state["text:secret"] = "hunter2"
    root = parse(harness.xml())
    name = by_rid(root, "com.example.sample:id/name")
    assert name.get("text") == "Your name" and name.get("hint") == "Your name"
    secret = by_rid(root, "com.example.sample:id/secret")
    assert secret.get("password") == "true"
    assert secret.get("text") == "•" * 7
    assert "hunter2" not in harness.xml()


def test_switch_reports_checkable_and_checked(harness, app):
    app.airplane = True
    sw = by_rid(parse(harness.xml()), "com.example.sample:id/airplane")
    assert sw.get("class") == "android.widget.Switch"
    assert (sw.get("checkable"), sw.get("checked")) == ("true", "true")


def test_lazy_list_dumps_only_visible_rows(harness):
    root = parse(harness.xml())
    lst = by_rid(root, "com.example.sample:id/items")
    assert lst.get("class") == "androidx.recyclerview.widget.RecyclerView"
    assert lst.get("scrollable") == "true"
    titles = [n.get("text") for n in lst.iter("node") if n.get("resource-id") == "com.example.sample:id/title"]
    assert titles[0] == "Row 0"
    assert 5 < len(titles) < 50
    top, bottom = map(int, re.findall(r"\d+", lst.get("bounds"))[1::2])
    for row in lst:
        t, b = map(int, re.findall(r"\d+", row.get("bounds"))[1::2])
        assert top <= t and b <= bottom  # clipped to the list


def test_scrolled_list_starts_at_the_scrolled_row(harness, app):
    app.ui_state["scroll:items"] = 147 * 10  # 56 dp rows are 147 px at 420 dpi
    lst = by_rid(parse(harness.xml()), "com.example.sample:id/items")
    first = lst[0]
    assert first.get("index") == "0"
    assert [n.get("text") for n in first.iter("node") if n.get("text")][0] == "Row 10"


def test_short_list_is_not_scrollable(harness, app):
    app.rows = 2
    lst = by_rid(parse(harness.xml()), "com.example.sample:id/items")
    assert lst.get("scrollable") == "false"
    assert len(lst) == 2


def test_bounds_are_clipped_to_window_and_screen():
    view = ui.Column(ui.Text("tall", id="t", height=400, width=ui.MATCH), width=ui.MATCH)
    root = parse(single(view, frame=(0, 2200, 1080, 2600)))
    assert root[0].get("bounds") == "[0,2200][1080,2400]"
    assert by_rid(root, "com.t:id/t").get("bounds") == "[0,2200][1080,2400]"


def test_views_fully_outside_are_omitted_but_keep_index_slots():
    view = ui.Column(ui.Text("a", id="a", height=100), ui.Text("b", id="b", height=400), ui.Text("c", id="c", height=100))
    xml = single(view, frame=(0, 0, 1080, 300))
    root = parse(xml)
    assert by_rid(root, "com.t:id/a").get("index") == "0"
    assert by_rid(root, "com.t:id/b").get("index") == "1"
    assert "com.t:id/c" not in xml


def test_escaping_of_markup_newlines_and_control_characters():
    text = 'a & b < c > "d"\nline2\x07bell'
    xml = single(ui.Text(text, id="t", desc="x\ty"))
    assert 'text="a &amp; b &lt; c &gt; &quot;d&quot;&#10;line2.bell"' in xml
    assert 'content-desc="x&#9;y"' in xml
    assert by_rid(parse(xml), "com.t:id/t").get("text") == 'a & b < c > "d"\nline2.bell'


def test_full_android_ids_are_kept():
    xml = single(ui.DialogContent("Title", "Body", positive=("OK", None), negative=("Cancel", None)))
    root = parse(xml)
    assert by_rid(root, "android:id/alertTitle").get("text") == "Title"
    assert by_rid(root, "android:id/button1").get("text") == "OK"
    assert by_rid(root, "android:id/button2").get("text") == "Cancel"


def test_webview_children_report_web_classes_and_raw_ids():
    page = ui.WebView(ui.Column(ui.Text("Hello", id="greeting"), ui.Button("Go", id="goBtn", on_click=lambda: None),
                                ui.Image("star", id="logo")))
    root = parse(single(page))
    assert root.xpath('//node[@class="android.webkit.WebView"]')
    greeting = by_rid(root, "greeting")
    assert greeting.get("class") == "android.widget.TextView"
    assert greeting.getparent().get("class") == "android.view.View"
    assert greeting.get("drawing-order") == "0"
    assert by_rid(root, "logo").get("class") == "android.widget.Image"


def test_canvas_exposes_no_children():
    xml = single(ui.Frame(ui.Canvas(lambda d, r, t: None, id="game"), width=ui.MATCH, height=300))
    game = by_rid(parse(xml), "com.t:id/game")
    assert game.get("class") == "android.view.View" and len(game) == 0


def test_active_only_dumps_the_topmost_focusable_window(make_harness, app):
    dialog = lambda: [ui.Window("dialog", "com.dlg", ui.DialogContent("Hi", "there"), (100, 900, 980, 1500), modal=True)]
    h = make_harness(app, extra=dialog)
    root = parse(h.xml(active_only=True))
    assert [n.get("package") for n in root] == ["com.dlg"]


def test_dump_parses_back_to_what_was_built(harness, app):
    app.ui_state["text:notes"] = "line one\nline two"
    root = parse(harness.xml())
    win = harness.windows()[1]
    built = {v.key: v for v in win.root.walk() if v.id}
    notes = built["notes"]
    node = by_rid(root, "com.example.sample:id/notes")
    assert node.get("text") == "line one\nline two"
    assert node.get("bounds") == notes.clip.short()
    assert node.get("class") == notes.android_class


@given(st.text(max_size=40), st.text(max_size=20))
@settings(max_examples=150, deadline=None)
def test_any_text_dumps_to_parseable_xml_that_round_trips(text, desc):
    xml = single(ui.Column(ui.Text(text, id="t", desc=desc, width=ui.MATCH)))
    node = by_rid(parse(xml), "com.t:id/t")
    cleaned = "".join("." if (0 <= ord(c) <= 8 or ord(c) in (11, 12) or 14 <= ord(c) <= 31 or 0x7F <= ord(c) <= 0x84
                              or 0x86 <= ord(c) <= 0x9F or 0xFDD0 <= ord(c) <= 0xFDDF) else c for c in text)
    assert node.get("text") == cleaned
