"""Finding the device: ``$ANDROID_SERIAL``, else the only attached device, else a clear error.

Works with the adb server the user already runs (port 5037 or ``ANDROID_ADB_SERVER_PORT``) and
starts one from the adbutils wheel's binary when none answers.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time

import adbutils

from ..errors import AdbError, DeviceNotFound, DeviceOffline, DeviceUnauthorized
from .adb import AdbDevice
from .fastclient import FastAdbClient

DEFAULT_ADB_PORT = 5037
TRANSIENT_WAIT_S = 5.0  # a device just attached shows "offline"/"authorizing" for a moment


def adb_server_port(port: int | None = None) -> int:
    if port is not None:
        return port
    env = os.environ.get("ANDROID_ADB_SERVER_PORT", "").strip()
    if env.isdigit():
        return int(env)
    return DEFAULT_ADB_PORT


def ensure_adb_server(port: int, *, timeout: float = 10.0) -> adbutils.AdbClient:
    """A client for the adb server on ``port``, starting the wheel's adb when none answers."""
    client = FastAdbClient(host="127.0.0.1", port=port, socket_timeout=timeout)
    with contextlib.suppress(adbutils.AdbError, OSError):  # none answers: start one below
        client.server_version()
        return client
    from ..emulator.virtual.adbserver import wheel_adb_path

    argv = [str(wheel_adb_path()), "-P", str(port), "start-server"]
    try:
        subprocess.run(argv, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AdbError(f"could not start an adb server on port {port}: {exc}") from exc
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            client.server_version()
            return client
        except (adbutils.AdbError, OSError):
            time.sleep(0.2)
    raise AdbError(f"no adb server answers on port {port}; start one with `adb -P {port} start-server`")


def _wait_ready(client: adbutils.AdbClient, info, *, timeout: float):
    """Give a device in a transitional state a few seconds to become ready."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and info.state in ("offline", "connecting", "authorizing"):
        time.sleep(0.1)
        for current in client.list():
            if current.serial == info.serial:
                info = current
                break
    return info


def connect(
    serial: str | None = None,
    *,
    adb_port: int | None = None,
    use_uiautomator2: bool = True,
    timeout: float = 20.0,
    reconnect_timeout: float = 5.0,
) -> AdbDevice:
    """Connect to a device: ``serial``, else ``$ANDROID_SERIAL``, else the only attached one."""
    port = adb_server_port(adb_port)
    client = ensure_adb_server(port, timeout=min(timeout, 10.0))
    try:
        infos = client.list()
    except (adbutils.AdbError, OSError) as exc:
        raise AdbError(f"the adb server on port {port} did not list devices: {exc}") from exc
    wanted = serial or os.environ.get("ANDROID_SERIAL") or None
    listing = ", ".join(f"{i.serial} ({i.state})" for i in infos) or "none"
    if wanted:
        match = [i for i in infos if i.serial == wanted]
        if not match:
            raise DeviceNotFound(f"device {wanted!r} is not attached (attached: {listing}); check `adb devices`")
        info = match[0]
    else:
        ready = [i for i in infos if i.state == "device"]
        if len(ready) == 1:
            info = ready[0]
        elif not infos:
            raise DeviceNotFound(
                "no Android device is attached: connect a phone with USB debugging, start an emulator, "
                "or start the built-in one with `droidpilot emulator start`"
            )
        elif not ready:
            info = infos[0]
        else:
            raise DeviceNotFound(
                f"more than one device is attached ({listing}): choose one with --device SERIAL or ANDROID_SERIAL"
            )
    if info.state == "unauthorized":
        raise DeviceUnauthorized(
            f"{info.serial} is unauthorized: unlock the phone and accept the 'Allow USB debugging' prompt"
        )
    if info.state != "device":
        info = _wait_ready(client, info, timeout=min(timeout, TRANSIENT_WAIT_S))
    if info.state != "device":
        raise DeviceOffline(f"{info.serial} is {info.state}; reconnect it or restart adb (`adb reconnect`)")
    return AdbDevice(
        client.device(info.serial),
        client,
        use_uiautomator2=use_uiautomator2,
        call_timeout=timeout,
        reconnect_timeout=reconnect_timeout,
    )
