"""VirtualFS: the tree, its errors, the /sdcard alias, persistence, snapshots and path safety."""

from __future__ import annotations

import errno
import os
import stat
import threading

import pytest

from droidpilot.emulator.virtual.fs import FSError, VirtualFS
from droidpilot.errors import VirtualDeviceError

T0 = 1704110400.0


@pytest.fixture
def fs() -> VirtualFS:
    return VirtualFS(clock=lambda: T0)


def test_base_image_has_the_documented_directories(fs):
    for path in ("/sdcard", "/storage/emulated/0", "/data/local/tmp", "/data/data", "/system/bin", "/proc", "/dev",
                 "/etc", "/sdcard/Download", "/sdcard/DCIM", "/sdcard/Pictures", "/sdcard/Documents", "/sdcard/Music",
                 "/sdcard/Movies", "/sdcard/Alarms"):
        assert fs.is_dir(path), path
    assert fs.is_file("/proc/cpuinfo")
    assert stat.S_ISCHR(fs.stat("/dev/null").mode)


def test_sdcard_and_storage_emulated_0_are_the_same_directory(fs):
    fs.write("/sdcard/Download/a.txt", b"x")
    assert fs.read("/storage/emulated/0/Download/a.txt") == b"x"
    assert fs.listdir("/sdcard") == fs.listdir("/storage/emulated/0")
    assert fs.stat("/sdcard").ino == fs.stat("/storage/emulated/0").ino
    link = fs.stat("/sdcard", follow=False)
    assert stat.S_ISLNK(link.mode)
    assert fs.readlink("/sdcard") == "/storage/self/primary"
    assert fs.realpath("/sdcard/Download") == "/storage/emulated/0/Download"


def test_write_read_append_and_stat(fs):
    fs.write("/data/local/tmp/f", b"ab", mode=0o100600, uid=10001, gid=10001)
    fs.write("/data/local/tmp/f", b"cd", append=True)
    assert fs.read("/data/local/tmp/f") == b"abcd"
    st = fs.stat("/data/local/tmp/f")
    assert (st.size, stat.S_IMODE(st.mode), st.uid, st.gid, st.mtime, st.nlink) == (4, 0o600, 10001, 10001, T0, 1)
    assert stat.S_ISREG(st.mode)
    fs.write("/data/local/tmp/f", b"z", mtime=5.0)
    assert fs.stat("/data/local/tmp/f").mtime == 5.0 and fs.read("/data/local/tmp/f") == b"z"


def test_inodes_are_unique(fs):
    fs.write("/data/local/tmp/a", b"")
    fs.write("/data/local/tmp/b", b"")
    assert fs.stat("/data/local/tmp/a").ino != fs.stat("/data/local/tmp/b").ino


def test_contents_must_be_bytes(fs):
    with pytest.raises(FSError) as info:
        fs.write("/data/local/tmp/s", "text")  # type: ignore[arg-type]
    assert info.value.errno == errno.EINVAL


@pytest.mark.parametrize("call,code", [
    (lambda fs: fs.read("/nope"), errno.ENOENT),
    (lambda fs: fs.read("/sdcard"), errno.EISDIR),
    (lambda fs: fs.listdir("/proc/version"), errno.ENOTDIR),
    (lambda fs: fs.write("/nope/dir/f", b""), errno.ENOENT),
    (lambda fs: fs.write("/proc/version/x", b""), errno.ENOTDIR),
    (lambda fs: fs.write("/sdcard", b""), errno.EISDIR),
    (lambda fs: fs.mkdir("/sdcard/Download"), errno.EEXIST),
    (lambda fs: fs.mkdir("/a/b"), errno.ENOENT),
    (lambda fs: fs.remove("/sdcard/Android"), errno.ENOTEMPTY),
    (lambda fs: fs.remove("/nope"), errno.ENOENT),
    (lambda fs: fs.copy("/sdcard/Download", "/sdcard/D2"), errno.EISDIR),
    (lambda fs: fs.rename("/nope", "/sdcard/x"), errno.ENOENT),
    (lambda fs: fs.readlink("/proc/version"), errno.EINVAL),
])
def test_errors_carry_linux_errno_and_toybox_message(fs, call, code):
    with pytest.raises(FSError) as info:
        call(fs)
    assert info.value.errno == code
    assert info.value.message == {
        errno.ENOENT: "No such file or directory", errno.EISDIR: "Is a directory", errno.ENOTDIR: "Not a directory",
        errno.EEXIST: "File exists", errno.ENOTEMPTY: "Directory not empty", errno.EINVAL: "Invalid argument",
    }[code]
    assert isinstance(info.value, VirtualDeviceError)


def test_stat_of_missing_path_is_none(fs):
    assert fs.stat("/nope") is None
    assert not fs.exists("/nope") and not fs.is_dir("/nope") and not fs.is_file("/nope")


def test_mkdir_parents_and_listdir_sorted(fs):
    fs.mkdir("/data/local/tmp/a/b/c", parents=True)
    fs.mkdir("/data/local/tmp/a/b/c", parents=True)  # existing: fine
    fs.write("/data/local/tmp/a/z", b"")
    fs.write("/data/local/tmp/a/m", b"")
    assert fs.listdir("/data/local/tmp/a") == ["b", "m", "z"]
    with pytest.raises(FSError):
        fs.mkdir("/data/local/tmp/a/z/q", parents=True)


