"""A small but real OS and shell for transport tests, independent of the full System.

The adbd only needs a few things from the OS (``fs``, ``props``, ``net``, ``lock``, ``rooted``,
``reboot``, ``sms_receive``, ``geo_fix``, ``power``) and from the interpreter (``run`` and
``interactive`` over a ShellIO). These classes provide exactly that, so the wire tests exercise
the daemon without depending on the whole Android model.
"""

from __future__ import annotations

import asyncio
import shlex
import threading

from droidpilot.emulator.virtual.fs import VirtualFS


class MiniNet:
    def __init__(self) -> None:
        self._servers: dict[int, asyncio.AbstractServer] = {}
        self._addresses: dict[int, tuple[str, int]] = {}

    async def listen(self, port: int, handler) -> tuple[str, int]:
        server = await asyncio.start_server(handler, host="127.0.0.1", port=0)
        self._servers[port] = server
        self._addresses[port] = server.sockets[0].getsockname()[:2]
        return self._addresses[port]

    def lookup(self, port: int):
        return self._addresses.get(port)

    async def close_all(self) -> None:
        for server in self._servers.values():
            server.close()
        self._servers.clear()
        self._addresses.clear()


class MiniPower:
    def __init__(self) -> None:
        self.capacity = 100

    def set_capacity(self, level: int) -> None:
        self.capacity = level


class MiniSystem:
    def __init__(self, fs: VirtualFS | None = None, *, rooted: bool = False, **_options) -> None:
        self.fs = fs if fs is not None else VirtualFS()
        self.lock = threading.RLock()
        self.rooted = rooted
        self.props = {
            "ro.product.name": "sdk_gphone64_x86_64",
            "ro.product.model": "droidpilot_virtual",
            "ro.product.device": "emu64x",
        }
        self.net = MiniNet()
        self.power = MiniPower()
        self.reboots = 0
        self.sms: list[tuple[str, str]] = []
        self.location: tuple[float, float] | None = None

    def reboot(self) -> None:
        self.reboots += 1

    def sms_receive(self, number: str, text: str) -> None:
        self.sms.append((number, text))

    def geo_fix(self, lon: float, lat: float) -> None:
        self.location = (lon, lat)

    async def start_services(self) -> None:
        async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
            writer.close()

        await self.net.listen(7777, echo)

    async def stop_services(self) -> None:
        await self.net.close_all()


class MiniShell:
    """``;``-separated commands: echo, true, false, exit N, cat, id, err TEXT, yes N, sleep S, boom, $?."""

    def __init__(self, system: MiniSystem) -> None:
        self.system = system
        self.scripts: list[tuple[str, int]] = []

    async def run(self, script: str, io, *, uid: int = 2000, env=None) -> int:
        self.scripts.append((script, uid))
        code = 0
        for part in script.split(";"):
            argv = shlex.split(part.replace("$?", str(code)))
            if not argv:
                continue
            name, args = argv[0], argv[1:]
            if name == "echo":
                io.write_out((" ".join(args) + "\n").encode())
                code = 0
            elif name == "true":
                code = 0
            elif name == "false":
                code = 1
            elif name == "exit":
                return int(args[0]) if args else code
            elif name == "id":
                io.write_out(f"uid={uid}\n".encode())
            elif name == "err":
                io.write_err((" ".join(args) + "\n").encode())
                code = 1
            elif name == "cat":
                while chunk := await io.read():
                    io.write_out(chunk)
                    await io.drain()
                code = 0
            elif name == "yes":
                io.write_out(b"y" * int(args[0]))
                await io.drain()
            elif name == "boom":
                raise RuntimeError("interpreter bug")
            elif name == "sleep":
                try:
                    await asyncio.wait_for(io.closed.wait(), float(args[0]))
                except asyncio.TimeoutError:
                    pass
            else:
                io.write_err(f"/system/bin/sh: {name}: not found\n".encode())
                code = 127
        return code

    async def interactive(self, io, *, uid: int) -> None:
        io.write_out(b"$ ")
        line = b""
        while chunk := await io.read():
            line += chunk
            while b"\n" in line:
                cmd, line = line.split(b"\n", 1)
                if cmd.strip() == b"exit":
                    return
                await self.run(cmd.decode(), io, uid=uid)
                io.write_out(b"$ ")
