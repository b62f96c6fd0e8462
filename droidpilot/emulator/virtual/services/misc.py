"""Small adbd services: reboot, root/unroot, remount, tcpip, usb, framebuffer.

Their replies are the texts real adbd prints (adb shows them verbatim), and the ones that restart
adbd drop every connection after replying, as the real daemon's restart does; the host adb server
reconnects to emulator transports on its own.
"""

from __future__ import annotations

import asyncio
import logging
import struct
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from ..adbd import AdbDaemon, AdbStream, Handler

__all__ = ["resolve_misc", "framebuffer_header"]

log = logging.getLogger(__name__)

_FB_HEADER = struct.Struct("<14I")


def _text(message: str, after: Callable[[], None] | None = None) -> "Handler":
    async def run(stream: "AdbStream") -> None:
        await stream.write(message.encode("utf-8"))
        await stream.close()
        if after is not None:
            after()

    return run


def resolve_misc(daemon: "AdbDaemon", name: str) -> "Handler | None":
    service, _, arg = name.partition(":")
    if service == "reboot":
        return _text("", lambda: daemon.restart_later(then=lambda: _reboot(daemon)))
    if service == "root":
        if not getattr(daemon.system, "rooted", False):
            return _text("adbd cannot run as root in production builds\n")
        if daemon.as_root:
            return _text("adbd is already running as root\n")
        return _text("restarting adbd as root\n", lambda: daemon.restart_later(as_root=True))
    if service == "unroot":
        if not daemon.as_root:
            return _text("adbd not running as root\n")
        return _text("restarting adbd as non root\n", lambda: daemon.restart_later(as_root=False))
    if service == "remount":
        if not daemon.as_root:
            return _text('Not running as root. Try "adb root" first.\n')
        return _text("remount succeeded\n")
    if service == "tcpip":
        try:
            port = int(arg)
        except ValueError:
            return _text(f"invalid port: {arg}\n")
        return _text(f"restarting in TCP mode port: {port}\n")
    if service == "usb":
        return _text("restarting in USB mode\n")
    if service == "framebuffer":
        return _framebuffer(daemon) if name == "framebuffer:" else None
    return None


def _reboot(daemon: "AdbDaemon") -> None:
    daemon.as_root = False
    daemon.system.reboot()


def framebuffer_header(width: int, height: int) -> bytes:
    """adbd's fbinfo v2 for RGBA_8888: version, bpp, colour space, size, w, h, then r/b/g/a offset+length."""
    return _FB_HEADER.pack(2, 32, 0, width * height * 4, width, height, 0, 8, 16, 8, 8, 8, 24, 8)


def _framebuffer(daemon: "AdbDaemon") -> "Handler | None":
    system = daemon.system
    wm = getattr(system, "wm", None)
    if wm is None or not hasattr(wm, "frame"):
        return None

    def render() -> bytes:
        with system.lock:
            image = wm.frame()
        rgba = image.convert("RGBA")  # outside the lock: the OS need not wait for the copy
        return framebuffer_header(rgba.width, rgba.height) + rgba.tobytes()

    async def run(stream: "AdbStream") -> None:
        # Rendering takes tens of milliseconds; other connections keep being served meanwhile.
        await stream.write(await asyncio.to_thread(render))

    return run


