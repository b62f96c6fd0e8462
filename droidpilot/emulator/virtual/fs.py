"""The virtual device's file system: an in-memory POSIX-like tree, mirrored to disk.

Why in memory: every shell command, sync request and app reads files many times per step, and
the tree must snapshot/restore instantly. Why mirrored: files pushed to the device or written by
apps must survive a device restart (and a crash), so with a ``state_dir`` every mutation is
written through to ``state_dir/rootfs/<path>`` (file contents) and ``state_dir/fsmeta.json``
(the tree's shape and metadata), each by writing a temporary file and ``os.replace``-ing it, so a
crash leaves either the old or the new version, never half of one.

Paths are virtual: they are resolved inside the tree (``..`` stops at ``/``), and only resolved,
existing tree paths are ever mapped to host paths under ``rootfs``, so no path a client sends can
reach outside the state directory.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import stat as statmod
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from droidpilot.errors import VirtualDeviceError

__all__ = ["FSError", "FileStat", "VirtualFS"]

_MESSAGES = {
    errno.ENOENT: "No such file or directory",
    errno.EISDIR: "Is a directory",
    errno.ENOTDIR: "Not a directory",
    errno.EEXIST: "File exists",
    errno.ENOTEMPTY: "Directory not empty",
    errno.EACCES: "Permission denied",
    errno.EINVAL: "Invalid argument",
    errno.ELOOP: "Too many symbolic links encountered",
    errno.EIO: "I/O error",
    errno.EROFS: "Read-only file system",
    errno.EBUSY: "Device or resource busy",
}

_MAX_SYMLINK_HOPS = 40
_META_FILE = "fsmeta.json"
_ROOTFS = "rootfs"
_TMP_PREFIX = ".dp-tmp-"
_DEV_ID = 0xFD00  # st_dev of the single virtual block device

# Well-known Android ids, so ``ls -l`` and ``id`` print plausible names.
AID_ROOT, AID_SYSTEM, AID_SHELL, AID_EVERYBODY = 0, 1000, 2000, 9997


class FSError(VirtualDeviceError):
    """A file-system call failed; ``errno`` is the Linux errno, ``message`` toybox's wording.

    Callers (the shell, the sync service) print ``message`` the way Android tools do, e.g.
    ``ls: /x: No such file or directory``.
    """

    def __init__(self, errno_: int, message: str | None = None) -> None:
        self.errno = errno_
        self.message = message or _MESSAGES.get(errno_, os.strerror(errno_))
        super().__init__(self.message)


class FileStat(NamedTuple):
    """What ``stat(2)`` returns, with the fields the sync protocol (STA2/LIS2) needs."""

    mode: int
    size: int
    mtime: float
    atime: float
    ctime: float
    uid: int
    gid: int
    ino: int
    nlink: int
    dev: int


@dataclass
class _Node:
    mode: int
    uid: int
    gid: int
    mtime: float
    atime: float
    ctime: float
    ino: int


@dataclass
class _Dir(_Node):
    children: dict[str, _Node] = field(default_factory=dict)


@dataclass
class _File(_Node):
    data: bytes = b""


@dataclass
class _Symlink(_Node):
    target: str = ""


@dataclass
class _Special(_Node):
    """A character device such as /dev/null: present in listings, no stored data."""


def _err(code: int) -> FSError:
    return FSError(code, _MESSAGES.get(code))


def _split(path: str) -> list[str]:
    if not isinstance(path, str) or "\x00" in path:
        raise _err(errno.EINVAL)
    if not path.startswith("/"):
        path = "/" + path
    return [p for p in path.split("/") if p and p != "."]


class VirtualFS:
    """The device's whole file tree; thread-safe (an internal lock guards every call)."""

    def __init__(self, state_dir: Path | str | None = None, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.RLock()
        self._batch_depth = 0
        self._meta_dirty = False
        self._next_ino = 1
        self._state_dir = Path(state_dir) if state_dir is not None else None
        self._rootfs = self._state_dir / _ROOTFS if self._state_dir is not None else None
        self._root: _Dir = self._new_dir(0o40755, AID_ROOT, AID_ROOT)
        if self._state_dir is not None and (self._state_dir / _META_FILE).exists():
            self._load()
        else:
            # Build the image in memory only, then mirror it to disk in one pass.
            state_dir, rootfs = self._state_dir, self._rootfs
            self._state_dir = self._rootfs = None
            self._build_base_image()
            self._state_dir, self._rootfs = state_dir, rootfs
            if self._state_dir is not None:
                self._persist_all()

    # ------------------------------------------------------------------ queries

    def now(self) -> float:
        """The clock this file system stamps times with."""
        return self._clock()

    def stat(self, path: str, follow: bool = True) -> FileStat | None:
        """``stat``/``lstat``: None when the path does not exist (the sync STAT wants zeros then)."""
        with self._lock:
            try:
                node = self._lookup(path, follow=follow)
            except FSError:
                return None
            return self._stat_of(node)

    def is_dir(self, path: str) -> bool:
        st = self.stat(path)
        return st is not None and statmod.S_ISDIR(st.mode)

    def is_file(self, path: str) -> bool:
        st = self.stat(path)
        return st is not None and statmod.S_ISREG(st.mode)

    def is_symlink(self, path: str) -> bool:
        st = self.stat(path, follow=False)
        return st is not None and statmod.S_ISLNK(st.mode)

    def exists(self, path: str) -> bool:
        return self.stat(path) is not None

    def listdir(self, path: str) -> list[str]:
        with self._lock:
            node = self._lookup(path)
            if not isinstance(node, _Dir):
                raise _err(errno.ENOTDIR)
            return sorted(node.children)

    def read(self, path: str) -> bytes:
        with self._lock:
            node = self._lookup(path)
            if isinstance(node, _Dir):
                raise _err(errno.EISDIR)
            if isinstance(node, _Special):
                return b""
            assert isinstance(node, _File)
            node.atime = self._clock()
            return node.data

    def readlink(self, path: str) -> str:
        with self._lock:
            node = self._lookup(path, follow=False)
            if not isinstance(node, _Symlink):
                raise _err(errno.EINVAL)
            return node.target

    def realpath(self, path: str) -> str:
        """The path with every symlink resolved (``readlink -f``); the path must exist."""
        with self._lock:
            parts = self._resolve_parts(_split(path), follow_last=True)
            self._walk(parts)
            return "/" + "/".join(parts)

    # ---------------------------------------------------------------- mutations

    def write(
        self,
        path: str,
        data: bytes,
        *,
        mode: int | None = 0o100644,
        append: bool = False,
        mtime: float | None = None,
        uid: int = AID_SHELL,
        gid: int = AID_SHELL,
    ) -> None:
        """Create or replace (or append to) a regular file; the parent directory must exist.

        On an existing file, ``mode=None`` keeps its mode and owner is kept; a given mode updates it.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise FSError(errno.EINVAL, "file contents must be bytes")
        data = bytes(data)
        with self._lock:
            parent, name, real = self._parent_for_create(path)
            now = self._clock()
            node = parent.children.get(name)
            if isinstance(node, _Dir):
                raise _err(errno.EISDIR)
            if isinstance(node, _Special):
                return  # writes to a device node (e.g. /dev/null) vanish
            if isinstance(node, _File):
                node.data = node.data + data if append else data
                if mode is not None and not append:
                    node.mode = statmod.S_IFREG | statmod.S_IMODE(mode)
            else:
                perm = statmod.S_IMODE(mode) if mode is not None else 0o644
                node = _File(statmod.S_IFREG | perm, uid, gid, now, now, now, self._alloc_ino(), data)
                parent.children[name] = node
                parent.mtime = parent.ctime = now
            node.mtime = mtime if mtime is not None else now
            node.ctime = now
            self._persist_file(real, node)
            self._persist_meta()

    def mkdir(self, path: str, *, parents: bool = False, mode: int = 0o40771, uid: int = AID_SHELL,
              gid: int = AID_SHELL) -> None:
        """Create a directory; with ``parents`` create missing ancestors and accept an existing dir."""
        with self._lock:
            if parents:
                parts = _split(path)
                for i in range(1, len(parts) + 1):
                    sub = "/" + "/".join(parts[:i])
                    try:
                        node = self._lookup(sub)
                    except FSError as exc:
                        if exc.errno != errno.ENOENT:
                            raise
                        self._mkdir_one(sub, mode, uid, gid)
                        continue
                    if not isinstance(node, _Dir):
                        raise _err(errno.ENOTDIR if i < len(parts) else errno.EEXIST)
                self._persist_meta()
                return
            self._mkdir_one(path, mode, uid, gid)
            self._persist_meta()

    def symlink(self, target: str, path: str, *, uid: int = AID_SHELL, gid: int = AID_SHELL) -> None:
        """Create ``path`` as a symbolic link to ``target`` (stored verbatim, like ``ln -s``)."""
        with self._lock:
            parent, name, _ = self._parent_for_create(path)
            if name in parent.children:
                raise _err(errno.EEXIST)
            now = self._clock()
            parent.children[name] = _Symlink(0o120777, uid, gid, now, now, now, self._alloc_ino(), target)
            parent.mtime = parent.ctime = now
            self._persist_meta()

    def chmod(self, path: str, mode: int) -> None:
        with self._lock:
            node = self._lookup(path)
            node.mode = statmod.S_IFMT(node.mode) | statmod.S_IMODE(mode)
            node.ctime = self._clock()
            self._persist_meta()

    def chown(self, path: str, uid: int | None, gid: int | None) -> None:
        with self._lock:
            node = self._lookup(path)
            if uid is not None:
                node.uid = uid
            if gid is not None:
                node.gid = gid
            node.ctime = self._clock()
            self._persist_meta()

    def utime(self, path: str, mtime: float | None = None, atime: float | None = None) -> None:
        """Set times (``touch``); None means now."""
        with self._lock:
            node = self._lookup(path)
            now = self._clock()
            node.mtime = now if mtime is None else mtime
            node.atime = now if atime is None else atime
            node.ctime = now
            self._persist_meta()

    def remove(self, path: str, *, recursive: bool = False) -> None:
        """Remove a file, symlink, empty directory, or (``recursive``) a whole directory tree."""
        with self._lock:
            parts = self._resolve_parts(_split(path), follow_last=False)
            if not parts:
                raise _err(errno.EBUSY)
            parent = self._walk(parts[:-1])
            assert isinstance(parent, _Dir)
            node = parent.children.get(parts[-1])
            if node is None:
                raise _err(errno.ENOENT)
            if isinstance(node, _Dir) and node.children and not recursive:
                raise _err(errno.ENOTEMPTY)
            if self._contains_alias_target(parts):
                raise _err(errno.EBUSY)
            del parent.children[parts[-1]]
            parent.mtime = parent.ctime = self._clock()
            self._persist_meta()
            self._unpersist(parts)

    def rename(self, src: str, dst: str) -> None:
        """Move ``src`` to ``dst`` (``mv``): replaces a file or an empty directory at ``dst``."""
        with self._lock:
            sparts = self._resolve_parts(_split(src), follow_last=False)
            if not sparts:
                raise _err(errno.EBUSY)
            sparent = self._walk(sparts[:-1])
            assert isinstance(sparent, _Dir)
            node = sparent.children.get(sparts[-1])
            if node is None:
                raise _err(errno.ENOENT)
            dparent, dname, dreal = self._parent_for_create(dst)
            dparts = _split(dreal)
            if dparts[: len(sparts)] == sparts and dparts != sparts:
                raise FSError(errno.EINVAL, "Invalid argument")  # moving a dir into itself
            if dparts == sparts:
                return
            existing = dparent.children.get(dname)
            if existing is not None:
                if isinstance(existing, _Dir) and not isinstance(node, _Dir):
                    raise _err(errno.EISDIR)
                if isinstance(node, _Dir) and not isinstance(existing, _Dir):
                    raise _err(errno.ENOTDIR)
                if isinstance(existing, _Dir) and existing.children:
                    raise _err(errno.ENOTEMPTY)
            del sparent.children[sparts[-1]]
            dparent.children[dname] = node
            now = self._clock()
            sparent.mtime = sparent.ctime = dparent.mtime = dparent.ctime = now
            node.ctime = now
            # New data, then metadata, then the old data: a crash in between can duplicate a
            # file (the orphan is adopted at the next start) but never lose it.
            self._persist_subtree(dparts, node)
            self._persist_meta()
            self._unpersist(sparts)

    def copy(self, src: str, dst: str, *, recursive: bool = False) -> None:
        """Copy a file (or with ``recursive`` a directory tree) to ``dst``, which must not be inside ``src``."""
        with self._lock:
            node = self._lookup(src)
            if isinstance(node, _Dir) and not recursive:
                raise _err(errno.EISDIR)
            dparent, dname, dreal = self._parent_for_create(dst)
            sreal = self.realpath(src)
            if isinstance(node, _Dir) and (dreal + "/").startswith(sreal.rstrip("/") + "/"):
                raise FSError(errno.EINVAL, "Invalid argument")
            existing = dparent.children.get(dname)
            if existing is not None and isinstance(existing, _Dir) != isinstance(node, _Dir):
                raise _err(errno.EISDIR if isinstance(existing, _Dir) else errno.ENOTDIR)
            clone = self._clone(node)
            if isinstance(existing, _Dir) and isinstance(clone, _Dir):
                existing.children.update(clone.children)
                clone = existing
            dparent.children[dname] = clone
            dparent.mtime = dparent.ctime = self._clock()
            self._persist_subtree(_split(dreal), clone)
            self._persist_meta()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many mutations (``rm -r``, ``cp -r``): file data is still written at once, the
        metadata file once at the end. A crash inside the batch loses only metadata: new files
        are adopted at the next start with default modes (see ``_adopt_orphans``) and removed
        ones reappear empty; file contents are never half-written."""
        with self._lock:
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
                if not self._batch_depth and self._meta_dirty:
                    self._meta_dirty = False
                    self._persist_meta()

    # ---------------------------------------------------------- snapshot/restore

    def snapshot(self) -> object:
        """A deep copy of the tree, independent of later changes."""
        with self._lock:
            return (copy.deepcopy(self._root), self._next_ino)

    def restore(self, snap: object) -> None:
        """Put back a tree taken by ``snapshot()`` (and rewrite the on-disk mirror to match)."""
        if not (isinstance(snap, tuple) and len(snap) == 2 and isinstance(snap[0], _Dir)):
            raise VirtualDeviceError("restore() needs an object returned by VirtualFS.snapshot()")
        with self._lock:
            self._root = copy.deepcopy(snap[0])
            self._next_ino = snap[1]
            if self._state_dir is not None:
                self._persist_all()

    # ---------------------------------------------------------------- internals

    def _alloc_ino(self) -> int:
        ino = self._next_ino
        self._next_ino += 1
        return ino

    def _new_dir(self, mode: int, uid: int, gid: int) -> _Dir:
        now = self._clock()
        return _Dir(statmod.S_IFDIR | statmod.S_IMODE(mode), uid, gid, now, now, now, self._alloc_ino())

    def _stat_of(self, node: _Node) -> FileStat:
        if isinstance(node, _Dir):
            size = 4096
            nlink = 2 + sum(1 for c in node.children.values() if isinstance(c, _Dir))
        elif isinstance(node, _File):
            size, nlink = len(node.data), 1
        elif isinstance(node, _Symlink):
            size, nlink = len(node.target.encode()), 1
        else:
            size, nlink = 0, 1
        return FileStat(node.mode, size, node.mtime, node.atime, node.ctime, node.uid, node.gid,
                        node.ino, nlink, _DEV_ID)

    def _resolve_parts(self, parts: list[str], *, follow_last: bool, hops: int = 0) -> list[str]:
        """Resolve ``..`` and symlinks component by component, like the kernel's path walk.

        Missing components are kept as they are (so callers can create them); ``..`` at the root
        stays at the root, which is what keeps virtual paths inside the tree.
        """
        out: list[str] = []
        todo = list(parts)
        while todo:
            name = todo.pop(0)
            if name == "..":
                if out:
                    out.pop()
                continue
            if name == ".":
                continue
            cur = self._walk_noerr(out)
            child = cur.children.get(name) if isinstance(cur, _Dir) else None
            is_last = not todo
            if isinstance(child, _Symlink) and (follow_last or not is_last):
                hops += 1
                if hops > _MAX_SYMLINK_HOPS:
                    raise _err(errno.ELOOP)
                target = child.target
                tparts = [p for p in target.split("/") if p]
                if target.startswith("/"):
                    out = []
                todo = tparts + todo
                continue
            out.append(name)
        return out

    def _walk_noerr(self, parts: list[str]) -> _Node | None:
        node: _Node | None = self._root
        for name in parts:
            if not isinstance(node, _Dir):
                return None
            node = node.children.get(name)
        return node

    def _walk(self, parts: list[str]) -> _Node:
        node: _Node = self._root
        for name in parts:
            if not isinstance(node, _Dir):
                raise _err(errno.ENOTDIR)
            nxt = node.children.get(name)
            if nxt is None:
                raise _err(errno.ENOENT)
            node = nxt
        return node

    def _lookup(self, path: str, follow: bool = True) -> _Node:
        return self._walk(self._resolve_parts(_split(path), follow_last=follow))

    def _parent_for_create(self, path: str) -> tuple[_Dir, str, str]:
        """The directory that will hold ``path``, the new entry's name, and its resolved path.

        A final symlink is followed (writing through ``/sdcard/x`` style links, or to an existing
        symlinked file, lands on the target), like ``open(O_CREAT)``.
        """
        parts = self._resolve_parts(_split(path), follow_last=True)
        if not parts:
            raise _err(errno.EISDIR)
        parent = self._walk(parts[:-1])
        if not isinstance(parent, _Dir):
            raise _err(errno.ENOTDIR)
        return parent, parts[-1], "/" + "/".join(parts)

    def _mkdir_one(self, path: str, mode: int, uid: int, gid: int) -> None:
        parts = self._resolve_parts(_split(path), follow_last=False)
        if not parts:
            raise _err(errno.EEXIST)
        parent = self._walk(parts[:-1])
        if not isinstance(parent, _Dir):
            raise _err(errno.ENOTDIR)
        if parts[-1] in parent.children:
            raise _err(errno.EEXIST)
        parent.children[parts[-1]] = self._new_dir(mode, uid, gid)
        parent.mtime = parent.ctime = self._clock()
        self._persist_dir(parts)

    def _contains_alias_target(self, parts: list[str]) -> bool:
        """True when removing ``parts`` would delete a directory that base-image symlinks rely on."""
        protected = (["storage", "emulated", "0"], ["storage", "emulated"], ["storage"], ["storage", "self"])
        return any(p == parts for p in protected)

    def _clone(self, node: _Node) -> _Node:
        now = self._clock()
        if isinstance(node, _Dir):
            new = _Dir(node.mode, node.uid, node.gid, now, now, now, self._alloc_ino())
            new.children = {k: self._clone(v) for k, v in node.children.items()}
            return new
        if isinstance(node, _File):
            return _File(node.mode, node.uid, node.gid, now, now, now, self._alloc_ino(), node.data)
        if isinstance(node, _Symlink):
            return _Symlink(node.mode, node.uid, node.gid, now, now, now, self._alloc_ino(), node.target)
        return _Special(node.mode, node.uid, node.gid, now, now, now, self._alloc_ino())

    # ------------------------------------------------------------- base image

    def _build_base_image(self) -> None:
        """The directories Android tools and clients expect (see docs/virtual-device-internals.md)."""
        dirs = [
            ("/acct", 0o40555, AID_ROOT, AID_ROOT),
            ("/apex", 0o40755, AID_ROOT, AID_ROOT),
            ("/cache", 0o40770, AID_SYSTEM, 2001),
            ("/config", 0o40555, AID_ROOT, AID_ROOT),
            ("/data", 0o40771, AID_SYSTEM, AID_SYSTEM),
            ("/data/app", 0o40771, AID_SYSTEM, AID_SYSTEM),
            ("/data/data", 0o40771, AID_SYSTEM, AID_SYSTEM),
            ("/data/local", 0o40751, AID_ROOT, AID_ROOT),
            ("/data/local/tmp", 0o40771, AID_SHELL, AID_SHELL),
            ("/data/system", 0o40775, AID_SYSTEM, AID_SYSTEM),
            ("/dev", 0o40755, AID_ROOT, AID_ROOT),
            ("/etc", 0o40755, AID_ROOT, AID_ROOT),
            ("/mnt", 0o40755, AID_ROOT, 1000),
            ("/odm", 0o40755, AID_ROOT, AID_ROOT),
            ("/oem", 0o40755, AID_ROOT, AID_ROOT),
            ("/proc", 0o40555, AID_ROOT, AID_ROOT),
            ("/product", 0o40755, AID_ROOT, AID_ROOT),
            ("/storage", 0o40755, AID_ROOT, AID_ROOT),
            ("/storage/emulated", 0o40711, AID_ROOT, AID_ROOT),
            ("/storage/emulated/0", 0o42770, AID_ROOT, AID_EVERYBODY),
            ("/storage/self", 0o40755, AID_ROOT, AID_ROOT),
            ("/sys", 0o40555, AID_ROOT, AID_ROOT),
            ("/system", 0o40755, AID_ROOT, AID_ROOT),
            ("/system/app", 0o40755, AID_ROOT, AID_ROOT),
            ("/system/bin", 0o40755, AID_ROOT, 2000),
            ("/system/etc", 0o40755, AID_ROOT, AID_ROOT),
            ("/system/fonts", 0o40755, AID_ROOT, AID_ROOT),
            ("/system/framework", 0o40755, AID_ROOT, AID_ROOT),
            ("/system/priv-app", 0o40755, AID_ROOT, AID_ROOT),
            ("/system/xbin", 0o40755, AID_ROOT, 2000),
            ("/vendor", 0o40755, AID_ROOT, 2000),
            ("/vendor/bin", 0o40755, AID_ROOT, 2000),
        ]
        for sub in ("Alarms", "DCIM", "Documents", "Download", "Movies", "Music", "Notifications",
                    "Pictures", "Podcasts", "Ringtones", "Android"):
            dirs.append((f"/storage/emulated/0/{sub}", 0o42770, AID_ROOT, AID_EVERYBODY))
        dirs.append(("/storage/emulated/0/Android/data", 0o42770, AID_ROOT, AID_EVERYBODY))
        for path, mode, uid, gid in dirs:
            self._mkdir_one(path, mode, uid, gid)
        self.symlink("/storage/emulated/0", "/storage/self/primary", uid=AID_ROOT, gid=AID_ROOT)
        self.symlink("/storage/self/primary", "/sdcard", uid=AID_ROOT, gid=AID_ROOT)
        self._mkdir_one("/data/user", 0o40711, AID_SYSTEM, AID_SYSTEM)
        self.symlink("/data/data", "/data/user/0", uid=AID_ROOT, gid=AID_ROOT)
        self.symlink("/system/bin", "/bin", uid=AID_ROOT, gid=AID_ROOT)
        now = self._clock()
        dev = self._walk(["dev"])
        assert isinstance(dev, _Dir)
        for name in ("null", "zero", "random", "urandom", "tty"):
            dev.children[name] = _Special(statmod.S_IFCHR | 0o666, AID_ROOT, AID_ROOT, now, now, now,
                                          self._alloc_ino())
        files = {
            "/proc/version": b"Linux version 6.1.23-android14-4-00257-g7e35917775b8-ab9964412 "
                             b"(build-user@build-host) (Android (9796371, based on r487747) clang version 17.0.0) "
                             b"#1 SMP PREEMPT Mon Apr 17 20:50:58 UTC 2023\n",
            "/proc/cpuinfo": b"".join(
                b"processor\t: %d\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7 CPU @ 2.60GHz\n"
                b"cpu MHz\t\t: 2600.000\ncache size\t: 16384 KB\n\n" % i for i in range(4)),
            "/proc/meminfo": b"MemTotal:        4015508 kB\nMemFree:         1203344 kB\n"
                             b"MemAvailable:    2592580 kB\nBuffers:           15472 kB\nCached:          1465908 kB\n",
            "/proc/uptime": b"1234.56 4321.00\n",
            "/proc/loadavg": b"0.52 0.61 0.58 1/1024 4330\n",
            "/proc/stat": b"cpu  61237 3210 40311 1254873 2210 0 1021 0 0 0\n"
                          + b"".join(b"cpu%d 15309 802 10077 313718 552 0 255 0 0 0\n" % i for i in range(4))
                          + b"intr 3467210 0 9 0\nctxt 6732011\nbtime 1704110400\nprocesses 4330\n"
                          b"procs_running 1\nprocs_blocked 0\n",
            "/etc/hosts": b"127.0.0.1       localhost\n::1             ip6-localhost\n",
            "/system/build.prop": b"# begin build properties\nro.build.version.sdk=34\nro.build.version.release=14\n",
        }
        for path, data in files.items():
            self.write(path, data, mode=0o100444 if path.startswith("/proc") else 0o100644,
                       uid=AID_ROOT, gid=AID_ROOT)

    # ------------------------------------------------------------- persistence

    def _host_path(self, parts: list[str]) -> Path:
        """Map a resolved virtual path to its mirror under ``rootfs``, refusing anything outside it."""
        assert self._rootfs is not None
        for p in parts:
            if p in ("", ".", "..") or "/" in p or "\x00" in p:
                raise _err(errno.EINVAL)
        host = self._rootfs.joinpath(*parts) if parts else self._rootfs
        root = os.path.abspath(self._rootfs)
        if os.path.commonpath([root, os.path.abspath(host)]) != root:
            raise _err(errno.EACCES)
        return host

    def _atomic_write(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            # No fsync: os.replace is atomic against a crash of this process (the case that
            # matters for a test device); fsync per write made every shell redirect ~25 ms.
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def _host_io(self, action: Callable[[], None]) -> None:
        try:
            action()
        except OSError as exc:
            raise FSError(errno.EIO, f"I/O error writing the device state dir: {exc}; check {self._state_dir} "
                                     f"is writable and has free space") from exc

    def _persist_file(self, real: str, node: _File) -> None:
        if self._rootfs is None:
            return
        host = self._host_path(_split(real))
        self._host_io(lambda: self._atomic_write(host, node.data))

    def _persist_dir(self, parts: list[str]) -> None:
        if self._rootfs is None:
            return
        host = self._host_path(parts)
        self._host_io(lambda: host.mkdir(parents=True, exist_ok=True))

    def _persist_subtree(self, parts: list[str], node: _Node) -> None:
        if self._rootfs is None:
            return
        if isinstance(node, _File):
            self._persist_file("/" + "/".join(parts), node)
        elif isinstance(node, _Dir):
            self._persist_dir(parts)
            for name, child in node.children.items():
                self._persist_subtree(parts + [name], child)

    def _unpersist(self, parts: list[str]) -> None:
        if self._rootfs is None or not parts:
            return
        host = self._host_path(parts)

        def rm() -> None:
            if host.is_symlink() or host.is_file():
                host.unlink()
            elif host.is_dir():
                for sub in sorted(host.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                    if sub.is_dir() and not sub.is_symlink():
                        sub.rmdir()
                    else:
                        sub.unlink()
                host.rmdir()

        self._host_io(rm)

    def _meta_of(self, node: _Node) -> dict:
        entry: dict = {"mode": node.mode, "uid": node.uid, "gid": node.gid, "mtime": node.mtime,
                       "atime": node.atime, "ctime": node.ctime, "ino": node.ino}
        if isinstance(node, _Dir):
            entry["type"] = "dir"
            entry["children"] = {k: self._meta_of(v) for k, v in node.children.items()}
        elif isinstance(node, _File):
            entry["type"] = "file"
            entry["size"] = len(node.data)
        elif isinstance(node, _Symlink):
            entry["type"] = "symlink"
            entry["target"] = node.target
        else:
            entry["type"] = "special"
        return entry

    def _persist_meta(self) -> None:
        if self._state_dir is None:
            return
        if self._batch_depth:
            self._meta_dirty = True
            return
        meta = {"version": 1, "next_ino": self._next_ino, "root": self._meta_of(self._root)}
        data = json.dumps(meta, separators=(",", ":")).encode()
        self._host_io(lambda: self._atomic_write(self._state_dir / _META_FILE, data))

    def _persist_all(self) -> None:
        assert self._rootfs is not None
        root = self._rootfs

        def wipe() -> None:
            if root.exists():
                for sub in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                    if sub.is_dir() and not sub.is_symlink():
                        sub.rmdir()
                    else:
                        sub.unlink()
            root.mkdir(parents=True, exist_ok=True)

        self._host_io(wipe)
        self._persist_subtree([], self._root)
        self._persist_meta()

    def _load(self) -> None:
        """Rebuild the tree from ``fsmeta.json`` and the file contents under ``rootfs``."""
        assert self._state_dir is not None
        try:
            meta = json.loads((self._state_dir / _META_FILE).read_text())
            self._next_ino = int(meta["next_ino"])
            self._root = self._node_from_meta(meta["root"], [])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise VirtualDeviceError(
                f"the virtual device state in {self._state_dir} is unreadable ({exc}); "
                f"delete that directory to start from a fresh image") from exc
        self._adopt_orphans([], self._root)

    def _node_from_meta(self, entry: dict, parts: list[str]) -> _Node:
        common = (int(entry["mode"]), int(entry["uid"]), int(entry["gid"]), float(entry["mtime"]),
                  float(entry["atime"]), float(entry["ctime"]), int(entry["ino"]))
        kind = entry["type"]
        if kind == "dir":
            node = _Dir(*common)
            node.children = {k: self._node_from_meta(v, parts + [k]) for k, v in entry["children"].items()}
            return node
        if kind == "file":
            host = self._host_path(parts)
            data = host.read_bytes() if host.is_file() else b""
            return _File(*common, data)
        if kind == "symlink":
            return _Symlink(*common, str(entry["target"]))
        return _Special(*common)

    def _adopt_orphans(self, parts: list[str], node: _Dir) -> None:
        """Files whose data reached disk but whose metadata did not (a crash in between) are kept."""
        host = self._host_path(parts)
        if not host.is_dir():
            return
        for entry in sorted(host.iterdir()):
            name = entry.name
            if name.startswith(_TMP_PREFIX):
                entry.unlink(missing_ok=True)  # a write interrupted before its os.replace
                continue
            child = node.children.get(name)
            if child is None:
                now = self._clock()
                if entry.is_dir():
                    child = _Dir(0o40771, AID_SHELL, AID_SHELL, now, now, now, self._alloc_ino())
                else:
                    child = _File(0o100644, AID_SHELL, AID_SHELL, now, now, now, self._alloc_ino(),
                                  entry.read_bytes())
                node.children[name] = child
            if isinstance(child, _Dir):
                self._adopt_orphans(parts + [name], child)
