"""``shell:``, ``shell,v2,...:`` and ``exec:``: the interpreter wired to an adb stream.

The interpreter (``droidpilot.emulator.virtual.shell.Shell``) talks to a ``ShellIO``: async stdin
reads, synchronous stdout/stderr writes, ``drain()`` for flow control and a ``closed`` event. This
module provides one ShellIO per wire format:

* v1 (``shell:cmd``): raw bytes, stderr merged, the stream closing is the only end signal;
* v2 (``shell,v2:cmd``): ``[id u8][len u32 LE][payload]`` packets both ways, reassembled across
  WRTE boundaries, an exit packet before CLSE;
* exec (``exec:cmd``): raw both ways, stdin is whatever the host sends until it closes;
* pty (``shell,v2,pty:`` and plain ``shell:`` with no command): an interactive session with a
  terminal's newline handling (``\\n`` out becomes ``\\r\\n``, ``\\r`` in becomes ``\\n``);
* no command without a pty (``adb shell < script``): stdin up to EOF runs as one script.
"""

from __future__ import annotations

import asyncio
import logging
import struct
from typing import TYPE_CHECKING

from ..adbd import StreamClosed

if TYPE_CHECKING:  # pragma: no cover
    from ..adbd import AdbDaemon, AdbStream, Handler

__all__ = [
    "ShellPacketParser",
    "encode_shell_packet",
    "parse_shell_service",
    "shell_service",
    "exec_service",
    "RawShellIO",
    "V2ShellIO",
    "ID_STDIN",
    "ID_STDOUT",
    "ID_STDERR",
    "ID_EXIT",
    "ID_CLOSE_STDIN",
    "ID_WINDOW_SIZE",
]

log = logging.getLogger(__name__)

ID_STDIN, ID_STDOUT, ID_STDERR, ID_EXIT, ID_CLOSE_STDIN, ID_WINDOW_SIZE = range(6)
_PACKET_HEADER = struct.Struct("<BI")
# Largest v2 packet we accept from the host; adbd's own buffer is far smaller, so more is garbage.
MAX_V2_PACKET = 4 * 1024 * 1024
INTERNAL_ERROR_EXIT = 255


def encode_shell_packet(packet_id: int, payload: bytes = b"") -> bytes:
    return _PACKET_HEADER.pack(packet_id, len(payload)) + payload


class ShellProtocolError(Exception):
    """The host sent a malformed shell v2 packet (internal to this module)."""


class ShellPacketParser:
    """Sans-IO reassembly of shell v2 packets from arbitrarily split bytes."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[tuple[int, bytes]]:
        self._buf += data
        packets: list[tuple[int, bytes]] = []
        while len(self._buf) >= _PACKET_HEADER.size:
            packet_id, length = _PACKET_HEADER.unpack_from(self._buf)
            if length > MAX_V2_PACKET:
                raise ShellProtocolError(f"shell v2 packet of {length} bytes is too large")
            end = _PACKET_HEADER.size + length
            if len(self._buf) < end:
                break
            packets.append((packet_id, bytes(self._buf[_PACKET_HEADER.size : end])))
            del self._buf[:end]
        return packets


def parse_shell_service(name: str) -> tuple[list[str], str]:
    """``shell,v2,TERM=xterm,raw:echo hi`` → (``["v2", "TERM=xterm", "raw"]``, ``"echo hi"``)."""
    head, _, command = name.partition(":")
    args = [arg for arg in head.split(",")[1:] if arg]
    return args, command


class _OutputPump:
    """Turns the interpreter's synchronous writes into WRTEs that respect flow control."""

    def __init__(self, stream: "AdbStream") -> None:
        self._stream = stream
        self._buf = bytearray()
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._task: asyncio.Task[None] | None = None

    def push(self, data: bytes) -> None:
        if not data or self._stream.closed.is_set():
            return
        self._buf += data
        self._idle.clear()
        self._wake.set()
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())

    async def drain(self) -> None:
        await self._idle.wait()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _run(self) -> None:
        try:
            while True:
                while not self._buf:
                    self._idle.set()
                    self._wake.clear()
                    await self._wake.wait()
                size = self._stream.max_payload
                chunk = bytes(self._buf[:size])
                del self._buf[:size]
                await self._stream.write(chunk)
        except StreamClosed:
            self._buf.clear()
            self._idle.set()


