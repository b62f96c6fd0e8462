"""Shared fixtures: a private adb server from the adbutils wheel and one virtual device on it.

The server runs on a private port (never 5037) chosen when this file is imported, and
``ANDROID_ADB_SERVER_PORT`` points at it from then on; while the session runs, ``adbutils.adb``
(what uiautomator2 uses) is this server's client too. The server is killed at the end of the
session, also if the session is interrupted.

Fixtures: ``adb_server`` (AdbServer), ``vdevice`` (VirtualDevice, session-wide), ``adb_device``
(adbutils AdbDevice for it), ``wait_for_device``, ``fresh_device`` (the same device after ``reset()``) and
``console_home`` (pass ``env={"HOME": str(console_home)}`` to ``adb emu`` so it authenticates).
"""

from __future__ import annotations

import atexit
import os
import time

import pytest

from droidpilot.emulator.virtual.adbserver import AdbServer, free_port
from droidpilot.emulator.virtual.device import VirtualDevice

_PRIVATE_PORT = int(os.environ.get("DROIDPILOT_TEST_ADB_PORT") or free_port())
_PREVIOUS_PORT = os.environ.get("ANDROID_ADB_SERVER_PORT")
os.environ["ANDROID_ADB_SERVER_PORT"] = str(_PRIVATE_PORT)
_SERVER = AdbServer(_PRIVATE_PORT)
atexit.register(_SERVER.stop)  # backstop; the fixture stops it first

DEVICE_READY_TIMEOUT = 20.0


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def adb_server():
    _SERVER.start()
    undo_default = _SERVER.make_default()
    try:
        yield _SERVER
    finally:
        undo_default()
        _SERVER.stop()
        if _PREVIOUS_PORT is None:
            os.environ.pop("ANDROID_ADB_SERVER_PORT", None)
        else:
            os.environ["ANDROID_ADB_SERVER_PORT"] = _PREVIOUS_PORT


def wait_for_state(server: AdbServer, serial: str, state: str = "device", timeout: float = DEVICE_READY_TIMEOUT) -> None:
    """Poll ``adb devices`` until ``serial`` shows ``state`` (bounded)."""
    deadline = time.monotonic() + timeout
    listing = ""
    while time.monotonic() < deadline:
        listing = server.adb("devices", timeout=10).stdout
        for line in listing.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == serial and parts[1] == state:
                return
        time.sleep(0.1)
    raise AssertionError(f"{serial} did not become '{state}' within {timeout} s; adb devices said:\n{listing}")


@pytest.fixture(scope="session")
def wait_for_device(adb_server):
    """``wait_for_device(serial, state="device", timeout=20)``: poll ``adb devices`` (bounded)."""
    return lambda serial, state="device", timeout=DEVICE_READY_TIMEOUT: wait_for_state(adb_server, serial, state, timeout)


@pytest.fixture(scope="session")
def console_home(tmp_path_factory):
    """A HOME holding the console auth token the session device uses (``adb emu`` reads it there)."""
    home = tmp_path_factory.mktemp("console_home")
    (home / ".emulator_console_auth_token").write_text("droidpilot-test-token\n")
    return home


@pytest.fixture(scope="session")
def vdevice(adb_server, console_home):
    token = console_home / ".emulator_console_auth_token"
    device = VirtualDevice(adb_server_port=adb_server.port, auth_token_path=token).start()
    try:
        wait_for_state(adb_server, device.serial)
        yield device
    finally:
        device.stop()


@pytest.fixture(scope="session")
def adb_device(adb_server, vdevice):
    return adb_server.client.device(vdevice.serial)


@pytest.fixture
def fresh_device(vdevice):
    vdevice.reset()
    return vdevice
