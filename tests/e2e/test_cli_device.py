"""`droidpilot devices`, `observe`, `act` and `doctor` against the virtual device, in a subprocess."""

from __future__ import annotations

import json
import re

from PIL import Image

from tests.e2e.cli_support import model_env
from tests.support.openai_server import ScriptedOpenAIServer


def test_devices_lists_the_virtual_device_with_its_facts(cli, device):
    proc = cli("devices", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = {row["serial"]: row for row in json.loads(proc.stdout)}
    row = rows[device.serial]
    assert row["state"] == "device" and row["android"] == "14" and row["model"] == "sdk_gphone64_x86_64"
    assert row["virtual"] is True and row["builtin"] is True and row["rooted"] is False
    table = cli("devices")
    line = next(line for line in table.stdout.splitlines() if line.startswith(device.serial))
    assert "built-in virtual" in line and "14" in line


def test_observe_prints_the_screen_the_model_sees_and_writes_the_marked_screenshot(cli, device, tmp_path):
    target = tmp_path / "screen.png"
    proc = cli("observe", "--marked", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("<screen>") and "com.android.launcher3" in proc.stdout
    assert re.search(r"^\[0\] ", proc.stdout, re.MULTILINE)
    with Image.open(target) as image:
        assert image.format == "PNG" and image.size == (1080, 2400)


def test_act_runs_one_action_through_the_actuator_and_reports_the_change(cli, device):
    opened = cli("act", "open_app Contacts")
    assert opened.returncode == 0, opened.stderr
    assert 'open app "Contacts": ok' in opened.stdout and "com.android.contacts" in opened.stdout
    screen = cli("observe").stdout
    search = re.search(r'^\[(\d+)\] input hint="Search contacts"', screen, re.MULTILINE)
    assert search, screen
    typed = cli("act", f'type "hi" into {search.group(1)}')
    assert typed.returncode == 0, typed.stdout + typed.stderr
    assert '"hi"' in cli("observe").stdout
    # The README's forms: tap by index, then type into the focused field.
    assert cli("act", f"tap {search.group(1)}").returncode == 0
    focused = cli("act", 'type "hello"')
    assert focused.returncode == 0, focused.stdout + focused.stderr
    assert '"hello"' in cli("observe").stdout


def test_act_reports_a_wrong_index_with_exit_1_and_a_bad_command_with_exit_2(cli, device):
    wrong = cli("act", "tap 999")
    assert wrong.returncode == 1 and "ElementNotFound" in wrong.stdout
    bad = cli("act", "fly away")
    assert bad.returncode == 2 and "unknown command 'fly'" in bad.stderr and "Traceback" not in bad.stderr


def test_observe_on_a_device_that_is_not_attached_exits_3(cli):
    proc = cli("observe", "--device", "emulator-5998")
    assert proc.returncode == 3
    assert proc.stderr.strip() == proc.stderr.strip().splitlines()[0] and "not attached" in proc.stderr


def test_doctor_checks_adb_devices_uiautomator2_and_the_model_endpoint(cli, device):
    with ScriptedOpenAIServer([], model="deepseek-reasoner") as server:
        proc = cli("doctor", **model_env(server))
        base_url = server.base_url
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert any(line.startswith("ok") and "adb server" in line for line in lines)
    assert any(line.startswith("ok") and f"uiautomator2 on {device.serial}" in line for line in lines)
    assert any(line.startswith("ok") and "model endpoint" in line and base_url in line for line in lines)
    assert any("tesseract" in line for line in lines)


def test_doctor_fails_when_the_model_endpoint_is_unreachable(cli, device):
    env = {"DROIDPILOT_MODEL": "m", "DROIDPILOT_BASE_URL": "http://127.0.0.1:9/v1", "DROIDPILOT_API_KEY": "k"}
    proc = cli("doctor", **env)
    assert proc.returncode == 1
    assert re.search(r"^FAIL model endpoint: http://127.0.0.1:9/v1 is not reachable", proc.stdout, re.MULTILINE)
