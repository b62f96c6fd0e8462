"""The interactive (pty) session: prompt, echo, line editing, ``exit``/Ctrl-D.

A real ``adb shell`` with no command gets a terminal: the tty echoes what is typed, turns output
``\\n`` into ``\\r\\n`` and hands mksh whole lines. This module plays the tty and the line
discipline; each line then runs in one persistent shell state (so ``cd`` sticks).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from .io import ShellIO
from .streams import Streams, no_stdin

if TYPE_CHECKING:  # pragma: no cover
    from .interpreter import Shell

__all__ = ["run_pty_session"]

_CTRL_C, _CTRL_D, _CTRL_U, _BS, _DEL, _ESC = 0x03, 0x04, 0x15, 0x08, 0x7F, 0x1B


def _onlcr(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


async def _read(io: ShellIO) -> bytes:
    """The next input bytes, or b"" at EOF or when the client goes away."""
    reader = asyncio.ensure_future(io.read())
    closer = asyncio.ensure_future(io.closed.wait())
    done, _ = await asyncio.wait({reader, closer}, return_when=asyncio.FIRST_COMPLETED)
    if reader in done:
        closer.cancel()
        return reader.result()
    reader.cancel()
    return b""


async def run_pty_session(shell: "Shell", io: ShellIO, *, uid: int) -> int:
    from .interpreter import ExitShell

    state = shell.new_state(uid)
    state.interactive = True

    def out(data: bytes) -> None:
        io.write_out(_onlcr(data))

    def err(data: bytes) -> None:
        io.write_err(_onlcr(data))

    streams = Streams(out, err, no_stdin, io.closed, io.drain)
    line = bytearray()
    after_cr = False
    escape = 0  # where we are inside an escape sequence (arrow keys are swallowed)

    io.write_out(shell.prompt(state).encode())
    await io.drain()
    while True:
        data = await _read(io)
        if not data:
            return state.status
        echo = bytearray()
        for byte in data:
            if escape == 1:  # after ESC: CSI ("[") or SS3 ("O") sequences follow
                escape = 2 if byte == ord("[") else 3 if byte == ord("O") else 0
                continue
            if escape == 2:  # CSI parameters run until a final byte 0x40-0x7E
                if 0x40 <= byte <= 0x7E:
                    escape = 0
                continue
            if escape == 3:
                escape = 0
                continue
            if byte == _ESC:
                escape = 1
                continue
            if byte == ord("\n") and after_cr:
                after_cr = False
                continue
            after_cr = byte == ord("\r")
            if byte in (ord("\r"), ord("\n")):
                echo += b"\r\n"
                io.write_out(bytes(echo))
                echo.clear()
                text = line.decode("utf-8", "replace")
                line.clear()
                if text.strip():
                    shell._log(text, state.uid)
                    try:
                        await shell.run_in_state(text, state, streams)
                    except ExitShell as exc:
                        await io.drain()
                        return exc.code & 0xFF
                    except Exception:  # LoopControl outside a loop: ignored like mksh
                        pass
                io.write_out(shell.prompt(state).encode())
                await io.drain()
            elif byte == _CTRL_D:
                if not line:
                    io.write_out(bytes(echo))
                    await io.drain()
                    return state.status
            elif byte == _CTRL_C:
                echo += b"^C\r\n" + shell.prompt(state).encode()
                line.clear()
            elif byte == _CTRL_U:
                echo += b"\b \b" * len(line.decode("utf-8", "replace"))
                line.clear()
            elif byte in (_BS, _DEL):
                if line:
                    text = line.decode("utf-8", "replace")[:-1]
                    line[:] = text.encode()
                    echo += b"\b \b"
            elif byte == ord("\t") or byte >= 0x20:
                line.append(byte)
                echo.append(byte)
        if echo:
            io.write_out(bytes(echo))
            await io.drain()
