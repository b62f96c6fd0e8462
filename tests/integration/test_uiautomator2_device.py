"""The unmodified uiautomator2 client against the virtual device: device-level calls.

Each test drives the device through ``uiautomator2`` over the real adb server and then checks
the device's own state (foreground app, settings, clipboard), never only the client's answer.
"""

from __future__ import annotations

import time

import pytest
import uiautomator2 as u2

from test_uiautomator2_probe import ACTIVITY, PACKAGE, install, probe_state, uninstall

LAUNCHER = "com.android.launcher3"


@pytest.fixture(scope="module")
def d(adb_device):
    """One client for the module; uiautomator2 pushes u2.jar and starts app_process itself."""
    return u2.connect(adb_device)


@pytest.fixture
def probe(d, vdevice):
    install(vdevice.system)
    d.app_start(PACKAGE, ACTIVITY, stop=True)
    assert d.wait_activity(PACKAGE + ACTIVITY, timeout=5)
    yield vdevice.system
    uninstall(vdevice.system)


def wait_until(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_server_was_launched_through_app_process(d, vdevice):
    assert d.jsonrpc.ping() == "pong"
    assert vdevice.system.net.lookup(9008) is not None
    assert any("com.wetest.uia2.Main" in line for line in vdevice.system.log.lines())


def test_info_matches_the_device(d, vdevice):
    info = d.info
    w, h = vdevice.system.wm.size
    assert (info["displayWidth"], info["displayHeight"]) == (w, h)
    assert info["sdkInt"] == int(vdevice.system.props["ro.build.version.sdk"])
    assert info["currentPackageName"] == vdevice.system.am.current()[0]
    assert info["screenOn"] is True


def test_window_size_and_app_current(d, probe):
    assert d.window_size() == tuple(probe.wm.size)
    current = d.app_current()
    assert (current["package"], current["activity"]) == (PACKAGE, PACKAGE + ACTIVITY)


def test_screenshot_is_an_image_of_the_screen_size(d, vdevice):
    image = d.screenshot()
    assert image.size == tuple(vdevice.system.wm.size)
    assert image.getextrema() != ((0, 0), (0, 0), (0, 0))  # not the black fallback


def test_dump_hierarchy_is_the_live_screen(d, probe):
    xml = d.dump_hierarchy()
    assert xml.startswith("<?xml")
    assert f'package="{PACKAGE}"' in xml
    assert 'text="Pressed 0"' in xml
    pretty = d.dump_hierarchy(pretty=True)
    assert "\n" in pretty and "Press me" in pretty


def test_click_by_coordinates(d, probe):
    x, y = d(text="Press me").center()
    d.click(x, y)
    assert wait_until(lambda: probe_state(probe).get("presses") == 1)
    assert d(text="Pressed 1").exists


def test_click_by_fraction_of_the_screen(d, probe):
    bounds = d(text="Press me").info["bounds"]
    w, h = d.window_size()
    d.click(((bounds["left"] + bounds["right"]) / 2) / w, ((bounds["top"] + bounds["bottom"]) / 2) / h)
    assert wait_until(lambda: probe_state(probe).get("presses") == 1)


def test_long_click_by_coordinates(d, probe):
    x, y = d(text="Hold me").center()
    d.long_click(x, y, 0.8)
    assert wait_until(lambda: probe_state(probe).get("holds") == 1)
    assert probe_state(probe).get("presses", 0) == 0


def test_swipe_scrolls_the_list(d, probe):
    assert d(text="Row 0").exists
    w, h = d.window_size()
    d.swipe(w // 2, int(h * 0.8), w // 2, int(h * 0.3), 0.3)
    assert wait_until(lambda: not d(text="Row 0").exists(timeout=0))
    assert d(textStartsWith="Row ").count > 0


def test_press_home_and_back(d, probe):
    d.press("home")
    assert wait_until(lambda: probe.am.current()[0] == LAUNCHER)
    d.app_start(PACKAGE, ACTIVITY)
    assert wait_until(lambda: probe.am.current()[0] == PACKAGE)
    d.press("back")
    assert wait_until(lambda: probe.am.current()[0] != PACKAGE)


def test_press_key_code(d, probe):
    d(className="android.widget.EditText").click()
    d.press(29)  # KEYCODE_A
    assert wait_until(lambda: d(className="android.widget.EditText").get_text() == "a")


def test_clipboard_round_trip(d, vdevice):
    before = vdevice.system.clipboard.get()
    d.set_clipboard("droidpilot ✓ 剪贴板")
    assert vdevice.system.clipboard.get() == "droidpilot ✓ 剪贴板"
    assert d.clipboard == "droidpilot ✓ 剪贴板"
    with vdevice.system.lock:
        vdevice.system.clipboard.set(before)


def test_send_keys_into_the_focused_field(d, probe):
    d(className="android.widget.EditText").click()
    d.send_keys("Hello, wörld & co")
    assert wait_until(lambda: d(className="android.widget.EditText").get_text() == "Hello, wörld & co")
    assert 'Hello, wörld &amp; co' in d.dump_hierarchy()


def test_screen_off_and_on(d, vdevice):
    d.screen_off()
    assert vdevice.system.power.screen_on is False
    assert d.info["screenOn"] is False
    d.screen_on()
    assert vdevice.system.power.screen_on is True


def test_open_notification_shade(d, vdevice):
    d.open_notification()
    assert vdevice.system.notifications.shade_open is True
    d.press("back")
    assert wait_until(lambda: not vdevice.system.notifications.shade_open)


def test_last_toast_is_read_and_cleared(d, vdevice):
    with vdevice.system.lock:
        vdevice.system.toasts.show("Saved to drafts", "com.android.settings")
    assert d.last_toast == "Saved to drafts"
    d.clear_toast()
    assert d.last_toast is None


def test_unknown_method_is_an_rpc_error(d):
    with pytest.raises(u2.exceptions.RPCUnknownError, match="-32601"):
        d.jsonrpc.noSuchMethod()


def test_client_can_stop_and_restart_the_server(d, vdevice):
    # Other clients of this session may have started their own app_process since; take the
    # port back so the server answering is the one this client launched.
    vdevice.run(vdevice.system.net.unlisten(9008))
    d.start_uiautomator()
    assert vdevice.system.net.lookup(9008) is not None
    d.stop_uiautomator()  # closes the app_process stream, then waits for /ping to fail
    assert wait_until(lambda: vdevice.system.net.lookup(9008) is None)
    d.start_uiautomator()
    assert vdevice.system.net.lookup(9008) is not None
    assert d.info["displayWidth"] == vdevice.system.wm.size[0]


def test_client_recovers_when_the_server_disappears(d, vdevice):
    vdevice.run(vdevice.system.net.unlisten(9008))
    # the next call fails over HTTP; the client restarts app_process and retries once
    assert d.info["displayWidth"] == vdevice.system.wm.size[0]
    assert vdevice.system.net.lookup(9008) is not None


def test_orientation_set_and_read_back(d, vdevice):
    try:
        d.orientation = "left"
        assert d.orientation == "left"
        assert vdevice.system.wm.rotation == 1
        w, h = d.window_size()
        assert w > h
    finally:
        d.orientation = "natural"
    assert vdevice.system.wm.rotation == 0
    d.freeze_rotation(False)
