"""droidpilot's adb client: stock adbutils behaviour without the Nagle/sleep latency."""

from __future__ import annotations

import socket

from droidpilot.device.fastclient import FastAdbClient, FastAdbConnection


def test_fast_client_sets_nodelay_and_speaks_adb(adb_server, vdevice):
    client = FastAdbClient(host="127.0.0.1", port=adb_server.port, socket_timeout=10)
    conn = client.make_connection()
    try:
        assert isinstance(conn, FastAdbConnection)
        assert conn.conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        conn.close()
    assert conn.closed
    device = client.device(vdevice.serial)
    assert device.shell("echo fast") == "fast"
    assert device.shell2(["sh", "-c", "exit 3"]).returncode == 3
    assert vdevice.serial in [d.serial for d in client.device_list()]
