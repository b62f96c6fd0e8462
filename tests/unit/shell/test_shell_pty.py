"""The interactive (pty) session: prompt, echo, CR/LF handling, editing keys, exit codes."""

from __future__ import annotations

import asyncio

from droidpilot.emulator.virtual.shell import Shell


class ScriptedTerminal:
    """A pty ShellIO that types the given chunks one read at a time, then reports EOF."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = list(chunks)
        self.out = bytearray()
        self.closed = asyncio.Event()

    async def read(self, n: int = -1) -> bytes:
        await asyncio.sleep(0)
        return self.chunks.pop(0) if self.chunks else b""

    def write_out(self, data: bytes) -> None:
        self.out += data

    def write_err(self, data: bytes) -> None:
        self.out += data

    async def drain(self) -> None:
        return None


def session(system, chunks: list[bytes], uid: int = 2000) -> tuple[int, str]:
    term = ScriptedTerminal(chunks)
    code = asyncio.run(asyncio.wait_for(Shell(system).interactive(term, uid=uid), 10))
    return code, term.out.decode()


def test_prompt_echo_and_output_use_crlf(system):
    code, transcript = session(system, [b"echo hi\r", b"exit\r"])
    assert code == 0
    assert transcript == "emu64xa:/ $ echo hi\r\nhi\r\nemu64xa:/ $ exit\r\n"


def test_root_prompt_and_cwd_in_prompt(system):
    code, transcript = session(system, [b"cd /sdcard\n", b"exit 3\n"], uid=0)
    assert code == 3
    assert transcript == "emu64xa:/ # cd /sdcard\r\nemu64xa:/sdcard # exit 3\r\n"


def test_crlf_line_endings_run_each_line_once(system):
    _, transcript = session(system, [b"echo a\r\necho b\r\n"])
    assert transcript.count("a\r\n") == 2  # the echo of the typed line and the output
    assert transcript.count("emu64xa:/ $ ") == 3


def test_ctrl_d_on_empty_line_ends_with_last_status(system):
    code, transcript = session(system, [b"false\r", b"\x04"])
    assert code == 1
    assert transcript.endswith("emu64xa:/ $ ")


def test_eof_ends_the_session(system):
    code, _ = session(system, [b"true\r"])
    assert code == 0


def test_backspace_ctrl_c_and_arrow_keys(system):
    _, transcript = session(system, [b"echo abx\x7fc\r", b"echo no\x03", b"\x1b[Aecho yes\r", b"exit\r"])
    assert "abc\r\n" in transcript
    assert "\b \b" in transcript
    assert "^C\r\n" in transcript
    assert "no\r\n" not in transcript.replace("echo no^C", "")
    assert "yes\r\n" in transcript


def test_errors_and_exit_status_in_session(system):
    code, transcript = session(system, [b"nosuch\r", b"echo $?\r", b"exit\r"])
    assert "/system/bin/sh: nosuch: not found\r\n" in transcript
    assert "127\r\n" in transcript
    assert code == 0


def test_each_interactive_line_is_logged(system):
    session(system, [b"echo a\r", b"id\r", b"exit\r"])
    assert system.log == [("echo a", 2000), ("id", 2000), ("exit", 2000)]


def test_ctrl_c_stops_a_running_command(system):
    code, transcript = session(system, [b"sleep 30\r", b"\x03", b"echo status=$?\r", b"exit\r"])
    assert "^C\r\n" in transcript
    assert "status=130\r\n" in transcript
    assert code == 0


def test_keys_typed_while_a_command_runs_are_kept(system):
    _, transcript = session(system, [b"sleep 0.05\r", b"echo typed-ahead\r", b"exit\r"])
    assert "typed-ahead\r\n" in transcript
