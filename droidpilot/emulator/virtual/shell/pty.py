"""The interactive (pty) session: prompt, echo, line editing, Ctrl-C, ``exit``/Ctrl-D.

A real ``adb shell`` with no command gets a terminal: the tty echoes what is typed, turns output
``\\n`` into ``\\r\\n``, hands mksh whole lines and turns Ctrl-C into SIGINT. This module plays
the tty and its line discipline; each line runs in one persistent shell state (so ``cd``
sticks), and Ctrl-C typed while a command runs (``logcat``, ``sleep``) stops that command.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from .io import ShellIO
from .streams import Streams, no_stdin

if TYPE_CHECKING:  # pragma: no cover
    from .interpreter import Shell
    from .state import ShellState

__all__ = ["run_pty_session"]

_CTRL_C, _CTRL_D, _CTRL_U, _BS, _DEL, _ESC = 0x03, 0x04, 0x15, 0x08, 0x7F, 0x1B
_SIGINT_STATUS = 130


def _onlcr(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


class _Input:
    """One outstanding ``io.read()`` at a time, kept across lines so no typed byte is lost."""

    def __init__(self, io: ShellIO) -> None:
        self.io = io
        self.task: asyncio.Future[bytes] | None = None

    def pending(self) -> asyncio.Future[bytes]:
        if self.task is None:
            self.task = asyncio.ensure_future(self.io.read())
        return self.task

    def take(self) -> bytes:
        assert self.task is not None and self.task.done()
        data, self.task = self.task.result(), None
        return data

    async def next(self) -> bytes:
        """The next input bytes, or b"" at EOF or when the client goes away."""
        closer = asyncio.ensure_future(self.io.closed.wait())
        try:
            done, _ = await asyncio.wait({self.pending(), closer}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            closer.cancel()
        return self.take() if self.task in done else b""

    def close(self) -> None:
        if self.task is not None:
            self.task.cancel()


class _Session:
    def __init__(self, shell: "Shell", io: ShellIO, state: "ShellState") -> None:
        self.shell, self.io, self.state = shell, io, state
        self.input = _Input(io)
        self.line = bytearray()
        self.after_cr = False
        self.escape = 0  # 1 after ESC, 2 inside a CSI sequence, 3 after ESC O
        self.streams = Streams(lambda d: io.write_out(_onlcr(d)), lambda d: io.write_err(_onlcr(d)),
                               no_stdin, io.closed, io.drain)
        self.typeahead = bytearray()
        self.exit_code: int | None = None

    def prompt(self) -> bytes:
        return self.shell.prompt(self.state).encode()

    async def run_line(self, text: str) -> None:
        """Run one line; Ctrl-C typed meanwhile cancels it (status 130), other keys wait their turn."""
        from .interpreter import ExitShell

        self.shell._log(text, self.state.uid)
        task = asyncio.ensure_future(self.shell.run_in_state(text, self.state, self.streams))
        closer = asyncio.ensure_future(self.io.closed.wait())
        try:
            while not task.done():
                reader = self.input.pending()
                done, _ = await asyncio.wait({task, reader, closer}, return_when=asyncio.FIRST_COMPLETED)
                if task in done:
                    break
                if closer in done:
                    task.cancel()
                    break
                data = self.input.take()
                if not data:  # EOF: the command may still finish on its own
                    await asyncio.wait({task, closer}, return_when=asyncio.FIRST_COMPLETED)
                    break
                if _CTRL_C in data:
                    cut = data.index(_CTRL_C)
                    self.typeahead += data[cut + 1:]
                    task.cancel()
                    self.io.write_out(b"^C\r\n")
                    self.state.status = _SIGINT_STATUS
                    break
                self.typeahead += data
        finally:
            closer.cancel()
        if not task.done():
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            try:
                await task
            except ExitShell as exc:
                self.exit_code = exc.code & 0xFF
            except Exception:  # break/continue/return outside their construct: ignored, as mksh does
                pass

    async def feed(self, data: bytes) -> bool:
        """Process typed bytes; False when the session has ended."""
        echo = bytearray()
        for pos, byte in enumerate(data):
            if self.escape == 1:
                self.escape = 2 if byte == ord("[") else 3 if byte == ord("O") else 0
                continue
            if self.escape == 2:
                if 0x40 <= byte <= 0x7E:
                    self.escape = 0
                continue
            if self.escape == 3:
                self.escape = 0
                continue
            if byte == _ESC:
                self.escape = 1
                continue
            if byte == ord("\n") and self.after_cr:
                self.after_cr = False
                continue
            self.after_cr = byte == ord("\r")
            if byte in (ord("\r"), ord("\n")):
                echo += b"\r\n"
                self.io.write_out(bytes(echo))
                echo.clear()
                text = self.line.decode("utf-8", "replace")
                self.line.clear()
                if text.strip():
                    self.typeahead += data[pos + 1:]
                    await self.run_line(text)
                    if self.exit_code is not None or self.io.closed.is_set():
                        return False
                    self.io.write_out(self.prompt())
                    await self.io.drain()
                    return True  # the rest of this chunk was kept as type-ahead
                self.io.write_out(self.prompt())
            elif byte == _CTRL_D:
                if not self.line:
                    self.io.write_out(bytes(echo))
                    return False
            elif byte == _CTRL_C:
                echo += b"^C\r\n" + self.prompt()
                self.line.clear()
            elif byte == _CTRL_U:
                echo += b"\b \b" * len(self.line.decode("utf-8", "replace"))
                self.line.clear()
            elif byte in (_BS, _DEL):
                if self.line:
                    self.line[:] = self.line.decode("utf-8", "replace")[:-1].encode()
                    echo += b"\b \b"
            elif byte == ord("\t") or byte >= 0x20:
                self.line.append(byte)
                echo.append(byte)
        if echo:
            self.io.write_out(bytes(echo))
        await self.io.drain()
        return True


async def run_pty_session(shell: "Shell", io: ShellIO, *, uid: int) -> int:
    state = shell.new_state(uid)
    state.interactive = True
    session = _Session(shell, io, state)
    io.write_out(session.prompt())
    await io.drain()
    try:
        while True:
            if session.typeahead:
                data, session.typeahead = bytes(session.typeahead), bytearray()
            else:
                data = await session.input.next()
                if not data:
                    return state.status
            if not await session.feed(data):
                break
    finally:
        session.input.close()
    await io.drain()
    return session.exit_code if session.exit_code is not None else state.status
