"""``sync:``: file transfer (adb push/pull/ls, adbutils ``sync``), parsed as a byte stream.

Requests are not aligned to WRTE packets (``adb push`` packs SEND + DATA + DONE into one WRTE, and
a large push arrives in WRTEs of any size), so ``SyncParser`` is a sans-IO state machine fed with
whatever bytes arrived. Replies go out in one ``write`` each because adbutils reads a STAT reply
with a single ``recv``.

A push is buffered and written to the file system only at DONE, so a client that vanishes
mid-push leaves neither a truncated target nor a temporary file behind.
"""

from __future__ import annotations

import errno
import logging
import posixpath
import stat as statmod
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..adbd import StreamClosed
from ..fs import FSError

if TYPE_CHECKING:  # pragma: no cover
    from ..adbd import AdbDaemon, AdbStream, Handler
    from ..fs import FileStat

__all__ = [
    "SyncParser",
    "SyncRequest",
    "SyncData",
    "SyncDone",
    "SyncProtocolError",
    "sync_service",
    "stat_v1",
    "stat_v2",
    "MAX_PATH",
    "MAX_DATA",
]

log = logging.getLogger(__name__)

MAX_PATH = 1024
MAX_DATA = 64 * 1024
REQUEST_IDS = frozenset({"STAT", "STA2", "LST2", "LIST", "LIS2", "SEND", "SND2", "RECV", "RCV2", "QUIT"})
# Bytes that follow the path of a v2 request: SND2 (id, mode, flags) and RCV2 (id, flags).
_TRAILER = {"SND2": 12, "RCV2": 8}
_U32x2 = struct.Struct("<4sI")
_STAT_V1 = struct.Struct("<4sIII")
_STAT_V2_BODY = struct.Struct("<IQQIIIIQqqq")  # error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime
_DENT_V1 = struct.Struct("<4sIIII")
SND2_DRY_RUN = 0x80000000
_COMPRESSION_FLAGS = 0x7


@dataclass(frozen=True)
class SyncRequest:
    command: str
    path: str
    mode: int = 0
    flags: int = 0


@dataclass(frozen=True)
class SyncData:
    data: bytes


@dataclass(frozen=True)
class SyncDone:
    mtime: int


SyncEvent = Union[SyncRequest, SyncData, SyncDone]


class SyncProtocolError(Exception):
    """The client broke the sync protocol; ``str(exc)`` is the FAIL message adbd sends."""


