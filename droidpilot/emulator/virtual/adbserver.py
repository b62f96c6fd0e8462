"""A private adb server from the adbutils wheel, for tests, benchmarks and the CLI.

It runs on its own port (never 5037, so a developer's own server and devices are untouched) and
``stop()`` kills exactly that server. ``ANDROID_ADB_SERVER_PORT`` is set for the child processes
so nothing they start falls back to the default port.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

from droidpilot.errors import AdbError

__all__ = ["AdbServer", "wheel_adb_path", "free_port"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 5037
START_TIMEOUT = 20.0
COMMAND_TIMEOUT = 30.0


def wheel_adb_path() -> Path:
    """The ``adb`` binary shipped inside the adbutils wheel."""
    import adbutils

    path = Path(adbutils.__file__).parent / "binaries" / "adb"
    if not path.is_file():
        raise AdbError(f"the adbutils wheel has no adb binary at {path}; reinstall adbutils (pip install -U adbutils)")
    return path


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (never 5037 or an emulator port)."""
    for _ in range(20):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port != DEFAULT_PORT and not 5554 <= port <= 5585:
            return port
    raise AdbError("could not find a free loopback port for a private adb server; free some ports")


class AdbServer:
    """Start, use and stop an adb server on a private port.

        with AdbServer() as server:
            server.adb("devices", "-l").stdout
            server.client.device("emulator-5554").shell("echo hi")
    """

    def __init__(self, port: int | None = None, *, adb_path: str | Path | None = None) -> None:
        if port == DEFAULT_PORT:
            raise AdbError("AdbServer runs a private server; pick a port other than 5037 (or pass None)")
        self.port = port if port is not None else free_port()
        self.adb_path = Path(adb_path) if adb_path is not None else wheel_adb_path()
        self._client: Any = None
        self.started = False

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["ANDROID_ADB_SERVER_PORT"] = str(self.port)
        return env

    @property
    def client(self) -> Any:
        """An ``adbutils.AdbClient`` bound to this server."""
        if self._client is None:
            import adbutils

            self._client = adbutils.AdbClient(host="127.0.0.1", port=self.port, socket_timeout=COMMAND_TIMEOUT)
        return self._client

    def make_default(self) -> Callable[[], None]:
        """Point this process's adb clients at this server; returns a function that undoes it.

        Sets ``ANDROID_ADB_SERVER_PORT`` and replaces ``adbutils.adb`` (which uiautomator2 uses and
        which adbutils built from the environment at import time). Meant for tests and the CLI's
        own session, never as an import side effect.
        """
        import adbutils

        previous_env = os.environ.get("ANDROID_ADB_SERVER_PORT")
        previous_client = adbutils.adb
        os.environ["ANDROID_ADB_SERVER_PORT"] = str(self.port)
        adbutils.adb = self.client

        def undo() -> None:
            if previous_env is None:
                os.environ.pop("ANDROID_ADB_SERVER_PORT", None)
            else:
                os.environ["ANDROID_ADB_SERVER_PORT"] = previous_env
            adbutils.adb = previous_client

        return undo

    def start(self, timeout: float = START_TIMEOUT) -> "AdbServer":
        result = self.adb("start-server", timeout=timeout)
        if result.returncode != 0:
            raise AdbError(
                f"adb start-server on port {self.port} failed ({result.returncode}): "
                f"{result.stderr.strip() or result.stdout.strip()}"
            )
        deadline = time.monotonic() + timeout
        while not self.alive():
            if time.monotonic() > deadline:
                raise AdbError(f"the adb server on port {self.port} did not come up within {timeout:.0f} s")
            time.sleep(0.05)
        self.started = True
        return self

    def alive(self) -> bool:
        with contextlib.suppress(OSError):
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        return False

    def adb(self, *args: str, timeout: float = COMMAND_TIMEOUT, input: bytes | None = None,
            text: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run the wheel's adb against this server (argv list, no shell); ``env`` adds variables."""
        argv = [str(self.adb_path), "-P", str(self.port), *args]
        full_env = self.env
        full_env.update(env or {})
        try:
            return subprocess.run(
                argv,
                input=input if not text or input is None else input.decode(),
                stdin=None if input is not None else subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                env=full_env,
                text=text,
            )
        except subprocess.TimeoutExpired as exc:
            raise AdbError(f"`adb {' '.join(args)}` did not finish within {timeout:.0f} s") from exc
        except OSError as exc:
            raise AdbError(f"could not run {self.adb_path}: {exc}") from exc

    def stop(self) -> None:
        """Kill this server (and only this one)."""
        if not self.alive():
            self.started = False
            return
        with contextlib.suppress(AdbError):
            self.adb("kill-server", timeout=10)
        deadline = time.monotonic() + 5
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        self.started = False

    def __enter__(self) -> "AdbServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
