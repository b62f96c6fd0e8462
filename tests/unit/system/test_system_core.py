"""The virtual device's OS, driven in-process through its own shell (no adb): activity manager,
intents, settings, providers, dumpsys formats the clients parse, faults and seeding."""

from __future__ import annotations

import asyncio
import re

import pytest

from droidpilot.emulator.virtual.shell import Shell
from droidpilot.emulator.virtual.shell.io import BufferIO
from droidpilot.emulator.virtual.system.core import System
from droidpilot.emulator.virtual.system.intents import Intent


@pytest.fixture(scope="module")
def system():
    return System()


def sh(system: System, script: str) -> tuple[int, str, str]:
    io = BufferIO()
    code = asyncio.run(Shell(system).run(script, io))
    return code, io.stdout_text, io.stderr_text


def test_boots_to_the_home_screen():
    s = System()
    assert s.am.current() == ("com.android.launcher3", ".uioverrides.QuickstepLauncher")


def test_am_start_resolves_implicit_intents_and_back_returns(system):
    code, out, _ = sh(system, "am start -a android.settings.DISPLAY_SETTINGS")
    assert code == 0 and out.startswith("Starting: Intent { act=android.settings.DISPLAY_SETTINGS")
    assert system.am.current()[1] == ".Settings$DisplaySettingsActivity"
    sh(system, "input keyevent KEYCODE_BACK")
    assert system.am.current()[0] != "com.android.settings" or system.am.current()[1] != ".Settings$DisplaySettingsActivity"


def test_am_start_unknown_component_is_an_error_type_3(system):
    code, _, err = sh(system, "am start -n com.example/.Nope")
    assert code != 0 and "Error type 3" in err and "does not exist" in err


def test_launching_a_running_app_brings_its_task_forward(system):
    sh(system, "am start -n com.android.settings/.Settings")
    sh(system, "am start -n 'com.android.settings/.Settings$SoundSettingsActivity'")
    sh(system, "input keyevent HOME")
    sh(system, "monkey -p com.android.settings -c android.intent.category.LAUNCHER 1")
    assert system.am.current() == ("com.android.settings", ".Settings$SoundSettingsActivity")


def test_force_stop_removes_the_task_and_returns_home(system):
    sh(system, "am start -n com.android.settings/.Settings")
    sh(system, "am force-stop com.android.settings")
    assert system.am.current()[0] == "com.android.launcher3"
    assert not system.am.tasks_of("com.android.settings")


def test_settings_get_put_delete_list_and_listeners(system):
    assert sh(system, "settings get global no_such_key")[1] == "null\n"
    sh(system, "settings put global droidpilot_test 42")
    assert sh(system, "settings get global droidpilot_test")[1] == "42\n"
    assert "droidpilot_test=42" in sh(system, "settings list global")[1]
    assert sh(system, "settings delete global droidpilot_test")[1] == "Deleted 1 rows\n"
    code, _, err = sh(system, "settings get nowhere key")
    assert code != 0 and "Invalid namespace" in err


def test_svc_wifi_changes_the_setting_and_the_status_bar(system):
    sh(system, "svc wifi disable")
    assert system.settings.get("global", "wifi_on") == "0"
    assert 'content-desc="Wifi off."' in system.wm.hierarchy_xml()
    sh(system, "svc wifi enable")
    assert 'content-desc="Wifi signal full."' in system.wm.hierarchy_xml()


def test_dumpsys_formats_match_what_adbutils_parses(system):
    sh(system, "am start -n com.android.settings/.Settings")
    windows = sh(system, "dumpsys window windows")[1]
    m = re.search(r"mCurrentFocus=Window\{.*\s+(?P<package>[^\s]+)/(?P<activity>[^\s]+)\}", windows)
    assert m and m.group("package") == "com.android.settings"
    activities = sh(system, "dumpsys activity activities")[1]
    assert re.search(r"mResumedActivity: ActivityRecord\{.*?\s+com\.android\.settings/\.Settings\s.*?\}", activities)
    top = sh(system, "dumpsys activity top")[1]
    assert re.search(r"ACTIVITY com\.android\.settings/\.Settings \w+ pid=\d+", top)
    assert "Physical size: 1080x2400" in sh(system, "wm size")[1]
    display = sh(system, "dumpsys display")[1]
    assert re.search(r".*?orientation=(\d+)", display).group(1) == "0"
    assert "mHoldingDisplaySuspendBlocker=true" in sh(system, "dumpsys power")[1]
    package = sh(system, "dumpsys package com.android.settings")[1]
    assert re.search(r"versionName=\S+", package) and re.search(r"firstInstallTime=[-\d]+\s+[:\d]+", package)
    battery = sh(system, "dumpsys battery")[1]
    assert "  level: 100" in battery


