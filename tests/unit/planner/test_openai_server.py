"""The scripted server itself: what other tests rely on it for."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.support.openai_server import ScriptedOpenAIServer, chat, rate_limited


def post(server: ScriptedOpenAIServer, body: dict) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        server.base_url + "/chat/completions", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_replies_play_in_order_and_requests_are_recorded():
    with ScriptedOpenAIServer([chat("one"), chat("two", reasoning="why")]) as server:
        first = json.loads(post(server, {"messages": [{"role": "user", "content": "a"}]})[2])
        second = json.loads(post(server, {"messages": [{"role": "user", "content": "b"}]})[2])
        assert first["choices"][0]["message"]["content"] == "one"
        assert second["choices"][0]["message"]["reasoning_content"] == "why"
        assert [r.messages[0]["content"] for r in server.requests] == ["a", "b"]
        assert server.remaining == 0


def test_an_exhausted_script_answers_410():
    with ScriptedOpenAIServer([chat("only")]) as server:
        post(server, {"messages": []})
        status, _, body = post(server, {"messages": []})
        assert status == 410 and b"script exhausted" in body


def test_repeat_last_and_callable_replies():
    def echo(request):
        return chat("echo: " + request.messages[-1]["content"])

    with ScriptedOpenAIServer([echo], repeat_last=True) as server:
        for word in ("x", "y"):
            body = json.loads(post(server, {"messages": [{"role": "user", "content": word}]})[2])
            assert body["choices"][0]["message"]["content"] == f"echo: {word}"


def test_streaming_sends_sse_chunks_and_done():
    with ScriptedOpenAIServer([chat("hello world", reasoning="r")]) as server:
        status, headers, body = post(server, {"stream": True, "messages": [], "stream_options": {"include_usage": True}})
        assert status == 200 and headers["Content-Type"] == "text/event-stream"
        events = [line[6:] for line in body.decode().splitlines() if line.startswith("data: ")]
        assert events[-1] == "[DONE]"
        chunks = [json.loads(e) for e in events[:-1]]
        content = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
        assert content == "hello world"
        assert chunks[-1]["usage"]["completion_tokens"] >= 1


def test_rate_limit_reply_carries_retry_after():
    with ScriptedOpenAIServer([rate_limited(3)]) as server:
        status, headers, _ = post(server, {"messages": []})
        assert status == 429 and headers["Retry-After"] == "3"


def test_base_url_needs_a_started_server():
    with pytest.raises(RuntimeError, match="not started"):
        ScriptedOpenAIServer().base_url


def test_requests_to_other_paths_do_not_consume_the_script():
    with ScriptedOpenAIServer([chat("kept")]) as server:
        request = urllib.request.Request(server.base_url + "/completions", data=b"{}", headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=5)
        assert caught.value.code == 404
        assert server.remaining == 1 and len(server.requests) == 1


def test_stop_ends_a_trickle_promptly():
    import threading
    import time

    from tests.support.openai_server import trickle

    server = ScriptedOpenAIServer([trickle(60, interval_s=0.05)]).start()
    done = threading.Event()

    def client():
        try:
            post(server, {"messages": []})
        except OSError:
            pass
        done.set()

    threading.Thread(target=client, daemon=True).start()
    time.sleep(0.3)
    server.stop()
    assert done.wait(5), "the trickling response did not end when the server stopped"
