"""adbutils (the client droidpilot uses) against the virtual device, through the real adb server."""

from __future__ import annotations

import asyncio
import hashlib
import random
import stat

import adbutils
import pytest


def test_shell_returns_stripped_text(adb_device):
    assert adb_device.shell("echo hi") == "hi"


def test_shell2_v1_reads_the_status_from_the_x4exit_marker(adb_device):
    result = adb_device.shell2("echo y; false")
    assert (result.returncode, result.output) == (1, "y\n")


def test_shell2_v2_separates_streams_and_reports_exit(adb_device):
    result = adb_device.shell2("echo out; ls /missing; exit 4", v2=True)
    assert result.returncode == 4
    assert result.stdout == "out\n"
    assert "No such file or directory" in result.stderr


def test_features_include_shell_v2(adb_device):
    assert "shell_v2" in adb_device.get_features().split(",")


def test_sync_push_pull_stat_and_list(adb_device, tmp_path):
    payload = random.Random(5).randbytes(200_000)
    adb_device.sync.push(payload, "/data/local/tmp/sync.bin")
    info = adb_device.sync.stat("/data/local/tmp/sync.bin")
    assert info.size == len(payload) and stat.S_ISREG(info.mode)
    assert hashlib.md5(adb_device.sync.read_bytes("/data/local/tmp/sync.bin")).digest() == hashlib.md5(payload).digest()
    names = [entry.path for entry in adb_device.sync.list("/data/local/tmp")]
    assert "sync.bin" in names and "." in names
    dst = tmp_path / "pulled.bin"
    assert adb_device.sync.pull("/data/local/tmp/sync.bin", dst) == len(payload)
    assert dst.read_bytes() == payload


def test_sync_stat_of_missing_path_is_all_zero(adb_device):
    info = adb_device.sync.stat("/sdcard/absent")
    assert (info.mode, info.size, info.mtime) == (0, 0, None)
    assert not adb_device.sync.exists("/sdcard/absent")


def test_sync_read_of_missing_file_raises_adb_error(adb_device):
    with pytest.raises(adbutils.AdbError, match="No such file"):
        adb_device.sync.read_bytes("/sdcard/absent")


def test_push_to_a_directory_appends_the_file_name(adb_device, tmp_path):
    src = tmp_path / "named.txt"
    src.write_text("x")
    adb_device.sync.push(str(src), "/sdcard/Download")
    assert adb_device.sync.read_text("/sdcard/Download/named.txt") == "x"


def test_create_connection_reaches_an_in_device_listener(adb_device, vdevice):
    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            writer.write(data.upper())
            await writer.drain()
        writer.close()

    vdevice.run(vdevice.system.net.listen(7001, echo))
    try:
        sock = adb_device.create_connection(adbutils.Network.TCP, 7001)
        with sock:
            sock.settimeout(5)
            sock.sendall(b"hello device")
            got = b""
            while len(got) < 12:
                got += sock.recv(100)
        assert got == b"HELLO DEVICE"
    finally:
        vdevice.run(vdevice.system.net.unlisten(7001))


def test_create_connection_without_listener_is_refused(adb_device):
    with pytest.raises(adbutils.AdbError, match="closed"):
        adb_device.create_connection(adbutils.Network.TCP, 7999)


def test_the_session_makes_the_private_server_the_default_client(adb_server, vdevice):
    import os

    assert adbutils.adb.port == adb_server.port
    assert os.environ["ANDROID_ADB_SERVER_PORT"] == str(adb_server.port)
    assert vdevice.serial in [d.serial for d in adbutils.adb.device_list()]


def test_framebuffer_service_sends_an_rgba_frame_of_the_screen(adb_device, vdevice):
    import struct

    with adb_device.open_transport() as conn:
        conn.send_command("framebuffer:")
        conn.check_okay()
        header = struct.unpack("<14I", conn.read_exact(56))
        version, bpp, _colour, size, width, height = header[:6]
        assert (version, bpp) == (2, 32)
        assert (width, height) == (1080, 2400)  # VirtualDevice's default display
        assert size == width * height * 4
        pixels = conn.read_exact(size)
    assert len(set(pixels[: 4 * width * 50])) > 1  # a rendered screen, not a blank buffer
