"""Every action kind through the actuator on the virtual device, checked by the device's state."""

from __future__ import annotations

import time

import pytest

from droidpilot.actions import (
    DoubleTap,
    Finish,
    LongPress,
    OpenApp,
    OpenUrl,
    PressKey,
    Scroll,
    StartIntent,
    Swipe,
    Tap,
    TypeText,
    Wait,
)
from droidpilot.actions.actuator import Actuator
from droidpilot.actions.policy import ConfirmationPolicy
from droidpilot.device import connect
from droidpilot.perception import perceive

# Forty-plus strings that break naive text entry: shell metacharacters, quotes, printf escapes,
# IFS tricks, newlines, tabs, right-to-left text, combining marks, CJK, emoji, long text.
HOSTILE_TEXTS = [
    "it's",
    'say "hi"',
    "%s",
    "100%",
    "%d%n%x",
    "a%sb",
    "$(reboot)",
    "`reboot`",
    "${IFS}",
    "ok;touch${IFS}/tmp/droidpilot-pwned",
    "a && b || c",
    "x | grep y",
    "> /sdcard/out.txt",
    "< /etc/passwd",
    "2>&1",
    "$HOME $? $$ $!",
    "back\\slash \\n \\t",
    "semi;colon",
    "amp&ersand",
    "#not a comment",
    "~user/*.txt ? [abc]",
    "{a,b} (sub) !bang",
    "'single' \"double\" `back`",
    "tab\there",
    "line1\nline2",
    "trailing space ",
    "  leading space",
    "multiple   spaces",
    "\u202eRTL override\u202c",
    "مرحبا بالعالم",
    "שלום עולם",
    "e\u0301 n\u0303 a\u0308",
    "Z\u0351\u0364\u0336a\u0338l\u0321g\u0334o",
    "日本語のテキスト",
    "中文输入测试",
    "한국어 텍스트",
    "emoji 😀👍🏽🇺🇸👨‍👩‍👧",
    "Ünïcödé Àccénts çà",
    "Ωμέγα Ελληνικά",
    "NUL-free \u00a0nbsp\u2003em",
    "mixed: $(id) 日本 😀 %s 'q'",
    "x" * 2000,
]


@pytest.fixture
def dev(adb_server, fresh_device):
    return connect(fresh_device.serial, adb_port=adb_server.port)


def screen(dev):
    obs = dev.observe()
    return perceive(obs.hierarchy, package=obs.package, activity=obs.activity, screen_size=(obs.width, obs.height),
                    keyboard_shown=obs.keyboard_shown)


def element(state, label_start):
    return next(e for e in state.elements if e.label.startswith(label_start))


def open_launcher_search(dev, act):
    state = screen(dev)
    result = act.execute(Tap(index=element(state, "Search").index), state)
    assert result.ok, result.error
    state = screen(dev)
    assert state.keyboard_shown
    return state


def test_tap_opens_the_tapped_settings_page(dev):
    act = Actuator(dev)
    dev.app_start("com.android.settings")
    state = screen(dev)
    result = act.execute(Tap(index=element(state, "Display").index), state)
    assert result.ok and result.sent and result.duration_ms > 0
    assert screen(dev).activity.endswith("DisplaySettingsActivity")


def test_tap_by_coordinates(dev):
    act = Actuator(dev)
    dev.app_start("com.android.settings")
    state = screen(dev)
    x, y = element(state, "Display").visible_center
    assert act.execute(Tap(x=x, y=y), state).ok
    assert screen(dev).activity.endswith("DisplaySettingsActivity")


def test_long_press_on_a_text_field_focuses_it(dev):
    act = Actuator(dev)
    open_launcher_search(dev, act)
    dev.press_key(4)  # hide the keyboard, keep the drawer
    state = screen(dev)
    assert not state.keyboard_shown
    field = next(e for e in state.elements if e.editable)
    assert act.execute(LongPress(index=field.index), state).ok
    assert screen(dev).keyboard_shown


def test_double_tap_on_a_switch_toggles_it_twice(dev):
    act = Actuator(dev)
    dev.shell(["am", "start", "-a", "android.settings.WIFI_SETTINGS"])
    state = screen(dev)
    assert act.execute(DoubleTap(index=element(state, "Wi-Fi").index), state).ok
    assert dev.shell(["settings", "get", "global", "wifi_on"]).output.strip() == "1"
    state = screen(dev)
    assert act.execute(Tap(index=element(state, "Wi-Fi").index), state).ok
    assert dev.shell(["settings", "get", "global", "wifi_on"]).output.strip() == "0"


def test_swipe_up_on_home_opens_the_app_drawer(dev):
    act = Actuator(dev)
    state = screen(dev)
    assert act.execute(Swipe(direction="up"), state).ok
    assert any(e.resource_id == "apps_search" for e in screen(dev).elements)


def test_scroll_until_text_appears(dev):
    act = Actuator(dev)
    dev.shell(["am", "start", "-a", "android.settings.APPLICATION_SETTINGS"])
    state = screen(dev)
    labels = [e.label for e in state.elements]
    assert not any(label.startswith("System UI") for label in labels)
    result = act.execute(Scroll(direction="down", until="System UI"), state)
    assert result.ok, result.error
    assert any(e.label.startswith("System UI") for e in screen(dev).elements)


def test_scroll_until_missing_text_fails_with_a_reason(dev):
    act = Actuator(dev)
    dev.shell(["am", "start", "-a", "android.settings.APPLICATION_SETTINGS"])
    result = act.execute(Scroll(direction="down", until="No Such App Anywhere", max_swipes=6), screen(dev))
    assert not result.ok and result.error_type == "InvalidAction"


