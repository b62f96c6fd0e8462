"""Conformance with the real ``adb`` binary (from the adbutils wheel) against the virtual device."""

from __future__ import annotations

import hashlib
import random

import pytest


@pytest.fixture
def adb(adb_server, vdevice):
    def run(*args: str, input: bytes | None = None, text: bool = True, timeout: float = 60):
        return adb_server.adb("-s", vdevice.serial, *args, input=input, text=text, timeout=timeout)

    return run


def test_devices_lists_the_emulator_with_product_model_and_device(adb_server, vdevice):
    listing = adb_server.adb("devices", "-l").stdout
    line = next(line for line in listing.splitlines() if line.startswith(vdevice.serial + " "))
    props = vdevice.system.props
    assert " device " in line
    assert f"product:{props['ro.product.name']}" in line
    assert f"model:{props['ro.product.model']}".replace(" ", "_") in line
    assert f"device:{props['ro.product.device']}" in line


def test_get_state_and_serialno(adb):
    assert adb("get-state").stdout.strip() == "device"


def test_shell_echo_round_trip(adb):
    result = adb("shell", "echo", "hello", "world")
    assert (result.stdout, result.returncode) == ("hello world\n", 0)


@pytest.mark.parametrize("command, code", [("true", 0), ("false", 1), ("exit 7", 7), ("exit 300", 300 & 0xFF)])
def test_shell_exit_codes_travel_in_v2_exit_packets(adb, command, code):
    assert adb("shell", command).returncode == code


def test_dollar_question_sees_the_previous_status(adb):
    assert adb("shell", "false; echo $?").stdout == "1\n"


def test_stderr_stays_separate_from_stdout(adb):
    result = adb("shell", "echo out; ls /no/such/dir")
    assert result.stdout == "out\n"
    assert "No such file or directory" in result.stderr
    assert result.returncode != 0


def test_stdin_is_delivered_through_v2_packets(adb):
    data = "line one\nline two\n" * 500
    assert adb("shell", "cat", input=data.encode()).stdout == data


def test_push_and_pull_a_text_file(adb, tmp_path, vdevice):
    src = tmp_path / "hello.txt"
    src.write_text("hello from the host\n")
    pushed = adb("push", str(src), "/data/local/tmp/hello.txt")
    assert pushed.returncode == 0, pushed.stderr
    assert vdevice.system.fs.read("/data/local/tmp/hello.txt") == b"hello from the host\n"
    dst = tmp_path / "back.txt"
    assert adb("pull", "/data/local/tmp/hello.txt", str(dst)).returncode == 0
    assert dst.read_text() == "hello from the host\n"


def test_push_and_pull_a_3_mib_binary_file_keep_its_md5(adb, tmp_path):
    payload = random.Random(3).randbytes(3 * 1024 * 1024 + 17)
    src = tmp_path / "blob.bin"
    src.write_bytes(payload)
    assert adb("push", str(src), "/sdcard/Download/blob.bin").returncode == 0
    dst = tmp_path / "blob.back"
    assert adb("pull", "/sdcard/Download/blob.bin", str(dst)).returncode == 0
    assert hashlib.md5(dst.read_bytes()).hexdigest() == hashlib.md5(payload).hexdigest()


def test_push_into_a_missing_directory_creates_it(adb, tmp_path, vdevice):
    src = tmp_path / "n.txt"
    src.write_text("nested")
    assert adb("push", str(src), "/data/local/tmp/a/b/c/n.txt").returncode == 0
    assert vdevice.system.fs.is_dir("/data/local/tmp/a/b/c")


def test_pull_of_a_missing_file_fails_with_adbds_message(adb, tmp_path):
    result = adb("pull", "/sdcard/nothing-here", str(tmp_path / "x"))
    assert result.returncode != 0
    assert "No such file or directory" in result.stderr


def test_ls_lists_pushed_files(adb, tmp_path):
    src = tmp_path / "listed.txt"
    src.write_text("12345")
    assert adb("push", str(src), "/data/local/tmp/lsdir/listed.txt").returncode == 0
    out = adb("ls", "/data/local/tmp/lsdir").stdout
    names = [line.split()[-1] for line in out.splitlines()]
    assert names == [".", "..", "listed.txt"]


def test_exec_out_is_binary_safe(adb, tmp_path):
    payload = bytes(range(256)) * 64 + b"\r\n\n\r\x00"
    src = tmp_path / "raw.bin"
    src.write_bytes(payload)
    assert adb("push", str(src), "/data/local/tmp/raw.bin").returncode == 0
    assert adb("exec-out", "cat /data/local/tmp/raw.bin", text=False).stdout == payload


def test_root_is_refused_on_the_default_build(adb):
    result = adb("root")
    assert "adbd cannot run as root in production builds" in result.stdout + result.stderr


def test_unknown_service_is_reported_as_closed(adb_server, vdevice):
    result = adb_server.adb("-s", vdevice.serial, "forward", "tcp:0", "tcp:1")
    forward_port = result.stdout.strip()
    assert result.returncode == 0 and forward_port.isdigit()
    import socket

    with socket.create_connection(("127.0.0.1", int(forward_port)), timeout=5) as sock:
        sock.settimeout(5)
        assert sock.recv(10) == b""  # nothing listens on device port 1: the device refused the stream
    adb_server.adb("-s", vdevice.serial, "forward", "--remove", f"tcp:{forward_port}")


def test_shell_without_command_runs_piped_stdin_as_a_script(adb):
    result = adb("shell", input=b"echo piped\nfalse\nexit 3\n")
    assert (result.stdout, result.returncode) == ("piped\n", 3)


def test_interactive_shell_on_a_terminal(adb_server, vdevice):
    import os
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # child: the real adb client on a terminal
        os.execv(str(adb_server.adb_path), [str(adb_server.adb_path), "-P", str(adb_server.port), "-s", vdevice.serial, "shell"])
    output = b""

    def read_for(seconds: float, until: bytes) -> None:
        nonlocal output
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and until not in output:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    output += os.read(fd, 4096)
                except OSError:
                    return

    try:
        read_for(10, b"$ ")
        os.write(fd, b"echo on a tty\r")
        read_for(10, b"on a tty\r\n")
        os.write(fd, b"exit\r")
        read_for(10, b"\x00never")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert b"on a tty\r\n" in output
    assert os.waitstatus_to_exitcode(status) == 0
