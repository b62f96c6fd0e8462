"""Where a command's bytes go and come from: the session, a pipe buffer, a file, or nowhere."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from .io import ShellIO, Sink, StdinSource

__all__ = ["Streams", "FileSink", "no_stdin", "bytes_stdin", "session_stdin", "discard"]


@dataclass
class Streams:
    out: Sink
    err: Sink
    stdin: StdinSource
    closed: asyncio.Event
    drain: Callable[[], Awaitable[None]] | None = None  # flow control of the session, if any

    async def wait_drained(self) -> None:
        """Let the session's transport catch up (a loop printing forever must not fill memory)."""
        if self.drain is not None and not self.closed.is_set():
            try:
                await self.drain()
            except Exception:  # the stream died: ``closed`` will stop the script
                return


async def no_stdin() -> bytes:
    return b""


def bytes_stdin(data: bytes) -> StdinSource:
    taken = False

    async def read() -> bytes:
        nonlocal taken
        if taken:
            return b""
        taken = True
        return data

    return read


def session_stdin(io: ShellIO) -> StdinSource:
    """All of the session's stdin, up to EOF or until the client closes the stream."""
    eof = False

    async def read() -> bytes:
        nonlocal eof
        chunks: list[bytes] = []
        while not eof:
            reader = asyncio.ensure_future(io.read())
            closer = asyncio.ensure_future(io.closed.wait())
            done, _ = await asyncio.wait({reader, closer}, return_when=asyncio.FIRST_COMPLETED)
            if reader in done:
                closer.cancel()
                data = reader.result()
                if not data:
                    eof = True
                else:
                    chunks.append(data)
            else:
                reader.cancel()
                eof = True
        return b"".join(chunks)

    return read


def discard(_: bytes) -> None:
    return None


class FileSink:
    """Output redirected to a virtual file, written through once when the command finishes.

    One write per command keeps a persisted device fast (each host write is an atomic
    replace); ``>`` replaces the file with everything the command printed, ``>>`` appends.
    """

    def __init__(self, fs: Any, path: str, *, append: bool, attrs: tuple[int, int, int]) -> None:
        self.fs, self.path, self.append, self.attrs = fs, path, append, attrs
        self.buf = bytearray()
        self._done = False

    def __call__(self, data: bytes) -> None:
        self.buf += data

    def flush(self) -> None:
        if self._done:
            return
        self._done = True
        data, self.buf = bytes(self.buf), bytearray()
        exists = self.fs.exists(self.path)
        if exists and self.append and not data:
            return
        mode, uid, gid = self.attrs
        self.fs.write(self.path, data, append=self.append and exists, mode=None if exists else mode,
                      uid=uid, gid=gid)