def _to_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _onlcr(data: bytes) -> bytes:
    """A terminal's output newline handling: every ``\\n`` leaves as ``\\r\\n``."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class RawShellIO:
    """ShellIO for v1 shell and exec streams: stdout and stderr share the raw stream.

    ``blocking_stdin`` decides what a read does when the host has sent nothing: exec and
    interactive sessions wait (the host is a pipe or a terminal); a v1 command has no stdin, so a
    read returns what already arrived, else ``b""`` (EOF).
    """

    def __init__(self, stream: "AdbStream", *, blocking_stdin: bool, pty: bool = False) -> None:
        self._stream = stream
        self._blocking = blocking_stdin
        self._pty = pty
        self._pump = _OutputPump(stream)
        self.closed = stream.closed

    async def read(self, n: int = -1) -> bytes:
        if self._blocking:
            data = await self._stream.read(n)
        else:
            data = self._stream.read_nowait(n)
        return data.replace(b"\r", b"\n") if self._pty else data

    def write_out(self, data: bytes) -> None:
        data = _to_bytes(data)
        self._pump.push(_onlcr(data) if self._pty else data)

    def write_err(self, data: bytes) -> None:
        self.write_out(data)

    async def drain(self) -> None:
        await self._pump.drain()

    async def finish(self, code: int) -> None:
        """The command ended: flush output (v1 has no exit status; closing the stream says it)."""
        await self.drain()

    def cancel(self) -> None:
        """Stop the helper tasks (also when the command was cancelled or the stream died)."""
        self._pump.cancel()


class V2ShellIO:
    """ShellIO for shell protocol v2: framed stdout/stderr, stdin packets, exit status."""

    def __init__(self, stream: "AdbStream", *, pty: bool = False) -> None:
        self._stream = stream
        self._pty = pty
        self._pump = _OutputPump(stream)
        self._parser = ShellPacketParser()
        self._stdin = bytearray()
        self._stdin_ready = asyncio.Event()
        self._stdin_eof = False
        self.window_size: str | None = None
        self.closed = stream.closed
        self._reader = asyncio.ensure_future(self._read_host())

    async def read(self, n: int = -1) -> bytes:
        while not self._stdin:
            if self._stdin_eof or self.closed.is_set():
                return b""
            self._stdin_ready.clear()
            await self._stdin_ready.wait()
        if n < 0 or n >= len(self._stdin):
            data = bytes(self._stdin)
            self._stdin.clear()
        else:
            data = bytes(self._stdin[:n])
            del self._stdin[:n]
        return data.replace(b"\r", b"\n") if self._pty else data

    def write_out(self, data: bytes) -> None:
        data = _to_bytes(data)
        if data:
            self._pump.push(encode_shell_packet(ID_STDOUT, _onlcr(data) if self._pty else data))

    def write_err(self, data: bytes) -> None:
        data = _to_bytes(data)
        if data:
            # A pty has one output channel, as on a phone.
            packet_id = ID_STDOUT if self._pty else ID_STDERR
            self._pump.push(encode_shell_packet(packet_id, _onlcr(data) if self._pty else data))

    async def drain(self) -> None:
        await self._pump.drain()

    async def finish(self, code: int) -> None:
        """Send the exit packet after all output; the caller then closes the stream."""
        self._pump.push(encode_shell_packet(ID_EXIT, bytes([code & 0xFF])))
        await self.drain()

    def cancel(self) -> None:
        """Stop the helper tasks (also when the command was cancelled or the stream died)."""
        self._pump.cancel()
        self._reader.cancel()

    async def _read_host(self) -> None:
        try:
            while True:
                data = await self._stream.read()
                if not data:
                    break
                for packet_id, payload in self._parser.feed(data):
                    if packet_id == ID_STDIN:
                        self._stdin += payload
                    elif packet_id == ID_CLOSE_STDIN:
                        self._stdin_eof = True
                    elif packet_id == ID_WINDOW_SIZE:
                        self.window_size = payload.decode("ascii", errors="replace")
                    self._stdin_ready.set()
        except ShellProtocolError as exc:
            log.warning("adbd: %s: %s; closing the stream", self._stream.service, exc)
            self._stdin_eof = True
            await self._stream.close()
        finally:
            self._stdin_ready.set()


async def _read_script(io: RawShellIO | V2ShellIO) -> str:
    """stdin up to EOF: what ``sh`` without a terminal executes (``adb shell < script``)."""
    chunks = []
    while chunk := await io.read():
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", errors="surrogateescape")


async def _run_shell(
    daemon: "AdbDaemon", stream: "AdbStream", io: RawShellIO | V2ShellIO, command: str, *, pty: bool
) -> None:
    shell = daemon.shell
    uid = daemon.uid
    try:
        try:
            if command.strip():
                code = await shell.run(command, io, uid=uid)
            elif pty:
                code = await shell.interactive(io, uid=uid)
            else:
                code = await shell.run(await _read_script(io), io, uid=uid)
        except (StreamClosed, asyncio.CancelledError):
            raise
        except Exception as exc:  # an interpreter bug must end this command, not the transport
            log.exception("adbd: the shell failed on %r", command)
            io.write_err(f"/system/bin/sh: internal error: {exc}\n".encode())
            code = INTERNAL_ERROR_EXIT
        await io.finish(int(code or 0))
    finally:
        io.cancel()


def shell_service(daemon: "AdbDaemon", name: str) -> "Handler":
    args, command = parse_shell_service(name)
    v2 = "v2" in args
    pty = "pty" in args or ("raw" not in args and not command.strip())

    async def run(stream: "AdbStream") -> None:
        io: RawShellIO | V2ShellIO
        if v2:
            io = V2ShellIO(stream, pty=pty)
        else:
            io = RawShellIO(stream, blocking_stdin=pty or not command.strip(), pty=pty)
        await _run_shell(daemon, stream, io, command, pty=pty)

    return run


def exec_service(daemon: "AdbDaemon", command: str) -> "Handler":
    async def run(stream: "AdbStream") -> None:
        await _run_shell(daemon, stream, RawShellIO(stream, blocking_stdin=True), command, pty=False)

    return run

