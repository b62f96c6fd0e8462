"""Who may write where: Android's read-only partitions and the owner/group/other mode bits.

Without this every client could write ``/system``, and tests of "the agent cannot touch system
files" would prove nothing. Root (uid 0) passes the mode bits but not the read-only partitions
(they are not remounted on the virtual device).
"""

from __future__ import annotations

import posixpath
import stat as statmod
from typing import Any

__all__ = ["READ_ONLY_ROOTS", "groups_of", "write_denied", "user_name", "group_name"]

READ_ONLY_ROOTS = ("/system", "/vendor", "/product", "/odm", "/system_ext", "/apex", "/proc", "/sys")

_NAMES = {
    0: "root", 1000: "system", 1001: "radio", 1004: "input", 1007: "log", 1011: "adb", 1013: "media",
    1015: "sdcard_rw", 1023: "media_rw", 1028: "sdcard_r", 1078: "ext_data_rw", 1079: "ext_obb_rw",
    2000: "shell", 2001: "cache", 3001: "net_bt_admin", 3002: "net_bt", 3003: "inet", 3006: "net_bw_stats",
    3009: "readproc", 3011: "uhid", 3012: "readtracefs", 9997: "everybody",
}

SHELL_GROUPS = (2000, 1004, 1007, 1011, 1015, 1028, 1078, 1079, 3001, 3002, 3003, 3006, 3009, 3011, 3012)


def user_name(uid: int) -> str:
    """Android's name for a uid: ``shell``, ``system``, ``u0_a123`` for app uids."""
    if uid in _NAMES:
        return _NAMES[uid]
    if uid >= 10000:
        user, app = divmod(uid, 100000)
        if app >= 10000:
            return f"u{user}_a{app - 10000}"
    return str(uid)


group_name = user_name


def groups_of(uid: int) -> set[int]:
    if uid == 2000:
        return set(SHELL_GROUPS) | {9997}
    if uid >= 10000:
        return {uid, 3003, 9997}
    return {uid}


def _allowed(st: Any, uid: int, bit: int) -> bool:
    if uid == 0:
        return True
    if st.uid == uid:
        return bool(st.mode & (bit << 6))
    if st.gid in groups_of(uid):
        return bool(st.mode & (bit << 3))
    return bool(st.mode & bit)


def write_denied(fs: Any, path: str, uid: int) -> str | None:
    """Why ``uid`` cannot create/modify ``path`` (``Read-only file system``/``Permission denied``), or None."""
    parent = posixpath.dirname(path) or "/"
    try:
        real_parent = fs.realpath(parent)
    except Exception:
        return None  # a missing parent: the file system reports ENOENT itself
    real = posixpath.join(real_parent, posixpath.basename(path))
    if any(real == root or real.startswith(root + "/") for root in READ_ONLY_ROOTS):
        return "Read-only file system"
    if uid == 0:
        return None
    st = fs.stat(real)
    if st is not None and not statmod.S_ISDIR(st.mode):
        return None if _allowed(st, uid, 2) else "Permission denied"
    pst = fs.stat(real_parent)
    if pst is None:
        return None
    return None if _allowed(pst, uid, 2) and _allowed(pst, uid, 1) else "Permission denied"


def read_denied(fs: Any, path: str, uid: int) -> str | None:
    """Why ``uid`` cannot read ``path``, or None."""
    st = fs.stat(path)
    if st is None or uid == 0:
        return None
    return None if _allowed(st, uid, 4) else "Permission denied"


def new_node_attrs(path: str, uid: int, *, is_dir: bool = False) -> tuple[int, int, int]:
    """(mode, uid, gid) for a file or directory the shell creates (adb shell runs with umask 0).

    Shared storage is a FUSE mount on Android: everything there shows group ``everybody`` and
    no permissions for others.
    """
    on_storage = path.startswith("/storage/") or path.startswith("/sdcard/") or path.startswith("/mnt/")
    if on_storage:
        return (0o42770 if is_dir else 0o100660), uid, 9997
    return (0o40777 if is_dir else 0o100666), uid, uid
