"""shell (v1, v2, pty, exec), tcp pipes and the small services, over the real daemon."""

from __future__ import annotations

import asyncio
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from droidpilot.emulator.virtual.protocol import A_CLSE
from droidpilot.emulator.virtual.services.misc import framebuffer_header
from droidpilot.emulator.virtual.services.shell import (
    ShellPacketParser,
    encode_shell_packet,
    parse_shell_service,
)


def v2_packets(raw: bytes) -> list[tuple[int, bytes]]:
    return ShellPacketParser().feed(raw)


# -- shell v2 wire -----------------------------------------------------------------------------------
def test_service_name_splits_into_args_and_command():
    assert parse_shell_service("shell,v2,TERM=xterm,raw:echo a:b") == (["v2", "TERM=xterm", "raw"], "echo a:b")
    assert parse_shell_service("shell:") == ([], "")


@given(st.lists(st.tuples(st.integers(0, 5), st.binary(max_size=40)), max_size=8), st.randoms())
@settings(max_examples=60, deadline=None)
def test_v2_packets_reassemble_whatever_the_split(packets, rnd):
    raw = b"".join(encode_shell_packet(i, p) for i, p in packets)
    cuts = sorted(rnd.sample(range(len(raw) + 1), k=min(len(raw) + 1, rnd.randint(0, 6))))
    parser, got, last = ShellPacketParser(), [], 0
    for cut in cuts + [len(raw)]:
        got += parser.feed(raw[last:cut])
        last = cut
    assert got == packets


def test_v2_reports_stdout_stderr_and_exit_code_then_closes(run_with_daemon):
    async def body(h):
        host = await h.host()
        raw = await host.run("shell,v2,raw:echo out; err bad; exit 3")
        assert v2_packets(raw) == [(1, b"out\n"), (2, b"bad\n"), (3, b"\x03")]

    run_with_daemon(body)


