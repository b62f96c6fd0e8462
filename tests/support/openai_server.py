"""A real local HTTP server that speaks the OpenAI chat-completions protocol and plays a script.

Tests of the model client, the planner, the agent loop and the CLI point droidpilot at it with a
base URL, exactly as a user points it at DeepSeek or vLLM; nothing is mocked inside the process.
It answers both plain JSON and SSE streaming (``"stream": true``), in the shapes the real
endpoints use, and can misbehave the ways they do: DeepSeek ``reasoning_content``, ``<think>``
in content with or without the opening tag, blank content with ``finish_reason=stop``, 429 with
``Retry-After``, 5xx, a reset connection, and keep-alive lines trickled past any deadline.

Usage::

    from tests.support.openai_server import ScriptedOpenAIServer, chat, think, rate_limited

    with ScriptedOpenAIServer([rate_limited(1), think("hmm", '{"kind": "tap", "index": 2}')]) as server:
        model = OpenAIChatModel(ModelConfig(name="r1", base_url=server.base_url, provider="vllm"))
        ...
        assert "reasoning_content" not in server.requests[-1].messages[-1]

Each entry of the script answers one request, in order; an entry may also be a function
``(RecordedRequest) -> Reply`` that decides from the request. When the script runs out the
server answers HTTP 410 "script exhausted" (so a test that calls too often fails loudly), unless
``repeat_last=True``. Every request is recorded in ``server.requests`` before it is answered.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union

__all__ = [
    "RecordedRequest",
    "Reply",
    "ScriptedOpenAIServer",
    "blank",
    "chat",
    "connection_reset",
    "deepseek",
    "http_error",
    "rate_limited",
    "raw_body",
    "server_error",
    "think",
    "trickle",
]


@dataclass(frozen=True)
class Reply:
    """One scripted answer. Build it with the helpers below rather than by hand."""

    kind: str = "chat"  # chat | status | reset | trickle | raw
    content: str = ""
    reasoning: str | None = None
    reasoning_field: str = "reasoning_content"
    finish_reason: str = "stop"
    usage: dict[str, Any] | None = None
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""
    trickle_s: float = 0.0
    interval_s: float = 0.05
    then: Reply | None = None
    delay_s: float = 0.0
    model: str | None = None


ScriptEntry = Union[Reply, Callable[["RecordedRequest"], Reply]]


def chat(
    content: str,
    *,
    reasoning: str | None = None,
    reasoning_field: str = "reasoning_content",
    finish_reason: str = "stop",
    usage: dict[str, Any] | None = None,
    delay_s: float = 0.0,
    model: str | None = None,
) -> Reply:
    """A normal completion; ``reasoning`` goes in ``reasoning_field`` (DeepSeek/vLLM style)."""
    return Reply(
        content=content,
        reasoning=reasoning,
        reasoning_field=reasoning_field,
        finish_reason=finish_reason,
        usage=usage,
        delay_s=delay_s,
        model=model,
    )


def deepseek(reasoning: str, content: str, **kwargs: Any) -> Reply:
    """DeepSeek's reasoner: the thinking in ``reasoning_content``, the answer in ``content``."""
    return chat(content, reasoning=reasoning, **kwargs)


def think(reasoning: str, answer: str, *, opening_tag: bool = True, **kwargs: Any) -> Reply:
    """Self-hosted R1 without a reasoning parser: ``<think>…</think>`` inside ``content``.

    ``opening_tag=False`` drops ``<think>`` (the chat template emitted it), as R1 distills do.
    """
    prefix = "<think>\n" if opening_tag else ""
    return chat(f"{prefix}{reasoning}\n</think>\n\n{answer}", **kwargs)


def blank(finish_reason: str = "stop") -> Reply:
    """Empty content with a normal finish, as JSON mode sometimes returns."""
    return chat("", finish_reason=finish_reason)


