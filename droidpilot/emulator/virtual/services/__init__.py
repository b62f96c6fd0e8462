"""Device services: what an OPEN's service name (``shell:...``, ``sync:``, ``tcp:9008``) starts.

``resolve(daemon, name)`` returns an async handler taking the accepted ``AdbStream``, or ``None``
to refuse the stream (the host then reports ``closed``). Resolution may do I/O first (``tcp:``
connects to the in-device listener before accepting) so a refusal is decided before OKAY.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import misc, shell, sync, tcp

if TYPE_CHECKING:  # pragma: no cover
    from ..adbd import AdbDaemon, Handler

__all__ = ["resolve"]


async def resolve(daemon: "AdbDaemon", name: str) -> "Handler | None":
    if name.startswith("shell:") or name.startswith("shell,"):
        return shell.shell_service(daemon, name)
    if name.startswith("exec:"):
        return shell.exec_service(daemon, name[len("exec:"):])
    if name == "sync:":
        return sync.sync_service(daemon)
    if name.startswith("tcp:"):
        return await tcp.tcp_service(daemon, name[len("tcp:"):])
    if name.startswith("localabstract:"):
        return await tcp.localabstract_service(daemon, name[len("localabstract:"):])
    return misc.resolve_misc(daemon, name)
