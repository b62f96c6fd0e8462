"""Port pairs and the ``host:emulator:`` announcement."""

from __future__ import annotations

import socket
import threading

import pytest

from droidpilot.emulator.virtual.discovery import (
    adb_server_port,
    bind_port_pair,
    register_emulator,
)
from droidpilot.errors import VirtualDeviceError


def test_pairs_are_even_console_and_next_odd_adb_on_loopback():
    console, adb = bind_port_pair()
    try:
        c_host, c_port = console.getsockname()
        a_host, a_port = adb.getsockname()
        assert c_host == a_host == "127.0.0.1"
        assert c_port % 2 == 0 and a_port == c_port + 1 and 5554 <= c_port <= 5998
    finally:
        console.close()
        adb.close()


def test_a_taken_pair_is_skipped():
    first = bind_port_pair()
    try:
        second = bind_port_pair()
        try:
            assert second[0].getsockname()[1] > first[0].getsockname()[1]
        finally:
            second[0].close()
            second[1].close()
    finally:
        first[0].close()
        first[1].close()


def test_when_the_scanned_range_is_full_pairs_above_it_are_used(monkeypatch):
    import droidpilot.emulator.virtual.discovery as discovery

    taken = set(range(5554, 5586))
    real_listen = discovery._listen

    def listen(port):
        if port in taken:
            raise OSError("in use")
        return real_listen(port)

    monkeypatch.setattr(discovery, "_listen", listen)
    console, adb = bind_port_pair()
    try:
        assert console.getsockname()[1] >= 5586 and adb.getsockname()[1] == console.getsockname()[1] + 1
    finally:
        console.close()
        adb.close()


def test_an_explicit_taken_port_is_an_error_that_says_what_to_do():
    console, adb = bind_port_pair()
    try:
        with pytest.raises(VirtualDeviceError, match="taken"):
            bind_port_pair(console.getsockname()[1])
    finally:
        console.close()
        adb.close()


def test_odd_console_port_is_refused():
    with pytest.raises(VirtualDeviceError, match="even"):
        bind_port_pair(5555)


def test_server_port_comes_from_argument_then_environment(monkeypatch):
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", "6123")
    assert adb_server_port() == 6123
    assert adb_server_port(7000) == 7000
    monkeypatch.delenv("ANDROID_ADB_SERVER_PORT")
    assert adb_server_port() == 5037
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", "x")
    with pytest.raises(VirtualDeviceError, match="ANDROID_ADB_SERVER_PORT"):
        adb_server_port()


def test_registration_sends_a_length_prefixed_smart_socket_request():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    received = []

    def accept():
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            received.append(conn.recv(100))

    thread = threading.Thread(target=accept)
    thread.start()
    assert register_emulator(5557, server.getsockname()[1]) is True
    thread.join(3)
    server.close()
    assert received == [b"0012host:emulator:5557"]


def test_registration_without_a_server_reports_false():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    assert register_emulator(5555, port, timeout=0.5) is False
