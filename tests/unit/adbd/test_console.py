"""The emulator console: greeting, authentication and the commands adb emu and scripts use."""

from __future__ import annotations

import asyncio
import socket

from adbd_minidevice import MiniSystem

from droidpilot.emulator.virtual.console import EmulatorConsole, default_token_path


async def _console(tmp_path, token: str | None = None, **kwargs):
    path = tmp_path / "token"
    if token is not None:
        path.write_text(token + "\n")
    system = MiniSystem()
    console = EmulatorConsole(lambda: system, auth_token_path=path, **kwargs)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.setblocking(False)
    await console.start(sock)
    return console, system, sock.getsockname()[1]


async def _read_until_ok(reader) -> str:
    text = ""
    while True:
        line = (await asyncio.wait_for(reader.readline(), 3)).decode()
        text += line
        if not line or line == "OK\r\n" or line.startswith("KO: "):
            return text


async def _talk(port: int, *lines: str) -> list[str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = [await _read_until_ok(reader)]
    for line in lines:
        writer.write(line.encode() + b"\n")
        replies.append(await _read_until_ok(reader))
    writer.close()
    return replies


def test_without_token_the_greeting_invites_help_and_ping_answers(tmp_path):
    async def main():
        console, _system, port = await _console(tmp_path)
        greeting, ping, name = await _talk(port, "ping", "avd name")
        assert greeting == "Android Console: type 'help' for a list of commands\r\nOK\r\n"
        assert ping == "I am alive!\r\nOK\r\n"
        assert name == "droidpilot_virtual\r\nOK\r\n"
        await console.close()

    asyncio.run(main())


def test_with_token_commands_wait_for_auth(tmp_path):
    async def main():
        console, system, port = await _console(tmp_path, token="s3cret")
        greeting, before, bad, good, after = await _talk(
            port, "sms send 555 hi", "auth nope", "auth s3cret", "sms send 555 hello there"
        )
        assert greeting.startswith("Android Console: Authentication required\r\n")
        assert str(tmp_path / "token") in greeting and greeting.endswith("OK\r\n")
        assert before.startswith("KO: unknown command")
        assert bad.startswith("KO: authentication token does not match")
        assert good == "OK\r\n" and after == "OK\r\n"
        assert system.sms == [("555", "hello there")]
        await console.close()

    asyncio.run(main())


def test_geo_fix_and_power_capacity_reach_the_system(tmp_path):
    async def main():
        console, system, port = await _console(tmp_path)
        _g, geo, power, bad_geo, bad_power = await _talk(
            port, "geo fix -122.08 37.42", "power capacity 42", "geo fix east north", "power capacity 140"
        )
        assert geo == "OK\r\n" and power == "OK\r\n"
        assert system.location == (-122.08, 37.42) and system.power.capacity == 42
        assert bad_geo.startswith("KO: argument 'longitude' is not a number")
        assert bad_power.startswith("KO: Usage")
        await console.close()

    asyncio.run(main())


def test_bad_input_gets_ko_and_the_session_goes_on(tmp_path):
    async def main():
        console, _system, port = await _console(tmp_path)
        _g, unknown, bad_sms, status = await _talk(port, "frobnicate", "sms send abc hi", "avd status")
        assert unknown == "KO: unknown command, try 'help'\r\n"
        assert bad_sms.startswith("KO: bad phone number format")
        assert status == "virtual device is running\r\nOK\r\n"
        await console.close()

    asyncio.run(main())


def test_help_lists_the_commands(tmp_path):
    async def main():
        console, _system, port = await _console(tmp_path)
        _g, text = await _talk(port, "help")
        for word in ("ping", "kill", "sms", "geo", "power", "avd", "quit"):
            assert word in text
        await console.close()

    asyncio.run(main())


def test_kill_answers_then_calls_the_kill_hook(tmp_path):
    killed = []

    async def main():
        console, _system, port = await _console(tmp_path, on_kill=lambda: killed.append(True))
        _g, reply = await _talk(port, "kill")
        assert reply == "OK: killing emulator, bye bye\r\nOK\r\n"
        await asyncio.sleep(0.05)
        await console.close()

    asyncio.run(main())
    assert killed == [True]


def test_quit_closes_the_session(tmp_path):
    async def main():
        console, _system, port = await _console(tmp_path)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await _read_until_ok(reader)
        writer.write(b"quit\n")
        assert await asyncio.wait_for(reader.read(), 3) == b""
        await console.close()

    asyncio.run(main())


def test_default_token_path_honours_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_token_path() == tmp_path / ".emulator_console_auth_token"


def test_an_endless_line_drops_only_that_session(tmp_path):
    async def main():
        console, _system, port = await _console(tmp_path)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await _read_until_ok(reader)
        writer.write(b"x" * 200_000)
        assert await asyncio.wait_for(reader.read(), 3) == b""
        writer.close()
        _g, ping = await _talk(port, "ping")
        assert ping == "I am alive!\r\nOK\r\n"
        await console.close()

    asyncio.run(main())
