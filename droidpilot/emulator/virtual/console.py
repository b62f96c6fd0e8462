"""The emulator console on the even port: what ``adb emu`` and telnet scripts talk to.

Line-based: a greeting, then one command per line, each answered with ``OK\\r\\n`` or
``KO: <reason>\\r\\n``. When the token file (``$HOME/.emulator_console_auth_token``, or the path
given) holds a token, only ``help``, ``ping``, ``avd name``, ``auth`` and ``quit`` work until
``auth <token>`` matches. A missing or empty file means no authentication, which is also what
``adb emu`` assumes (it sends ``auth`` only for a non-empty file). Loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    from .system.core import System

__all__ = ["EmulatorConsole", "default_token_path"]

log = logging.getLogger(__name__)

MAX_LINE = 4096
IDLE_TIMEOUT = 600.0  # a console left open and silent this long is closed

HELP = (
    "Android console commands:\r\n\r\n"
    "    help|h|?         print a list of commands\r\n"
    "    ping             check if the emulator is alive\r\n"
    "    auth             authenticate this console session\r\n"
    "    avd              control virtual device execution (name, status)\r\n"
    "    kill             kill the emulator instance\r\n"
    "    sms              SMS related commands (send)\r\n"
    "    geo              Geo-location commands (fix)\r\n"
    "    power            power related commands (capacity)\r\n"
    "    quit|exit        quit control session\r\n"
    "\r\n"
    "try 'help <command>' for command-specific help\r\n"
)
_PRE_AUTH = {"help", "h", "?", "ping", "auth", "quit", "exit"}


def default_token_path() -> Path:
    """``~/.emulator_console_auth_token``, honouring ``$HOME`` like the emulator does."""
    home = os.environ.get("HOME") or str(Path.home())
    return Path(home) / ".emulator_console_auth_token"


class _Reply(Exception):
    """Internal: a ``KO:`` answer."""


class EmulatorConsole:
    """Serves console sessions for one device.

    ``system`` returns the current ``System``; ``on_kill`` is called (on the loop) after ``kill``
    was answered, and must stop the device without blocking the loop.
    """

    def __init__(
        self,
        system: Callable[[], "System"],
        *,
        avd_name: str = "droidpilot_virtual",
        auth_token_path: Path | str | None = None,
        on_kill: Callable[[], None] | None = None,
    ) -> None:
        self._system = system
        self.avd_name = avd_name
        self.auth_token_path = Path(auth_token_path) if auth_token_path is not None else default_token_path()
        self._on_kill = on_kill
        self._server: asyncio.AbstractServer | None = None
        self._sessions: set[asyncio.StreamWriter] = set()

    async def start(self, sock: socket.socket) -> None:
        self._server = await asyncio.start_server(self._session, sock=sock)

    async def close(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for writer in list(self._sessions):
            writer.close()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._server.wait_closed(), 2.0)
        self._server = None

    def _token(self) -> str:
        try:
            return self.auth_token_path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._sessions.add(writer)
        token = self._token()
        authed = not token
        try:
            if authed:
                writer.write(b"Android Console: type 'help' for a list of commands\r\nOK\r\n")
            else:
                writer.write(
                    (
                        "Android Console: Authentication required\r\n"
                        "Android Console: type 'auth <auth_token>' to authenticate\r\n"
                        "Android Console: you can find your <auth_token> in \r\n"
                        f"'{self.auth_token_path}'\r\nOK\r\n"
                    ).encode()
                )
            await writer.drain()
            while True:
                raw = await asyncio.wait_for(reader.readline(), IDLE_TIMEOUT)
                if not raw:
                    return
                if len(raw) > MAX_LINE:
                    writer.write(b"KO: command line too long\r\n")
                    await writer.drain()
                    continue
                line = raw.decode("utf-8", errors="replace").strip()
                if not line:
                    continue
                words = line.split()
                command = words[0].lower()
                if command in ("quit", "exit"):
                    return
                if command == "auth":
                    if not token or (len(words) > 1 and hmac.compare_digest(words[1], token)):
                        authed = True
                        writer.write(b"OK\r\n")
                    else:
                        writer.write(
                            f"KO: authentication token does not match {self.auth_token_path}\r\n".encode()
                        )
                    await writer.drain()
                    continue
                if not authed and command not in _PRE_AUTH and words[:2] != ["avd", "name"]:
                    writer.write(b"KO: unknown command, try 'help'\r\n")
                    await writer.drain()
                    continue
                try:
                    text = self._run(words)
                    writer.write((text + "OK\r\n").encode("utf-8"))
                except _Reply as reply:
                    writer.write(f"KO: {reply}\r\n".encode("utf-8"))
                await writer.drain()
                if command == "kill":
                    if self._on_kill is not None:
                        self._on_kill()
                    return
        except (asyncio.TimeoutError, ConnectionError, OSError):
            log.debug("console session ended")
        except (ValueError, asyncio.LimitOverrunError):
            # A "line" longer than the stream buffer: not a console client; drop the session only.
            log.info("console: dropped a session that sent an overlong line")
        finally:
            self._sessions.discard(writer)
            with contextlib.suppress(Exception):
                writer.close()

    # -- commands ----------------------------------------------------------------------------------
    def _run(self, words: list[str]) -> str:
        command, args = words[0].lower(), words[1:]
        if command in ("help", "h", "?"):
            return HELP
        if command == "ping":
            return "I am alive!\r\n"
        if command == "avd":
            return self._avd(args)
        if command == "kill":
            return "OK: killing emulator, bye bye\r\n"
        if command == "sms":
            return self._sms(args)
        if command == "geo":
            return self._geo(args)
        if command == "power":
            return self._power(args)
        raise _Reply("unknown command, try 'help'")

    def _avd(self, args: list[str]) -> str:
        if args[:1] == ["name"]:
            return f"{self.avd_name}\r\n"
        if args[:1] == ["status"]:
            return "virtual device is running\r\n"
        raise _Reply("missing sub-command; try 'avd name' or 'avd status'")

    def _sms(self, args: list[str]) -> str:
        if args[:1] != ["send"]:
            raise _Reply("missing sub-command; try 'sms send <phonenumber> <text message>'")
        if len(args) < 3:
            raise _Reply("missing argument; try 'sms send <phonenumber> <text message>'")
        number, text = args[1], " ".join(args[2:])
        digits = number[1:] if number.startswith("+") else number
        if not digits.isdigit():
            raise _Reply("bad phone number format, must be [+](0-9)*")
        self._call("sms_receive", number, text)
        return ""

    def _geo(self, args: list[str]) -> str:
        if args[:1] != ["fix"] or len(args) < 3:
            raise _Reply("Usage: \"geo fix <longitude> <latitude> [<altitude> [<satellites>]]\"")
        values = []
        for label, text in (("longitude", args[1]), ("latitude", args[2])):
            try:
                values.append(float(text))
            except ValueError as exc:
                raise _Reply(f"argument '{label}' is not a number") from exc
        self._call("geo_fix", values[0], values[1])
        return ""

    def _power(self, args: list[str]) -> str:
        if args[:1] != ["capacity"] or len(args) != 2:
            raise _Reply("Usage: \"capacity <percentage>\"")
        try:
            level = int(args[1])
        except ValueError as exc:
            raise _Reply("Usage: \"capacity <percentage>\"") from exc
        if not 0 <= level <= 100:
            raise _Reply("Usage: \"capacity <percentage>\"")
        power = getattr(self._system(), "power", None)
        setter = getattr(power, "set_capacity", None)
        if setter is None:
            raise _Reply("this virtual device has no battery model")
        with self._system().lock:
            setter(level)
        return ""

    def _call(self, name: str, *args: Any) -> None:
        system = self._system()
        method = getattr(system, name, None)
        if method is None:
            raise _Reply(f"this virtual device does not support '{name}'")
        with system.lock:
            method(*args)
