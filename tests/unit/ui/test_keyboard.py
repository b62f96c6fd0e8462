"""The on-screen keyboard: layout, XML exposure, key taps editing the focused field."""

from __future__ import annotations

from lxml import etree

from droidpilot.emulator.virtual import ui


def key(h, name: str) -> ui.View:
    for w in h.windows():
        if w.kind == "ime":
            for v in w.root.walk():
                if getattr(v, "ime_key", None) == name:
                    return v
    raise AssertionError(f"no key {name!r}")


def with_keyboard(make_harness, app, ime_state):
    return make_harness(app, extra=lambda: [ui.keyboard_window(1080, 2400, ime_state, bottom=2400 - ui.nav_bar_height(420))])


def test_keyboard_window_is_gboard_at_the_bottom(make_harness, app):
    h = with_keyboard(make_harness, app, {})
    ime = [w for w in h.windows() if w.kind == "ime"][0]
    assert ime.package == ui.IME_PACKAGE
    assert ime.frame.bottom == 2400 - ui.nav_bar_height(420)
    assert ime.frame.height == ui.ime_height(2400) == 960


def test_keys_are_exposed_with_content_descriptions(make_harness, app):
    h = with_keyboard(make_harness, app, {})
    root = etree.fromstring(h.xml().encode())
    ime = [n for n in root if n.get("package") == ui.IME_PACKAGE][0]
    descs = {n.get("content-desc") for n in ime.iter("node")}
    assert {"q", "a", "m", "Shift", "Delete", "Space", "Enter", "Symbols"} <= descs
    q = ime.xpath('.//node[@content-desc="q"]')[0]
    assert q.get("clickable") == "true" and q.get("resource-id").startswith(ui.IME_PACKAGE + ":id/key_pos_")


def test_typing_on_keys_edits_the_focused_field(make_harness, app):
    ime_state: dict = {}
    h = with_keyboard(make_harness, app, ime_state)
    h.dispatcher.tap(*h.find("name").clip.center)
    for k in ("shift", "H", "i", "space", "x", "delete"):
        res = h.dispatcher.tap(*key(h, k).clip.center)
        assert res.window.kind == "ime"
    assert app.name == "Hi "
    res = h.dispatcher.tap(*key(h, "enter").clip.center)
    assert app.submitted == ["Hi "] and res.ime == "hide"


def test_shift_shows_capitals_and_is_one_shot(make_harness, app):
    ime_state: dict = {}
    h = with_keyboard(make_harness, app, ime_state)
    h.dispatcher.tap(*h.find("name").clip.center)
    h.dispatcher.tap(*key(h, "shift").clip.center)
    assert key(h, "Q").desc == "Q"
    h.dispatcher.tap(*key(h, "Q").clip.center)
    assert key(h, "q").desc == "q" and app.name == "Q"


def test_symbols_page_types_digits(make_harness, app):
    ime_state: dict = {}
    h = with_keyboard(make_harness, app, ime_state)
    h.dispatcher.tap(*h.find("name").clip.center)
    h.dispatcher.tap(*key(h, "symbols").clip.center)
    h.dispatcher.tap(*key(h, "7").clip.center)
    h.dispatcher.tap(*key(h, "letters").clip.center)
    h.dispatcher.tap(*key(h, "k").clip.center)
    assert app.name == "7k"
