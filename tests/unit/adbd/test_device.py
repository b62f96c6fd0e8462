"""``VirtualDevice`` life cycle and fault injection, with the mini OS (no adb binary needed)."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from adbd_host import TestHost
from adbd_minidevice import MiniShell, MiniSystem

from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.errors import VirtualDeviceError


def make_device(**kwargs) -> VirtualDevice:
    return VirtualDevice(register=False, system_factory=MiniSystem, shell_factory=MiniShell, **kwargs)


async def shell(port: int, command: str) -> bytes:
    host = await TestHost.connect(port)
    try:
        return await host.run(f"shell:{command}")
    finally:
        await host.close()


def test_start_serves_adb_and_console_and_stop_releases_the_ports():
    dev = make_device()
    with dev:
        assert dev.serial == f"emulator-{dev.console_port}" and dev.adb_port == dev.console_port + 1
        assert asyncio.run(shell(dev.adb_port, "echo up")) == b"up\n"
        with socket.create_connection(("127.0.0.1", dev.console_port), timeout=2) as sock:
            assert sock.recv(100).startswith(b"Android Console")
        adb_port = dev.adb_port
    assert not dev.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", adb_port), timeout=1).close()


def test_two_devices_get_different_port_pairs():
    with make_device() as a, make_device() as b:
        assert a.serial != b.serial
        assert asyncio.run(shell(b.adb_port, "echo b")) == b"b\n"


def test_odd_port_is_refused_before_anything_starts():
    with pytest.raises(VirtualDeviceError, match="even"):
        VirtualDevice(5555)


def test_properties_before_start_explain_what_to_do():
    with pytest.raises(VirtualDeviceError, match="start"):
        make_device().serial


def test_run_executes_a_coroutine_on_the_device_loop():
    with make_device() as dev:

        async def where():
            return asyncio.get_running_loop()

        assert dev.run(where()) is dev._loop


def test_disconnect_all_and_go_offline():
    with make_device() as dev:

        async def scenario():
            host = await TestHost.connect(dev.adb_port)
            count = await asyncio.to_thread(dev.disconnect_all)
            await asyncio.wait_for(host.lost.wait(), 3)
            await asyncio.to_thread(dev.go_offline, 0.5)
            reader, writer = await asyncio.open_connection("127.0.0.1", dev.adb_port)
            refused = await asyncio.wait_for(reader.read(), 3)
            writer.close()
            await asyncio.sleep(0.6)
            back = await TestHost.connect(dev.adb_port)
            out = await back.run("shell:echo back")
            await back.close()
            return count, refused, out

        assert asyncio.run(scenario()) == (1, b"", b"back\n")


def test_reset_gives_a_fresh_system_with_the_same_options():
    with make_device(rooted=True) as dev:
        old = dev.system
        old.fs.write("/data/local/tmp/x", b"1")
        dev.reset()
        assert dev.system is not old and dev.system.rooted
        assert not dev.system.fs.exists("/data/local/tmp/x")
        assert dev.system.net.lookup(7777) is not None  # services restarted
        assert asyncio.run(shell(dev.adb_port, "echo fresh")) == b"fresh\n"
        assert dev.daemon.shell.system is dev.system  # the interpreter follows the new OS
        assert dev.daemon.shell.scripts == [("echo fresh", 2000)]


def test_snapshot_and_restore_bring_files_back():
    with make_device() as dev:
        dev.system.fs.write("/sdcard/a.txt", b"before")
        snap = dev.snapshot()
        dev.system.fs.write("/sdcard/a.txt", b"after")
        dev.restore(snap)
        assert dev.system.fs.read("/sdcard/a.txt") == b"before"
        with pytest.raises(VirtualDeviceError, match="snapshot"):
            dev.restore("nonsense")


def test_console_kill_stops_the_device(tmp_path):
    dev = make_device(auth_token_path=tmp_path / "none").start()
    with socket.create_connection(("127.0.0.1", dev.console_port), timeout=2) as sock:
        sock.recv(200)
        sock.sendall(b"kill\n")
        sock.settimeout(2)
        assert b"bye bye" in sock.recv(200)
    for _ in range(100):
        if not dev.running:
            break
        time.sleep(0.05)
    assert not dev.running
