"""Hand-made dumps (tests/unit/perception/corpus) for what real devices produce on bad days."""

from __future__ import annotations

import pytest

from droidpilot.errors import PerceptionError
from droidpilot.perception import perceive

from .conftest import by_label, labels, perceive_case, read_case


def test_keyboard_window_hides_the_button_under_it_and_shifts_a_half_covered_one():
    state = perceive_case("01_multi_window_ime.xml")
    assert state.keyboard_shown and state.keyboard_source == "window"
    assert state.keyboard_bounds is not None and state.keyboard_bounds.as_tuple() == (0, 1600, 1080, 2400)
    assert not state.find(text="Send")
    attach = by_label(state, "Attach")
    assert attach.bounds.as_tuple() == (20, 1550, 300, 1650)
    assert attach.visible_center == (160, 1575)  # centre of the part above the keyboard
    assert not state.find(text="Space")  # keyboard keys are not targets: type through actions
    assert state.package == "com.example.chat"


def test_system_bars_are_kept_last_under_their_own_heading():
    state = perceive_case("01_multi_window_ime.xml")
    assert [e.window for e in state.elements][-2:] == ["bar", "bar"]
    assert "-- system bars --" in state.render()


def test_device_saying_no_keyboard_overrides_nothing_when_its_window_is_dumped():
    state = perceive_case("01_multi_window_ime.xml", keyboard_shown=True)
    assert state.keyboard_source == "device" and state.keyboard_bounds is not None


def test_dialog_window_covers_the_content_below_it():
    state = perceive_case("02_dialog_covers_content.xml")
    assert labels(state) == ["Delete note?", "This note will be removed from all your devices.", "Cancel", "Delete"]
    (dialog,) = state.dialogs
    assert (dialog.kind, dialog.title, dialog.message) == ("alert", "Delete note?", "This note will be removed from all your devices.")
    assert dialog.button_labels == ("Cancel", "Delete")
    assert all(e.window == "dialog" for e in state.elements)


def test_anr_dialog_is_named_with_its_wait_button():
    state = perceive_case("03_anr_dialog.xml")
    (dialog,) = state.dialogs
    assert dialog.kind == "anr" and dialog.package == "android"
    assert "Wait" in dialog.button_labels and "Close app" in dialog.button_labels
    assert state.package == "com.example.chat"  # the app the user is in, not the system dialog
    assert 'dialog anr "Chat isn\'t responding"' in state.render()


def test_permission_prompt_lists_its_three_answers_in_screen_order():
    state = perceive_case("04_permission_dialog.xml")
    (dialog,) = state.dialogs
    assert dialog.kind == "permission"
    assert dialog.button_labels == ("While using the app", "Only this time", "Don't allow")
    assert not state.find(text="Shutter")


def test_naf_icon_buttons_stay_tappable_with_what_little_label_exists():
    state = perceive_case("05_naf_icons.xml")
    back = state.find(resource_id="btn_back")[0]
    assert back.role == "button" and back.label == "btn back" and back.clickable
    anonymous = [e for e in state.elements if e.role == "button" and not e.label]
    assert len(anonymous) == 1 and anonymous[0].bounds.as_tuple() == (940, 100, 1060, 220)
    assert by_label(state, "Play").resource_id == "play_pause"  # the frame takes its image's description


def test_offscreen_zero_size_and_invisible_nodes_are_dropped():
    state = perceive_case("06_offscreen_zero_size.xml")
    assert labels(state) == ["Visible title", "Half off the bottom"]
    half = by_label(state, "Half off the bottom")
    assert half.bounds.as_tuple() == (900, 2350, 1080, 2400)  # clipped to the screen


def test_rows_with_duplicate_ids_get_distinct_stable_identities():
    state = perceive_case("07_duplicate_ids.xml")
    rows = [e for e in state.elements if e.role == "item"]
    assert [r.label for r in rows] == ["Alice · Mobile", "Bob · Mobile", "Alice · Mobile", "Carol · Mobile"]
    assert len({r.identity for r in rows}) == 4
    again = perceive_case("07_duplicate_ids.xml")
    assert [e.identity for e in again.elements] == [e.identity for e in state.elements]


def test_clickable_wrapper_with_the_same_bounds_is_one_element():
    state = perceive_case("07_duplicate_ids.xml")
    search = state.find(text="Search")
    assert len(search) == 1 and search[0].resource_id == "search"


def test_control_characters_are_removed_and_unicode_kept():
    state = perceive_case("08_control_chars.xml")
    raw = state.find(resource_id="raw_controls")[0]
    assert raw.text == "Bell and escape[31m red"
    refs = state.find(resource_id="ref_controls")[0]
    assert refs.text == "Refs onetwo"
    assert by_label(state, "Send 👍 مرحبا").clickable
    multiline = state.find(resource_id="multiline")[0]
    assert multiline.text == "Line one\nLine two tabbed"
    rendered = state.render()
    assert "\u202e" not in rendered and "\u200b" not in rendered
    assert '"Line one ⏎ Line two tabbed"' in rendered


