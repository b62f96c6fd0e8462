"""Fixtures for the adbd unit tests: a daemon on a loopback port over the mini OS and shell."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from adbd_host import TestHost  # noqa: E402
from adbd_minidevice import MiniShell, MiniSystem  # noqa: E402

from droidpilot.emulator.virtual.adbd import AdbDaemon  # noqa: E402


class DaemonHarness:
    def __init__(self, system: MiniSystem, daemon: AdbDaemon, port: int) -> None:
        self.system = system
        self.daemon = daemon
        self.port = port
        self.hosts: list[TestHost] = []

    async def host(self, maxdata: int = 1024 * 1024) -> TestHost:
        host = await TestHost.connect(self.port, maxdata)
        self.hosts.append(host)
        return host

    async def raw(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection("127.0.0.1", self.port)


def _listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.setblocking(False)
    return sock


async def start_harness(*, rooted: bool = False, handshake_timeout: float = 5.0) -> DaemonHarness:
    system = MiniSystem(rooted=rooted)
    await system.start_services()
    daemon = AdbDaemon(lambda: system, shell_factory=MiniShell, handshake_timeout=handshake_timeout)
    sock = _listening_socket()
    port = sock.getsockname()[1]
    await daemon.start(sock)
    return DaemonHarness(system, daemon, port)


async def stop_harness(harness: DaemonHarness) -> None:
    for host in harness.hosts:
        await host.close()
    await harness.daemon.close()
    await harness.system.stop_services()


@pytest.fixture
def run_with_daemon():
    """Run ``async def body(harness)`` against a fresh daemon, with a per-test deadline."""

    def runner(body, *, rooted: bool = False, handshake_timeout: float = 5.0, timeout: float = 15.0):
        async def main():
            harness = await start_harness(rooted=rooted, handshake_timeout=handshake_timeout)
            try:
                return await asyncio.wait_for(body(harness), timeout)
            finally:
                await stop_harness(harness)

        return asyncio.run(main())

    return runner
