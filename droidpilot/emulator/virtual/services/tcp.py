"""``tcp:PORT`` and ``localabstract:NAME``: pipes to listeners inside the device.

In-device servers (the uiautomator2 JSON-RPC server on port 9008, test echo servers) are real
asyncio servers on ephemeral loopback ports; ``system.net`` maps the device port to that address.
The pipe connects before accepting the stream, so "nothing listening" is a refusal (CLSE(0, id)),
which is what uiautomator2's alive check expects from a phone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from ..adbd import StreamClosed

if TYPE_CHECKING:  # pragma: no cover
    from ..adbd import AdbDaemon, AdbStream, Handler

__all__ = ["tcp_service", "localabstract_service", "pipe", "CONNECT_TIMEOUT"]

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0


async def tcp_service(daemon: "AdbDaemon", spec: str) -> "Handler | None":
    # ``tcp:PORT`` or ``tcp:HOST:PORT``; the device has one network namespace, so HOST must be local.
    host, _, port_text = spec.rpartition(":")
    if host not in ("", "localhost", "127.0.0.1"):
        return None
    try:
        port = int(port_text)
    except ValueError:
        return None
    net = getattr(daemon.system, "net", None)
    address = net.lookup(port) if net is not None else None
    if address is None:
        return None
    return await _connect(address, f"tcp:{port}")


async def localabstract_service(daemon: "AdbDaemon", name: str) -> "Handler | None":
    net = getattr(daemon.system, "net", None)
    lookup = getattr(net, "lookup_abstract", None)
    address = lookup(name) if lookup is not None else None
    if address is None:
        return None
    return await _connect(address, f"localabstract:{name}")


async def _connect(address: tuple[str, int], label: str) -> "Handler | None":
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(*address), CONNECT_TIMEOUT)
    except (OSError, asyncio.TimeoutError) as exc:
        log.info("adbd: %s listener at %s:%d did not accept: %s", label, address[0], address[1], exc)
        return None

    async def run(stream: "AdbStream") -> None:
        await pipe(stream, reader, writer)

    return run


async def pipe(stream: "AdbStream", reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy bytes both ways until either side closes; both sides respect their flow control."""

    async def device_to_host() -> None:
        while True:
            data = await reader.read(stream.max_payload)
            if not data:
                return
            await stream.write(data)

    async def host_to_device() -> None:
        while True:
            data = await stream.read()
            if not data:
                return
            writer.write(data)
            await writer.drain()

    tasks = [asyncio.ensure_future(device_to_host()), asyncio.ensure_future(host_to_device())]
    try:
        done, _pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            exc = task.exception()
            if exc is not None and not isinstance(exc, (StreamClosed, ConnectionError, OSError)):
                raise exc
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
        with contextlib.suppress(Exception):
            writer.close()
