"""Real-emulator support (emulator/avd.py) against a fake SDK directory.

The SDK's ``emulator`` and ``adb`` are small Python scripts written here that record their
arguments. The fake ``adb`` then runs the real adb binary (from the adbutils wheel) with the same
arguments; the fake ``emulator`` lists two AVDs, and for ``-avd NAME -port N`` becomes the built-in
virtual device on that port, which stands in for the booted emulator (it answers
``sys.boot_completed``, ``pm path android`` and the console's ``kill``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from droidpilot.emulator import avd, manager
from droidpilot.emulator.virtual.adbserver import wheel_adb_path
from droidpilot.errors import ConfigError, DeviceError, DeviceTimeout
from tests.e2e.cli_support import base_env, free_high_pair

EMULATOR = """#!{python}
import json, os, sys
with open({log!r}, "a") as fh:
    fh.write(json.dumps(["emulator", *sys.argv[1:]]) + "\\n")
args = sys.argv[1:]
if "-list-avds" in args:
    print("INFO    | Android emulator version 35.1.4.0 (build_id 12236316)")
    print("Pixel_8_API_34")
    print("Tablet_API_33")
    sys.exit(0)
name = args[args.index("-avd") + 1]
if name == "Hang":
    import time
    time.sleep(600)
if name == "Broken":
    print("PANIC: Missing emulator engine program for 'x86_64' CPU.")
    sys.exit(1)
port = args[args.index("-port") + 1]
os.execv(sys.executable, [sys.executable, "-m", "droidpilot.cli", "emulator", "start", "--port", port])
"""

ADB = """#!{python}
import json, os, sys
with open({log!r}, "a") as fh:
    fh.write(json.dumps(["adb", *sys.argv[1:]]) + "\\n")
