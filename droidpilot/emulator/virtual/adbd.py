"""The virtual device's adbd: an asyncio server speaking the adb transport protocol.

One ``AdbConnection`` per TCP connection (the host adb server, or a test playing one); inside it,
one ``AdbStream`` per OPENed service. The rules that matter to real clients:

* answer CNXN at once, no AUTH;
* never send a payload larger than min(own, peer) maxdata, or the host never acknowledges it;
* one OKAY per WRTE received, and never a second WRTE before the previous one is acknowledged;
* anything that breaks framing (bad magic, oversized payload, garbage) costs only that connection.

Service handlers live in ``services/``; this module only moves bytes and keeps the state machines.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import socket
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from .protocol import (
    A_AUTH,
    A_CLSE,
    A_CNXN,
    A_OKAY,
    A_OPEN,
    A_STLS,
    A_WRTE,
    HEADER_SIZE,
    MAX_PAYLOAD,
    VERSION,
    ProtocolError,
    decode_header,
    device_banner,
    encode,
)

if TYPE_CHECKING:  # pragma: no cover
    from .system.core import System

__all__ = ["AdbDaemon", "AdbConnection", "AdbStream", "StreamClosed"]

log = logging.getLogger(__name__)

# Received data a stream may hold before its OKAY is held back (the host then pauses that stream).
INBOX_HIGH_WATER = 2 * MAX_PAYLOAD
# How long a stream waits for the host to acknowledge its last WRTE before sending CLSE anyway.
CLOSE_FLUSH_TIMEOUT = 5.0
ROOT_UID = 0
SHELL_UID = 2000

Handler = Callable[["AdbStream"], Awaitable[None]]


class StreamClosed(Exception):
    """The stream was closed (by the host, by us, or because its connection died).

    Internal control flow of the daemon; never crosses the package boundary.
    """


class AdbStream:
    """One open service on a connection: a bidirectional, flow-controlled byte pipe.

    Services read with ``read()`` (``b""`` once the host closed the stream) and write with
    ``write()``, which splits data into WRTE packets no larger than the negotiated payload size and
    waits for each OKAY before sending the next.
    """

    def __init__(self, conn: "AdbConnection", local_id: int, remote_id: int, service: str) -> None:
        self._conn = conn
        self.local_id = local_id
        self.remote_id = remote_id
        self.service = service
        self.closed = asyncio.Event()  # set once the stream is over, whoever ended it
        self._inbox = bytearray()
        self._data = asyncio.Event()
        self._acked = asyncio.Event()
        self._acked.set()
        self._okay_owed = False
        self._sent_close = False
        self._write_lock = asyncio.Lock()

    # -- for services ----------------------------------------------------------------------------
    @property
    def max_payload(self) -> int:
        return self._conn.max_payload

    @property
    def daemon(self) -> "AdbDaemon":
        return self._conn.daemon

    async def read(self, n: int = -1) -> bytes:
        """Wait for data from the host; ``b""`` when the host closed the stream."""
        while not self._inbox:
            if self.closed.is_set():
                return b""
            self._data.clear()
            await self._data.wait()
        return self._take(n)

    def read_nowait(self, n: int = -1) -> bytes:
        """Whatever the host has sent and nobody has read yet (possibly ``b""``)."""
        return self._take(n) if self._inbox else b""

    async def write(self, data: bytes) -> None:
        """Send ``data`` as WRTE packets, honouring flow control. Raises ``StreamClosed``."""
        if not data:
            return
        view = memoryview(data)
        size = self.max_payload
        async with self._write_lock:
            for offset in range(0, len(view), size):
                await self._wait_acked()
                self._acked.clear()
                self._conn.send(A_WRTE, self.local_id, self.remote_id, bytes(view[offset : offset + size]))
                await self._conn.drain()

    async def close(self) -> None:
        """Send CLSE after the last WRTE was acknowledged (bounded wait); idempotent."""
        if self._sent_close or self.closed.is_set():
            self._finish()
            return
        with contextlib.suppress(asyncio.TimeoutError, StreamClosed):
            await asyncio.wait_for(self._wait_acked(), CLOSE_FLUSH_TIMEOUT)
        if not self._sent_close and not self.closed.is_set():
            self._sent_close = True
            self._conn.send(A_CLSE, self.local_id, self.remote_id)
        self._finish()

    # -- for the connection ----------------------------------------------------------------------
    def on_write(self, data: bytes) -> None:
        self._inbox += data
        self._data.set()
        if len(self._inbox) < INBOX_HIGH_WATER:
            self._conn.send(A_OKAY, self.local_id, self.remote_id)
        else:
            self._okay_owed = True

    def on_okay(self) -> None:
        self._acked.set()

    def on_remote_close(self) -> None:
        self._finish()

    def _finish(self) -> None:
        self.closed.set()
        self._data.set()
        self._acked.set()
        self._conn.forget(self)

    # -- internals -------------------------------------------------------------------------------
    def _take(self, n: int) -> bytes:
        if n < 0 or n >= len(self._inbox):
            data = bytes(self._inbox)
            self._inbox.clear()
        else:
            data = bytes(self._inbox[:n])
            del self._inbox[:n]
        if self._okay_owed and len(self._inbox) < INBOX_HIGH_WATER and not self.closed.is_set():
            self._okay_owed = False
            self._conn.send(A_OKAY, self.local_id, self.remote_id)
        return data

    async def _wait_acked(self) -> None:
        while not self._acked.is_set():
            await self._acked.wait()
        if self.closed.is_set():
            raise StreamClosed(self.service)


class AdbConnection:
    """One transport: the handshake, then packets routed to streams by the receiver id (arg1)."""

    def __init__(self, daemon: "AdbDaemon", reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.daemon = daemon
        self._reader = reader
        self._writer = writer
        self.max_payload = MAX_PAYLOAD  # until the peer's CNXN says otherwise
        self._peer_version = VERSION
        self._streams: dict[int, AdbStream] = {}
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._dead = False
        peer = writer.get_extra_info("peername")
        self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)

    @property
    def stream_count(self) -> int:
        return len(self._streams)

    async def serve(self) -> None:
        """Run the connection until the peer leaves or breaks the protocol."""
        try:
            await asyncio.wait_for(self._handshake(), self.daemon.handshake_timeout)
            while True:
                await self._dispatch(*await self._read_packet())
        except asyncio.TimeoutError:
            log.info("adbd: %s sent no CNXN within %.1f s; dropping it", self.peer, self.daemon.handshake_timeout)
        except ProtocolError as exc:
            log.warning("adbd: dropping connection from %s: %s", self.peer, exc)
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            log.debug("adbd: %s disconnected", self.peer)
        finally:
            self.abort()

    def abort(self) -> None:
        """Drop the transport at once: every stream ends, every service task is cancelled."""
        if self._dead:
            return
        self._dead = True
        for stream in list(self._streams.values()):
            stream.on_remote_close()
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            self._writer.close()

    def send(self, command: int, arg0: int, arg1: int, data: bytes = b"") -> None:
        if self._dead:
            return
        self._writer.write(encode(command, arg0, arg1, data, with_checksum=self._peer_version < VERSION))

    async def drain(self) -> None:
        if self._dead:
            raise StreamClosed("connection lost")
        try:
            await self._writer.drain()
        except (ConnectionError, OSError) as exc:
            self.abort()
            raise StreamClosed("connection lost") from exc

    def forget(self, stream: AdbStream) -> None:
        if self._streams.get(stream.local_id) is stream:
            del self._streams[stream.local_id]

    # -- packets ---------------------------------------------------------------------------------
    async def _read_packet(self) -> tuple[int, int, int, bytes]:
        header = await self._reader.readexactly(HEADER_SIZE)
        command, arg0, arg1, length = decode_header(header, MAX_PAYLOAD)
        data = await self._reader.readexactly(length) if length else b""
        return command, arg0, arg1, data

    async def _handshake(self) -> None:
        while True:
            command, arg0, arg1, _data = await self._read_packet()
            if command == A_CNXN:
                self._accept_cnxn(arg0, arg1)
                return
            if command != A_AUTH:
                raise ProtocolError(f"expected CNXN first, got 0x{command:08x}")

    def _accept_cnxn(self, version: int, peer_max: int) -> None:
        self._peer_version = min(version, VERSION)
        self.max_payload = max(1, min(MAX_PAYLOAD, peer_max or MAX_PAYLOAD))
        banner = device_banner(self.daemon.banner_props())
        self.send(A_CNXN, VERSION, MAX_PAYLOAD, banner)

    async def _dispatch(self, command: int, arg0: int, arg1: int, data: bytes) -> None:
        if command == A_WRTE:
            stream = self._streams.get(arg1)
            if stream is None:
                log.debug("adbd: %s wrote to unknown stream %d; ignored", self.peer, arg1)
                return
            stream.on_write(data)
        elif command == A_OKAY:
            stream = self._streams.get(arg1)
            if stream is not None:
                stream.on_okay()
        elif command == A_CLSE:
            stream = self._streams.get(arg1)
            if stream is not None:
                stream.on_remote_close()
        elif command == A_OPEN:
            if arg0 == 0:
                raise ProtocolError("OPEN with a zero local id")
            name = data.rstrip(b"\0").decode("utf-8", errors="replace")
            self._spawn(self._open(arg0, name))
        elif command == A_CNXN:
            # The host restarted its side of the transport: forget every stream, greet again.
            for stream in list(self._streams.values()):
                stream.on_remote_close()
            self._accept_cnxn(arg0, arg1)
        elif command in (A_AUTH, A_STLS):
            log.debug("adbd: %s sent %08x after the handshake; ignored", self.peer, command)

    def _spawn(self, coro: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _open(self, remote_id: int, name: str) -> None:
        try:
            handler = await self.daemon.resolve(name)
        except Exception:  # a service that cannot start refuses the stream; it must not kill the transport
            log.exception("adbd: service %r failed to start", name)
            handler = None
        if self._dead:
            return
        if handler is None:
            log.debug("adbd: refusing service %r", name)
            self.send(A_CLSE, 0, remote_id)
            return
        local_id = next(self._ids)
        stream = AdbStream(self, local_id, remote_id, name)
        self._streams[local_id] = stream
        self.send(A_OKAY, local_id, remote_id)
        try:
            await handler(stream)
        except StreamClosed:
            pass
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("adbd: service %r failed", name)
        finally:
            if not self._dead:
                await stream.close()


class AdbDaemon:
    """The adbd server: accepts connections, owns the adbd-wide state (root, offline windows).

    ``system`` is a callable returning the current ``System`` so ``VirtualDevice.reset()`` can swap
    the OS under a running daemon; ``resolver`` maps a service name to a handler (``services``);
    ``shell_factory(system)`` builds the interpreter (default: ``shell.Shell``).
    """

    def __init__(
        self,
        system: Callable[[], "System"],
        *,
        resolver: Callable[["AdbDaemon", str], Awaitable[Handler | None]] | None = None,
        shell_factory: Callable[["System"], Any] | None = None,
        handshake_timeout: float = 10.0,
    ) -> None:
        if resolver is None:
            from .services import resolve as resolver
        self._system = system
        self._resolver = resolver
        self._shell_factory = shell_factory
        self.handshake_timeout = handshake_timeout
        self.as_root = False
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[AdbConnection] = set()
        self._offline_until = 0.0
        self._restarting = False
        self._shell: Any = None
        self._shell_for: Any = None

    # -- state services use ------------------------------------------------------------------------
    @property
    def system(self) -> "System":
        return self._system()

    @property
    def uid(self) -> int:
        return ROOT_UID if self.as_root else SHELL_UID

    @property
    def shell(self) -> Any:
        """The shell interpreter bound to the current System (created on first use)."""
        system = self.system
        if self._shell_for is not system:  # identity, not id(): a new System may reuse an old address
            factory = self._shell_factory
            if factory is None:
                from .shell import Shell as factory
            self._shell = factory(system)
            self._shell_for = system
        return self._shell

    @property
    def connections(self) -> int:
        return len(self._connections)

    def banner_props(self) -> dict[str, str]:
        props = getattr(self.system, "props", {}) or {}
        return {key: str(props.get(key, "")) for key in ("ro.product.name", "ro.product.model", "ro.product.device")}

    async def resolve(self, name: str) -> Handler | None:
        if self._restarting:
            return None  # adbd is going down: nothing new starts
        return await self._resolver(self, name)

    # -- life cycle --------------------------------------------------------------------------------
    async def start(self, sock: socket.socket) -> None:
        """Serve on an already bound, listening socket (discovery picks and binds the port)."""
        self._server = await asyncio.start_server(self._accept, sock=sock)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self.drop_all()
        if self._server is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None

    def drop_all(self) -> int:
        """Drop every connection (as a restarting adbd would); returns how many were dropped."""
        conns = list(self._connections)
        for conn in conns:
            conn.abort()
        return len(conns)

    def go_offline(self, seconds: float) -> None:
        """Drop every connection and refuse new ones for ``seconds``."""
        loop = asyncio.get_running_loop()
        self._offline_until = max(self._offline_until, loop.time() + max(0.0, seconds))
        self.drop_all()

    def restart_later(self, *, as_root: bool | None = None, delay: float = 0.2, then: Callable[[], None] | None = None) -> None:
        """Behave like adbd restarting: new services are refused at once; after ``delay`` (time for
        the reply to reach the host) change root mode, run ``then`` and drop every connection. The
        host reconnects on its own."""
        self._restarting = True

        def restart() -> None:
            try:
                if as_root is not None:
                    self.as_root = as_root
                if then is not None:
                    then()
            finally:
                self._restarting = False
                self.drop_all()

        asyncio.get_running_loop().call_later(delay, restart)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if asyncio.get_running_loop().time() < self._offline_until:
            writer.close()
            return
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = AdbConnection(self, reader, writer)
        self._connections.add(conn)
        try:
            await conn.serve()
        finally:
            self._connections.discard(conn)