def http_error(status: int, message: str = "scripted error", headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps({"error": {"message": message, "type": "scripted", "code": status}})
    return Reply(kind="status", status=status, body=body, headers=tuple((headers or {}).items()))


def rate_limited(retry_after: float | str = 1, message: str = "rate limit reached") -> Reply:
    """HTTP 429 with a ``Retry-After`` header (seconds, or an HTTP date as a string)."""
    value = retry_after if isinstance(retry_after, str) else f"{retry_after:g}"
    return http_error(429, message, {"Retry-After": value})


def server_error(status: int = 500, message: str = "internal error") -> Reply:
    return http_error(status, message)


def connection_reset() -> Reply:
    """Read the request, then reset the TCP connection without answering."""
    return Reply(kind="reset")


def trickle(seconds: float, *, interval_s: float = 0.05, then: Reply | None = None) -> Reply:
    """Send 200 and headers, then only keep-alive lines for ``seconds``; then ``then`` (or close).

    Streaming requests get SSE comments (``: keep-alive``), plain ones get blank lines: what
    DeepSeek sends while a request waits in its queue.
    """
    return Reply(kind="trickle", trickle_s=seconds, interval_s=interval_s, then=then)


def raw_body(body: str, *, status: int = 200, content_type: str = "application/json") -> Reply:
    """Any bytes as the body, e.g. truncated JSON or an HTML error page."""
    return Reply(kind="raw", body=body, status=status, headers=(("Content-Type", content_type),))


@dataclass
class RecordedRequest:
    """A request the server received, decoded."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any = None
    received_at: float = field(default_factory=time.monotonic)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.json or {}).get("messages") or []) if isinstance(self.json, dict) else []

    @property
    def stream(self) -> bool:
        return bool(isinstance(self.json, dict) and self.json.get("stream"))


def _usage_for(request: RecordedRequest, reply: Reply) -> dict[str, Any]:
    if reply.usage is not None:
        return reply.usage
    prompt_chars = sum(len(str(m.get("content") or "")) for m in request.messages)
    reasoning_tokens = len(reply.reasoning or "") // 4
    completion = len(reply.content) // 4 + reasoning_tokens
    return {
        "prompt_tokens": prompt_chars // 4,
        "completion_tokens": completion,
        "total_tokens": prompt_chars // 4 + completion,
        "completion_tokens_details": {"reasoning_tokens": reasoning_tokens},
    }


def _pieces(text: str, count: int = 3) -> list[str]:
    if not text:
        return []
    size = max(1, -(-len(text) // count))
    return [text[i : i + size] for i in range(0, len(text), size)]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence the default stderr access log."""

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass  # the socket was reset on purpose or the client went away

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        if self.path.rstrip("/").endswith("/models"):
            owner = self.server.owner
            self._send_json(200, {"object": "list", "data": [{"id": owner.model, "object": "model"}]})
        else:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            decoded = json.loads(body) if body else None
        except json.JSONDecodeError:
            decoded = None
        request = RecordedRequest(
            method="POST", path=self.path, headers={k.lower(): v for k, v in self.headers.items()}, body=body, json=decoded
        )
        if not self.path.rstrip("/").endswith("/chat/completions"):
            with owner._lock:
                owner.requests.append(request)
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        reply = owner._next_reply(request)
        if reply is None:
            self._send_json(410, {"error": {"message": "script exhausted: the test called the model more often than scripted"}})
            return
        if reply.delay_s:
            owner._stopping.wait(reply.delay_s)
        self._play(request, reply)

    def _play(self, request: RecordedRequest, reply: Reply) -> None:
        if reply.kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if reply.kind == "status":
            self._send_bytes(reply.status, reply.body.encode(), "application/json", reply.headers)
            return
        if reply.kind == "raw":
            headers = dict(reply.headers)
            content_type = headers.pop("Content-Type", "application/json")
            self._send_bytes(reply.status, reply.body.encode(), content_type, tuple(headers.items()))
            return
        if reply.kind == "trickle":
            self._trickle(request, reply)
            return
        if request.stream:
            self._start_stream()
            self._stream_chat(request, reply)
        else:
            self._send_json(200, self._completion(request, reply))

    # -- bodies -------------------------------------------------------------------------------

    def _completion(self, request: RecordedRequest, reply: Reply) -> dict[str, Any]:
        owner = self.server.owner
        message: dict[str, Any] = {"role": "assistant", "content": reply.content}
        if reply.reasoning is not None:
            message[reply.reasoning_field] = reply.reasoning
        return {
            "id": f"chatcmpl-scripted-{owner.served}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": reply.model or owner.model,
            "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
            "usage": _usage_for(request, reply),
        }

    def _chunk(self, delta: dict[str, Any], finish: str | None = None, usage: dict[str, Any] | None = None) -> bytes:
        owner = self.server.owner
        data: dict[str, Any] = {
            "id": f"chatcmpl-scripted-{owner.served}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": owner.model,
            "choices": [] if usage is not None else [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        if usage is not None:
            data["usage"] = usage
        return b"data: " + json.dumps(data).encode() + b"\n\n"

    def _stream_chat(self, request: RecordedRequest, reply: Reply) -> None:
        out = [self._chunk({"role": "assistant", "content": ""})]
        for piece in _pieces(reply.reasoning or ""):
            out.append(self._chunk({reply.reasoning_field: piece}))
        for piece in _pieces(reply.content):
            out.append(self._chunk({"content": piece}))
        out.append(self._chunk({}, finish=reply.finish_reason))
        options = (request.json or {}).get("stream_options") or {}
        if options.get("include_usage"):
            out.append(self._chunk({}, usage=_usage_for(request, reply)))
        out.append(b"data: [DONE]\n\n")
        for part in out:
            self.wfile.write(part)
        self.wfile.flush()

    def _trickle(self, request: RecordedRequest, reply: Reply) -> None:
        owner = self.server.owner
        streaming = request.stream
        if streaming:
            self._start_stream()
        else:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
        keepalive = b": keep-alive\n\n" if streaming else b"\n"
        until = time.monotonic() + reply.trickle_s
        try:
            while time.monotonic() < until and not owner._stopping.is_set():
                self.wfile.write(keepalive)
                self.wfile.flush()
                owner._stopping.wait(reply.interval_s)
            if reply.then is not None and not owner._stopping.is_set():
                if streaming:
                    self._stream_chat(request, reply.then)
                else:
                    self.wfile.write(json.dumps(self._completion(request, reply.then)).encode())
                    self.wfile.flush()
        except OSError:
            owner.client_disconnects += 1  # the client gave up: what a deadline should do
        self.close_connection = True

    # -- transport ------------------------------------------------------------------------------

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _send_json(self, status: int, data: Any) -> None:
        self._send_bytes(status, json.dumps(data).encode(), "application/json", ())

    def _send_bytes(self, status: int, body: bytes, content_type: str, headers: Sequence[tuple[str, str]]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: ScriptedOpenAIServer


class ScriptedOpenAIServer:
    """The scripted chat-completions server. Loopback only, ephemeral port, one daemon thread."""

    def __init__(self, replies: Iterable[ScriptEntry] = (), *, model: str = "scripted-model", repeat_last: bool = False) -> None:
        self.model = model
        self.repeat_last = repeat_last
        self.requests: list[RecordedRequest] = []
        self.served = 0
        self.client_disconnects = 0
        self._script: list[ScriptEntry] = list(replies)
        self._last: ScriptEntry | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- script -----------------------------------------------------------------------------------

    def add(self, *replies: ScriptEntry) -> ScriptedOpenAIServer:
        """Append replies to the script (also while running)."""
        with self._lock:
            self._script.extend(replies)
        return self

    @property
    def remaining(self) -> int:
        with self._lock:
            return len(self._script)

    def _next_reply(self, request: RecordedRequest) -> Reply | None:
        with self._lock:
            self.requests.append(request)
            if self._script:
                entry = self._script.pop(0)
                self._last = entry
            elif self.repeat_last and self._last is not None:
                entry = self._last
            else:
                return None
            self.served += 1
        return entry(request) if callable(entry) else entry

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> ScriptedOpenAIServer:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not started: call start() or use it as a context manager")
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """What to give droidpilot as the base URL (``.../v1``)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        """Stop serving; trickling handlers notice within one interval and close."""
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> ScriptedOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
