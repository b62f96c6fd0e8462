"""Touch dispatch: taps, toggles, modal dialogs, scrolling, long press, text input."""

from __future__ import annotations

from droidpilot.emulator.virtual import ui


def center(v: ui.View) -> tuple[int, int]:
    return v.clip.center


def test_tap_on_button_runs_its_click_handler(harness, app):
    res = harness.dispatcher.tap(*center(harness.find("ok")))
    assert app.clicks == ["ok"]
    assert res.changed and res.view_id == "ok" and res.window.kind == "app"


def test_tap_on_disabled_button_is_consumed_without_effect(harness, app):
    res = harness.dispatcher.tap(*center(harness.find("off")))
    assert app.clicks == []
    assert res.blocked and not res.changed and res.view_id == "off"


def test_tap_lands_on_the_deepest_clickable_view(harness, app):
    res = harness.dispatcher.tap(*center(harness.find("trash")))
    assert app.clicks == ["trash"] and res.view.android_class == "android.widget.ImageButton"


def test_tap_on_plain_text_changes_nothing(harness, app):
    label = next(v for v in harness.windows()[1].root.walk() if v.text == "Airplane mode")
    res = harness.dispatcher.tap(*center(label))
    assert not res.changed and res.view is None and app.clicks == []


def test_controlled_switch_toggles_through_on_change(harness, app):
    res = harness.dispatcher.tap(*center(harness.find("airplane")))
    assert app.airplane is True and res.changed
    harness.dispatcher.tap(*center(harness.find("airplane")))
    assert app.airplane is False


def test_uncontrolled_checkbox_keeps_its_state_in_ui_state():
    state: dict = {}
    changes: list[bool] = []

    def windows():
        w = ui.Window("app", "p", ui.Column(ui.CheckBox("Agree", id="agree", on_change=changes.append)),
                      (0, 0, 1080, 2000), state=state)
        w.layout(420)
        return [w]

    d = ui.InputDispatcher(windows)
    box = windows()[0].find("agree")
    d.tap(*center(box))
    assert state["checked:agree"] is True and changes == [True]
    assert windows()[0].find("agree").checked is True
    d.tap(*center(box))
    assert state["checked:agree"] is False


def test_radio_group_selects_one_button():
    state: dict = {}
    chosen: list[str] = []

    def windows():
        group = ui.RadioGroup(ui.RadioButton("5G", id="r5"), ui.RadioButton("LTE", id="rl"), id="net", initial="LTE",
                              on_change=chosen.append)
        w = ui.Window("app", "p", ui.Column(group), (0, 0, 1080, 2000), state=state)
        w.layout(420)
        return [w]

    d = ui.InputDispatcher(windows)
    assert windows()[0].find("rl").checked and not windows()[0].find("r5").checked
    d.tap(*center(windows()[0].find("r5")))
    assert chosen == ["5G"] and state["radio:net"] == "5G"
    ws = windows()
    assert ws[0].find("r5").checked and not ws[0].find("rl").checked


def test_seekbar_takes_its_value_from_the_touch_x():
    state: dict = {}

    def windows():
        w = ui.Window("app", "p", ui.Column(ui.SeekBar(id="vol", max=10)), (0, 0, 1080, 2000), state=state)
        w.layout(420)
        return [w]

    d = ui.InputDispatcher(windows)
    bar = windows()[0].find("vol")
    d.tap(bar.rect.right - bar.padding_px[2], bar.rect.center[1])
    assert state["value:vol"] == 10
    d.drag(bar.rect.right - 50, bar.rect.center[1], bar.rect.center[0], bar.rect.center[1], 800)
    assert state["value:vol"] == 5


def test_modal_dialog_swallows_taps_outside_and_calls_on_outside(make_harness, app):
    outside: list[bool] = []
    dialog = lambda: [ui.Window("dialog", "com.dlg", ui.DialogContent("Delete?", "", positive=("OK", None)),
                                (100, 900, 980, 1500), modal=True, on_outside=lambda: outside.append(True))]
    h = make_harness(app, extra=dialog)
    res = h.dispatcher.tap(*center(h.find("ok")))  # the app's OK button sits outside the dialog
    assert app.clicks == [] and res.blocked and outside == [True]


def test_taps_inside_a_modal_dialog_reach_its_buttons(make_harness, app):
    pressed: list[str] = []
    dialog = lambda: [ui.Window("dialog", "com.dlg", ui.DialogContent("Delete?", "", positive=("OK", lambda: pressed.append("ok"))),
                                (100, 900, 980, 1500), modal=True)]
    h = make_harness(app, extra=dialog)
    res = h.dispatcher.tap(*center(h.find("android:id/button1")))
    assert pressed == ["ok"] and res.window.kind == "dialog"


def test_status_bar_above_a_dialog_still_receives_touches(harness):
    def windows():
        app = harness.app_window()
        dialog = ui.Window("dialog", "com.dlg", ui.DialogContent("x"), (100, 900, 980, 1500), modal=True)
        bar = ui.status_bar_window(1080, 420, ui.StatusBarState())
        return harness.screen.layout([app, dialog, bar])

    res = ui.InputDispatcher(windows).swipe(540, 20, 540, 900, 300)
    assert res.gesture == "open_shade" and not res.blocked


def test_pull_down_from_status_bar_is_reported_not_acted_on(harness, app):
    res = harness.dispatcher.swipe(300, 30, 300, 1200, 250)
    assert res.gesture == "open_shade" and not res.changed
    assert app.ui_state == {}


