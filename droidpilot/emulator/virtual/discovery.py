"""How a host adb server finds the virtual device: emulator port pairs and ``host:emulator:``.

An adb server scans 127.0.0.1 ports 5555, 5557, ... 5585 when it starts and names what answers
``emulator-<port - 1>``; the console sits on the even port below. A device that starts after the
server is announced with the smart-socket request ``host:emulator:<adb port>``. Sockets are bound
here (loopback only) and handed to asyncio, so no other process can take a port between the
choice and the listen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket

from droidpilot.errors import VirtualDeviceError

__all__ = [
    "FIRST_CONSOLE_PORT",
    "LAST_CONSOLE_PORT",
    "LAST_FALLBACK_CONSOLE_PORT",
    "DEFAULT_ADB_SERVER_PORT",
    "bind_port_pair",
    "adb_server_port",
    "adb_server_running",
    "register_emulator",
]

log = logging.getLogger(__name__)

FIRST_CONSOLE_PORT = 5554
LAST_CONSOLE_PORT = 5584  # the adb server scans adb ports up to 5585
# Beyond the scanned range a device is found only through ``host:emulator:`` (which accepts any
# port), so these pairs are a fallback when many devices run at once (parallel test sessions).
LAST_FALLBACK_CONSOLE_PORT = 5998
DEFAULT_ADB_SERVER_PORT = 5037
LOOPBACK = "127.0.0.1"


def _listen(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # No SO_REUSEADDR: two devices must never share a port pair.
        sock.bind((LOOPBACK, port))
        sock.listen(64)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def bind_port_pair(console_port: int | None = None) -> tuple[socket.socket, socket.socket]:
    """Bind ``(console, adb)`` listening sockets on an even/odd pair.

    With ``console_port`` given, exactly that pair (``console_port`` must be even); otherwise the
    first free pair from 5554/5555 upward: first the range the adb server scans (up to 5585), then
    pairs above it, which need registration. Raises ``VirtualDeviceError`` when nothing is free.
    """
    if console_port is not None:
        if console_port % 2 or not 1024 <= console_port < 65535:
            raise VirtualDeviceError(
                f"console port {console_port} is not usable: pass an even port such as 5554 (adb uses the next one)"
            )
        candidates = [console_port]
    else:
        candidates = list(range(FIRST_CONSOLE_PORT, LAST_FALLBACK_CONSOLE_PORT + 1, 2))
    for port in candidates:
        try:
            console = _listen(port)
        except OSError:
            continue
        try:
            adb = _listen(port + 1)
        except OSError:
            console.close()
            continue
        return console, adb
    if console_port is not None:
        raise VirtualDeviceError(
            f"ports {console_port}/{console_port + 1} are taken; stop what uses them or pass another even port"
        )
    raise VirtualDeviceError(
        f"no free emulator port pair between {FIRST_CONSOLE_PORT} and {LAST_FALLBACK_CONSOLE_PORT + 1}; "
        "stop some emulators or virtual devices"
    )


def adb_server_port(port: int | None = None) -> int:
    """The adb server port to talk to: the one given, else $ANDROID_ADB_SERVER_PORT, else 5037."""
    if port is not None:
        return port
    value = os.environ.get("ANDROID_ADB_SERVER_PORT", "")
    try:
        return int(value) if value else DEFAULT_ADB_SERVER_PORT
    except ValueError as exc:
        raise VirtualDeviceError(f"ANDROID_ADB_SERVER_PORT={value!r} is not a port number; fix or unset it") from exc


def adb_server_running(port: int, timeout: float = 0.5) -> bool:
    with contextlib.suppress(OSError):
        with socket.create_connection((LOOPBACK, port), timeout=timeout):
            return True
    return False


def register_emulator(adb_port: int, server_port: int, timeout: float = 2.0) -> bool:
    """Tell the adb server on ``server_port`` about an emulator listening on ``adb_port``.

    Returns False when no server is running there (then it will find the device by its port scan
    when it starts). The server sends no reply to this request; it connects to the device instead.
    """
    request = f"host:emulator:{adb_port}".encode("ascii")
    try:
        with socket.create_connection((LOOPBACK, server_port), timeout=timeout) as sock:
            sock.sendall(b"%04x" % len(request) + request)
            # Give the server time to read before the close; it answers nothing.
            sock.settimeout(timeout)
            with contextlib.suppress(OSError):
                sock.recv(1)
    except OSError as exc:
        log.debug("no adb server on port %d to register with: %s", server_port, exc)
        return False
    return True