os.execv({adb!r}, [{adb!r}, *sys.argv[1:]])
"""


def write_script(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def fake_sdk(tmp_path):
    sdk = tmp_path / "sdk"
    log = tmp_path / "calls.jsonl"
    write_script(sdk / "emulator" / "emulator", EMULATOR.format(python=sys.executable, log=str(log)))
    write_script(sdk / "platform-tools" / "adb", ADB.format(python=sys.executable, log=str(log), adb=str(wheel_adb_path())))
    return sdk, log


def calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.is_file() else []


def test_the_sdk_is_found_from_android_home_then_sdk_root_then_usual_places(tmp_path, fake_sdk):
    sdk, _ = fake_sdk
    assert avd.find_sdk({"ANDROID_HOME": str(sdk), "HOME": str(tmp_path)}) == sdk
    assert avd.find_sdk({"ANDROID_SDK_ROOT": str(sdk), "HOME": str(tmp_path)}) == sdk
    usual = tmp_path / "home" / "Android" / "Sdk"
    (usual / "emulator").mkdir(parents=True)
    assert avd.find_sdk({"HOME": str(tmp_path / "home")}) == usual
    with pytest.raises(ConfigError, match="ANDROID_HOME"):
        avd.find_sdk({"HOME": str(tmp_path / "nowhere")})
    with pytest.raises(ConfigError, match="no emulator/ folder"):
        avd.find_sdk({"ANDROID_HOME": str(tmp_path)})


def test_avds_are_listed_without_the_emulators_chatter(fake_sdk):
    sdk, log = fake_sdk
    assert avd.list_avds(sdk) == ["Pixel_8_API_34", "Tablet_API_33"]
    assert calls(log) == [["emulator", "-list-avds"]]


def test_boot_runs_headless_waits_for_android_and_the_console_stops_it(tmp_path, fake_sdk, e2e_adb):
    sdk, log = fake_sdk
    port = free_high_pair(5760)
    env = {**base_env(tmp_path, e2e_adb.port), "ANDROID_HOME": str(sdk)}
    booted = avd.boot(
        "Pixel_8_API_34", port=port, snapshot_save=False, adb_server_port=e2e_adb.port, sdk=sdk,
        log_dir=tmp_path / "logs", env=env, timeout=60,
    )
    try:
        assert booted.serial == f"emulator-{port}" and booted.console_port == port
        emulator_call = next(c for c in calls(log) if c[0] == "emulator")
        assert emulator_call[1:3] == ["-avd", "Pixel_8_API_34"]
        assert {"-no-window", "-no-audio", "-no-snapshot-save"} <= set(emulator_call)
        assert emulator_call[emulator_call.index("-port") + 1] == str(port)
        adb_calls = [c for c in calls(log) if c[0] == "adb"]
        assert ["adb", "-P", str(e2e_adb.port), "-s", booted.serial, "shell", "getprop", "sys.boot_completed"] in adb_calls
        assert ["adb", "-P", str(e2e_adb.port), "-s", booted.serial, "shell", "pm", "path", "android"] in adb_calls
        assert f"{booted.serial}\tdevice" in e2e_adb.adb("devices").stdout
    finally:
        assert avd.console_kill(port, token_path=tmp_path / "no-token")
    deadline = time.monotonic() + 15
    while manager.pid_alive(booted.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not manager.pid_alive(booted.pid)


def test_an_emulator_that_dies_while_booting_is_a_device_error_naming_its_output(tmp_path, fake_sdk, e2e_adb):
    sdk, _ = fake_sdk
    with pytest.raises(DeviceError, match="Missing emulator engine"):
        avd.boot("Broken", port=free_high_pair(5780), adb_server_port=e2e_adb.port, sdk=sdk, log_dir=tmp_path, timeout=30)


def test_a_boot_that_never_completes_times_out_and_the_emulator_is_ended(tmp_path, fake_sdk, e2e_adb):
    sdk, log = fake_sdk
    with pytest.raises(DeviceTimeout, match="did not finish booting in time .waiting for adb to list it"):
        avd.boot("Hang", port=free_high_pair(5790), adb_server_port=e2e_adb.port, sdk=sdk, log_dir=tmp_path, timeout=3)
    pids = [p for p in Path("/proc").iterdir() if p.name.isdigit()]
    hanging = []
    for pid in pids:
        try:
            if b"Hang" in (pid / "cmdline").read_bytes() and str(sdk).encode() in (pid / "cmdline").read_bytes():
                hanging.append(pid.name)
        except OSError:
            continue
    assert hanging == []


def test_cli_lists_boots_shows_and_stops_an_avd(cli, fake_sdk, e2e_adb):
    sdk, log = fake_sdk
    env = {"ANDROID_HOME": str(sdk)}
    listed = cli("emulator", "avds", **env)
    assert listed.returncode == 0 and listed.stdout.split() == ["Pixel_8_API_34", "Tablet_API_33"]
    port = free_high_pair(5840)
    serial = f"emulator-{port}"
    booted = cli("emulator", "boot", "Pixel_8_API_34", "--port", str(port), "--no-snapshot-load", **env)
    try:
        assert booted.returncode == 0, booted.stdout + booted.stderr
        assert f"{serial} booted Pixel_8_API_34" in booted.stdout
        assert "-no-snapshot-load" in next(c for c in calls(log) if "-avd" in c)
        status = cli("emulator", "status", **env)
        assert any(line.startswith(serial) and "avd Pixel_8_API_34" in line for line in status.stdout.splitlines())
    finally:
        stopped = cli("emulator", "stop", serial, **env)
    assert stopped.returncode == 0 and f"{serial}: stopped" in stopped.stdout
    assert manager.list_records(env=cli.env) == []


def test_cli_without_an_sdk_says_what_to_set(cli):
    proc = cli("emulator", "avds", ANDROID_HOME="", ANDROID_SDK_ROOT="")
    assert proc.returncode == 2
    assert "set ANDROID_HOME" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_an_unknown_avd_name_is_a_usage_error(cli, fake_sdk):
    sdk, _ = fake_sdk
    proc = cli("emulator", "boot", "Nope", ANDROID_HOME=str(sdk))
    assert proc.returncode == 2 and "no AVD named 'Nope'" in proc.stderr


def test_records_of_dead_processes_are_dropped(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    manager.remember(manager.DeviceRecord(serial="emulator-5990", pid=os.getpid(), console_port=5990, adb_port=5991), env)
    manager.remember(manager.DeviceRecord(serial="emulator-5992", pid=2**22 + 17, console_port=5992, adb_port=5993), env)
    assert [r.serial for r in manager.list_records(env)] == ["emulator-5990"]
    assert not (tmp_path / "droidpilot" / "devices" / "emulator-5992.json").exists()
