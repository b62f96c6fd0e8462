"""The shell never reaches the host: no processes, no host paths, hostile text stays data."""

from __future__ import annotations

import asyncio
import os
import subprocess

import pytest


HOSTILE_SCRIPTS = [
    "echo $(reboot)",
    "`rm -rf /sdcard`",
    ";rm -rf /",
    "ok;touch${IFS}/tmp/pwned",
    "cat /etc/passwd",
    "sh -c 'id; uname -a'",
    "eval 'echo $(id)'",
    "cd /../../../..; ls",
    "echo x > /../../../tmp/pwned",
    "rm -rf /",
    "xargs rm -rf < /dev/null",
    "su -c 'rm -rf /'",
    "exec /bin/sh -c 'kill -9 1'",
    "/bin/sh -c 'echo x > /tmp/pwned'",
    "while true; do break; done; python3 -c 'import os'",
]


def _forbid(*_a, **_k):
    raise AssertionError("the virtual shell tried to start a host process")


@pytest.fixture
def no_host_processes(monkeypatch):
    for name in ("Popen", "run", "call", "check_call", "check_output", "getoutput", "getstatusoutput"):
        monkeypatch.setattr(subprocess, name, _forbid)
    for name in ("system", "popen", "execv", "execve", "execvp", "execl", "execlp", "spawnv", "spawnl",
                 "posix_spawn", "posix_spawnp", "fork", "forkpty"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, _forbid)
    monkeypatch.setattr(asyncio, "create_subprocess_exec", _forbid)
    monkeypatch.setattr(asyncio, "create_subprocess_shell", _forbid)


@pytest.mark.parametrize("script", HOSTILE_SCRIPTS)
@pytest.mark.parametrize("rooted", [False, True])
def test_hostile_scripts_spawn_nothing_and_touch_no_host_file(no_host_processes, make_harness, tmp_path, script, rooted):
    outside = tmp_path / "outside.txt"
    outside.write_text("host data")
    state = tmp_path / "state"
    harness = make_harness(rooted=rooted, state_dir=state)
    result = harness.run(script, uid=0 if rooted else 2000)
    assert isinstance(result.rc, int)
    assert outside.read_text() == "host data"
    assert not os.path.exists("/tmp/pwned")
    for root, _dirs, _files in os.walk(tmp_path):
        assert root.startswith(str(tmp_path))
    # the device's own base image survives as the uid's permissions allow
    assert harness.fs.is_dir("/storage/emulated/0")
    assert harness.fs.is_dir("/data/local/tmp")


def test_rm_rf_as_shell_only_removes_what_shell_may(sh):
    sh.fs.write("/sdcard/Download/mine.txt", b"x")
    sh.fs.write("/data/local/tmp/t", b"x")
    result = sh.run("rm -rf /system /data/local /sdcard/Download /proc/version")
    assert result.rc == 1
    assert result.err.splitlines() == [
        "rm: /system/app: Read-only file system",
        "rm: /system/bin: Read-only file system",
        "rm: /system/build.prop: Read-only file system",
        "rm: /system/etc: Read-only file system",
        "rm: /system/fonts: Read-only file system",
        "rm: /system/framework: Read-only file system",
        "rm: /system/priv-app: Read-only file system",
        "rm: /system/xbin: Read-only file system",
        "rm: /system: Read-only file system",
        "rm: /data/local: Permission denied",
        "rm: /proc/version: Read-only file system",
    ]
    assert not sh.fs.exists("/sdcard/Download")
    assert sh.fs.exists("/proc/version")
    assert sh.fs.is_dir("/system/bin")
    assert sh.fs.exists("/data/local/tmp/t")


def test_rm_refuses_root_itself(sh):
    result = sh.run("rm -rf /", uid=0)
    assert "refusing" in result.err
    assert sh.fs.is_dir("/sdcard")


def test_injection_in_quoted_argument_is_not_executed(sh):
    text = "'; touch /data/local/tmp/pwned; '"
    assert sh.argv(f'"{text}"') == [text]
    assert not sh.fs.exists("/data/local/tmp/pwned")


@pytest.mark.parametrize("script", [
    "(" * 3000 + "echo x" + ")" * 3000,
    "{ " * 400 + "echo x" + "; }" * 400,
    "echo $((" + "(" * 3000 + "1" + ")" * 3000 + "))",
    "echo " + "$(" * 200 + "echo x" + ")" * 200,
])
def test_pathological_nesting_fails_cleanly(sh, script):
    result = sh.run(script)
    assert result.out in ("", "\n")  # the too-deep part produced nothing
    assert "nesting too deep" in result.err or "too deeply nested" in result.err
    assert sh.out("echo still alive") == "still alive\n"


def test_huge_arguments_are_handled(sh):
    assert sh.out("echo " + "'a'" * 20000) == "a" * 20000 + "\n"
    assert sh.run("x" * 200000).rc == 127
