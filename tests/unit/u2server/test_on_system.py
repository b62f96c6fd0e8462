"""The method table on the real ``System`` (no adb): the server's effects are the OS's state."""

from __future__ import annotations

import asyncio
import json

import pytest

from droidpilot.emulator.virtual.u2server.jsonrpc import dispatch
from droidpilot.emulator.virtual.u2server.methods import U2Methods

from .test_selector import sel

System = pytest.importorskip("droidpilot.emulator.virtual.system.core").System


@pytest.fixture
def os_():
    system = System()
    system.u2_table = U2Methods(system).table()
    return system


def call(system, method, *params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    reply = asyncio.run(dispatch(body, system.u2_table))
    assert "error" not in reply, reply
    return reply["result"]


def test_dump_is_the_window_managers_xml(os_):
    assert call(os_, "dumpWindowHierarchy", False, 50) == os_.wm.hierarchy_xml()


def test_set_orientation_rotates_and_survives_settings_changes(os_):
    call(os_, "setOrientation", "left")
    assert os_.wm.rotation == 1
    assert os_.settings.get("system", "user_rotation") == "1"
    assert os_.settings.get("system", "accelerometer_rotation") == "0"
    os_.settings.put("global", "wifi_on", "0")  # any settings write re-applies user_rotation
    assert os_.wm.rotation == 1
    info = call(os_, "deviceInfo")
    assert (info["displayRotation"], info["displayWidth"] > info["displayHeight"]) == (1, True)
    call(os_, "setOrientation", "n")
    assert os_.wm.rotation == 0


def test_freeze_keeps_the_current_rotation(os_):
    os_.wm.set_rotation(3)
    call(os_, "freezeRotation", True)
    os_.settings.put("global", "wifi_on", "1")
    assert os_.wm.rotation == 3
    call(os_, "freezeRotation", False)
    assert os_.settings.get("system", "accelerometer_rotation") == "1"


def test_click_on_a_launcher_icon_starts_the_app(os_):
    assert call(os_, "click", sel(text="Settings")) is True
    assert os_.am.current()[0] == "com.android.settings"
    assert call(os_, "waitForExists", sel(text="Network & internet"), 2000) is True


def test_key_presses_reach_the_activity_manager(os_):
    call(os_, "click", sel(text="Settings"))
    assert call(os_, "pressKey", "home") is True
    assert os_.am.current()[0] == "com.android.launcher3"


def test_clipboard_and_power(os_):
    call(os_, "setClipboard", "label", "copied")
    assert os_.clipboard.get() == "copied"
    call(os_, "sleep")
    assert os_.power.screen_on is False
    call(os_, "wakeUp")
    assert os_.power.screen_on is True
