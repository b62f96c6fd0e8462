"""Write-through persistence: a new VirtualFS on the same state dir sees the same tree."""

from __future__ import annotations

import json
import os
import stat

import pytest

from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.errors import VirtualDeviceError


def test_files_dirs_modes_and_links_survive_a_restart(tmp_path):
    fs = VirtualFS(tmp_path)
    fs.write("/sdcard/Download/a.bin", bytes(range(256)), mode=0o100640, uid=10005, gid=9997, mtime=1234.0)
    fs.mkdir("/data/local/tmp/d/e", parents=True)
    fs.symlink("/sdcard/Download/a.bin", "/data/local/tmp/link")
    fs.chmod("/data/local/tmp/d", 0o700)
    again = VirtualFS(tmp_path)
    assert again.read("/sdcard/Download/a.bin") == bytes(range(256))
    st = again.stat("/sdcard/Download/a.bin")
    assert (stat.S_IMODE(st.mode), st.uid, st.gid, st.mtime) == (0o640, 10005, 9997, 1234.0)
    assert again.is_dir("/data/local/tmp/d/e")
    assert stat.S_IMODE(again.stat("/data/local/tmp/d").mode) == 0o700
    assert again.readlink("/data/local/tmp/link") == "/sdcard/Download/a.bin"
    assert again.read("/data/local/tmp/link") == bytes(range(256))
    assert again.stat("/sdcard/Download/a.bin").ino == st.ino


def test_data_lands_under_rootfs_at_the_real_path(tmp_path):
    fs = VirtualFS(tmp_path)
    fs.write("/sdcard/Documents/n.txt", b"note")
    assert (tmp_path / "rootfs/storage/emulated/0/Documents/n.txt").read_bytes() == b"note"
    meta = json.loads((tmp_path / "fsmeta.json").read_text())
    assert meta["version"] == 1


def test_removals_renames_and_copies_are_mirrored(tmp_path):
    fs = VirtualFS(tmp_path)
    fs.write("/sdcard/a", b"1")
    fs.rename("/sdcard/a", "/sdcard/b")
    fs.mkdir("/sdcard/t")
    fs.write("/sdcard/t/f", b"2")
    fs.copy("/sdcard/t", "/sdcard/t2", recursive=True)
    fs.remove("/sdcard/t", recursive=True)
    root = tmp_path / "rootfs/storage/emulated/0"
    assert not (root / "a").exists() and (root / "b").read_bytes() == b"1"
    assert not (root / "t").exists() and (root / "t2/f").read_bytes() == b"2"
    again = VirtualFS(tmp_path)
    assert again.read("/sdcard/b") == b"1" and again.read("/sdcard/t2/f") == b"2"
    assert not again.exists("/sdcard/t")


def test_a_crash_during_a_write_keeps_the_old_content(tmp_path, monkeypatch):
    fs = VirtualFS(tmp_path)
    fs.write("/sdcard/doc.txt", b"old version")

    def crash(*_args, **_kwargs):
        raise OSError("power lost")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(VirtualDeviceError):
        fs.write("/sdcard/doc.txt", b"new version that never lands")
    monkeypatch.undo()
    assert (tmp_path / "rootfs/storage/emulated/0/doc.txt").read_bytes() == b"old version"
    leftovers = [p for p in (tmp_path / "rootfs").rglob("*") if p.name.startswith(".dp-tmp-")]
    assert leftovers == []
    assert VirtualFS(tmp_path).read("/sdcard/doc.txt") == b"old version"


def test_data_written_before_metadata_is_adopted_after_a_crash(tmp_path):
    VirtualFS(tmp_path)
    orphan = tmp_path / "rootfs/data/local/tmp/orphan.txt"
    orphan.write_bytes(b"survived")
    (tmp_path / "rootfs/data/local/tmp/.dp-tmp-half").write_bytes(b"half")
    fs = VirtualFS(tmp_path)
    assert fs.read("/data/local/tmp/orphan.txt") == b"survived"
    assert not fs.exists("/data/local/tmp/.dp-tmp-half")
    assert not (tmp_path / "rootfs/data/local/tmp/.dp-tmp-half").exists()


def test_restore_rewrites_the_mirror(tmp_path):
    fs = VirtualFS(tmp_path)
    snap = fs.snapshot()
    fs.write("/sdcard/later.txt", b"x")
    fs.restore(snap)
    assert not (tmp_path / "rootfs/storage/emulated/0/later.txt").exists()
    assert not VirtualFS(tmp_path).exists("/sdcard/later.txt")


def test_unreadable_metadata_raises_a_clear_error(tmp_path):
    VirtualFS(tmp_path)
    (tmp_path / "fsmeta.json").write_text("{not json")
    with pytest.raises(VirtualDeviceError, match="delete that directory"):
        VirtualFS(tmp_path)


def test_shell_writes_persist_through_the_state_dir(tmp_path):
    import asyncio
    import threading
    from types import SimpleNamespace

    from droidpilot.emulator.virtual.shell import BufferIO, Shell

    def system():
        return SimpleNamespace(fs=VirtualFS(tmp_path), props={}, log=[], lock=threading.RLock(), rooted=False)

    class Log(list):
        def append(self, line, uid):
            super().append(line)

    first = system()
    first.log = Log()
    asyncio.run(Shell(first).run("echo saved > /sdcard/Download/s.txt", BufferIO()))
    second = system()
    second.log = Log()
    io = BufferIO()
    asyncio.run(Shell(second).run("cat /sdcard/Download/s.txt", io))
    assert io.out == b"saved\n"


def test_batch_writes_metadata_once_at_the_end(tmp_path, monkeypatch):
    fs = VirtualFS(tmp_path)
    writes = []
    real = fs._atomic_write

    def counting(target, data):
        writes.append(target.name)
        real(target, data)

    monkeypatch.setattr(fs, "_atomic_write", counting)
    with fs.batch():
        for i in range(5):
            fs.write(f"/sdcard/f{i}", b"x")
        assert writes.count("fsmeta.json") == 0
    assert writes.count("fsmeta.json") == 1
    assert all(VirtualFS(tmp_path).exists(f"/sdcard/f{i}") for i in range(5))


def test_a_crash_during_rename_never_loses_the_file(tmp_path, monkeypatch):
    fs = VirtualFS(tmp_path)
    fs.write("/sdcard/photo.jpg", b"precious")

    def crash(_parts):
        raise VirtualDeviceError("power lost")

    monkeypatch.setattr(fs, "_unpersist", crash)
    with pytest.raises(VirtualDeviceError):
        fs.rename("/sdcard/photo.jpg", "/sdcard/DCIM/photo.jpg")
    again = VirtualFS(tmp_path)
    assert again.read("/sdcard/DCIM/photo.jpg") == b"precious"
