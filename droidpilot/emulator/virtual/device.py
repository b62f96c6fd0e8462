"""``VirtualDevice``: run the built-in Android device in the background of any program.

One daemon thread runs one asyncio loop with the adbd (odd port), the emulator console (even
port) and the System's in-device servers. The host adb server sees it as ``emulator-<even port>``,
either by its own start-up scan or because ``start()`` announces it with ``host:emulator:``.

    with VirtualDevice() as dev:
        adbutils.AdbClient(port=...).device(dev.serial).shell("echo hi")
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Coroutine, TypeVar

from droidpilot.errors import DeviceTimeout, VirtualDeviceError

from .adbd import AdbDaemon
from .console import EmulatorConsole
from .discovery import adb_server_port, adb_server_running, bind_port_pair, register_emulator

if TYPE_CHECKING:  # pragma: no cover
    from .system.core import System

__all__ = ["VirtualDevice"]

log = logging.getLogger(__name__)

T = TypeVar("T")
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


class VirtualDevice:
    """A virtual Android device served over the real adb protocol.

    ``port`` is the console port (even; adb listens on ``port + 1``), as with the emulator's
    ``-port``; None picks the first free pair from 5554/5555. ``register`` announces the device
    to an adb server already running on ``adb_server_port`` (default: $ANDROID_ADB_SERVER_PORT,
    else 5037). ``auth_token_path`` overrides the console's ``~/.emulator_console_auth_token``.
    ``adb_keyboard`` side-loads ADBKeyBoard (an input method typing base64 broadcasts).
    ``system_factory(fs, **options)`` and ``shell_factory(system)`` replace the OS or the
    interpreter (embedders and transport tests); by default ``system.core.System`` and ``shell.Shell``.
    """

    def __init__(
        self,
        port: int | None = None,
        *,
        width: int = 1080,
        height: int = 2400,
        density: int = 420,
        state_dir: str | Path | None = None,
        rooted: bool = False,
        seed: int = 0,
        adb_keyboard: bool = False,
        adb_server_port: int | None = None,
        register: bool = True,
        auth_token_path: str | Path | None = None,
        system_factory: Callable[..., "System"] | None = None,
        shell_factory: Callable[["System"], Any] | None = None,
    ) -> None:
        if port is not None and port % 2:
            raise VirtualDeviceError(f"port {port} is odd: pass the even console port (adb uses port + 1), e.g. 5554")
        self._requested_port = port
        self._options: dict[str, Any] = dict(width=width, height=height, density=density, rooted=rooted, seed=seed)
        if adb_keyboard:
            self._options["adb_keyboard"] = True
        self._state_dir = Path(state_dir) if state_dir is not None else None
        self._adb_server_port = adb_server_port
        self._register = register
        self._auth_token_path = auth_token_path
        self._system_factory = system_factory
        self._shell_factory = shell_factory
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._system: System | None = None
        self._daemon: AdbDaemon | None = None
        self._console: EmulatorConsole | None = None
        self._boot_fs: object | None = None
        self._lifecycle = threading.Lock()
        self.console_port: int | None = None
        self.adb_port: int | None = None
        self.registered = False

    # -- public properties -------------------------------------------------------------------------
    @property
    def serial(self) -> str:
        if self.console_port is None:
            raise VirtualDeviceError("the virtual device is not started; call start() first")
        return f"emulator-{self.console_port}"

    @property
    def system(self) -> "System":
        if self._system is None:
            raise VirtualDeviceError("the virtual device is not started; call start() first")
        return self._system

    @property
    def running(self) -> bool:
        return self._loop is not None and self._thread is not None and self._thread.is_alive()

    @property
    def daemon(self) -> AdbDaemon:
        if self._daemon is None:
            raise VirtualDeviceError("the virtual device is not started; call start() first")
        return self._daemon

    # -- life cycle ---------------------------------------------------------------------------------
    def start(self) -> "VirtualDevice":
        with self._lifecycle:
            if self.running:
                return self
            console_sock, adb_sock = bind_port_pair(self._requested_port)
            self.console_port = console_sock.getsockname()[1]
            self.adb_port = adb_sock.getsockname()[1]
            try:
                self._system = self._new_system()
                if self._state_dir is not None:
                    self._boot_fs = self._system.fs.snapshot()
                loop = asyncio.new_event_loop()
                self._loop = loop
                self._thread = threading.Thread(
                    target=self._run_loop, args=(loop,), name=f"virtual-device-{self.console_port}", daemon=True
                )
                self._thread.start()
                self._call(self._start_async(console_sock, adb_sock), START_TIMEOUT)
            except BaseException:
                console_sock.close()
                adb_sock.close()
                self._shutdown_loop()
                raise
        if self._register:
            server = adb_server_port(self._adb_server_port)
            if adb_server_running(server):
                self.registered = register_emulator(self.adb_port, server)
        log.info("virtual device %s listening (adb %d, console %d)", self.serial, self.adb_port, self.console_port)
        return self

    def stop(self) -> None:
        with self._lifecycle:
            if not self.running:
                return
            try:
                self._call(self._stop_async(), STOP_TIMEOUT)
            except (DeviceTimeout, VirtualDeviceError) as exc:
                log.warning("virtual device %s did not stop cleanly: %s", self.serial, exc)
            finally:
                self._shutdown_loop()

    def __enter__(self) -> "VirtualDevice":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- state ---------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Replace the OS with a fresh one (same options; a state dir goes back to its state at start)."""
        fs = None
        if self._boot_fs is not None:
            from .fs import VirtualFS

            fs = VirtualFS(self._state_dir)
            fs.restore(self._boot_fs)
        self.run(self._swap_system(self._new_system(fs)))

    def snapshot(self) -> object:
        """An opaque copy of the device state, for ``restore``."""
        system = self.system
        if hasattr(system, "snapshot"):
            return ("system", system.snapshot())
        with system.lock:
            return ("fs", system.fs.snapshot())

    def restore(self, snap: object) -> None:
        if not (isinstance(snap, tuple) and len(snap) == 2 and snap[0] in ("system", "fs")):
            raise VirtualDeviceError("restore() needs a value returned by snapshot() of a VirtualDevice")
        kind, data = snap
        if kind == "system":
            system = self.system
            with system.lock:
                system.restore(data)  # type: ignore[attr-defined]
            return
        from .fs import VirtualFS

        fs = VirtualFS(self._state_dir)
        fs.restore(data)
        # A System reads its settings and packages from the file system when it is created.
        self.run(self._swap_system(self._new_system(fs)))

    # -- fault injection -----------------------------------------------------------------------------
    def disconnect_all(self) -> int:
        """Drop every adb connection (the host reconnects); returns how many were dropped."""
        return self.run(self._on_loop(lambda: self.daemon.drop_all()))

    def go_offline(self, seconds: float) -> None:
        """Drop every adb connection and refuse new ones for ``seconds``."""
        self.run(self._on_loop(lambda: self.daemon.go_offline(seconds)))

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run ``coro`` on the device loop from another thread and return its result."""
        if not self.running:
            coro.close()
            raise VirtualDeviceError("the virtual device is not started; call start() first")
        return self._call(coro, timeout)

    # -- internals -----------------------------------------------------------------------------------
    def _new_system(self, fs: Any = None) -> "System":
        from .fs import VirtualFS

        if fs is None:
            fs = VirtualFS(self._state_dir)
        if self._system_factory is not None:
            return self._system_factory(fs, state_dir=self._state_dir, serial=self.serial, **self._options)
        from .system.core import System

        return System(fs, state_dir=self._state_dir, serial=self.serial, **self._options)

    def _call(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        loop = self._loop
        if loop is None:
            coro.close()
            raise VirtualDeviceError("the virtual device loop is not running; call start() first")
        if threading.current_thread() is self._thread:
            coro.close()
            raise VirtualDeviceError("VirtualDevice.run() was called on the device's own loop; await the coroutine instead")
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError as exc:
            future.cancel()
            raise DeviceTimeout(f"the virtual device did not finish within {timeout:.0f} s") from exc

    @staticmethod
    async def _on_loop(fn: Any) -> Any:
        return fn()

    @staticmethod
    def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def _shutdown_loop(self) -> None:
        loop, thread = self._loop, self._thread
        self._loop = None
        self._thread = None
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(loop.stop)
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_TIMEOUT)
        self._daemon = None
        self._console = None

    async def _start_async(self, console_sock: Any, adb_sock: Any) -> None:
        self._daemon = AdbDaemon(lambda: self.system, shell_factory=self._shell_factory)
        self._console = EmulatorConsole(
            lambda: self.system,
            avd_name=f"droidpilot_{self.console_port}",
            auth_token_path=self._auth_token_path,
            on_kill=self._kill_from_console,
        )
        await self.system.start_services()
        await self._daemon.start(adb_sock)
        await self._console.start(console_sock)

    async def _stop_async(self) -> None:
        if self._console is not None:
            await self._console.close()
        if self._daemon is not None:
            await self._daemon.close()
        if self._system is not None:
            await self._system.stop_services()

    async def _swap_system(self, system: "System") -> None:
        old = self._system
        if old is not None:
            await old.stop_services()
        self._system = system
        if self._daemon is not None:
            self._daemon.as_root = False
        await system.start_services()

    def _kill_from_console(self) -> None:
        # Called on the loop; stop() joins the loop thread, so it must run elsewhere.
        threading.Thread(target=self.stop, name="virtual-device-kill", daemon=True).start()
