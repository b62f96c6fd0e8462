"""An adbutils client without the per-call latency of the stock one.

Stock adbutils writes each request as two small sends on a socket with Nagle's algorithm on, so
every request waits for the peer's delayed ACK, and it sleeps 10 ms in every ``close()``.
Together that is about 20 ms per shell command or uiautomator2 call on a local adb server,
most of a step's device time. This client sets ``TCP_NODELAY`` and closes without the sleep;
everything else (protocol, errors, devices, uiautomator2 on top) is adbutils unchanged.

It leans on two details of adbutils 2.x (``AdbConnection._create_socket`` and the connection's
private socket attribute); ``pyproject.toml`` pins adbutils below 3, and a test checks the
behaviour so an upgrade that changes them fails loudly instead of silently getting slow.
"""

from __future__ import annotations

import contextlib
import socket

import adbutils
from adbutils._adb import AdbConnection

_SOCKET_ATTR = "_AdbConnection__conn"


class FastAdbConnection(AdbConnection):
    def _create_socket(self) -> socket.socket:
        sock = super()._create_socket()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def close(self) -> None:
        sock = getattr(self, _SOCKET_ATTR, None)
        if sock is None:
            return
        with contextlib.suppress(OSError):  # the peer may have closed first
            sock.shutdown(socket.SHUT_WR)
        sock.close()
        setattr(self, _SOCKET_ATTR, None)


class FastAdbClient(adbutils.AdbClient):
    """``adbutils.AdbClient`` whose connections do not wait on delayed ACKs."""

    def make_connection(self, timeout: float | None = None) -> AdbConnection:
        timeout = timeout or self._BaseClient__socket_timeout  # type: ignore[attr-defined]
        try:
            conn = FastAdbConnection(self.host, self.port)
        except TimeoutError as exc:
            raise adbutils.AdbTimeout("connect to adb server timeout") from exc
        if timeout:
            conn.conn.settimeout(timeout)
        return conn
