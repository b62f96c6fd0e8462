"""The README's `adb ...` lines, run as written (with -s for the test device) with the real adb binary."""

from __future__ import annotations

import re
import shlex
import time
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_adb_lines() -> list[list[str]]:
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", README.read_text(), re.DOTALL):
        for line in block.splitlines():
            line = line.split(" #")[0].strip()
            if line.startswith("adb "):
                lines.append(shlex.split(line)[1:])
    return lines


def test_readme_adb_lines_do_what_they_say(adb_server, fresh_device, console_home, adb_device):
    lines = readme_adb_lines()
    assert len(lines) >= 5
    serial = fresh_device.serial
    env = {"HOME": str(console_home)}
    for argv in lines:
        if argv[0] == "devices":
            out = adb_server.adb(*argv).stdout
            assert re.search(rf"{serial}\s+device product:sdk_gphone64_x86_64", out)
            continue
        result = adb_server.adb("-s", serial, *argv, env=env)
        assert result.returncode == 0, (argv, result.stderr)
        text = " ".join(argv)
        if text == "shell settings get global wifi_on":
            assert result.stdout.strip() == "1"
        elif text.startswith("shell cmd droidpilot fault list"):
            assert "popup: off" in result.stdout
        elif text.startswith("shell cmd droidpilot fault popup on"):
            assert fresh_device.system.faults.is_enabled("popup")
        elif argv[:3] == ["emu", "sms", "send"]:
            number, body = argv[3], argv[4]
            deadline = time.monotonic() + 5
            query = ["content", "query", "--uri", "content://sms/inbox", "--projection", "address:body"]
            while f"body={body}" not in adb_device.shell(query) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert f"address={number}, body={body}" in adb_device.shell(query)
        else:
            raise AssertionError(f"README line `adb {text}` has no check here; add one")
    fresh_device.system.faults.disable("popup")
