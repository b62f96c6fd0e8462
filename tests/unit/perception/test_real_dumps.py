"""Real uiautomator dumps from public repositories (read from /work/shared, skipped when absent).

Each test names what a planner needs from that screen, not merely that parsing survived.
"""

from __future__ import annotations

import pytest

from droidpilot.perception import perceive

from .conftest import REAL_DUMPS, by_label, labels, real_dump

ALL = sorted(p.name.split("-", 1)[0] for p in REAL_DUMPS.glob("*.xml")) if REAL_DUMPS.is_dir() else []


@pytest.mark.parametrize("prefix", ALL or ["none"])
def test_every_real_dump_gives_consistent_elements(prefix):
    state = perceive(real_dump(prefix))
    assert [e.index for e in state.elements] == list(range(len(state.elements)))
    assert len({e.identity for e in state.elements}) == len(state.elements)
    for element in state.elements:
        b = element.bounds
        assert 0 <= b.left < b.right <= state.width and 0 <= b.top < b.bottom <= state.height
        assert b.contains(*element.visible_center)
    rendered = state.render()
    for element in state.elements:
        assert f"[{element.index}] {element.role}" in rendered


@pytest.mark.parametrize("prefix", ALL or ["none"])
def test_perceiving_the_same_dump_twice_gives_the_same_identities(prefix):
    xml = real_dump(prefix)
    first, second = perceive(xml), perceive(xml)
    assert [e.identity for e in first.elements] == [e.identity for e in second.elements]
    assert first.fingerprint == second.fingerprint
    assert first.diff(second).is_empty


def test_01_lockscreen_drops_hidden_indication_and_keeps_notification_icons():
    state = perceive(real_dump("01"))
    assert by_label(state, "20:49").role == "text"
    icons = [e for e in state.elements if e.role == "image" and e.label.startswith("Notificação do")]
    assert len(icons) == 5
    assert not state.find(text="Carga lenta")  # [0,0][0,0]: hidden


def test_02_focused_input_keeps_value_and_hint_and_keyboard_is_inferred():
    state = perceive(real_dump("02"))
    field = state.find(resource_id="input_view")[0]
    assert (field.role, field.text, field.hint, field.focused) == ("input", "launch apple music", "user@scout:~", True)
    assert state.keyboard_shown and state.keyboard_source == "inferred"
    assert state.keyboard_bounds is not None and state.keyboard_bounds.top == 1767
    assert {"WhatsApp", "Play Store", "call"} <= set(labels(state))


def test_03_list_rows_take_their_children_text_and_catch_all_containers_go():
    state = perceive(real_dump("03"))
    rows = [e for e in state.elements if e.role == "item"]
    assert len(rows) == 7
    assert rows[0].label == "MP Materials · 0.00%->20.00% · MP · 参考成交价 83.060"
    listing = state.find(resource_id="quote_portfolio_position_history_rv")[0]
    assert all(r.container_index == listing.index for r in rows)
    assert not [e for e in state.elements if e.bounds.area > 0.5 * state.width * state.height and e.role == "button"]


def test_04_unity_surface_is_a_canvas_and_the_grid_is_offered():
    state = perceive(real_dump("04"))
    assert [(e.role, e.label) for e in state.elements] == [("canvas", "Game view")]
    assert (state.width, state.height, state.rotation) == (2780, 1264, 1)
    assert "grid: columns A–L" in state.render()


def test_05_radio_rows_get_state_from_their_radio_button():
    state = perceive(real_dump("05"))
    radios = [e for e in state.elements if e.role == "radio"]
    assert [(r.label, r.checked) for r in radios] == [
        ("5G preferencial", True),
        ("LTE preferencial", False),
        ("3G preferencial", False),
        ("Apenas 2G", False),
    ]
    assert all(r.clickable for r in radios)


def test_06_usb_alert_has_cancel_and_ok_and_is_a_dialog():
    state = perceive(real_dump("06"))
    cancel, ok = by_label(state, "HỦY"), by_label(state, "OK")
    assert cancel.role == ok.role == "button"
    (dialog,) = state.dialogs
    assert dialog.kind == "alert"
    assert dialog.title == "Dùng USB để truyền tải file?"
    assert dialog.buttons == (cancel.index, ok.index)
    assert state.size_inferred and state.width == 720


def test_08_disabled_next_checked_toggle_and_no_scrim():
    state = perceive(real_dump("08"))
    assert by_label(state, "Next").enabled is False
    toggle = by_label(state, "Select multiple")
    assert toggle.checkable and toggle.checked
    assert not state.find(resource_id="touch_outside")