class SyncParser:
    """Turns arbitrarily split sync bytes into requests, DATA chunks and DONE markers."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._pos = 0
        self._in_send = False

    @property
    def in_send(self) -> bool:
        """True between a SEND/SND2 request and its DONE."""
        return self._in_send

    def feed(self, data: bytes) -> list[SyncEvent]:
        self._buf += data
        events: list[SyncEvent] = []
        while True:
            event = self._next()
            if event is None:
                break
            events.append(event)
        if self._pos:
            del self._buf[: self._pos]
            self._pos = 0
        return events

    def _next(self) -> SyncEvent | None:
        buf, pos = self._buf, self._pos
        if len(buf) - pos < 8:
            return None
        raw_id, length = _U32x2.unpack_from(buf, pos)
        ident = raw_id.decode("latin-1")
        if self._in_send:
            if ident == "DONE":
                self._pos = pos + 8
                self._in_send = False
                return SyncDone(length)
            if ident != "DATA":
                raise SyncProtocolError("invalid data message")
            if length > MAX_DATA:
                raise SyncProtocolError("oversize data message")
            if len(buf) - pos < 8 + length:
                return None
            self._pos = pos + 8 + length
            return SyncData(bytes(buf[pos + 8 : pos + 8 + length]))
        if ident not in REQUEST_IDS:
            raise SyncProtocolError("unknown command %08x" % int.from_bytes(raw_id, "little"))
        if length > MAX_PATH:
            raise SyncProtocolError("path too long")
        trailer = _TRAILER.get(ident, 0)
        end = pos + 8 + length + trailer
        if len(buf) < end:
            return None
        path = bytes(buf[pos + 8 : pos + 8 + length]).decode("utf-8", errors="surrogateescape")
        mode = flags = 0
        if ident == "SND2":
            tag, mode, flags = struct.unpack_from("<4sII", buf, pos + 8 + length)
            if tag != b"SND2":
                raise SyncProtocolError("SND2 request without its SND2 trailer")
        elif ident == "RCV2":
            tag, flags = _U32x2.unpack_from(buf, pos + 8 + length)
            if tag != b"RCV2":
                raise SyncProtocolError("RCV2 request without its RCV2 trailer")
        self._pos = end
        if ident in ("SEND", "SND2"):
            self._in_send = True
        return SyncRequest(ident, path, mode, flags)


# -- reply encoding ----------------------------------------------------------------------------------
def stat_v1(st: "FileStat | None", ident: bytes = b"STAT") -> bytes:
    if st is None:
        return _STAT_V1.pack(ident, 0, 0, 0)
    return _STAT_V1.pack(ident, st.mode & 0xFFFFFFFF, st.size & 0xFFFFFFFF, int(st.mtime) & 0xFFFFFFFF)


def _stat_v2_body(st: "FileStat | None", error: int = errno.ENOENT) -> bytes:
    if st is None:
        return _STAT_V2_BODY.pack(error, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    return _STAT_V2_BODY.pack(
        0, st.dev, st.ino, st.mode, st.nlink, st.uid, st.gid, st.size, int(st.atime), int(st.mtime), int(st.ctime)
    )


def stat_v2(st: "FileStat | None", ident: bytes) -> bytes:
    return ident + _stat_v2_body(st)


def _fail(message: str) -> bytes:
    raw = message.encode("utf-8")
    return b"FAIL" + struct.pack("<I", len(raw)) + raw


def _okay() -> bytes:
    return b"OKAY" + struct.pack("<I", 0)


def _norm(path: str) -> str:
    norm = posixpath.normpath("/" + path.lstrip("/")) if path else "/"
    return "/" + norm.lstrip("/")


# -- the service -------------------------------------------------------------------------------------
class _SyncSession:
    def __init__(self, daemon: "AdbDaemon", stream: "AdbStream") -> None:
        self.daemon = daemon
        self.stream = stream
        self.fs = daemon.system.fs
        self.parser = SyncParser()
        self._push: SyncRequest | None = None
        self._chunks: list[bytes] = []

    async def run(self) -> None:
        while True:
            data = await self.stream.read()
            if not data:
                if self._push is not None:
                    log.info("adbd: push to %s abandoned by the client; target left untouched", self._push.path)
                return
            try:
                events = self.parser.feed(data)
            except SyncProtocolError as exc:
                await self.stream.write(_fail(str(exc)))
                return
            for event in events:
                if not await self._handle(event):
                    return

    async def _handle(self, event: SyncEvent) -> bool:
        """Serve one event; False ends the service (QUIT, or after a FAIL as adbd does)."""
        if isinstance(event, SyncData):
            self._chunks.append(event.data)
            return True
        if isinstance(event, SyncDone):
            return await self._finish_push(event.mtime)
        cmd, path = event.command, _norm(event.path) if event.command not in ("SEND",) else event.path
        if cmd == "QUIT":
            return False
        if cmd == "STAT":
            await self.stream.write(stat_v1(self.fs.stat(path, follow=False)))
        elif cmd in ("STA2", "LST2"):
            await self.stream.write(stat_v2(self.fs.stat(path, follow=cmd == "STA2"), cmd.encode()))
        elif cmd == "LIST":
            await self.stream.write(self._list_v1(path))
        elif cmd == "LIS2":
            await self.stream.write(self._list_v2(path))
        elif cmd in ("SEND", "SND2"):
            return await self._start_push(event)
        elif cmd in ("RECV", "RCV2"):
            return await self._recv(path, event.flags)
        return True

    def _entries(self, path: str) -> list[tuple[str, "FileStat | None"]]:
        st = self.fs.stat(path)
        if st is None or not statmod.S_ISDIR(st.mode):
            return []
        try:
            names = self.fs.listdir(path)
        except FSError:
            return []
        parent = self.fs.stat(posixpath.dirname(path) or "/")
        entries: list[tuple[str, "FileStat | None"]] = [(".", st), ("..", parent)]
        entries += [(name, self.fs.stat(posixpath.join(path, name), follow=False)) for name in names]
        return entries

    def _list_v1(self, path: str) -> bytes:
        out = bytearray()
        for name, st in self._entries(path):
            if st is None:
                continue
            raw = name.encode("utf-8", errors="surrogateescape")
            out += _DENT_V1.pack(b"DENT", st.mode, st.size & 0xFFFFFFFF, int(st.mtime) & 0xFFFFFFFF, len(raw)) + raw
        out += b"DONE" + bytes(16)
        return bytes(out)

    def _list_v2(self, path: str) -> bytes:
        out = bytearray()
        for name, st in self._entries(path):
            raw = name.encode("utf-8", errors="surrogateescape")
            out += b"DNT2" + _stat_v2_body(st) + struct.pack("<I", len(raw)) + raw
        out += b"DONE" + bytes(72)
        return bytes(out)

    async def _start_push(self, request: SyncRequest) -> bool:
        if request.command == "SEND":
            target, comma, mode_text = request.path.rpartition(",")
            if not comma:
                await self.stream.write(_fail("missing , in ID_SEND"))
                return False
            try:
                mode = int(mode_text)
            except ValueError:
                await self.stream.write(_fail(f"bad mode in ID_SEND: {mode_text}"))
                return False
            request = SyncRequest("SEND", _norm(target), mode, 0)
        elif request.flags & _COMPRESSION_FLAGS:
            await self.stream.write(_fail("compressed transfers are not supported by this device"))
            return False
        self._push = request
        self._chunks = []
        return True

    async def _finish_push(self, mtime: int) -> bool:
        request, self._push = self._push, None
        data, self._chunks = b"".join(self._chunks), []
        if request is None:
            return True
        if request.flags & SND2_DRY_RUN:
            await self.stream.write(_okay())
            return True
        uid = self.daemon.uid
        try:
            parent = posixpath.dirname(request.path) or "/"
            if not self.fs.is_dir(parent):
                self.fs.mkdir(parent, parents=True, mode=0o40771, uid=uid, gid=uid)
            if statmod.S_ISLNK(request.mode):
                if self.fs.stat(request.path, follow=False) is not None:
                    self.fs.remove(request.path)
                self.fs.symlink(data.decode("utf-8", errors="surrogateescape"), request.path, uid=uid, gid=uid)
            else:
                perm = statmod.S_IMODE(request.mode) or 0o644
                self.fs.write(request.path, data, mode=statmod.S_IFREG | perm, mtime=mtime or None, uid=uid, gid=uid)
        except FSError as exc:
            await self.stream.write(_fail(f"couldn't create file: {exc.message}"))
            return False
        await self.stream.write(_okay())
        return True

    async def _recv(self, path: str, flags: int) -> bool:
        if flags & _COMPRESSION_FLAGS:
            await self.stream.write(_fail("compressed transfers are not supported by this device"))
            return False
        try:
            data = self.fs.read(path)
        except FSError as exc:
            verb = "read failed" if exc.errno == errno.EISDIR else "open failed"
            await self.stream.write(_fail(f"{verb}: {exc.message}"))
            return False
        out = bytearray()
        view = memoryview(data)
        for offset in range(0, len(view), MAX_DATA):
            chunk = view[offset : offset + MAX_DATA]
            out += b"DATA" + struct.pack("<I", len(chunk)) + chunk
        out += b"DONE" + struct.pack("<I", 0)
        await self.stream.write(bytes(out))
        return True


def sync_service(daemon: "AdbDaemon") -> "Handler":
    async def run(stream: "AdbStream") -> None:
        try:
            await _SyncSession(daemon, stream).run()
        except StreamClosed:
            log.debug("adbd: sync stream closed by the client")

    return run