def test_v2_exit_code_is_truncated_to_a_byte(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert v2_packets(await host.run("shell,v2:exit 300"))[-1] == (3, bytes([300 & 0xFF]))

    run_with_daemon(body)


def test_v2_stdin_split_across_wrtes_and_close_stdin(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("shell,v2,raw:cat")
        wire = encode_shell_packet(5, b"24x80,0x0") + encode_shell_packet(0, b"hello ") + encode_shell_packet(0, b"world")
        wire += encode_shell_packet(4)
        for i in range(0, len(wire), 7):  # packets straddle WRTE boundaries
            await stream.write(wire[i : i + 7])
        raw = await stream.read_all()
        packets = v2_packets(raw)
        assert b"".join(p for i, p in packets if i == 1) == b"hello world"
        assert packets[-1] == (3, b"\x00")

    run_with_daemon(body)


def test_v1_command_sees_no_stdin(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("shell:cat; echo done") == b"done\n"

    run_with_daemon(body)


def test_exec_is_raw_in_both_directions(run_with_daemon):
    async def body(h):
        host = await h.host()
        payload = bytes(range(256)) * 8
        stream = await host.open("exec:cat")
        await stream.write(payload)
        assert await stream.read_exactly(len(payload)) == payload
        stream.close()

    run_with_daemon(body)


def test_v2_pty_session_is_interactive_with_terminal_newlines(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("shell,v2,TERM=xterm,pty:")
        await stream.write(encode_shell_packet(0, b"echo hi\r"))
        await stream.write(encode_shell_packet(0, b"exit\r"))
        packets = v2_packets(await stream.read_all())
        out = b"".join(p for i, p in packets if i == 1)
        assert out == b"$ hi\r\n$ "
        assert packets[-1] == (3, b"\x00")

    run_with_daemon(body)


def test_raw_session_without_command_runs_stdin_as_a_script(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("shell,v2,raw:")
        await stream.write(encode_shell_packet(0, b"echo a; echo b; exit 5") + encode_shell_packet(4))
        assert v2_packets(await stream.read_all()) == [(1, b"a\n"), (1, b"b\n"), (3, b"\x05")]

    run_with_daemon(body)


def test_v1_without_command_is_an_interactive_pty(run_with_daemon):
    async def body(h):
        host = await h.host()
        stream = await host.open("shell:")
        await stream.write(b"echo a\n")
        await stream.write(b"exit\n")
        assert await stream.read_all() == b"$ a\r\n$ "

    run_with_daemon(body)


def test_shell_runs_as_the_shell_user_by_default(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("shell:id") == b"uid=2000\n"

    run_with_daemon(body)


def test_an_interpreter_crash_ends_only_that_command_with_status_255(run_with_daemon):
    async def body(h):
        host = await h.host()
        packets = v2_packets(await host.run("shell,v2:boom"))
        assert packets[0][0] == 2 and b"internal error: interpreter bug" in packets[0][1]
        assert packets[-1] == (3, b"\xff")
        assert await host.run("shell:echo next") == b"next\n"

    run_with_daemon(body)


def test_a_dropped_connection_leaves_no_shell_tasks_behind(run_with_daemon):
    async def body(h):
        baseline = len(asyncio.all_tasks())
        host = await h.host()
        await host.open("shell,v2:echo started; sleep 30")
        await host.open("shell:echo started; sleep 30")
        await host.open("exec:cat")
        await host.close()
        h.hosts.remove(host)
        for _ in range(100):
            if len(asyncio.all_tasks()) <= baseline:
                break
            await asyncio.sleep(0.02)
        assert len(asyncio.all_tasks()) <= baseline

    run_with_daemon(body)


# -- root, reboot and friends -----------------------------------------------------------------------
def test_root_is_refused_on_a_production_build(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("root:") == b"adbd cannot run as root in production builds\n"
        assert await host.run("shell:id") == b"uid=2000\n"

    run_with_daemon(body)


def test_root_restarts_adbd_and_later_shells_run_as_uid_0(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("root:") == b"restarting adbd as root\n"
        await asyncio.wait_for(host.lost.wait(), 3)
        again = await h.host()
        assert await again.run("shell:id") == b"uid=0\n"
        assert await again.run("root:") == b"adbd is already running as root\n"
        assert await again.run("unroot:") == b"restarting adbd as non root\n"
        await asyncio.wait_for(again.lost.wait(), 3)
        third = await h.host()
        assert await third.run("shell:id") == b"uid=2000\n"

    run_with_daemon(body, rooted=True)


def test_nothing_new_starts_while_adbd_restarts(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("root:") == b"restarting adbd as root\n"
        assert await host.open("shell:echo too late") is None
        await asyncio.wait_for(host.lost.wait(), 3)
        again = await h.host()
        assert await again.run("shell:echo served") == b"served\n"

    run_with_daemon(body, rooted=True)


def test_reboot_restarts_the_system_and_drops_connections(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("reboot:") == b""
        await asyncio.wait_for(host.lost.wait(), 3)
        assert h.system.reboots == 1

    run_with_daemon(body)


def test_text_services_answer_like_adbd(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.run("remount:") == b'Not running as root. Try "adb root" first.\n'
        assert await host.run("tcpip:5555") == b"restarting in TCP mode port: 5555\n"
        assert await host.run("unroot:") == b"adbd not running as root\n"

    run_with_daemon(body)


def test_framebuffer_header_is_version_2_rgba():
    header = framebuffer_header(2, 3)
    assert len(header) == 56
    assert header[:24] == (2).to_bytes(4, "little") + (32).to_bytes(4, "little") + bytes(4) + (24).to_bytes(
        4, "little"
    ) + (2).to_bytes(4, "little") + (3).to_bytes(4, "little")


# -- tcp ---------------------------------------------------------------------------------------------
def test_tcp_to_a_port_with_no_listener_is_refused(run_with_daemon):
    async def body(h):
        host = await h.host()
        assert await host.open("tcp:9008") is None
        assert await host.open("tcp:notaport") is None
        assert await host.open("localabstract:nothing") is None
        assert sum(1 for p in host.packets if p[0] == A_CLSE and p[1] == 0) == 3

    run_with_daemon(body)


def test_tcp_pipes_bytes_both_ways_with_flow_control(run_with_daemon):
    async def body(h):
        host = await h.host(maxdata=4096)
        stream = await host.open("tcp:7777")
        payload = random.Random(1).randbytes(200_000)
        for i in range(0, len(payload), 4096):
            await stream.write(payload[i : i + 4096])
        assert await stream.read_exactly(len(payload), timeout=10) == payload
        stream.close()

    run_with_daemon(body)


def test_listener_closing_closes_the_stream(run_with_daemon):
    async def body(h):
        async def once(reader, writer):
            writer.write(b"pong")
            await writer.drain()
            writer.close()

        await h.system.net.listen(9008, once)
        host = await h.host()
        assert await host.run("tcp:9008") == b"pong"

    run_with_daemon(body)
