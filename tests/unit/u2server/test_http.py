"""HTTP reading over asyncio streams: split and partial requests, limits, routing."""

from __future__ import annotations

import asyncio
import json

import pytest

from droidpilot.emulator.virtual.u2server.http import BadRequest, read_request
from droidpilot.emulator.virtual.u2server.server import U2Server

from .conftest import FakeSystem, SCREEN


def read(*chunks: bytes, eof: bool = True, timeout: float = 5):
    """Run read_request over a reader that already holds ``chunks``."""

    async def go():
        reader = asyncio.StreamReader()
        for chunk in chunks:
            reader.feed_data(chunk)
        if eof:
            reader.feed_eof()
        return await read_request(reader, timeout=timeout)

    return asyncio.run(go())


POST = b'POST /jsonrpc/0 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 13\r\nContent-Type: application/json\r\n\r\n{"method":"x"}'


def test_request_split_in_the_middle_of_everything():
    async def go():
        reader = asyncio.StreamReader()

        async def feed():
            data = POST[:-1]
            for i in range(0, len(data), 7):
                reader.feed_data(data[i:i + 7])
                await asyncio.sleep(0)
            reader.feed_eof()

        feeder = asyncio.create_task(feed())
        req = await read_request(reader, timeout=5)
        await feeder
        return req

    req = asyncio.run(go())
    assert (req.method, req.path, req.headers["content-type"]) == ("POST", "/jsonrpc/0", "application/json")
    assert req.body == b'{"method":"x"'


def test_body_is_exactly_content_length():
    req = read(POST)
    assert len(req.body) == 13


def test_closed_before_anything_is_none():
    assert read() is None


def test_closed_mid_body_is_bad_request():
    with pytest.raises(BadRequest, match="after 5 of 13"):
        read(POST[: POST.index(b"\r\n\r\n") + 4 + 5])


def test_closed_mid_headers_is_bad_request():
    with pytest.raises(BadRequest):
        read(b"GET /ping HTTP/1.1\r\nHost")


def test_garbage_request_line_is_bad_request():
    with pytest.raises(BadRequest):
        read(b"HELLO\r\n\r\n")


def test_chunked_bodies_are_refused():
    raw = b"POST /jsonrpc/0 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    with pytest.raises(BadRequest, match="Content-Length"):
        read(raw)


def test_silent_peer_times_out():
    with pytest.raises(asyncio.TimeoutError):
        read(b"GET /ping", eof=False, timeout=0.05)


async def roundtrip(server: U2Server, raw: bytes, *, pieces: int = 1) -> tuple[int, bytes]:
    srv = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        step = max(1, len(raw) // pieces)
        for i in range(0, len(raw), step):
            writer.write(raw[i:i + step])
            await writer.drain()
            await asyncio.sleep(0.005)
        data = await asyncio.wait_for(reader.read(), 5)
        writer.close()
    finally:
        srv.close()
    while data.startswith(b"HTTP/1.1 1"):  # interim responses come first; clients skip them
        data = data.partition(b"\r\n\r\n")[2]
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
    assert len(body) == length
    return status, body


def test_ping_answers_pong():
    status, body = asyncio.run(roundtrip(U2Server(FakeSystem(SCREEN)), b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert (status, body) == (200, b"pong")


def test_unknown_path_is_404():
    status, body = asyncio.run(roundtrip(U2Server(FakeSystem(SCREEN)), b"GET /nope HTTP/1.1\r\n\r\n"))
    assert (status, body) == (404, b"Not Found!!!")


def test_jsonrpc_over_a_socket_in_pieces():
    payload = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping", "params": {}}).encode()
    raw = b"POST /jsonrpc/0 HTTP/1.1\r\nContent-Length: %d\r\n\r\n%s" % (len(payload), payload)
    status, body = asyncio.run(roundtrip(U2Server(FakeSystem(SCREEN)), raw, pieces=6))
    assert status == 200
    assert json.loads(body) == {"jsonrpc": "2.0", "id": 1, "result": "pong"}


def test_malformed_request_gets_400_not_a_hang():
    status, _ = asyncio.run(roundtrip(U2Server(FakeSystem(SCREEN)), b"NONSENSE\r\n\r\n"))
    assert status == 400


def test_a_body_is_preceded_by_100_continue_and_http_client_accepts_it():
    """http.client (what uiautomator2 uses) skips the interim response and reads the real one."""
    import http.client
    import threading

    async def serve(ready, stop):
        srv = await asyncio.start_server(U2Server(FakeSystem(SCREEN)).handle, "127.0.0.1", 0)
        ready.append(srv.sockets[0].getsockname()[1])
        while not stop.is_set():
            await asyncio.sleep(0.01)
        srv.close()

    ready: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=lambda: asyncio.run(serve(ready, stop)), daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if ready:
                break
            threading.Event().wait(0.01)
        conn = http.client.HTTPConnection("127.0.0.1", ready[0], timeout=5)
        conn.request("POST", "/jsonrpc/0", json.dumps({"jsonrpc": "2.0", "id": 4, "method": "ping", "params": []}))
        response = conn.getresponse()
        assert response.status == 200
        assert json.loads(response.read())["result"] == "pong"
        conn.close()
    finally:
        stop.set()
        thread.join(5)


def test_get_without_body_gets_no_interim_response():
    async def go():
        srv = await asyncio.start_server(U2Server(FakeSystem(SCREEN)).handle, "127.0.0.1", 0)
        reader, writer = await asyncio.open_connection("127.0.0.1", srv.sockets[0].getsockname()[1])
        writer.write(b"GET /ping HTTP/1.1\r\n\r\n")
        data = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        srv.close()
        return data

    assert asyncio.run(go()).startswith(b"HTTP/1.1 200 OK\r\n")