def test_09_password_field_is_flagged():
    state = perceive(real_dump("09"))
    password = state.find(resource_id="et_password")[0]
    assert password.role == "input" and password.password
    assert not state.find(resource_id="et_login")[0].password
    line = next(line for line in state.render().splitlines() if "#et_password" in line)
    assert "password" in line.split("#et_password")[1]


def test_11_flutter_labels_come_from_content_desc():
    state = perceive(real_dump("11"))
    assert {"Save", "AI Assistant", "Termux IDE"} <= set(labels(state))
    tabs = [e for e in state.elements if e.role == "tab"]
    assert [t.label.split("\n")[0] for t in tabs] == ["Explorer", "Terminal", "Search"]
    assert [t.selected for t in tabs] == [True, False, False]
    unlabelled_buttons = [e for e in state.elements if e.role == "button" and not e.label]
    assert len(unlabelled_buttons) == 2  # the NAF icon buttons remain tappable targets


def test_12_permission_prompt_is_detected_with_deny_and_allow():
    state = perceive(real_dump("12"))
    (dialog,) = state.dialogs
    assert dialog.kind == "permission"
    assert dialog.button_labels == ("拒绝", "允许")


def test_13_keyboard_inferred_from_the_resized_window():
    state = perceive(real_dump("13"))
    assert state.keyboard_shown and state.keyboard_source == "inferred"
    assert state.keyboard_bounds is not None and state.keyboard_bounds.top == 927
    field = state.find(role="input")[0]
    assert field.focused and field.label == "搜索"


def test_13_device_word_wins_over_inference():
    state = perceive(real_dump("13"), keyboard_shown=False)
    assert not state.keyboard_shown and state.keyboard_bounds is None and state.keyboard_source == "device"


def test_14_app_drawn_dialog_with_clickable_text_buttons():
    state = perceive(real_dump("14"))
    (dialog,) = state.dialogs
    assert dialog.kind == "alert" and dialog.button_labels == ("取消", "邀请")
    assert all(state.element(i).role == "button" for i in dialog.buttons)


def test_16_hidden_zero_size_nodes_are_dropped():
    state = perceive(real_dump("16"))
    for hidden in ("Camera", "Photos", "Save & refresh models", "RECENT CHATS", "No saved chats yet"):
        assert not state.find(text=hidden, exact=True), hidden
    assert by_label(state, "New chat Start a fresh conversation").clickable
    assert not [e for e in state.elements if e.password]  # the API key field is in a closed sheet


def test_17_compose_drawer_text_field_label_becomes_hint_and_disabled_add():
    state = perceive(real_dump("17"))
    field = state.find(role="input")[0]
    assert field.hint == "Novel URL" and field.text == ""
    assert by_label(state, "Add").enabled is False
    assert by_label(state, "Close navigation menu").clickable


def test_18_kiosk_disabled_buttons_and_diacritics():
    state = perceive(real_dump("18"))
    assert by_label(state, "Start dozare").enabled is False
    assert by_label(state, "Card").enabled is False
    assert by_label(state, "Numerar").enabled is True
    assert state.find(text="Temperatură")


def test_19_widgets_from_other_packages_are_kept_with_their_package():
    state = perceive(real_dump("19"))
    facebook = by_label(state, "Facebook")
    assert facebook.package == "com.android.chrome"
    assert by_label(state, "Play 스토어").long_clickable


def test_20_tv_focus_is_visible():
    state = perceive(real_dump("20"))
    focused = [e for e in state.elements if e.focused]
    assert [e.label for e in focused] == ["破墓"]


def test_21_text_equal_to_description_is_not_repeated():
    state = perceive(real_dump("21"))
    calculator = by_label(state, "Calculator")
    assert calculator.description == ""
    assert state.render().count('"Calculator"') == 1


def test_22_loading_screen_has_no_elements_and_says_so():
    state = perceive(real_dump("22"))
    assert state.elements == ()
    assert "no elements" in state.render()


def test_23_compose_editor_keyboard_and_field_labels():
    state = perceive(real_dump("23"))
    assert state.keyboard_shown and state.keyboard_bounds is not None and state.keyboard_bounds.top == 1616
    field = state.find(role="input")[0]
    assert "What's on your mind?" in field.hint and field.focused
    assert by_label(state, "Capture").selected
    assert {"Send", "Expand metadata", "Dismiss"} <= set(labels(state))


def test_24_flutter_sheet_button_labelled_by_description():
    state = perceive(real_dump("24"))
    got_it = by_label(state, "Got it")
    assert got_it.role == "button" and got_it.clickable
    assert state.find(text="Privacy Notice")


def test_25_split_clock_and_lock_icon():
    state = perceive(real_dump("25"))
    assert [e.label for e in state.elements if e.resource_id in ("tv_hour", "tv_colon", "tv_minute")] == ["15", ":", "47"]
    assert by_label(state, "Device locked").clickable