def test_truncated_dump_keeps_what_came_before_the_cut():
    state = perceive_case("09_truncated.xml")
    assert state.truncated
    assert {"Search", "Alice · Mobile", "Bob · Mobile"} <= set(labels(state))
    assert "cut short" in state.render()


def test_clickable_scrim_drawn_later_hides_the_content_under_it():
    state = perceive_case("13_scrim_over_content.xml")
    assert labels(state) == ["Inbox", "Sent"]


def test_legacy_dump_without_optional_attributes():
    state = perceive_case("14_legacy_attributes.xml")
    assert labels(state) == ["Legacy OK"]
    assert (state.width, state.height) == (720, 1280)


def test_settings_switch_rows_carry_the_switch_state():
    on = perceive_case("11a_settings_wifi_on.xml")
    wifi = on.find(text="Wi-Fi")[0]
    assert (wifi.role, wifi.checked, wifi.clickable) == ("switch", True, True)
    assert by_label(on, "Hotspot").enabled is False


# --- inline cases -------------------------------------------------------------------------

def _node(attrs: str, children: str = "") -> str:
    base = (
        'index="0" text="" resource-id="" class="android.widget.FrameLayout" package="p" content-desc="" '
        'checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" '
        'scrollable="false" long-clickable="false" password="false" selected="false" bounds="[0,0][1080,2400]"'
    )
    merged = dict(part.split("=", 1) for part in _split_attrs(base))
    merged.update(dict(part.split("=", 1) for part in _split_attrs(attrs)))
    text = " ".join(f"{k}={v}" for k, v in merged.items())
    return f"<node {text}>{children}</node>" if children else f"<node {text}/>"


def _split_attrs(attrs: str) -> list[str]:
    out, current, quoted = [], "", False
    for ch in attrs:
        if ch == '"':
            quoted = not quoted
        if ch == " " and not quoted:
            if current:
                out.append(current)
            current = ""
        else:
            current += ch
    if current:
        out.append(current)
    return out


def _dump(*windows: str) -> str:
    return "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">" + "".join(windows) + "</hierarchy>"


def test_empty_hierarchy_is_an_empty_state_not_an_error():
    state = perceive('<?xml version="1.0"?><hierarchy rotation="0"/>')
    assert state.elements == () and state.node_count == 0


@pytest.mark.parametrize("bad", ["", "   \n", "not xml at all", "ERROR: null root node returned by UiTestAutomationBridge.", "<html><body/></html>"])
def test_unusable_input_raises_perception_error_with_advice(bad):
    with pytest.raises(PerceptionError) as info:
        perceive(bad)
    assert "again" in str(info.value) or "hierarchy" in str(info.value)


def test_status_line_after_the_document_is_ignored():
    xml = _dump(_node('text="Hi" clickable="true" bounds="[0,0][100,100]"')) + "\nUI hierchary dumped to: /dev/tty\n"
    state = perceive(xml)
    assert labels(state) == ["Hi"] and not state.truncated


def test_bytes_input_is_accepted():
    state = perceive(_dump(_node('text="Grüße" clickable="true" bounds="[0,0][100,100]"')).encode("utf-8"))
    assert labels(state) == ["Grüße"]


def test_given_screen_size_clips_and_is_not_marked_estimated():
    state = perceive(_dump(_node('text="Wide" clickable="true" bounds="[0,0][2000,100]"')), screen_size=(1080, 2400))
    assert state.element(0).bounds.right == 1080 and not state.size_inferred


def test_package_and_activity_from_the_device_win():
    state = perceive(_dump(_node('text="A" clickable="true"')), package="com.real", activity=".Main")
    assert (state.package, state.activity) == ("com.real", ".Main")
    assert "activity .Main" in state.render()


def test_checkbox_text_inside_a_clickable_row_is_its_label():
    row = _node(
        'clickable="true" bounds="[0,0][1080,200]" class="android.widget.LinearLayout"',
        _node('text="Remember me" class="android.widget.CheckBox" checkable="true" checked="true" bounds="[0,0][1080,200]"'),
    )
    state = perceive(_dump(_node("", row)))
    (element,) = state.elements
    assert (element.role, element.label, element.checked) == ("checkbox", "Remember me", True)


def _nested(depth: int) -> str:
    inner = _node('text="Deep" clickable="true" bounds="[0,0][100,100]"')
    for _ in range(depth):
        inner = _node("", inner)
    return _dump(inner)


