"""A test host: speaks the adb transport to the daemon the way the adb server does.

Deliberately strict: it checks that no device WRTE exceeds the maxdata it offered and records
every packet, so flow-control rules can be asserted.
"""

from __future__ import annotations

import asyncio
import itertools

from droidpilot.emulator.virtual.protocol import (
    A_CLSE,
    A_CNXN,
    A_OKAY,
    A_OPEN,
    A_WRTE,
    HEADER_SIZE,
    VERSION,
    decode_header,
    encode,
)

HOST_BANNER = b"host::features=shell_v2,cmd,stat_v2,ls_v2,fixed_push_mkdir,sendrecv_v2"


class HostStream:
    def __init__(self, host: "TestHost", local_id: int, remote_id: int) -> None:
        self.host = host
        self.local_id = local_id
        self.remote_id = remote_id
        self.data = asyncio.Queue()
        self.closed = asyncio.Event()
        self.okays = asyncio.Queue()
        self.auto_okay = True

    async def write(self, data: bytes) -> None:
        """Send one WRTE and wait for its OKAY (as the host must), or for the device's CLSE."""
        if self.closed.is_set():
            return
        self.host.send(A_WRTE, self.local_id, self.remote_id, data)
        okay = asyncio.ensure_future(self.okays.get())
        closed = asyncio.ensure_future(self.closed.wait())
        done, pending = await asyncio.wait({okay, closed}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        assert done, "no OKAY within 5 s"

    async def read_all(self, timeout: float = 5.0) -> bytes:
        """Everything until the device closes the stream."""
        out = bytearray()

        async def collect() -> None:
            while True:
                if self.closed.is_set() and self.data.empty():
                    return
                get = asyncio.ensure_future(self.data.get())
                closed = asyncio.ensure_future(self.closed.wait())
                done, _ = await asyncio.wait({get, closed}, return_when=asyncio.FIRST_COMPLETED)
                if get in done:
                    out.extend(get.result())
                    closed.cancel()
                else:
                    get.cancel()

        await asyncio.wait_for(collect(), timeout)
        return bytes(out)

    async def read_exactly(self, n: int, timeout: float = 5.0) -> bytes:
        out = bytearray()
        while len(out) < n:
            out += await asyncio.wait_for(self.data.get(), timeout)
        return bytes(out)

    def close(self) -> None:
        self.host.send(A_CLSE, self.local_id, self.remote_id)


class TestHost:
    __test__ = False  # not a pytest class

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, maxdata: int) -> None:
        self.reader = reader
        self.writer = writer
        self.maxdata = maxdata
        self.ids = itertools.count(100)
        self.streams: dict[int, HostStream] = {}
        self.pending: dict[int, asyncio.Future] = {}
        self.auto_okay: dict[int, bool] = {}
        self.packets: list[tuple[int, int, int, int]] = []  # (command, arg0, arg1, len)
        self.banner = b""
        self.device_maxdata = 0
        self.lost = asyncio.Event()
        self._task: asyncio.Task | None = None

    @classmethod
    async def connect(cls, port: int, maxdata: int = 1024 * 1024) -> "TestHost":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        host = cls(reader, writer, maxdata)
        writer.write(encode(A_CNXN, VERSION, maxdata, HOST_BANNER))
        header = await asyncio.wait_for(reader.readexactly(HEADER_SIZE), 5)
        command, arg0, arg1, length = decode_header(header, 1 << 20)
        assert command == A_CNXN
        host.device_maxdata = arg1
        host.banner = await reader.readexactly(length)
        host._task = asyncio.ensure_future(host._pump())
        return host

    def send(self, command: int, arg0: int, arg1: int, data: bytes = b"") -> None:
        self.writer.write(encode(command, arg0, arg1, data))

    async def open(self, service: str, *, auto_okay: bool = True) -> HostStream | None:
        """OPEN a service; None when the device refuses it. ``auto_okay=False``: the test acks WRTEs."""
        local_id = next(self.ids)
        fut = asyncio.get_running_loop().create_future()
        self.pending[local_id] = fut
        self.auto_okay[local_id] = auto_okay
        self.send(A_OPEN, local_id, 0, service.encode() + b"\0")
        return await asyncio.wait_for(fut, 5)

    async def run(self, service: str, stdin: bytes = b"") -> bytes:
        stream = await self.open(service)
        assert stream is not None, f"{service} refused"
        if stdin:
            await stream.write(stdin)
        return await stream.read_all()

    async def close(self) -> None:
        self.writer.close()
        if self._task is not None:
            self._task.cancel()

    async def _pump(self) -> None:
        try:
            while True:
                header = await self.reader.readexactly(HEADER_SIZE)
                command, arg0, arg1, length = decode_header(header, 1 << 20)
                data = await self.reader.readexactly(length) if length else b""
                self.packets.append((command, arg0, arg1, length))
                if command == A_WRTE:
                    assert length <= self.maxdata, f"device WRTE of {length} > host maxdata {self.maxdata}"
                if command == A_OKAY:
                    stream = self.streams.get(arg1)
                    if stream is None and arg1 in self.pending:
                        stream = HostStream(self, arg1, arg0)
                        stream.auto_okay = self.auto_okay.pop(arg1, True)
                        self.streams[arg1] = stream
                        self.pending.pop(arg1).set_result(stream)
                    elif stream is not None:
                        stream.okays.put_nowait(True)
                elif command == A_CLSE:
                    if arg0 == 0 and arg1 in self.pending:
                        self.pending.pop(arg1).set_result(None)
                    elif arg1 in self.streams:
                        self.streams[arg1].closed.set()
                elif command == A_WRTE:
                    stream = self.streams.get(arg1)
                    if stream is not None:
                        stream.data.put_nowait(data)
                        if stream.auto_okay:
                            self.send(A_OKAY, stream.local_id, stream.remote_id)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.lost.set()
            for stream in self.streams.values():
                stream.closed.set()
