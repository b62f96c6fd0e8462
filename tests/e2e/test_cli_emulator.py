"""`droidpilot emulator start/status/stop` for the built-in virtual device, in subprocesses.

Ports come from above the adb server's scan range, so the devices started here are visible only
to this session's adb server (they register with it).
"""

from __future__ import annotations

import json
import time

from droidpilot.emulator import manager
from tests.e2e.cli_support import free_high_pair, interrupt, wait_state


def _records(cli) -> list[manager.DeviceRecord]:
    return manager.list_records(env=cli.env)


def test_detached_start_returns_once_adb_lists_it_and_stop_ends_it(cli, e2e_adb):
    port = free_high_pair(5800)
    serial = f"emulator-{port}"
    started = cli("emulator", "start", "--detach", "--port", str(port), "--size", "720x1600", "--density", "320", "--seed", "3", "--rooted")
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert f"{serial} started in the background" in started.stdout
        assert f"{serial}\tdevice" in e2e_adb.adb("devices").stdout  # listed when the command returned
        size = e2e_adb.adb("-s", serial, "shell", "wm", "size").stdout
        assert "720x1600" in size
        status = cli("emulator", "status")
        assert status.returncode == 0
        line = next(line for line in status.stdout.splitlines() if line.startswith(serial))
        assert "virtual" in line and "device" in line and str(port + 1) in line
        listed = json.loads(cli("devices", "--json").stdout)
        assert any(row["serial"] == serial and row["virtual"] and row["rooted"] for row in listed)
    finally:
        stopped = cli("emulator", "stop", serial)
    assert stopped.returncode == 0 and f"{serial}: stopped" in stopped.stdout
    assert _records(cli) == []
    assert list((manager.cache_dir(cli.env) / "devices").iterdir()) == []  # no record, no start log left
    assert "no devices started by droidpilot" in cli("emulator", "status").stdout
    deadline = time.monotonic() + 10
    while f"{serial}\tdevice" in e2e_adb.adb("devices").stdout and time.monotonic() < deadline:
        time.sleep(0.1)
    assert f"{serial}\tdevice" not in e2e_adb.adb("devices").stdout


def test_foreground_start_runs_until_ctrl_c(cli, e2e_adb, tmp_path):
    port = free_high_pair(5900)
    serial = f"emulator-{port}"
    state_dir = tmp_path / "phone"
    proc = cli.popen("emulator", "start", "--port", str(port), "--state-dir", str(state_dir))
    try:
        wait_state(e2e_adb, serial, timeout=30)
        assert [r.serial for r in _records(cli)] == [serial]
        assert e2e_adb.adb("-s", serial, "shell", "getprop", "droidpilot.virtual").stdout.strip() == "1"
        e2e_adb.adb("-s", serial, "shell", "echo kept > /sdcard/Download/kept.txt")
        assert [p.read_text() for p in state_dir.rglob("kept.txt")] == ["kept\n"]  # files live in the state dir
    finally:
        code, stdout, stderr = interrupt(proc)
    assert code == 0, stderr
    assert f"{serial} listening" in stdout and f"{serial} stopped" in stdout
    assert _records(cli) == []


def test_stop_all_with_nothing_running_says_so(cli):
    proc = cli("emulator", "stop", "--all")
    assert proc.returncode == 0 and "no devices started by droidpilot are running" in proc.stdout


def test_bad_start_options_are_usage_errors(cli):
    assert cli("emulator", "start", "--size", "big").returncode == 2
    odd = cli("emulator", "start", "--port", "5801")
    assert odd.returncode == 2 and "odd" in odd.stderr
