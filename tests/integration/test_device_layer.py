"""The device layer against the virtual device over the real adb server and clients."""

from __future__ import annotations

import time

import pytest

from droidpilot import errors
from droidpilot.device import AdbDevice, connect
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.perception import perceive


PIXELS_ONLY = {"com.droidpilot.sketch"}


@pytest.fixture
def device(adb_server, fresh_device) -> AdbDevice:
    return connect(fresh_device.serial, adb_port=adb_server.port)


def state_of(dev: AdbDevice, previous=None):
    obs = dev.observe()
    return perceive(
        obs.hierarchy,
        previous=previous,
        package=obs.package,
        activity=obs.activity,
        screen_size=(obs.width, obs.height),
        keyboard_shown=obs.keyboard_shown,
    )


def test_connect_picks_the_named_device_and_reports_its_screen(device, fresh_device):
    obs = device.observe()
    assert obs.serial == fresh_device.serial
    assert (obs.width, obs.height) == (1080, 2400)
    assert obs.package == "com.android.launcher3"
    assert obs.hierarchy.startswith("<?xml")
    png = obs.screenshot()
    assert png.startswith(b"\x89PNG")


def test_connect_without_a_serial_lists_what_is_attached_when_ambiguous(adb_server, vdevice, monkeypatch):
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    with VirtualDevice(adb_server_port=adb_server.port) as second:
        deadline = time.monotonic() + 10
        while second.serial not in [d.serial for d in adb_server.client.list()] and time.monotonic() < deadline:
            time.sleep(0.1)
        with pytest.raises(errors.DeviceNotFound) as info:
            connect(adb_port=adb_server.port)
        assert vdevice.serial in str(info.value) and second.serial in str(info.value)


def test_connect_to_an_unknown_serial_says_what_is_attached(adb_server, vdevice):
    with pytest.raises(errors.DeviceNotFound) as info:
        connect("emulator-5998", adb_port=adb_server.port)
    assert vdevice.serial in str(info.value)


def test_android_serial_environment_variable_chooses_the_device(adb_server, vdevice, monkeypatch):
    monkeypatch.setenv("ANDROID_SERIAL", vdevice.serial)
    assert connect(adb_port=adb_server.port).serial == vdevice.serial


def test_every_launchable_app_main_screen_is_observed_and_perceived(device):
    apps = device.launchable_apps()
    assert any(a.package == "com.android.settings" for a in apps)
    for app in apps:
        device.app_start(app.package)
        obs = device.wait_stable(timeout=4)
        state = perceive(obs.hierarchy, package=obs.package, screen_size=(obs.width, obs.height))
        for _ in range(3):  # first use may ask for runtime permissions: allow them
            allow = [e for e in state.elements if e.resource_id == "permission_allow_button"]
            if not allow:
                break
            device.tap(*allow[0].visible_center)
            obs = device.wait_stable(timeout=4)
            state = perceive(obs.hierarchy, package=obs.package, screen_size=(obs.width, obs.height))
        assert obs.package == app.package, f"{app.package} did not come to the front"
        app_elements = [e for e in state.elements if e.package == app.package]
        if app.package in PIXELS_ONLY:
            # No accessibility nodes by design: the tree says nothing, so the pixels must give
            # the planner targets (vision fallback on the screenshot).
            assert not app_elements and f'package="{app.package}"' in obs.hierarchy
            state = perceive(obs.hierarchy, obs.screenshot(), package=obs.package, screen_size=(obs.width, obs.height))
            assert [e for e in state.elements if e.source == "vision"], f"{app.package}: no targets from pixels"
        else:
            assert app_elements, f"{app.package} main screen has no elements"
        device.press_key(3)


def test_the_diff_after_a_tap_names_the_change(device):
    device.app_start("com.android.settings")
    before = state_of(device)
    row = before.find(text="Network & internet")[0] if before.find(text="Network & internet") else next(
        e for e in before.elements if e.label.startswith("Network & internet")
    )
    device.tap(*row.visible_center)
    after = state_of(device, previous=before)
    summary = after.change.summary()
    assert "NetworkDashboardActivity" in summary
    assert "Wi-Fi" in summary


def test_wait_stable_returns_quickly_on_a_settled_screen(device):
    started = time.monotonic()
    obs = device.wait_stable(timeout=3, interval=0.1)
    assert obs.stable
    assert time.monotonic() - started < 3


def test_uiautomator_dump_fallback_reads_a_fresh_dump(adb_server, fresh_device):
    dev = connect(fresh_device.serial, adb_port=adb_server.port, use_uiautomator2=False)
    dev.app_start("com.android.settings")
    obs = dev.observe()
    assert dev.backend == "adb"
    assert 'package="com.android.settings"' in obs.hierarchy
    # The stale-dump trap: the file is deleted before each dump, so the new screen comes back.
    dev.press_key(3)
    assert 'package="com.android.settings"' not in dev.observe().hierarchy


def test_input_fallbacks_change_the_device_state(adb_server, fresh_device):
    dev = connect(fresh_device.serial, adb_port=adb_server.port, use_uiautomator2=False)
    dev.shell(["am", "start", "-a", "android.settings.WIFI_SETTINGS"])
    state = state_of(dev)
    row = next(e for e in state.elements if e.label.startswith("Wi-Fi"))
    dev.tap(*row.visible_center)
    assert dev.shell(["settings", "get", "global", "wifi_on"]).output.strip() == "0"


def test_a_device_that_dies_gives_device_offline_within_the_timeout(adb_server):
    vd = VirtualDevice(adb_server_port=adb_server.port).start()
    try:
        deadline = time.monotonic() + 10
        while vd.serial not in [d.serial for d in adb_server.client.list() if d.state == "device"]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        dev = connect(vd.serial, adb_port=adb_server.port, reconnect_timeout=2.0, timeout=5.0)
        dev.observe()
    finally:
        vd.stop()
    started = time.monotonic()
    with pytest.raises(errors.DeviceError) as info:
        dev.observe()
    assert isinstance(info.value, (errors.DeviceOffline, errors.DeviceTimeout, errors.UiAutomationError))
    assert time.monotonic() - started < 15


def test_wait_stable_reports_a_screen_that_never_settles(device, fresh_device):
    device.app_start("com.android.settings")
    fresh_device.system.faults.enable("animating")
    try:
        started = time.monotonic()
        obs = device.wait_stable(timeout=1.5, interval=0.1)
        elapsed = time.monotonic() - started
    finally:
        fresh_device.system.faults.disable("animating")
    assert not obs.stable and "still changing" in obs.note
    assert elapsed < 4, "wait_stable must give up at its timeout, not hang"


def test_uiautomator_dump_on_an_animating_screen_fails_cleanly(adb_server, fresh_device):
    dev = connect(fresh_device.serial, adb_port=adb_server.port, use_uiautomator2=False)
    fresh_device.system.faults.enable("animating")
    try:
        with pytest.raises(errors.UiAutomationError) as info:
            dev.observe()
    finally:
        fresh_device.system.faults.disable("animating")
    assert "idle state" in str(info.value)