def test_press_key_back_returns_to_the_previous_screen(dev):
    act = Actuator(dev)
    dev.shell(["am", "start", "-n", "com.android.settings/.Settings"])
    dev.shell(["am", "start", "-n", "com.android.settings/.Settings$DisplaySettingsActivity"])
    assert act.execute(PressKey(key="back"), screen(dev)).ok
    assert screen(dev).activity == "com.android.settings.Settings"


@pytest.mark.parametrize("name", ["Settings", "settings", "com.android.settings", "Setings", "the settings"])
def test_open_app_by_human_name(dev, name):
    act = Actuator(dev)
    result = act.execute(OpenApp(app=name), screen(dev))
    assert result.ok, result.error
    assert screen(dev).package == "com.android.settings"


def test_open_app_not_found_lists_near_matches(dev):
    result = Actuator(dev).execute(OpenApp(app="Flight Simulator Pro"), screen(dev))
    assert not result.ok and result.error_type == "AppNotFound"


def test_start_intent_opens_display_settings(dev):
    act = Actuator(dev)
    result = act.execute(StartIntent(action="android.settings.DISPLAY_SETTINGS"), screen(dev))
    assert result.ok, result.error
    assert screen(dev).activity.endswith("DisplaySettingsActivity")


def test_start_intent_that_resolves_nowhere_fails_cleanly(dev):
    result = Actuator(dev).execute(StartIntent(action="com.example.NOTHING_HANDLES_THIS"), screen(dev))
    assert not result.ok and result.error_type == "InvalidAction"


def test_open_url_starts_a_browser_when_one_is_installed(dev):
    apps = {a.package for a in dev.launchable_apps()}
    result = Actuator(dev).execute(OpenUrl(url="https://example.com/news"), screen(dev))
    if "com.android.chrome" in apps:
        assert result.ok, result.error
        assert screen(dev).package == "com.android.chrome"
    else:
        assert not result.ok and "no app can open" in result.error


def test_wait_seconds_and_until(dev):
    act = Actuator(dev)
    started = time.monotonic()
    assert act.execute(Wait(seconds=0.4), screen(dev)).ok
    assert time.monotonic() - started >= 0.4
    assert act.execute(Wait(seconds=2, until="Search"), screen(dev)).ok
    missing = act.execute(Wait(seconds=0.5, until="Text that never shows"), screen(dev))
    assert not missing.ok


def test_finish_touches_nothing(dev):
    before = dev.observe().hierarchy
    result = Actuator(dev).execute(Finish(status="complete", reason="done"), screen(dev))
    assert result.ok and result.sent == []
    assert dev.observe().hierarchy == before


def test_index_not_on_screen_is_rejected_before_the_device(dev, fresh_device):
    fresh_device.system.log.clear()
    result = Actuator(dev).execute(Tap(index=999), screen(dev))
    assert not result.ok and result.error_type == "ElementNotFound"
    assert result.sent == []


def test_hostile_texts_arrive_exactly_and_run_nothing(dev, fresh_device, tmp_path):
    act = Actuator(dev)
    open_launcher_search(dev, act)
    fresh_device.system.log.clear()
    for text in HOSTILE_TEXTS:
        state = screen(dev)
        field = next(e for e in state.elements if e.editable)
        result = act.execute(TypeText(index=field.index, text=text), state)
        assert result.ok, (text, result.error)
        assert dev.u2(focused=True).get_text() == text, repr(text)
    # Only the client's own reads ran on the device: no typed text ever reached its shell.
    for line in fresh_device.system.log.lines():
        assert "reboot" not in line and "pwned" not in line and "passwd" not in line, line
    import os

    assert not os.path.exists("/tmp/droidpilot-pwned")


def test_plain_ascii_goes_through_input_text_without_uiautomator2(adb_server, fresh_device):
    plain = connect(fresh_device.serial, adb_port=adb_server.port, use_uiautomator2=False)
    act = Actuator(plain)
    open_launcher_search(plain, act)
    for text in ["hello world", "100% sure", "a%sb", "it's \"quoted\" $(id) `x` ;&|"]:
        state = screen(plain)
        field = next(e for e in state.elements if e.editable)
        result = act.execute(TypeText(index=field.index, text=text), state)
        assert result.ok and result.route == "input_text", result.error
        assert next(e for e in screen(plain).elements if e.editable).text == text
    assert not any("$(id)" in line and "input" not in line for line in fresh_device.system.log.lines())


def test_a_risky_action_is_refused_under_deny(dev):
    act = Actuator(dev, ConfirmationPolicy(mode="deny"), goal="check the weather")
    result = act.execute(StartIntent(action="android.intent.action.CALL", data="tel:5551234"), screen(dev))
    assert not result.ok and result.error_type == "UnsafeActionDenied"
    assert result.sent == []


def test_any_script_types_through_a_broadcast_keyboard_without_uiautomator2(adb_server):
    from droidpilot.emulator.virtual.device import VirtualDevice

    with VirtualDevice(adb_server_port=adb_server.port, adb_keyboard=True) as vd:
        deadline = time.monotonic() + 10
        while vd.serial not in [d.serial for d in adb_server.client.list() if d.state == "device"]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        plain = connect(vd.serial, adb_port=adb_server.port, use_uiautomator2=False)
        act = Actuator(plain)
        open_launcher_search(plain, act)
        for text in ["日本語 😀", "it's $(id) %s", "Ünïcödé"]:
            state = screen(plain)
            field = next(e for e in state.elements if e.editable)
            result = act.execute(TypeText(index=field.index, text=text), state)
            assert result.ok and result.route == "adb_keyboard", result.error
            assert next(e for e in screen(plain).elements if e.editable).text == text
        assert plain.shell(["settings", "get", "secure", "default_input_method"]).output.strip() == "com.android.adbkeyboard/.AdbIME"
