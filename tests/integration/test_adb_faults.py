"""Fault injection, root restarts and the console, as the real adb server experiences them."""

from __future__ import annotations

import time

from droidpilot.emulator.virtual.device import VirtualDevice


def _shell_until_ok(adb_server, serial: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    result = None
    while time.monotonic() < deadline:
        result = adb_server.adb("-s", serial, "shell", "echo back", timeout=10)
        if result.returncode == 0 and result.stdout == "back\n":
            return result.stdout
        time.sleep(0.2)
    raise AssertionError(f"device did not come back: {result}")


def test_adb_server_reconnects_after_disconnect_all(adb_server, vdevice):
    assert vdevice.disconnect_all() >= 1
    assert _shell_until_ok(adb_server, vdevice.serial) == "back\n"


def test_go_offline_makes_commands_fail_then_recover(adb_server, vdevice):
    vdevice.go_offline(2.0)
    time.sleep(0.3)
    failed = adb_server.adb("-s", vdevice.serial, "shell", "echo x", timeout=10)
    assert failed.returncode != 0
    assert _shell_until_ok(adb_server, vdevice.serial) == "back\n"


def test_adb_emu_authenticates_and_prints_console_replies(adb_server, vdevice, console_home):
    env = {"HOME": str(console_home)}
    name = adb_server.adb("-s", vdevice.serial, "emu", "avd", "name", env=env)
    assert name.stdout == f"droidpilot_{vdevice.console_port}\nOK\n"
    assert adb_server.adb("-s", vdevice.serial, "emu", "ping", env=env).stdout == "I am alive!\nOK\n"
    bad = adb_server.adb("-s", vdevice.serial, "emu", "frobnicate", env=env)
    assert bad.stdout.startswith("KO: unknown command")


def test_adb_emu_sms_send_reaches_the_system(adb_server, vdevice, console_home):
    sms = adb_server.adb("-s", vdevice.serial, "emu", "sms", "send", "5551234", "hi there", env={"HOME": str(console_home)})
    assert sms.stdout == "OK\n"
    assert ("5551234", "hi there") in vdevice.system.received_sms


def test_adb_root_and_reboot_restart_adbd_on_a_rooted_device(adb_server, wait_for_device, tmp_path):
    with VirtualDevice(rooted=True, adb_server_port=adb_server.port, auth_token_path=tmp_path / "t") as dev:
        wait_for_device(dev.serial)
        result = adb_server.adb("-s", dev.serial, "root")
        assert "restarting adbd as root" in result.stdout
        assert dev.daemon.as_root
        _shell_until_ok(adb_server, dev.serial)
        again = adb_server.adb("-s", dev.serial, "root")
        assert "adbd is already running as root" in again.stdout
        # A reboot restarts adbd unprivileged, as on a userdebug phone.
        assert adb_server.adb("-s", dev.serial, "reboot").returncode == 0
        _shell_until_ok(adb_server, dev.serial)
        assert not dev.daemon.as_root
        assert "restarting adbd as root" in adb_server.adb("-s", dev.serial, "root").stdout


def test_reset_keeps_the_transport_and_gives_a_clean_device(adb_server, fresh_device, adb_device):
    adb_device.sync.push(b"x", "/data/local/tmp/before_reset")
    fresh_device.reset()
    assert not adb_device.sync.exists("/data/local/tmp/before_reset")
    assert adb_device.shell("echo after reset") == "after reset"