def test_remove_file_dir_and_recursive(fs):
    fs.mkdir("/sdcard/t/u", parents=True)
    fs.write("/sdcard/t/u/f", b"1")
    fs.remove("/sdcard/t/u/f")
    fs.remove("/sdcard/t/u")
    fs.write("/sdcard/t/g", b"1")
    fs.remove("/sdcard/t", recursive=True)
    assert not fs.exists("/sdcard/t")


def test_removing_a_symlink_keeps_its_target(fs):
    fs.symlink("/sdcard/Download", "/data/local/tmp/dl")
    fs.remove("/data/local/tmp/dl")
    assert fs.is_dir("/sdcard/Download")


def test_storage_root_cannot_be_removed(fs):
    with pytest.raises(FSError) as info:
        fs.remove("/storage/emulated/0", recursive=True)
    assert info.value.errno == errno.EBUSY


def test_rename_and_copy(fs):
    fs.write("/sdcard/a", b"A")
    fs.rename("/sdcard/a", "/sdcard/Download/b")
    assert not fs.exists("/sdcard/a") and fs.read("/sdcard/Download/b") == b"A"
    fs.mkdir("/sdcard/tree/x", parents=True)
    fs.write("/sdcard/tree/x/f", b"F")
    fs.copy("/sdcard/tree", "/sdcard/tree2", recursive=True)
    fs.write("/sdcard/tree/x/f", b"changed")
    assert fs.read("/sdcard/tree2/x/f") == b"F"
    with pytest.raises(FSError):
        fs.rename("/sdcard/tree", "/sdcard/tree/x/inside")
    with pytest.raises(FSError):
        fs.copy("/sdcard/tree", "/sdcard/tree/x/inside", recursive=True)


def test_chmod_chown_utime(fs):
    fs.write("/data/local/tmp/f", b"")
    fs.chmod("/data/local/tmp/f", 0o755)
    fs.chown("/data/local/tmp/f", 0, 1000)
    fs.utime("/data/local/tmp/f", mtime=1.0, atime=2.0)
    st = fs.stat("/data/local/tmp/f")
    assert (stat.S_IMODE(st.mode), st.uid, st.gid, st.mtime, st.atime) == (0o755, 0, 1000, 1.0, 2.0)
    assert stat.S_ISREG(st.mode)


def test_symlink_loops_are_detected(fs):
    fs.symlink("/data/local/tmp/b", "/data/local/tmp/a")
    fs.symlink("/data/local/tmp/a", "/data/local/tmp/b")
    assert fs.stat("/data/local/tmp/a") is None
    with pytest.raises(FSError) as info:
        fs.read("/data/local/tmp/a")
    assert info.value.errno == errno.ELOOP


@pytest.mark.parametrize("path", ["/../../etc/hosts", "/data/../../../../etc/hosts", "../../etc/hosts",
                                  "/sdcard/../../../../../etc/hosts", "/storage/emulated/0/../../../../etc/hosts"])
def test_dotdot_stops_at_the_virtual_root(fs, path):
    assert fs.realpath(path) == "/etc/hosts"
    fs.write(path, b"through dotdot\n")
    assert fs.read("/etc/hosts") == b"through dotdot\n"


def test_dotdot_can_never_escape_the_state_dir(tmp_path):
    state = tmp_path / "state"
    secret = tmp_path / "secret.txt"
    secret.write_text("host")
    fs = VirtualFS(state)
    for path in ("/../secret.txt", "/../../secret.txt", "/data/local/tmp/../../../../secret.txt",
                 "/sdcard/../../../../../secret.txt", "../secret.txt"):
        try:
            fs.write(path, b"pwned")
        except FSError:
            pass
    fs.symlink("/../../..", "/data/local/tmp/up")
    try:
        fs.write("/data/local/tmp/up/secret.txt", b"pwned")
    except FSError:
        pass
    assert secret.read_text() == "host"
    assert set(os.listdir(tmp_path)) == {"state", "secret.txt"}
    for root, _dirs, _files in os.walk(state):
        assert os.path.realpath(root).startswith(os.path.realpath(state))


def test_nul_in_path_is_rejected(fs):
    with pytest.raises(FSError) as info:
        fs.write("/data/local/tmp/a\x00b", b"")
    assert info.value.errno == errno.EINVAL


def test_snapshot_and_restore(fs):
    fs.write("/sdcard/keep", b"1")
    snap = fs.snapshot()
    fs.write("/sdcard/keep", b"2")
    fs.write("/sdcard/new", b"n")
    fs.remove("/sdcard/Download")
    fs.restore(snap)
    assert fs.read("/sdcard/keep") == b"1"
    assert not fs.exists("/sdcard/new")
    assert fs.is_dir("/sdcard/Download")
    fs.write("/sdcard/keep", b"3")
    fs.restore(snap)  # the snapshot itself was not changed by later writes
    assert fs.read("/sdcard/keep") == b"1"
    with pytest.raises(VirtualDeviceError):
        fs.restore("not a snapshot")


def test_concurrent_writers_do_not_corrupt_the_tree(fs):
    def writer(n: int) -> None:
        for i in range(50):
            fs.write(f"/data/local/tmp/w{n}", str(i).encode(), append=True)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    for n in range(4):
        assert fs.read(f"/data/local/tmp/w{n}") == "".join(str(i) for i in range(50)).encode()
