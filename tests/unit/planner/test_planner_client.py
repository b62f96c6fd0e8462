"""The model client against a real local chat-completions server: retries, deadlines, reasoning."""

from __future__ import annotations

import time

import pytest

from droidpilot.config import ModelConfig, Price
from droidpilot.errors import ConfigError, ModelError
from droidpilot.planner.client import ChatMessage, OpenAIChatModel
from tests.support.openai_server import (
    blank,
    chat,
    connection_reset,
    deepseek,
    http_error,
    rate_limited,
    raw_body,
    server_error,
    think,
    trickle,
)

MESSAGES = [ChatMessage(role="system", content="rules"), ChatMessage(role="user", content="what next?")]


class Sleeps:
    """Records the waits the retry loop asks for, without waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_model(server, *, provider="deepseek", stream=True, sleeps=None, **fields) -> OpenAIChatModel:
    config = ModelConfig(
        name=fields.pop("name", "test-model"),
        base_url=server.base_url,
        provider=provider,
        api_key="sk-test",
        stream=stream,
        **{"timeout_s": 5.0, "max_retries": 3, **fields},
    )
    return OpenAIChatModel(config, sleep=sleeps or Sleeps(), backoff_s=0.01, prices=fields.pop("prices", None))


@pytest.mark.parametrize("stream", [True, False])
def test_deepseek_reasoning_content_is_captured_apart_from_the_answer(server, stream):
    server.add(deepseek("The Wi-Fi switch is element 2.", '{"kind": "tap", "index": 2}'))
    reply = make_model(server, stream=stream).complete(MESSAGES)
    assert reply.content == '{"kind": "tap", "index": 2}'
    assert reply.reasoning == "The Wi-Fi switch is element 2."
    assert reply.attempts == 1 and reply.failures == ()


@pytest.mark.parametrize("opening_tag", [True, False])
@pytest.mark.parametrize("stream", [True, False])
def test_think_blocks_in_content_are_stripped_with_or_without_opening_tag(server, stream, opening_tag):
    server.add(think("Let me look {not this}", '{"kind": "press_key", "key": "back"}', opening_tag=opening_tag))
    reply = make_model(server, provider="vllm", stream=stream).complete(MESSAGES)
    assert reply.content == '{"kind": "press_key", "key": "back"}'
    assert "Let me look" in reply.reasoning
    assert "</think>" in reply.raw_content


def test_usage_is_recorded_with_reasoning_tokens_and_priced(server):
    usage = {
        "prompt_tokens": 1000,
        "completion_tokens": 500,
        "prompt_cache_hit_tokens": 400,
        "completion_tokens_details": {"reasoning_tokens": 300},
    }
    server.add(deepseek("r", "a", usage=usage))
    model = OpenAIChatModel(
        ModelConfig(name="priced", base_url=server.base_url, provider="deepseek", api_key="k"),
        prices={"priced": Price(prompt=1.0, completion=2.0, cached_prompt=0.1)},
    )
    reply = model.complete(MESSAGES)
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens, reply.usage.reasoning_tokens) == (1000, 500, 300)
    assert reply.usage.cached_prompt_tokens == 400
    assert reply.usage.cost_usd == pytest.approx((600 * 1.0 + 400 * 0.1 + 500 * 2.0) / 1e6)
    assert not reply.usage.estimated


def test_streamed_usage_is_requested_and_read(server):
    server.add(chat("answer"))
    reply = make_model(server, stream=True).complete(MESSAGES)
    assert server.requests[0].json["stream_options"] == {"include_usage": True}
    assert reply.usage.calls == 1 and reply.usage.prompt_tokens > 0 and not reply.usage.estimated


def test_blank_content_with_finish_stop_counts_as_a_failure_and_is_retried(server):
    sleeps = Sleeps()
    server.add(blank(), chat("ok"))
    reply = make_model(server, sleeps=sleeps).complete(MESSAGES)
    assert reply.content == "ok"
    assert reply.attempts == 2
    assert "blank content (finish_reason=stop)" in reply.failures[0]
    assert len(server.requests) == 2


def test_only_think_and_no_answer_counts_as_blank(server):
    server.add(think("thinking forever", ""), chat("ok"))
    reply = make_model(server, provider="vllm").complete(MESSAGES)
    assert reply.attempts == 2


def test_429_honours_retry_after_capped(server):
    sleeps = Sleeps()
    server.add(rate_limited(2), rate_limited(120), chat("ok"))
    reply = make_model(server, sleeps=sleeps, retry_after_cap_s=5.0).complete(MESSAGES)
    assert reply.content == "ok"
    assert sleeps.waits == [2.0, 5.0]
    assert reply.attempts == 3


def test_server_errors_and_a_reset_connection_are_retried_with_backoff(server):
    sleeps = Sleeps()
    server.add(server_error(500), server_error(503), connection_reset(), chat("ok"))
    reply = make_model(server, sleeps=sleeps).complete(MESSAGES)
    assert reply.content == "ok"
    assert reply.attempts == 4
    assert sleeps.waits == [0.01, 0.02, 0.04]
    assert "HTTP 500" in reply.failures[0] and "HTTP 503" in reply.failures[1]
    assert "connection" in reply.failures[2]


def test_every_failure_counts_and_retries_are_bounded(server):
    server.add(server_error(), blank(), connection_reset(), raw_body("{not json"), chat("never reached"))
    model = make_model(server, max_retries=3)
    with pytest.raises(ModelError) as caught:
        model.complete(MESSAGES)
    assert len(server.requests) == 4
    assert "failed 4 time(s)" in str(caught.value)


@pytest.mark.parametrize("status,hint", [(401, "API key"), (404, "model name"), (400, "rejected")])
def test_client_errors_are_not_retried_and_say_what_to_check(server, status, hint):
    server.add(http_error(status, "nope"), chat("unused"))
    with pytest.raises(ModelError) as caught:
        make_model(server).complete(MESSAGES)
    assert len(server.requests) == 1
    assert f"HTTP {status}" in str(caught.value) and hint in str(caught.value)


@pytest.mark.parametrize("stream", [True, False])
def test_trickled_keep_alive_lines_cannot_defeat_the_call_deadline(server, stream):
    server.add(trickle(60, interval_s=0.05, then=chat("too late")))
    model = make_model(server, stream=stream, timeout_s=0.8, max_retries=0)
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        model.complete(MESSAGES)
    elapsed = time.monotonic() - started
    assert elapsed < 10, "the 60 s trickle was not cut off by the 0.8 s deadline"
    assert "kept the connection open" in str(caught.value) or "stopped sending" in str(caught.value)


def test_a_trickle_then_a_good_reply_on_retry_succeeds(server):
    server.add(trickle(60, interval_s=0.05), chat("ok"))
    reply = make_model(server, timeout_s=0.5, max_retries=1).complete(MESSAGES)
    assert reply.content == "ok" and reply.attempts == 2


def test_the_run_deadline_caps_the_call(server):
    server.add(trickle(60, interval_s=0.05))
    model = make_model(server, timeout_s=30.0, max_retries=5)
    started = time.monotonic()
    with pytest.raises(ModelError, match="time"):
        model.complete(MESSAGES, deadline=time.monotonic() + 0.5)
    assert time.monotonic() - started < 10
    assert len(server.requests) == 1


def test_a_run_deadline_already_passed_sends_nothing(server):
    with pytest.raises(ModelError, match="time budget"):
        make_model(server).complete(MESSAGES, deadline=time.monotonic() - 1)
    assert server.requests == []


def test_no_system_prompt_for_self_hosted_r1_profiles(server):
    server.add(chat("a"))
    make_model(server, provider="vllm").complete(MESSAGES)
    sent = server.requests[0].json
    assert [m["role"] for m in sent["messages"]] == ["user"]
    assert sent["messages"][0]["content"].startswith("rules")
    assert sent["temperature"] == 0.6


def test_deepseek_profile_sends_thinking_switch_and_no_temperature(server):
    server.add(chat("a"))
    make_model(server, provider="deepseek").complete(MESSAGES)
    sent = server.requests[0].json
    assert sent["thinking"] == {"type": "enabled"}
    assert "temperature" not in sent
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]


def test_json_mode_sends_response_format_where_supported(server):
    server.add(chat("{}"), chat("{}"))
    make_model(server, provider="openai").complete(MESSAGES, json_mode=True)
    make_model(server, provider="generic").complete(MESSAGES, json_mode=True)
    assert server.requests[0].json["response_format"] == {"type": "json_object"}
    assert "response_format" not in server.requests[1].json


def test_messages_carry_only_role_and_content(server):
    server.add(deepseek("secret reasoning", "answer"), chat("second"))
    model = make_model(server)
    first = model.complete(MESSAGES)
    follow_up = [*MESSAGES, ChatMessage(role="assistant", content=first.content), ChatMessage(role="user", content="again")]
    model.complete(follow_up)
    for message in server.requests[1].messages:
        assert set(message) == {"role", "content"}
        assert "secret reasoning" not in message["content"]


def test_consecutive_messages_of_one_role_are_merged(server):
    server.add(chat("a"))
    make_model(server, provider="openai").complete(
        [ChatMessage(role="user", content="one"), ChatMessage(role="user", content="two")]
    )
    assert server.requests[0].messages == [{"role": "user", "content": "one\n\ntwo"}]


def test_the_api_key_is_sent_as_bearer(server):
    server.add(chat("a"))
    make_model(server).complete(MESSAGES)
    assert server.requests[0].headers["authorization"] == "Bearer sk-test"


def test_model_error_when_the_endpoint_is_down():
    config = ModelConfig(name="m", base_url="http://127.0.0.1:9/v1", provider="generic", max_retries=1, timeout_s=2)
    model = OpenAIChatModel(config, sleep=lambda _s: None)
    with pytest.raises(ModelError, match="failed 2 time"):
        model.complete(MESSAGES)


def test_a_hosted_provider_without_a_key_fails_before_any_request():
    with pytest.raises(ConfigError, match="needs an API key"):
        OpenAIChatModel(ModelConfig(name="m", base_url="https://api.deepseek.com", provider="deepseek"))
