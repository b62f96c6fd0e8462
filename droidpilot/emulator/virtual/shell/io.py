"""What the interpreter talks to: the session's byte streams (``ShellIO``) and each command's ``Ctx``.

The adbd services implement ``ShellIO`` for v1, v2, exec and pty streams; commands only ever see a
``Ctx``, whose ``out``/``err`` may point at the session, at a pipe buffer or at a redirected file,
so a command never needs to know where its output goes.
"""

from __future__ import annotations

import asyncio
import posixpath
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    from ..fs import VirtualFS
    from .interpreter import Shell
    from .state import ShellState

__all__ = ["ShellIO", "Ctx", "BufferIO", "Sink", "StdinSource"]

Sink = Callable[[bytes], None]
StdinSource = Callable[[], Awaitable[bytes]]


@runtime_checkable
class ShellIO(Protocol):
    """The session streams a service hands the interpreter (see docs/virtual-device-internals.md)."""

    closed: asyncio.Event

    async def read(self, n: int = -1) -> bytes:
        """stdin; ``b""`` at EOF (close-stdin, or a v1 stream with no stdin)."""
        ...

    def write_out(self, data: bytes) -> None: ...

    def write_err(self, data: bytes) -> None: ...

    async def drain(self) -> None: ...


class BufferIO:
    """An in-memory ``ShellIO``: stdin from bytes, stdout/stderr collected.

    Used by ``$(...)``-style callers inside the device (e.g. an app running a shell line) and by
    tests; it is a real implementation, not a mock.
    """

    def __init__(self, stdin: bytes = b"") -> None:
        self._stdin = bytearray(stdin)
        self.out = bytearray()
        self.err = bytearray()
        self.closed = asyncio.Event()

    async def read(self, n: int = -1) -> bytes:
        if n < 0 or n >= len(self._stdin):
            data, self._stdin = bytes(self._stdin), bytearray()
            return data
        data = bytes(self._stdin[:n])
        del self._stdin[:n]
        return data

    def write_out(self, data: bytes) -> None:
        self.out += data

    def write_err(self, data: bytes) -> None:
        self.err += data

    async def drain(self) -> None:
        return None

    @property
    def stdout_text(self) -> str:
        return self.out.decode("utf-8", "replace")

    @property
    def stderr_text(self) -> str:
        return self.err.decode("utf-8", "replace")


def _as_bytes(data: bytes | bytearray | str) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogateescape")
    return bytes(data)


class Ctx:
    """Everything one command invocation may use.

    ``argv[0]`` is the name the command was invoked as. ``env`` is the command's environment (a
    copy: changing it does not change the shell; builtins such as ``cd``/``export`` change
    ``state``). ``read_stdin()`` returns all of the command's standard input (a pipe, a ``<``
    redirect, or the session's stdin until the client closes it).
    """

    def __init__(
        self,
        *,
        argv: list[str],
        out: Sink,
        err: Sink,
        stdin: StdinSource,
        env: dict[str, str],
        cwd: str,
        uid: int,
        system: Any,
        shell: "Shell",
        closed: asyncio.Event,
        state: "ShellState",
        drain: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.argv = argv
        self._out = out
        self._err = err
        self._stdin = stdin
        self.env = env
        self.cwd = cwd
        self.uid = uid
        self.system = system
        self.shell = shell
        self.closed = closed
        self.state = state
        self._drain = drain

    @property
    def fs(self) -> "VirtualFS":
        return self.system.fs

    @property
    def name(self) -> str:
        return posixpath.basename(self.argv[0]) if self.argv else "sh"

    def out(self, data: bytes | bytearray | str) -> None:
        """Write to standard output (str is encoded as UTF-8)."""
        if data:
            self._out(_as_bytes(data))

    def err(self, data: bytes | bytearray | str) -> None:
        """Write to standard error (str is encoded as UTF-8)."""
        if data:
            self._err(_as_bytes(data))

    def error(self, message: str) -> None:
        """Print ``name: message`` to stderr, the way toybox reports a failure."""
        self.err(f"{self.name}: {message}\n")

    async def read_stdin(self) -> bytes:
        return await self._stdin()

    async def drain(self) -> None:
        """Wait until the session has sent what this command wrote (streaming commands call it)."""
        if self._drain is not None and not self.closed.is_set():
            await self._drain()

    def resolve(self, path: str) -> str:
        """An absolute, normalised virtual path for ``path`` relative to the command's cwd."""
        if not path.startswith("/"):
            path = posixpath.join(self.cwd, path)
        norm = posixpath.normpath(path)
        return "/" + norm.lstrip("/") if norm.startswith("//") else norm