def test_swipe_scrolls_the_list_by_the_finger_distance(harness, app):
    res = harness.dispatcher.swipe(540, 2000, 540, 1600, 500)
    assert res.changed and app.ui_state["scroll:items"] == 400
    res = harness.dispatcher.swipe(540, 1600, 540, 1700, 500)
    assert app.ui_state["scroll:items"] == 300


def test_fast_swipe_flings_further(harness, app):
    harness.dispatcher.swipe(540, 2000, 540, 1600, 100)
    assert app.ui_state["scroll:items"] == 1600


def test_scrolling_clamps_at_both_ends(harness, app):
    harness.dispatcher.swipe(540, 1600, 540, 2000, 500)
    assert app.ui_state.get("scroll:items", 0) == 0
    for _ in range(20):
        harness.dispatcher.swipe(540, 2100, 540, 1300, 100)
    lst = harness.find("items")
    assert app.ui_state["scroll:items"] == lst.max_scroll > 0
    assert lst.max_scroll == 50 * 147 - lst.rect.height
    res = harness.dispatcher.swipe(540, 2100, 540, 1300, 100)
    assert not res.changed


def test_scrolled_rows_receive_taps_for_their_own_item(harness, app):
    harness.dispatcher.swipe(540, 2100, 540, 1500, 500)
    first = harness.find("items").children[0]
    harness.dispatcher.tap(*center(first))
    assert app.clicks == [f"row{harness.find('items').first_index}"]
    assert app.clicks != ["row0"]


def test_long_press_runs_on_long_click():
    hits: list[str] = []

    def windows():
        row = ui.ListItem("Alice", id="alice", on_click=lambda: hits.append("click"), on_long_click=lambda: hits.append("long"))
        w = ui.Window("app", "p", ui.Column(row), (0, 0, 1080, 2000))
        w.layout(420)
        return [w]

    d = ui.InputDispatcher(windows)
    target = windows()[0].find("alice")
    res = d.long_press(*center(target))
    assert hits == ["long"] and res.changed
    d.swipe(*center(target), *center(target), 700)  # `input swipe x y x y 700` is a long press too
    assert hits == ["long", "long"]


def test_tapping_an_edit_focuses_it_and_asks_for_the_keyboard(harness, app):
    res = harness.dispatcher.tap(*center(harness.find("secret")))
    assert res.ime == "show" and res.changed
    assert app.ui_state["focus"] == "secret"
    assert harness.find("secret").focused


def test_text_commit_delete_and_submit_on_a_controlled_edit(harness, app):
    harness.dispatcher.tap(*center(harness.find("name")))
    harness.dispatcher.commit_text("Alicx")
    harness.dispatcher.delete_backward()
    harness.dispatcher.commit_text("e")
    assert app.name == "Alice"
    res = harness.dispatcher.editor_action()
    assert app.submitted == ["Alice"] and res.ime == "hide"


def test_text_goes_to_uncontrolled_edit_state(harness, app):
    harness.dispatcher.tap(*center(harness.find("secret")))
    harness.dispatcher.commit_text("pw")
    harness.dispatcher.commit_text("123")
    assert app.ui_state["text:secret"] == "pw123"
    harness.dispatcher.clear()
    assert app.ui_state["text:secret"] == ""


def test_enter_in_a_multiline_edit_inserts_a_newline(harness, app):
    harness.dispatcher.tap(*center(harness.find("notes")))
    harness.dispatcher.commit_text("a")
    res = harness.dispatcher.editor_action()
    harness.dispatcher.commit_text("b")
    assert app.ui_state["text:notes"] == "a\nb" and res.ime is None


def test_single_line_edit_drops_newlines(harness, app):
    harness.dispatcher.tap(*center(harness.find("name")))
    harness.dispatcher.commit_text("a\nb")
    assert app.name == "ab"


def test_text_without_focus_reports_no_target(harness):
    res = harness.dispatcher.commit_text("x")
    assert not res.changed and res.detail == "no focused text field"


def test_set_text_replaces_the_content(harness, app):
    harness.dispatcher.tap(*center(harness.find("name")))
    harness.dispatcher.commit_text("old")
    harness.dispatcher.set_text("new")
    assert app.name == "new"


def test_hit_test_returns_window_and_view(harness):
    win, view = ui.hit_test(harness.windows(), *center(harness.find("ok")))
    assert win.kind == "app" and view.id == "ok"
    win, view = ui.hit_test(harness.windows(), 540, 2350)
    assert win.kind == "nav_bar" and view.desc == "Home"


def test_canvas_taps_get_coordinates_relative_to_the_canvas():
    taps: list[tuple[int, int]] = []

    def windows():
        w = ui.Window("app", "game", ui.Column(ui.Frame(height=100), ui.Canvas(id="board", on_tap=lambda x, y: taps.append((x, y)))),
                      (0, 100, 1080, 2000))
        w.layout(420)
        return [w]

    board = windows()[0].find("board")
    res = ui.InputDispatcher(windows).tap(board.rect.left + 10, board.rect.top + 20)
    assert taps == [(10, 20)] and res.changed


def test_typing_does_not_reach_a_field_under_a_dialog(harness, app):
    harness.dispatcher.tap(*center(harness.find("name")))

    def windows():
        dialog = ui.Window("dialog", "com.dlg", ui.DialogContent("Hi"), (100, 900, 980, 1500), modal=True)
        return harness.screen.layout([harness.app_window(), dialog])

    res = ui.InputDispatcher(windows).commit_text("x")
    assert not res.changed and app.name == ""
