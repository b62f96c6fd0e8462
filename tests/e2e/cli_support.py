"""Helpers of the end-to-end tests: the real `droidpilot` command in a subprocess, port and
state waits. Fixtures that use them are in conftest.py.

Devices started here listen on port pairs above the range an adb server scans (5554-5585), so
other sessions' adb servers never pick them up; this session's server does not scan at all.
CLI calls name the device through ``ANDROID_SERIAL`` unless a test is about device choice. The subprocess gets a private HOME and cache/config dirs, no model settings and no keys
unless a test adds them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from droidpilot.emulator.virtual.adbserver import AdbServer

API_KEY = "sk-e2e-secret-0123456789"
CLI_TIMEOUT = 90.0


def free_high_pair(first: int = 5700, last: int = 5990) -> int:
    """An even console port (adb on +1) above the adb server's scan range, both free now.

    The search starts at an offset from this process's pid (wrapping round), so parallel test
    sessions rarely race for the same pair.
    """
    pairs = list(range(first, last, 2))
    start = os.getpid() % len(pairs)
    for port in pairs[start:] + pairs[:start]:
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError(f"no free port pair between {first} and {last}")


def wait_state(server: AdbServer, serial: str, want: str | None = "device", timeout: float = 20.0) -> None:
    """Poll ``adb devices`` until ``serial`` is in state ``want`` (None: until it is gone)."""
    deadline = time.monotonic() + timeout
    listing = ""
    while time.monotonic() < deadline:
        listing = server.adb("devices", timeout=10).stdout
        states = {p[0]: p[1] for p in (line.split() for line in listing.splitlines()[1:]) if len(p) >= 2}
        if states.get(serial) == want:
            return
        time.sleep(0.1)
    raise AssertionError(f"{serial} did not become {want!r} within {timeout} s; adb devices said:\n{listing}")


def _cli_argv() -> list[str]:
    script = Path(sys.executable).parent / "droidpilot"
    if script.is_file():
        return [str(script)]
    found = shutil.which("droidpilot")
    return [found] if found else [sys.executable, "-m", "droidpilot.cli"]


@dataclass
class Cli:
    """Runs the installed `droidpilot` entry point with a clean, private environment."""

    env: dict[str, str]
    cwd: Path

    def argv(self, *args: str) -> list[str]:
        return [*_cli_argv(), *args]

    def __call__(self, *args: str, timeout: float = CLI_TIMEOUT, input: str | None = None, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.argv(*args), cwd=self.cwd, env={**self.env, **env}, capture_output=True, text=True,
            timeout=timeout, input=input, stdin=None if input is not None else subprocess.DEVNULL,
        )

    def popen(self, *args: str, **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            self.argv(*args), cwd=self.cwd, env={**self.env, **env}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        )


def base_env(tmp_path: Path, adb_port: int) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV", "PYENV_VERSION", "PYENV_ROOT", "TMPDIR")}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        **keep,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "ANDROID_ADB_SERVER_PORT": str(adb_port),
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "PYTHONUNBUFFERED": "1",
    }


def model_env(server) -> dict[str, str]:
    return {"DROIDPILOT_MODEL": "deepseek-reasoner", "DROIDPILOT_BASE_URL": server.base_url, "DROIDPILOT_API_KEY": API_KEY}


def interrupt(proc: subprocess.Popen, timeout: float = 30.0) -> tuple[int, str, str]:
    """Ctrl-C a CLI process, as a terminal would, and collect its exit code and output."""
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=timeout)
    return proc.returncode, stdout, stderr
