"""Bad input on the device's adb port never disturbs the adb server's transport or other clients."""

from __future__ import annotations

import socket
import struct

import pytest

from droidpilot.emulator.virtual.protocol import A_CNXN, A_OKAY, A_OPEN, A_WRTE, MAX_PAYLOAD, VERSION, encode


def _cnxn(sock: socket.socket) -> None:
    sock.sendall(encode(A_CNXN, VERSION, MAX_PAYLOAD, b"host::\0"))
    header = _recv_exactly(sock, 24)
    assert struct.unpack("<I", header[:4])[0] == A_CNXN
    _recv_exactly(sock, struct.unpack_from("<I", header, 12)[0])


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    out = b""
    while len(out) < n:
        chunk = sock.recv(n - len(out))
        if not chunk:
            raise ConnectionError("closed")
        out += chunk
    return out


def _read_packet(sock: socket.socket) -> tuple[int, int, int, bytes]:
    header = _recv_exactly(sock, 24)
    command, arg0, arg1, length = struct.unpack_from("<4I", header)
    return command, arg0, arg1, _recv_exactly(sock, length)


def _is_closed(sock: socket.socket) -> bool:
    sock.settimeout(3)
    try:
        while sock.recv(4096):
            pass
    except ConnectionResetError:
        pass
    return True


def _raw(vdevice) -> socket.socket:
    return socket.create_connection(("127.0.0.1", vdevice.adb_port), timeout=5)


BAD_INPUTS = {
    "garbage": b"\x00\xffnot adb at all\r\n" * 10,
    "bad_magic": encode(A_CNXN, VERSION, MAX_PAYLOAD, b"host::\0")[:20] + b"XXXX",
    "oversized": struct.pack("<6I", A_CNXN, VERSION, MAX_PAYLOAD, MAX_PAYLOAD + 1, 0, A_CNXN ^ 0xFFFFFFFF),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_drops_only_that_connection(name, vdevice, adb_device):
    with _raw(vdevice) as sock:
        sock.sendall(BAD_INPUTS[name])
        assert _is_closed(sock)
    assert adb_device.shell("echo still here") == "still here"


def test_unknown_stream_ids_are_ignored(vdevice, adb_device):
    with _raw(vdevice) as sock:
        _cnxn(sock)
        sock.sendall(encode(A_WRTE, 1, 4242, b"junk") + encode(A_OKAY, 1, 4242))
        sock.sendall(encode(A_OPEN, 9, 0, b"shell:echo ok\0"))
        command, dev_id, host_id, _ = _read_packet(sock)
        assert (command, host_id) == (A_OKAY, 9)
        command, _, _, data = _read_packet(sock)
        assert (command, data) == (A_WRTE, b"ok\n")
    assert adb_device.shell("echo fine") == "fine"


def test_disconnect_mid_push_keeps_earlier_files_and_the_old_target(vdevice, adb_device):
    adb_device.sync.push(b"complete", "/data/local/tmp/robust.txt")
    adb_device.sync.push(b"earlier file", "/data/local/tmp/earlier.txt")
    with _raw(vdevice) as sock:
        _cnxn(sock)
        sock.sendall(encode(A_OPEN, 3, 0, b"sync:\0"))
        command, dev_id, _, _ = _read_packet(sock)
        assert command == A_OKAY
        path = b"/data/local/tmp/robust.txt,33188"
        wire = b"SEND" + struct.pack("<I", len(path)) + path + b"DATA" + struct.pack("<I", 60000) + b"p" * 30000
        sock.sendall(encode(A_WRTE, 3, dev_id, wire))
        assert _read_packet(sock)[0] == A_OKAY
    # The socket is gone mid-DATA: the target keeps its old content, the other file is intact.
    assert adb_device.sync.read_bytes("/data/local/tmp/robust.txt") == b"complete"
    assert adb_device.sync.read_bytes("/data/local/tmp/earlier.txt") == b"earlier file"
    assert vdevice.system.fs.read("/data/local/tmp/robust.txt") == b"complete"


def test_a_silent_connection_does_not_block_others(vdevice, adb_device):
    with _raw(vdevice):
        assert adb_device.shell("echo not blocked") == "not blocked"
