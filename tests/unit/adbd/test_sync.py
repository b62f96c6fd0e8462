"""The sync service: the byte-stream parser and every request against the virtual file system."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import random
import stat
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from droidpilot.emulator.virtual.services.sync import (
    SyncData,
    SyncDone,
    SyncParser,
    SyncProtocolError,
    SyncRequest,
)


def req(ident: bytes, path: bytes = b"") -> bytes:
    return ident + struct.pack("<I", len(path)) + path


def data(chunk: bytes) -> bytes:
    return b"DATA" + struct.pack("<I", len(chunk)) + chunk


def done(mtime: int = 0) -> bytes:
    return b"DONE" + struct.pack("<I", mtime)


def push_wire(path: str, payload: bytes, mode: int = 0o100644, chunk: int = 65536, mtime: int = 1_700_000_000) -> bytes:
    wire = req(b"SEND", f"{path},{mode}".encode())
    for i in range(0, len(payload), chunk):
        wire += data(payload[i : i + chunk])
    return wire + done(mtime)


# -- parser --------------------------------------------------------------------------------------------
def _parse_in_pieces(wire: bytes, cuts: list[int]) -> list:
    parser, events, last = SyncParser(), [], 0
    for cut in sorted(cuts) + [len(wire)]:
        events += parser.feed(wire[last:cut])
        last = cut
    return events


def _merge_data(events: list) -> list:
    merged: list = []
    for event in events:
        if isinstance(event, SyncData) and merged and isinstance(merged[-1], SyncData):
            merged[-1] = SyncData(merged[-1].data + event.data)
        else:
            merged.append(event)
    return merged


@given(st.binary(max_size=3000), st.lists(st.integers(0, 4000), max_size=12), st.integers(1, 700))
@settings(max_examples=80, deadline=None)
def test_parser_gives_the_same_events_however_the_stream_is_split(payload, cuts, chunk):
    wire = req(b"STA2", b"/sdcard/a") + push_wire("/sdcard/a", payload, chunk=chunk) + req(b"RCV2", b"/x") + b"RCV2" + bytes(4)
    wire += req(b"QUIT")
    cuts = [c % (len(wire) + 1) for c in cuts]
    whole = SyncParser().feed(wire)
    assert _merge_data(_parse_in_pieces(wire, cuts)) == _merge_data(whole)
    assert whole[0] == SyncRequest("STA2", "/sdcard/a")
    assert whole[1] == SyncRequest("SEND", "/sdcard/a,33188")
    assert b"".join(e.data for e in whole if isinstance(e, SyncData)) == payload
    assert SyncDone(1_700_000_000) in whole
    assert whole[-2:] == [SyncRequest("RCV2", "/x", 0, 0), SyncRequest("QUIT", "")]


def test_parser_reads_the_snd2_trailer():
    wire = req(b"SND2", b"/data/local/tmp/f") + b"SND2" + struct.pack("<II", 0o100644, 0x80000000)
    assert SyncParser().feed(wire) == [SyncRequest("SND2", "/data/local/tmp/f", 0o100644, 0x80000000)]


@pytest.mark.parametrize(
    "wire, message",
    [
        (req(b"ZZZZ", b"/x"), "unknown command 5a5a5a5a"),
        (req(b"STAT", b"/" * 1025), "path too long"),
        (req(b"SEND", b"/x,420") + b"DATA" + struct.pack("<I", 65537), "oversize data message"),
        (req(b"SEND", b"/x,420") + req(b"STAT", b"/x"), "invalid data message"),
        (req(b"SND2", b"/x") + b"XXXX" + bytes(8), "trailer"),
    ],
)
def test_parser_rejects_protocol_violations(wire, message):
    with pytest.raises(SyncProtocolError, match=message):
        SyncParser().feed(wire)


# -- service -------------------------------------------------------------------------------------------
async def sync_call(host, wire: bytes) -> bytes:
    stream = await host.open("sync:")
    assert stream is not None
    for i in range(0, len(wire), 200_000):
        await stream.write(wire[i : i + 200_000])
    await stream.write(req(b"QUIT"))
    return await stream.read_all(timeout=10)


def test_push_then_pull_roundtrips_binary_data_with_mode_and_mtime(run_with_daemon):
    payload = random.Random(7).randbytes(300_000)

    async def body(h):
        host = await h.host()
        assert await sync_call(host, push_wire("/data/local/tmp/new/dir/blob.bin", payload, 0o100755)) == b"OKAY" + bytes(4)
        st_ = h.system.fs.stat("/data/local/tmp/new/dir/blob.bin")
        assert (stat.S_IMODE(st_.mode), st_.size, int(st_.mtime), st_.uid) == (0o755, len(payload), 1_700_000_000, 2000)
        raw = await sync_call(host, req(b"RECV", b"/data/local/tmp/new/dir/blob.bin"))
        got, pos = bytearray(), 0
        while raw[pos : pos + 4] == b"DATA":
            (n,) = struct.unpack_from("<I", raw, pos + 4)
            assert n <= 65536
            got += raw[pos + 8 : pos + 8 + n]
            pos += 8 + n
        assert raw[pos:] == b"DONE" + bytes(4)
        assert hashlib.md5(got).digest() == hashlib.md5(payload).digest()

    run_with_daemon(body)


def test_stat_v1_of_file_and_missing_path(run_with_daemon):
    async def body(h):
        h.system.fs.write("/data/local/tmp/s.txt", b"12345", mtime=1_600_000_000)
        host = await h.host()
        reply = await sync_call(host, req(b"STAT", b"/data/local/tmp/s.txt"))
        assert reply == b"STAT" + struct.pack("<III", 0o100644, 5, 1_600_000_000)
        assert await sync_call(host, req(b"STAT", b"/nope")) == b"STAT" + bytes(12)

    run_with_daemon(body)


def test_stat_v2_reports_errno_for_missing_and_full_fields_for_files(run_with_daemon):
    async def body(h):
        h.system.fs.write("/sdcard/Download/f", b"abc", mtime=1_650_000_000)
        host = await h.host()
        missing = await sync_call(host, req(b"STA2", b"/sdcard/none"))
        assert len(missing) == 72 and missing[:4] == b"STA2"
        assert struct.unpack_from("<I", missing, 4)[0] == errno.ENOENT
        found = await sync_call(host, req(b"LST2", b"/sdcard/Download/f"))
        fields = struct.unpack("<4sIQQIIIIQqqq", found)
        assert fields[0] == b"LST2" and fields[1] == 0
        assert fields[4] == 0o100644 and fields[8] == 3 and fields[10] == 1_650_000_000

    run_with_daemon(body)


def _dents_v1(raw: bytes) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    while raw[pos : pos + 4] == b"DENT":
        mode, size, _mtime, n = struct.unpack_from("<IIII", raw, pos + 4)
        out.append((raw[pos + 20 : pos + 20 + n].decode(), mode, size))
        pos += 20 + n
    assert raw[pos:] == b"DONE" + bytes(16)
    return out


def test_list_includes_dot_entries_and_files(run_with_daemon):
    async def body(h):
        h.system.fs.mkdir("/data/local/tmp/l", parents=True)
        h.system.fs.write("/data/local/tmp/l/b", b"xy")
        h.system.fs.mkdir("/data/local/tmp/l/a")
        host = await h.host()
        entries = _dents_v1(await sync_call(host, req(b"LIST", b"/data/local/tmp/l")))
        assert [e[0] for e in entries] == [".", "..", "a", "b"]
        assert stat.S_ISDIR(entries[2][1]) and entries[3][2] == 2
        assert _dents_v1(await sync_call(host, req(b"LIST", b"/does/not/exist"))) == []

    run_with_daemon(body)


def test_list_v2_entries_carry_the_stat_body(run_with_daemon):
    async def body(h):
        h.system.fs.mkdir("/data/local/tmp/m", parents=True)
        h.system.fs.write("/data/local/tmp/m/file", b"hello")
        host = await h.host()
        raw = await sync_call(host, req(b"LIS2", b"/data/local/tmp/m"))
        names, pos = [], 0
        while raw[pos : pos + 4] == b"DNT2":
            body_ = struct.unpack_from("<IQQIIIIQqqqI", raw, pos + 4)
            n = body_[-1]
            names.append((raw[pos + 76 : pos + 76 + n].decode(), body_[7]))
            pos += 76 + n
        assert raw[pos:] == b"DONE" + bytes(72)
        assert names[:2] == [(".", names[0][1]), ("..", names[1][1])]
        assert ("file", 5) in names

    run_with_daemon(body)


def test_recv_of_missing_file_fails_like_adbd(run_with_daemon):
    async def body(h):
        host = await h.host()
        message = b"open failed: No such file or directory"
        assert await sync_call(host, req(b"RECV", b"/sdcard/missing")) == b"FAIL" + struct.pack("<I", len(message)) + message

    run_with_daemon(body)


def test_push_onto_a_directory_fails_and_leaves_it(run_with_daemon):
    async def body(h):
        host = await h.host()
        reply = await sync_call(host, push_wire("/sdcard/Download", b"x"))
        assert reply.startswith(b"FAIL") and b"couldn't create file: Is a directory" in reply
        assert h.system.fs.is_dir("/sdcard/Download")

    run_with_daemon(body)


def test_snd2_dry_run_writes_nothing(run_with_daemon):
    async def body(h):
        host = await h.host()
        wire = req(b"SND2", b"/data/local/tmp/dry") + b"SND2" + struct.pack("<II", 0o100644, 0x80000000)
        wire += data(b"abc") + done()
        assert await sync_call(host, wire) == b"OKAY" + bytes(4)
        assert not h.system.fs.exists("/data/local/tmp/dry")

    run_with_daemon(body)


def test_push_of_a_symlink_creates_a_link(run_with_daemon):
    async def body(h):
        h.system.fs.write("/data/local/tmp/target", b"t")
        host = await h.host()
        assert await sync_call(host, push_wire("/data/local/tmp/link", b"/data/local/tmp/target", 0o120777)) == b"OKAY" + bytes(4)
        assert h.system.fs.readlink("/data/local/tmp/link") == "/data/local/tmp/target"

    run_with_daemon(body)


def test_unknown_sync_command_fails_and_ends_the_service(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("sync:")
        await stream.write(req(b"ABCD", b"/x"))
        message = b"unknown command 44434241"
        assert await stream.read_all() == b"FAIL" + struct.pack("<I", len(message)) + message

    run_with_daemon(body)


def test_disconnect_mid_push_leaves_old_target_and_earlier_files_intact(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await sync_call(host, push_wire("/data/local/tmp/keep.txt", b"first version")) == b"OKAY" + bytes(4)
        stream = await host.open("sync:")
        wire = push_wire("/data/local/tmp/keep.txt", b"z" * 200_000)
        await stream.write(wire[:150_000])  # no DONE yet
        partial = await host.open("sync:")
        await partial.write(push_wire("/data/local/tmp/half.bin", b"q" * 100_000)[:60_000])
        await host.close()
        other = await h.host()
        assert await other.run("shell:echo ok") == b"ok\n"
        await asyncio.sleep(0.05)
        assert h.system.fs.read("/data/local/tmp/keep.txt") == b"first version"
        assert not h.system.fs.exists("/data/local/tmp/half.bin")

    run_with_daemon(body)


def test_stream_closed_mid_push_by_the_host_writes_nothing(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("sync:")
        await stream.write(push_wire("/data/local/tmp/killed.bin", b"k" * 100_000)[:70_000])
        stream.close()  # e.g. `adb push` interrupted: the server closes the stream, not the transport
        await asyncio.sleep(0.1)
        assert not h.system.fs.exists("/data/local/tmp/killed.bin")
        assert await sync_call(host, req(b"STAT", b"/data/local/tmp/killed.bin")) == b"STAT" + bytes(12)

    run_with_daemon(body)
