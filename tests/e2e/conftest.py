"""End-to-end fixtures: a private adb server that does not scan emulator ports, one virtual
device registered with it (above the scan range too), and ``cli``: the real `droidpilot` entry
point in a subprocess with a private HOME, cache and config, no model settings, and
``ANDROID_SERIAL`` set to the session device.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from droidpilot.emulator.virtual.adbserver import AdbServer, free_port  # noqa: E402
from droidpilot.emulator.virtual.device import VirtualDevice  # noqa: E402
from tests.e2e.cli_support import Cli, base_env, free_high_pair, wait_state  # noqa: E402


@pytest.fixture(scope="session")
def e2e_adb():
    # No emulator port scan (ADB_LOCAL_TRANSPORT_MAX_PORT below 5555): this server sees only the
    # devices that register with it, never other sessions' virtual devices.
    server = AdbServer(free_port())
    server.adb("start-server", env={"ADB_LOCAL_TRANSPORT_MAX_PORT": "5553"})
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def e2e_device(e2e_adb, tmp_path_factory):
    token = tmp_path_factory.mktemp("token") / ".emulator_console_auth_token"
    token.write_text("")
    device = VirtualDevice(free_high_pair(), adb_server_port=e2e_adb.port, auth_token_path=token).start()
    try:
        wait_state(e2e_adb, device.serial)
        yield device
    finally:
        device.stop()


@pytest.fixture
def device(e2e_device):
    e2e_device.reset()
    return e2e_device


@pytest.fixture
def cli(tmp_path, e2e_adb, e2e_device) -> Cli:
    env = base_env(tmp_path, e2e_adb.port)
    env["ANDROID_SERIAL"] = e2e_device.serial
    return Cli(env=env, cwd=tmp_path)
