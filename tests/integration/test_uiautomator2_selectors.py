"""The unmodified uiautomator2 client against the virtual device: selectors and xpath."""

from __future__ import annotations

import time

import pytest
import uiautomator2 as u2

from test_uiautomator2_probe import ACTIVITY, PACKAGE, ROWS, install, probe_state, uninstall

SETTINGS = "com.android.settings"


@pytest.fixture(scope="module")
def d(adb_device):
    return u2.connect(adb_device)


@pytest.fixture
def probe(d, vdevice):
    install(vdevice.system)
    d.app_start(PACKAGE, ACTIVITY, stop=True)
    assert d.wait_activity(PACKAGE + ACTIVITY, timeout=5)
    yield vdevice.system
    uninstall(vdevice.system)


@pytest.fixture
def settings(d, vdevice, adb_device):
    adb_device.shell(["settings", "put", "global", "wifi_on", "1"])
    d.app_start(SETTINGS, stop=True)
    assert d(text="Network & internet").wait(timeout=5)
    yield vdevice.system
    adb_device.shell(["settings", "put", "global", "wifi_on", "1"])
    d.press("home")


def wait_until(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_click_by_selector_opens_a_page(d, settings):
    d(text="Network & internet").click()
    assert wait_until(lambda: settings.am.current()[1].endswith("NetworkDashboardActivity"))
    assert d(text="Wi-Fi").exists


def test_click_on_a_switch_changes_the_setting(d, settings, adb_device):
    d(text="Network & internet").click()
    assert d(text="Wi-Fi").wait(timeout=5)
    d(text="Wi-Fi").click()
    assert wait_until(lambda: adb_device.shell(["settings", "get", "global", "wifi_on"]).strip() == "0")


def test_exists_and_wait(d, settings):
    assert d(text="Network & internet").exists
    assert not d(text="No such row anywhere").exists
    assert d(text="No such row anywhere").wait(timeout=0.3) is False
    d(text="Network & internet").click()
    assert d(text="Network & internet", resourceId="com.android.settings:id/title").wait_gone(timeout=5)


def test_info_of_a_selected_element(d, probe):
    info = d(text="Press me").info
    assert info["className"] == "android.widget.Button"
    assert info["packageName"] == PACKAGE
    assert info["clickable"] is True
    assert info["bounds"]["right"] > info["bounds"]["left"]


def test_missing_element_raises_ui_object_not_found(d, probe):
    with pytest.raises(u2.UiObjectNotFoundError):
        d(text="Nowhere to be seen").click(timeout=0.2)
    with pytest.raises(u2.UiObjectNotFoundError):
        _ = d(text="Nowhere to be seen").info


def test_long_click_by_selector(d, probe):
    d(text="Hold me").long_click()
    assert wait_until(lambda: probe_state(probe).get("holds") == 1)


def test_set_text_and_get_text(d, probe):
    field = d(className="android.widget.EditText")
    field.set_text("first value")
    assert field.get_text() == "first value"
    assert wait_until(lambda: "first value" in str(probe_state(probe)))
    field.clear_text()
    assert wait_until(lambda: "first value" not in d.dump_hierarchy())


def test_child_sibling_and_instance(d, probe):
    rows = d(resourceIdMatches=".*rows")
    assert rows.child(text="Row 1").exists
    assert d(text="Row 1").sibling(text="Row 2").exists
    third = d(textStartsWith="Row ")[2]
    assert third.get_text() == "Row 2"
    assert [o.get_text() for o in list(d(textStartsWith="Row "))[:3]] == ["Row 0", "Row 1", "Row 2"]


def test_regex_selectors(d, probe):
    assert d(textMatches=r"Row \d+").count == d(textStartsWith="Row ").count
    assert not d(textMatches=r"Row").exists  # Matcher.matches(): the whole text


def test_scroll_to_end_and_back(d, probe):
    rows = d(scrollable=True)
    rows.scroll.to(text=f"Row {ROWS - 1}")
    assert d(text=f"Row {ROWS - 1}").exists
    rows.scroll.toBeginning()
    assert d(text="Row 0").exists
    assert rows.scroll.forward() is True


def test_xpath_click_and_get(d, settings):
    assert d.xpath('//*[@text="Network & internet"]').exists
    d.xpath('//*[@text="Network & internet"]').click()
    assert wait_until(lambda: settings.am.current()[1].endswith("NetworkDashboardActivity"))
    assert d.xpath('//*[@text="Wi-Fi"]').get_text() == "Wi-Fi"


def test_xpath_set_text(d, probe):
    d.xpath("//android.widget.EditText").set_text("via xpath")
    assert wait_until(lambda: d(className="android.widget.EditText").get_text() == "via xpath")