def test_wm_size_override_and_reset(system):
    sh(system, "wm size 720x1280")
    assert "Override size: 720x1280" in sh(system, "wm size")[1]
    assert system.wm.size == (720, 1280)
    sh(system, "wm size reset")
    assert system.wm.size == (1080, 2400)


def test_content_insert_query_update_delete_round_trip():
    s = System()
    uri = "content://com.android.contacts/raw_contacts"
    code, _, err = sh(s, f"content insert --uri {uri} --bind account_type:s:local")
    assert code == 0, err
    out = sh(s, f"content query --uri {uri} --projection _id:account_type")[1]
    assert out.startswith("Row: 0 _id=") and "account_type=local" in out
    assert sh(s, f"content query --uri {uri} --where \"account_type='nobody'\"")[1] == "No result found.\n"
    code, _, err = sh(s, "content query --uri content://no.such.authority/x")
    assert code != 0 and "provider" in err.lower()


def test_input_text_decodes_percent_s_and_refuses_non_ascii(system):
    sh(system, "input keyevent HOME")
    system.am.top().ui_state.update({"drawer": True, "focus": "apps_search"})
    system.wm.invalidate()
    sh(system, "input text hello%sworld")
    assert system.am.top().ui_state["text:apps_search"] == "hello world"
    code, _, err = sh(system, "input text 日本")
    assert code != 0 and "Exception" in err


def test_ime_list_and_dumpsys_input_method_follow_the_keyboard(system):
    assert "com.google.android.inputmethod.latin" in sh(system, "ime list -s")[1]
    system.ime.show()
    assert "mInputShown=true" in sh(system, "dumpsys input_method")[1]
    system.ime.hide()
    assert "mInputShown=false" in sh(system, "dumpsys input_method")[1]


def test_cmd_droidpilot_fault_switches_disruptions():
    s = System()
    code, out, _ = sh(s, "cmd droidpilot fault list")
    assert code == 0 and "popup: off" in out
    sh(s, "cmd droidpilot fault anr on")
    assert s.faults.is_enabled("anr")
    sh(s, "cmd droidpilot fault anr off")
    assert not s.faults.is_enabled("anr")


def test_seeded_devices_have_user_data_and_unseeded_ones_do_not():
    assert sh(System(), "content query --uri content://sms/inbox")[1] == "No result found.\n"
    seeded = sh(System(seed=3), "content query --uri content://sms/inbox --projection address:body")[1]
    assert seeded.startswith("Row: 0 ")
    assert seeded == sh(System(seed=3), "content query --uri content://sms/inbox --projection address:body")[1]


def test_permission_prompt_uses_the_permission_controller_ids():
    s = System()
    s.faults.enable("permissions")
    s.am.start(s.packages.launch_intent("com.android.camera2"))
    s.wm.window_list()
    xml = s.wm.hierarchy_xml()
    assert 'resource-id="com.android.permissioncontroller:id/permission_message"' in xml
    assert "permission_allow_button" in xml


def test_state_dir_keeps_settings_and_files_across_restarts(tmp_path):
    first = System(state_dir=tmp_path)
    first.settings.put("system", "screen_brightness", "200")
    first.fs.write("/sdcard/Download/kept.txt", b"still here")
    second = System(state_dir=tmp_path)
    assert second.settings.get("system", "screen_brightness") == "200"
    assert second.fs.read("/sdcard/Download/kept.txt") == b"still here"


def test_snapshot_and_restore_bring_back_settings_and_data():
    s = System()
    snap = s.snapshot()
    s.settings.put("global", "wifi_on", "0")
    s.fs.write("/sdcard/Download/later.txt", b"x")
    s.restore(snap)
    assert s.settings.get("global", "wifi_on") == "1"
    assert not s.fs.exists("/sdcard/Download/later.txt")
    assert s.am.current()[0] == "com.android.launcher3"


def test_intent_in_started_app_back_stack_and_home_back_does_nothing():
    system = System()
    sh(system, "input keyevent HOME")
    before = system.am.current()
    sh(system, "input keyevent BACK")
    assert system.am.current() == before
    system.am.start(Intent(component="com.android.settings/.Settings"))
    system.am.start(Intent(component="com.android.settings/.Settings$DisplaySettingsActivity"), caller=system.am.top())
    assert len(system.am.front_task.stack) == 2
