"""A minimal HTTP/1.1 server over asyncio streams: one request per connection.

The uiautomator2 client opens a new adb ``tcp:9008`` stream per call and closes it after the
reply, so keep-alive would buy nothing. Requests are read with a deadline and size limits (the
stream comes from adb and may arrive in arbitrary pieces); bodies need ``Content-Length``, which
``http.client`` always sends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import formatdate

from droidpilot.errors import VirtualDeviceError

__all__ = [
    "HttpRequest",
    "HttpResponse",
    "BadRequest",
    "read_request",
    "serialize_response",
    "serve_connection",
    "REASONS",
]

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 32 * 1024 * 1024
READ_TIMEOUT_S = 30.0
WRITE_TIMEOUT_S = 30.0

REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           413: "Payload Too Large", 500: "Internal Server Error"}


class BadRequest(VirtualDeviceError):
    """The bytes on the stream are not an HTTP/1.x request this server can read."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class HttpRequest:
    method: str
    path: str
    version: str
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""


@dataclass
class HttpResponse:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"


async def read_request(
    reader: asyncio.StreamReader,
    *,
    timeout: float = READ_TIMEOUT_S,
    before_body: Callable[[], Awaitable[None]] | None = None,
) -> HttpRequest | None:
    """Read one request; None if the peer closed before sending anything.

    ``before_body`` runs once the headers announce a body, before the body is read.
    Raises ``BadRequest`` for malformed input and ``asyncio.TimeoutError`` past the deadline.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    except asyncio.IncompleteReadError as exc:
        if not exc.partial.strip():
            return None
        raise BadRequest("connection closed in the middle of the request headers") from exc
    except asyncio.LimitOverrunError as exc:
        raise BadRequest("request headers too large", 413) from exc
    if len(head) > MAX_HEADER_BYTES:
        raise BadRequest("request headers too large", 413)
    lines = head[:-4].decode("latin-1").split("\r\n")
    parts = lines[0].split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest(f"malformed request line {lines[0]!r}")
    method, path, version = parts
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise BadRequest(f"malformed header line {line!r}")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raise BadRequest("chunked request bodies are not supported; send Content-Length")
    length_text = headers.get("content-length", "0")
    if not length_text.isdigit():
        raise BadRequest(f"invalid Content-Length {length_text!r}")
    length = int(length_text)
    if length > MAX_BODY_BYTES:
        raise BadRequest(f"request body of {length} bytes is over the {MAX_BODY_BYTES}-byte limit", 413)
    body = b""
    if length:
        if before_body is not None:
            await before_body()
        remaining = max(0.0, deadline - loop.time())
        try:
            body = await asyncio.wait_for(reader.readexactly(length), remaining)
        except asyncio.IncompleteReadError as exc:
            raise BadRequest(f"connection closed after {len(exc.partial)} of {length} body bytes") from exc
    return HttpRequest(method.upper(), path, version, headers, body)


def serialize_response(response: HttpResponse) -> bytes:
    reason = REASONS.get(response.status, "Unknown")
    head = (
        f"HTTP/1.1 {response.status} {reason}\r\n"
        f"Content-Type: {response.content_type}\r\n"
        f"Date: {formatdate(usegmt=True)}\r\n"
        f"Content-Length: {len(response.body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + response.body


Router = Callable[[HttpRequest], Awaitable[HttpResponse]]


CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


async def serve_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, router: Router) -> None:
    """Serve one request on the connection, then close it. Never raises to the listener.

    A request body is answered first with an interim ``100 Continue``. ``http.client`` sends the
    headers and the body in two writes; on the client's adb socket Nagle holds the body back
    until the headers are acknowledged, and the adb server delays that ACK by ~40 ms because
    it has nothing to send. The interim response gives it something to send, which carries the
    ACK. HTTP/1.1 clients must accept 1xx responses they did not ask for (RFC 9110 15.2).
    """

    async def send_continue() -> None:
        writer.write(CONTINUE)
        await asyncio.wait_for(writer.drain(), WRITE_TIMEOUT_S)

    try:
        try:
            request = await read_request(reader, before_body=send_continue)
        except BadRequest as exc:
            response = HttpResponse(exc.status, f"{exc}\n".encode())
        except asyncio.TimeoutError:
            return
        else:
            if request is None:
                return
            response = await router(request)
        writer.write(serialize_response(response))
        await asyncio.wait_for(writer.drain(), WRITE_TIMEOUT_S)
    except (ConnectionError, asyncio.TimeoutError):
        pass
    finally:
        writer.close()
        try:
            await asyncio.wait_for(writer.wait_closed(), 2.0)
        except (ConnectionError, asyncio.TimeoutError):
            pass
