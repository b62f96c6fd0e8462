"""The mutable state of one shell process: variables, exports, cwd, uid, ``$?``, positional args.

Subshells, pipeline stages and ``sh -c`` get a ``child()`` copy, so ``cd`` or ``X=1`` inside them
does not leak out, exactly as with forked processes on a real device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ShellState", "default_environment"]

ANDROID_PATH = (
    "/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:/system_ext/bin:"
    "/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin"
)


def default_environment(uid: int, hostname: str) -> dict[str, str]:
    """The environment ``adb shell`` sees on an Android 14 device."""
    return {
        "PATH": ANDROID_PATH,
        "HOME": "/",
        "USER": "root" if uid == 0 else "shell",
        "LOGNAME": "root" if uid == 0 else "shell",
        "SHELL": "/bin/sh",
        "HOSTNAME": hostname,
        "TMPDIR": "/data/local/tmp",
        "ANDROID_DATA": "/data",
        "ANDROID_ROOT": "/system",
        "ANDROID_STORAGE": "/storage",
        "ANDROID_ART_ROOT": "/apex/com.android.art",
        "ANDROID_I18N_ROOT": "/apex/com.android.i18n",
        "ANDROID_TZDATA_ROOT": "/apex/com.android.tzdata",
        "ANDROID_ASSETS": "/system/app",
        "EXTERNAL_STORAGE": "/sdcard",
        "ASEC_MOUNTPOINT": "/mnt/asec",
        "BOOTCLASSPATH": "/apex/com.android.art/javalib/core-oj.jar:/system/framework/framework.jar",
        "DOWNLOAD_CACHE": "/data/cache",
        "TERM": "dumb",
    }


@dataclass
class ShellState:
    vars: dict[str, str]
    exported: set[str]
    cwd: str = "/"
    uid: int = 2000
    status: int = 0
    positional: list[str] = field(default_factory=lambda: ["/system/bin/sh"])
    last_bg: int = 0
    interactive: bool = False
    depth: int = 0  # nesting of sh -c / $(...) / subshells / calls, bounded against runaway recursion
    functions: dict[str, Any] = field(default_factory=dict)
    traps: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls, uid: int, env: dict[str, str]) -> "ShellState":
        state = cls(vars=dict(env), exported=set(env), uid=uid)
        state.vars.setdefault("IFS", " \t\n")  # set but not exported, as in mksh
        return state

    def child(self) -> "ShellState":
        return ShellState(dict(self.vars), set(self.exported), self.cwd, self.uid, self.status,
                          list(self.positional), self.last_bg, self.interactive, self.depth + 1,
                          dict(self.functions), {})

    def environ(self) -> dict[str, str]:
        """Exported variables: what a command sees as its environment."""
        env = {k: v for k, v in self.vars.items() if k in self.exported}
        env["PWD"] = self.cwd
        return env

    def get(self, name: str) -> str | None:
        if name == "PWD":
            return self.cwd
        return self.vars.get(name)
