"""Settings scripted end to end through uiautomator2 selectors and adb only.

Every switch both changes the settings provider and is changed by it: a tap shows up in
``settings get``, and ``settings put`` / ``svc`` show up on screen.
"""

from __future__ import annotations

import io
import time

import pytest
import uiautomator2 as u2
from PIL import Image


@pytest.fixture
def d(adb_device, fresh_device):
    device = u2.connect(adb_device)
    device.press("home")
    return device


def setting(adb_device, namespace: str, key: str) -> str:
    return adb_device.shell(["settings", "get", namespace, key]).strip()


def wait_for(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_turn_wifi_off_by_tapping(d, adb_device):
    assert setting(adb_device, "global", "wifi_on") == "1"
    d(description="Settings").click()
    d(text="Network & internet").click()
    d(text="Wi-Fi").click()
    assert wait_for(lambda: setting(adb_device, "global", "wifi_on") == "0")
    # The switch on screen follows, and so does the status bar.
    switch = d(resourceId="android:id/switch_widget", instance=0)
    assert switch.info["checked"] is False
    # The status bar is another window: selectors search the active one, XPath sees every window.
    assert d.xpath('//*[@content-desc="Wifi off."]').exists


def test_settings_put_moves_the_brightness_slider_to_the_maximum(d, adb_device):
    adb_device.shell(["am", "start", "-a", "android.settings.DISPLAY_SETTINGS"])
    assert d(text="Brightness level").wait(timeout=5)
    adb_device.shell(["settings", "put", "system", "screen_brightness", "0"])
    bounds = d(resourceId="com.android.settings:id/seekbar").info["bounds"]

    def track_fill_at(fraction: float) -> tuple[int, int, int]:
        image = Image.open(io.BytesIO(adb_device.shell(["screencap", "-p"], encoding=None))).convert("RGB")
        x = int(bounds["left"] + (bounds["right"] - bounds["left"]) * fraction)
        y = (bounds["top"] + bounds["bottom"]) // 2
        return image.getpixel((x, y))

    empty = track_fill_at(0.9)
    adb_device.shell(["settings", "put", "system", "screen_brightness", "255"])
    assert d(text="100%").wait(timeout=5), "the summary shows the maximum"
    full = track_fill_at(0.9)
    assert full != empty, "the slider's filled track reaches the right end at the maximum"
    assert setting(adb_device, "system", "screen_brightness") == "255"


def test_svc_wifi_disable_shows_on_screen(d, adb_device):
    adb_device.shell(["am", "start", "-a", "android.settings.WIFI_SETTINGS"])
    assert d(text="HomeNetwork").wait(timeout=5)
    adb_device.shell(["svc", "wifi", "disable"])
    assert d(textContains="turn Wi-Fi on").wait(timeout=5)
    assert not d(text="HomeNetwork").exists
    adb_device.shell(["svc", "wifi", "enable"])
    assert d(text="HomeNetwork").wait(timeout=5)


def test_airplane_mode_switch_turns_radios_off_and_back(d, adb_device):
    adb_device.shell(["am", "start", "-a", "android.settings.WIRELESS_SETTINGS"])
    # In airplane mode the Internet row's summary also reads "Airplane mode": use the row's id.
    d(resourceId="com.android.settings:id/airplane_row").click()
    assert wait_for(lambda: setting(adb_device, "global", "airplane_mode_on") == "1")
    assert setting(adb_device, "global", "wifi_on") == "0"
    d(resourceId="com.android.settings:id/airplane_row").click()
    assert wait_for(lambda: setting(adb_device, "global", "wifi_on") == "1")


def test_dark_theme_switch_repaints_the_screen(d, adb_device):
    adb_device.shell(["am", "start", "-a", "android.settings.DISPLAY_SETTINGS"])
    light = Image.open(io.BytesIO(adb_device.shell(["screencap", "-p"], encoding=None))).convert("L")
    d(text="Dark theme").click()
    assert wait_for(lambda: setting(adb_device, "secure", "ui_night_mode") == "2")
    dark = Image.open(io.BytesIO(adb_device.shell(["screencap", "-p"], encoding=None))).convert("L")
    mid = (light.width // 2, light.height // 2 + 300)
    assert dark.getpixel(mid) < light.getpixel(mid)


def test_app_info_force_stop_and_clear_storage(d, adb_device):
    adb_device.shell(["monkey", "-p", "com.android.settings", "-c", "android.intent.category.LAUNCHER", "1"])
    adb_device.shell(["am", "start", "-a", "android.settings.APPLICATION_DETAILS_SETTINGS", "-d", "package:com.android.settings"])
    assert d(text="Force stop").wait(timeout=5)
    d(text="Clear storage").click()
    assert d(text="Delete app data?").wait(timeout=5)
    d(text="Cancel").click()
    assert not d(text="Delete app data?").exists
