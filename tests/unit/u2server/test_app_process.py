"""``app_process``: starting and stopping the server the way the uiautomator2 client does."""

from __future__ import annotations

import asyncio

from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell.io import Ctx
from droidpilot.emulator.virtual.shell.registry import lookup
from droidpilot.emulator.virtual.system.services import Network
from droidpilot.emulator.virtual.u2server import app_process as app_process_module

from .conftest import SCREEN, FakeSystem

JAR = "/data/local/tmp/u2.jar"
LAUNCH = ["app_process", "/", "com.wetest.uia2.Main", "-p", "9008"]


def make_system(with_jar: bool = True) -> FakeSystem:
    system = FakeSystem(SCREEN)
    system.fs = VirtualFS()
    system.net = Network(system)
    if with_jar:
        system.fs.write(JAR, b"PK\x03\x04" + b"\0" * 64)
    return system


class Run:
    """One command invocation with collected output."""

    def __init__(self, system, argv, env=None) -> None:
        self.out = bytearray()
        self.err = bytearray()
        self.closed = asyncio.Event()

        async def no_stdin() -> bytes:
            return b""

        self.ctx = Ctx(
            argv=argv, out=self.out.extend, err=self.err.extend, stdin=no_stdin,
            env={"CLASSPATH": JAR} if env is None else env, cwd="/", uid=2000, system=system,
            shell=None, closed=self.closed, state=None,
        )

    async def start(self):
        return asyncio.create_task(app_process_module.app_process(self.ctx))


async def ping(system, port=9008) -> bytes:
    host, hport = system.net.lookup(port)
    reader, writer = await asyncio.open_connection(host, hport)
    writer.write(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    return data.partition(b"\r\n\r\n")[2]


async def until(predicate, timeout=2.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


def test_registered_as_a_shell_command():
    spec = lookup("app_process")
    assert spec is not None and spec.is_async
    assert lookup("/system/bin/app_process").func is app_process_module.app_process


def test_server_runs_until_the_launch_stream_closes():
    system = make_system()

    async def go():
        run = Run(system, LAUNCH)
        task = await run.start()
        await until(lambda: system.net.lookup(9008) is not None)
        assert await ping(system) == b"pong"
        assert not task.done()
        run.closed.set()
        code = await asyncio.wait_for(task, 5)
        return run, code

    run, code = asyncio.run(go())
    assert code == 0
    assert system.net.lookup(9008) is None
    out = run.out.decode()
    assert "[server] INFO: [UiAutomator2Server] Starting Server" in out
    assert "http server listening on *:9008" in out
    assert "already registered" not in out


def test_other_port():
    system = make_system()

    async def go():
        run = Run(system, ["app_process", "/", "com.wetest.uia2.Main", "--port", "9100"])
        task = await run.start()
        await until(lambda: system.net.lookup(9100) is not None)
        body = await ping(system, 9100)
        run.closed.set()
        await asyncio.wait_for(task, 5)
        return body

    assert asyncio.run(go()) == b"pong"


def test_a_newer_server_survives_the_older_one_stopping():
    system = make_system()

    async def go():
        first = Run(system, LAUNCH)
        t1 = await first.start()
        await until(lambda: system.net.lookup(9008) is not None)
        old = system.net.lookup(9008)
        second = Run(system, LAUNCH)
        t2 = await second.start()
        await until(lambda: system.net.lookup(9008) not in (None, old))
        first.closed.set()
        await asyncio.wait_for(t1, 5)
        alive = await ping(system)
        second.closed.set()
        await asyncio.wait_for(t2, 5)
        return alive

    assert asyncio.run(go()) == b"pong"
    assert system.net.lookup(9008) is None


def test_without_the_jar_the_class_is_not_found():
    system = make_system(with_jar=False)

    async def go():
        run = Run(system, LAUNCH)
        return run, await asyncio.wait_for(await run.start(), 5)

    run, code = asyncio.run(go())
    assert code == 1
    assert run.err.decode() == "Error: Could not find or load main class com.wetest.uia2.Main\n"
    assert system.net.lookup(9008) is None


def test_without_classpath_the_class_is_not_found():
    system = make_system()

    async def go():
        run = Run(system, LAUNCH, env={})
        return run, await asyncio.wait_for(await run.start(), 5)

    run, code = asyncio.run(go())
    assert code == 1 and "Could not find or load main class" in run.err.decode()


def test_a_file_that_is_not_a_jar_does_not_load():
    system = make_system(with_jar=False)
    system.fs.write(JAR, b"not a zip")

    async def go():
        run = Run(system, LAUNCH)
        return await asyncio.wait_for(await run.start(), 5)

    assert asyncio.run(go()) == 1


def test_invalid_port_and_help():
    system = make_system()

    async def go(argv):
        run = Run(system, argv)
        return run, await asyncio.wait_for(await run.start(), 5)

    run, code = asyncio.run(go(["app_process", "/", "com.wetest.uia2.Main", "-p", "99999"]))
    assert code == 1 and "Invalid port: 99999" in run.err.decode()
    run, code = asyncio.run(go(["app_process", "/", "com.wetest.uia2.Main", "-h"]))
    assert code == 0 and "Port to listen on (1-65535, default: 9008)" in run.out.decode()
    run, code = asyncio.run(go(["app_process"]))
    assert code == 1 and "no class name" in run.err.decode()


def test_listen_failure_is_reported_not_raised():
    system = make_system()

    class BrokenNet:
        async def listen(self, port, handler):
            raise OSError(98, "Address already in use")

        def lookup(self, port):
            return None

    system.net = BrokenNet()

    async def go():
        run = Run(system, LAUNCH)
        return run, await asyncio.wait_for(await run.start(), 5)

    run, code = asyncio.run(go())
    assert code == 1
    assert "cannot listen on port 9008" in run.err.decode()
