"""The adbd connection and stream state machines, driven by a strict test host over loopback."""

from __future__ import annotations

import asyncio
import struct

from adbd_host import TestHost

from droidpilot.emulator.virtual.protocol import (
    A_CLSE,
    A_CNXN,
    A_OKAY,
    A_OPEN,
    A_WRTE,
    MAX_PAYLOAD,
    VERSION,
    encode,
    parse_banner,
)


def test_cnxn_is_answered_at_once_with_version_maxdata_and_banner(run_with_daemon):
    async def body(h):
        host = await h.host()
        state, props = parse_banner(host.banner)
        assert state == "device"
        assert props["ro.product.model"] == "droidpilot_virtual"
        assert "shell_v2" in props["features"].split(",")
        assert host.device_maxdata == MAX_PAYLOAD

    run_with_daemon(body)


def test_a_silent_peer_is_dropped_after_the_handshake_timeout(run_with_daemon):
    async def body(h):
        reader, writer = await h.raw()
        assert await asyncio.wait_for(reader.read(), 3) == b""
        writer.close()

    run_with_daemon(body, handshake_timeout=0.2)


def test_unknown_service_is_refused_with_clse_zero(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.open("nosuchservice:") is None
        assert any(p[0] == A_CLSE and p[1] == 0 for p in host.packets)

    run_with_daemon(body)


def test_shell_v1_returns_merged_output_and_closes(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("shell:echo hi; err oops") == b"hi\noops\n"

    run_with_daemon(body)


def test_every_device_wrte_fits_the_hosts_smaller_maxdata(run_with_daemon):
    async def body(h):
        host = await h.host(maxdata=4096)
        out = await host.run("shell:yes 100000")
        assert out == b"y" * 100000
        sizes = [p[3] for p in host.packets if p[0] == A_WRTE]
        assert max(sizes) <= 4096 and len(sizes) >= 25

    run_with_daemon(body)


def test_device_waits_for_okay_before_its_next_wrte(run_with_daemon):
    async def body(h):
        host = await h.host(maxdata=4096)
        stream = await host.open("shell:yes 20000", auto_okay=False)
        first = await asyncio.wait_for(stream.data.get(), 5)
        assert len(first) == 4096
        await asyncio.sleep(0.2)
        assert stream.data.empty(), "a second WRTE arrived before the first was acknowledged"
        total = len(first)
        while total < 20000:
            host.send(A_OKAY, stream.local_id, stream.remote_id)
            total += len(await asyncio.wait_for(stream.data.get(), 5))
            await asyncio.sleep(0.01)
            assert stream.data.empty()
        assert total == 20000

    run_with_daemon(body)


def test_each_host_wrte_gets_exactly_one_okay(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("exec:cat")
        for chunk in (b"one ", b"two ", b"three"):
            await stream.write(chunk)
        assert stream.okays.empty()
        okays = [p for p in host.packets if p[0] == A_OKAY and p[1] == stream.remote_id]
        assert len(okays) == 1 + 3  # the OPEN's OKAY, then one per WRTE
        assert await stream.read_exactly(len(b"one two three")) == b"one two three"
        stream.close()

    run_with_daemon(body)


def test_many_streams_on_many_connections_run_concurrently(run_with_daemon):
    async def body(h):
        hosts = [await h.host() for _ in range(3)]
        jobs = [host.run(f"shell:sleep 0.2; echo {i}-{j}") for i, host in enumerate(hosts) for j in range(5)]
        loop = asyncio.get_running_loop()
        start = loop.time()
        results = await asyncio.gather(*jobs)
        assert sorted(results) == sorted(f"{i}-{j}\n".encode() for i in range(3) for j in range(5))
        assert loop.time() - start < 2.0  # 15 sleeps of 0.2 s overlapped

    run_with_daemon(body)


def test_host_close_ends_a_running_command(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("shell:sleep 30")
        stream.close()
        for _ in range(100):
            if h.daemon.connections and all(c.stream_count == 0 for c in h.daemon._connections):
                break
            await asyncio.sleep(0.02)
        assert all(c.stream_count == 0 for c in h.daemon._connections)
        assert await host.run("shell:echo still") == b"still\n"

    run_with_daemon(body)


def test_packets_for_unknown_stream_ids_are_ignored(run_with_daemon):
    async def body(h):
        host = await h.host()
        host.send(A_WRTE, 5, 999, b"lost")
        host.send(A_OKAY, 5, 999)
        host.send(A_CLSE, 5, 999)
        assert await host.run("shell:echo alive") == b"alive\n"

    run_with_daemon(body)


async def _assert_dropped_and_others_fine(h, bad: bytes) -> None:
    good = await h.host()
    victim = await h.host()
    victim.writer.write(bad)
    await asyncio.wait_for(victim.lost.wait(), 3)
    assert await good.run("shell:echo fine") == b"fine\n"
    fresh = await h.host()
    assert await fresh.run("shell:echo new") == b"new\n"


def test_garbage_drops_only_that_connection(run_with_daemon):
    run_with_daemon(lambda h: _assert_dropped_and_others_fine(h, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"))


def test_bad_magic_drops_only_that_connection(run_with_daemon):
    bad = bytearray(encode(A_OPEN, 1, 0, b"shell:echo\0"))
    bad[20:24] = b"\0\0\0\0"
    run_with_daemon(lambda h: _assert_dropped_and_others_fine(h, bytes(bad)))


def test_oversized_packet_drops_only_that_connection(run_with_daemon):
    header = struct.pack("<6I", A_WRTE, 1, 1, MAX_PAYLOAD + 1, 0, A_WRTE ^ 0xFFFFFFFF)
    run_with_daemon(lambda h: _assert_dropped_and_others_fine(h, header))


def test_old_version_host_receives_checksums(run_with_daemon):
    async def body(h):
        reader, writer = await h.raw()
        writer.write(encode(A_CNXN, 0x01000000, 4096, b"host::\0", with_checksum=True))
        header = await asyncio.wait_for(reader.readexactly(24), 3)
        command, version, maxdata, length, check, _ = struct.unpack("<6I", header)
        banner = await reader.readexactly(length)
        assert (command, version, maxdata) == (A_CNXN, VERSION, MAX_PAYLOAD)
        assert check == sum(banner) & 0xFFFFFFFF
        writer.close()

    run_with_daemon(body)


def test_a_second_cnxn_resets_the_transport(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("shell:sleep 30")
        host.send(A_CNXN, VERSION, 1 << 20, b"host::\0")
        for _ in range(100):
            if sum(1 for p in host.packets if p[0] == A_CNXN) >= 1 and all(
                c.stream_count == 0 for c in h.daemon._connections
            ):
                break
            await asyncio.sleep(0.02)
        assert all(c.stream_count == 0 for c in h.daemon._connections)
        assert stream.remote_id  # the old stream is simply forgotten
        assert await host.run("shell:echo again") == b"again\n"

    run_with_daemon(body)


def test_go_offline_refuses_connections_for_a_while(run_with_daemon):
    async def body(h):
        host = await h.host()
        h.daemon.go_offline(0.3)
        await asyncio.wait_for(host.lost.wait(), 3)
        reader, writer = await h.raw()
        assert await asyncio.wait_for(reader.read(), 3) == b""
        writer.close()
        await asyncio.sleep(0.35)
        again = await h.host()
        assert await again.run("shell:echo back") == b"back\n"

    run_with_daemon(body)


def test_drop_all_counts_dropped_connections(run_with_daemon):
    async def body(h):
        a, b = await h.host(), await h.host()
        assert h.daemon.drop_all() == 2
        await asyncio.wait_for(a.lost.wait(), 3)
        await asyncio.wait_for(b.lost.wait(), 3)

    run_with_daemon(body)


def test_host_helper_is_not_collected():
    assert TestHost.__test__ is False
