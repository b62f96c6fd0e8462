"""ScreenState lookups, identities across steps, fingerprints and what an action changed."""

from __future__ import annotations

import re

import pytest

from droidpilot.errors import ElementNotFound
from droidpilot.perception import Element, ScreenState, perceive

from .conftest import perceive_case, read_case


def test_element_by_index_and_a_helpful_error_outside_the_range():
    state = perceive_case("11a_settings_wifi_on.xml")
    assert state.element(2).label == "Wi-Fi · HomeNet"
    with pytest.raises(ElementNotFound, match=r"valid indexes are 0\.\.4"):
        state.element(9)
    with pytest.raises(ElementNotFound, match="integer"):
        state.element("2")  # type: ignore[arg-type]


def test_element_on_an_empty_screen_says_what_to_do():
    state = perceive('<hierarchy rotation="0"/>')
    with pytest.raises(ElementNotFound, match="no elements"):
        state.element(0)


def test_find_by_text_id_and_role():
    state = perceive_case("11a_settings_wifi_on.xml")
    assert [e.index for e in state.find(text="wi-fi")] == [2]
    assert [e.index for e in state.find(role="switch")] == [2, 3]
    assert [e.index for e in state.find(resource_id="com.android.settings:id/recycler_view")] == [1]
    assert state.find(text="Bluetooth", exact=True)[0].index == 3
    assert state.find(text="Blue", exact=True) == ()
    assert state.find_one(text="Hotspot").enabled is False
    with pytest.raises(ElementNotFound, match="Airplane"):
        state.find_one(text="Airplane")


def test_identities_survive_a_state_change_and_indexes_are_per_step():
    on = perceive_case("11a_settings_wifi_on.xml")
    off = perceive_case("11b_settings_wifi_off.xml")
    assert [e.identity for e in on.elements] == [e.identity for e in off.elements]
    assert on.fingerprint != off.fingerprint


def test_diff_reports_the_toggled_switch():
    on = perceive_case("11a_settings_wifi_on.xml")
    off = perceive(read_case("11b_settings_wifi_off.xml"), previous=on)
    change = off.change
    assert change is not None and not change.is_empty
    assert change.appeared == () and change.disappeared == ()
    (changed,) = change.changed
    assert changed.after.index == 2 and set(changed.fields) == {"checked"}
    assert change.summary() == '~1 ([2] "Wi-Fi · Off" not checked)'


def test_diff_with_no_change_is_empty():
    state = perceive_case("11a_settings_wifi_on.xml")
    again = perceive(read_case("11a_settings_wifi_on.xml"), previous=state)
    assert again.change is not None and again.change.is_empty
    assert again.change.summary() == "no visible change"


def test_diff_when_a_dialog_opens_names_it_and_what_disappeared():
    previous = perceive_case("07_duplicate_ids.xml")
    with_dialog = perceive_case("02_dialog_covers_content.xml")
    diff = with_dialog.diff(previous)
    assert diff.dialogs_before == () and diff.dialogs_after == ("alert",)
    assert "dialog opened: alert" in diff.summary()
    assert "app com.example.contacts → com.example.notes" in diff.summary()
    assert len(diff.appeared) == 4 and len(diff.disappeared) == len(previous.elements)


def test_diff_against_nothing_is_the_first_screen():
    state = perceive_case("11a_settings_wifi_on.xml")
    diff = state.diff(None)
    assert diff.first_screen and diff.summary() == "first screen" and len(diff.appeared) == len(state.elements)


def test_keyboard_appearing_is_part_of_the_diff():
    without = perceive_case("01_multi_window_ime.xml", keyboard_shown=False)
    with_kb = perceive_case("01_multi_window_ime.xml")
    assert "keyboard shown" in with_kb.diff(without).summary()


def test_moved_element_is_reported_as_moved():
    before = perceive_case("11a_settings_wifi_on.xml")
    shifted = read_case("11a_settings_wifi_on.xml").replace("[0,400][1080,600]", "[0,440][1080,640]")
    after = perceive(shifted, previous=before)
    moved = [c for c in after.change.changed if "bounds" in c.fields]
    assert [c.after.label for c in moved] == ["Bluetooth"]


def test_state_round_trips_through_json():
    state = perceive_case("01_multi_window_ime.xml")
    restored = ScreenState.model_validate_json(state.model_dump_json())
    assert restored.elements == state.elements
    assert restored.fingerprint == state.fingerprint and restored.keyboard_bounds == state.keyboard_bounds


def test_fast_built_elements_equal_validated_ones():
    state = perceive_case("07_duplicate_ids.xml")
    for element in state.elements:
        assert Element.model_validate(element.model_dump()) == element


def test_states_are_frozen():
    state = perceive_case("11a_settings_wifi_on.xml")
    with pytest.raises(Exception, match="frozen"):
        state.package = "x"  # type: ignore[misc]
    with pytest.raises(Exception, match="frozen"):
        state.elements[0].text = "x"  # type: ignore[misc]


def test_grid_point_names_a_cell():
    state = perceive_case("11a_settings_wifi_on.xml")
    assert state.grid_point("A1") == (67, 100)
    assert state.grid_point("h12") == (1012, 2300)


def test_screenshot_is_kept_privately_and_can_be_replaced():
    state = perceive_case("11a_settings_wifi_on.xml", screenshot=b"png-bytes")
    assert state.screenshot == b"png-bytes"
    assert "png-bytes" not in state.model_dump_json()
    other = state.with_screenshot(b"other")
    assert other.screenshot == b"other" and state.screenshot == b"png-bytes"


def test_actionable_separates_targets_from_plain_text():
    state = perceive_case("11a_settings_wifi_on.xml")
    assert [e.actionable for e in state.elements] == [False, True, True, True, True]


def test_scrolling_reads_as_elements_moved_not_as_changes():
    before = perceive_case("07_duplicate_ids.xml")
    def scroll_rows(match: re.Match) -> str:
        l, t, r, b = map(int, match.groups())
        return f'bounds="[{l},{t - 100}][{r},{b - 100}]"' if t >= 300 else match.group(0)

    xml = re.sub(r'bounds="\[(\d+),(\d+)\]\[(\d+),(\d+)\]"', scroll_rows, read_case("07_duplicate_ids.xml"))
    xml = xml.replace('bounds="[0,200][1080,2300]"', 'bounds="[0,300][1080,2400]"')  # the list itself stays put
    after = perceive(xml, previous=before)
    summary = after.change.summary()
    assert summary == "4 moved"