def test_deep_nesting_does_not_hit_python_recursion_limits():
    state = perceive(_nested(1500))
    assert labels(state) == ["Deep"] and not state.truncated


def test_nesting_beyond_the_xml_parser_limit_is_recovered_as_truncated():
    state = perceive(_nested(3000))  # libxml2 stops at depth 2048 even in huge-tree mode
    assert state.truncated and state.node_count > 2000


def test_thousand_node_screen_yields_every_row():
    rows = []
    for i in range(100):
        y = i * 24
        cells = "".join(
            _node(f'text="r{i}c{k}" class="android.widget.TextView" bounds="[{k * 120},{y}][{k * 120 + 120},{y + 24}]"')
            if k % 3 == 0
            else _node(f'bounds="[{k * 120},{y}][{k * 120 + 120},{y + 24}]"')
            for k in range(9)
        )
        rows.append(_node(f'clickable="true" resource-id="p:id/row" bounds="[0,{y}][1080,{y + 24}]"', cells))
    listing = _node('scrollable="true" class="androidx.recyclerview.widget.RecyclerView" resource-id="p:id/list"', "".join(rows))
    state = perceive(_dump(listing))
    assert state.node_count == 1001
    items = [e for e in state.elements if e.role == "item"]
    assert len(items) == 100
    assert items[42].label == "r42c0 · r42c3 · r42c6"
    assert len({e.identity for e in items}) == 100
    assert all(e.container_index == 0 for e in items)


def test_portrait_size_given_for_a_landscape_dump_is_turned():
    root = _node('bounds="[0,0][2400,1080]"', _node('text="Far right" clickable="true" bounds="[2000,0][2400,100]"'))
    xml = _dump(root).replace('rotation="0"', 'rotation="1"')
    state = perceive(xml, screen_size=(1080, 2400))
    assert (state.width, state.height) == (2400, 1080)
    assert labels(state) == ["Far right"]


def test_split_screen_windows_do_not_hide_each_other():
    top = _node('package="com.a" bounds="[0,0][1080,1190]"', _node('package="com.a" text="Top app" clickable="true" bounds="[0,100][1080,300]"'))
    bottom = _node('package="com.b" bounds="[0,1210][1080,2400]"', _node('package="com.b" text="Bottom app" clickable="true" bounds="[0,1300][1080,1500]"'))
    state = perceive(_dump(top, bottom), screen_size=(1080, 2400))
    assert sorted(labels(state)) == ["Bottom app", "Top app"]
    assert state.dialogs == ()


def test_non_positive_screen_size_falls_back_to_the_dump():
    state = perceive(_dump(_node("", _node('text="A" clickable="true" bounds="[0,0][100,100]"'))), screen_size=(0, 0))
    assert (state.width, state.height) == (1080, 2400)


def test_app_window_shortened_by_the_keyboard_is_still_the_app():
    state = perceive_case("15_app_resized_by_ime.xml")
    assert state.dialogs == ()
    assert {e.window for e in state.elements} == {"app", "bar"}
    assert state.keyboard_shown and state.keyboard_bounds is not None and state.keyboard_bounds.top == 1314
    field = state.find(role="input")[0]
    assert field.focused and field.hint == "Type name, phone number, or email"


def test_identities_do_not_change_when_the_keyboard_resizes_the_window():
    resized = perceive_case("15_app_resized_by_ime.xml")
    full = perceive(read_case("15_app_resized_by_ime.xml").replace("[0,63][1080,1314]", "[0,63][1080,2274]"))
    assert [e.identity for e in full.elements if e.window == "app"] == [e.identity for e in resized.elements if e.window == "app"]


def test_an_app_whose_package_says_keyboard_is_not_taken_for_the_ime():
    app = _node('package="com.example.keyboardtrainer"', _node('package="com.example.keyboardtrainer" text="Start lesson" clickable="true" bounds="[100,200][500,300]"'))
    state = perceive(_dump(app))
    assert labels(state) == ["Start lesson"] and not state.keyboard_shown


def test_popup_menu_window_is_modal_but_not_a_dialog():
    items = "".join(
        _node(f'package="com.a" text="{name}" class="android.widget.TextView" clickable="true" bounds="[600,{200 + 120 * i}][1060,{320 + 120 * i}]"')
        for i, name in enumerate(["Share", "Rename", "Delete"])
    )
    menu = _node('package="com.a" bounds="[600,200][1060,560]"', _node('package="com.a" class="android.widget.ListView" bounds="[600,200][1060,560]"', items))
    app = _node('package="com.a"', _node('package="com.a" text="Behind the menu" clickable="true" bounds="[0,1000][1080,1200]"'))
    state = perceive(_dump(menu, app))
    assert labels(state) == ["Share", "Rename", "Delete"]  # the app below is covered: tapping it closes the menu
    assert state.dialogs == ()
