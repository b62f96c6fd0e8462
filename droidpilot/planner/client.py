"""The model client: one seam (``ChatModel``) between droidpilot and any OpenAI-compatible endpoint.

Why not call the SDK plainly: its defaults do not fit an agent. It retries on its own (twice,
invisibly), waits up to 600 s, and a server that keeps a connection alive with blank lines (as
DeepSeek does under load, for up to ten minutes) defeats any read timeout because bytes keep
arriving. So the SDK is built with ``max_retries=0`` and is only used to send the request and
map HTTP errors; the body is read here, line by line (SSE) or chunk by chunk, with the wall-clock
deadline checked after every read, and a socket read timeout no longer than the time left. The
retry loop is ours, bounded, and counts every failure: HTTP 408/409/429/5xx, a reset connection,
a deadline, a body that is not a chat completion, and blank content with ``finish_reason=stop``
(what JSON mode sometimes returns).

Reasoning comes back in ``reasoning_content`` (or ``reasoning``) or inside ``<think>`` tags; it
is split off into ``ChatReply.reasoning`` and never put into a message we send.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, Protocol, runtime_checkable

import openai
from pydantic import BaseModel, ConfigDict, Field

from ..config import ModelConfig, Price
from ..errors import ConfigError, ModelError
from .profiles import Profile, RequestOptions, profile_for, request_options
from .reasoning import split_reasoning
from .usage import Usage

try:  # the openai SDK moved from httpx to httpx2; accept either
    import httpx2 as _httpx
except ImportError:  # pragma: no cover - depends on the installed SDK generation
    import httpx as _httpx  # type: ignore[no-redef]

__all__ = ["ChatMessage", "ChatModel", "ChatReply", "OpenAIChatModel"]

_NO_KEY = "no-key-configured"  # local servers ignore the key, but the SDK insists on one
_RETRYABLE_STATUS = frozenset({408, 409, 425, 429})
_CONNECT_TIMEOUT_S = 10.0


class ChatMessage(BaseModel):
    """One message we send. Only role and content: reasoning never travels back to the model."""

    model_config = ConfigDict(frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class ChatReply(BaseModel):
    """What one ``complete`` call produced, after retries."""

    model_config = ConfigDict(frozen=True)

    content: str = Field(description="the answer with any <think> block removed")
    reasoning: str = Field("", description="reasoning_content / reasoning / <think> text")
    raw_content: str = Field("", description="content exactly as the endpoint sent it")
    finish_reason: str | None = None
    usage: Usage = Usage()
    model: str = ""
    latency_s: float = 0.0
    attempts: int = 1
    failures: tuple[str, ...] = Field((), description="one line per failed attempt before success")


@runtime_checkable
class ChatModel(Protocol):
    """Anything that turns messages into a reply; the fake lives in ``planner/fake.py``."""

    name: str

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        deadline: float | None = None,
        json_mode: bool | None = None,
    ) -> ChatReply:
        """Answer ``messages``; ``deadline`` is a ``time.monotonic()`` instant (the run's)."""
        ...


class _Retryable(Exception):
    """One attempt failed in a way another attempt may fix."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class _DeadlinePassed(_Retryable):
    """The attempt ran out of time (the server may be trickling keep-alive bytes)."""


class _Fatal(Exception):
    """One attempt failed in a way retrying cannot fix (bad key, unknown model, bad request)."""


class _RawReply(BaseModel):
    content: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    usage: dict[str, Any] | None = None
    model: str = ""


def _retry_after_seconds(headers: Mapping[str, str] | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds a server asked us to wait: ``retry-after-ms``, ``Retry-After`` seconds or an HTTP date."""
    if not headers:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now())


def _status_hint(status: int) -> str:
    if status in (401, 403):
        return "check the API key (DROIDPILOT_API_KEY or the provider's key variable)"
    if status == 404:
        return "check the model name (DROIDPILOT_MODEL) and the base URL (DROIDPILOT_BASE_URL)"
    if status == 400:
        return "the endpoint rejected the request; check the model and provider settings"
    return "see the endpoint's message above"


def _error_body(exc: openai.APIStatusError) -> str:
    try:
        text = exc.response.text
    except Exception:  # noqa: BLE001 - a body we cannot read is not worth a second error
        text = ""
    return " ".join((text or str(exc)).split())[:300]


def _merge_for_profile(messages: Sequence[ChatMessage], options: RequestOptions) -> list[dict[str, str]]:
    """Messages as the endpoint wants them: system folded in when the profile forbids it,
    and consecutive messages of one role joined (DeepSeek's reasoner rejects them)."""
    out: list[dict[str, str]] = []
    pending_system: list[str] = []
    for message in messages:
        role, content = message.role, message.content
        if role == "system" and not options.system_prompt:
            pending_system.append(content)
            continue
        if role == "user" and pending_system:
            content = "\n\n".join([*pending_system, content])
            pending_system = []
        if out and out[-1]["role"] == role:
            out[-1] = {"role": role, "content": out[-1]["content"] + "\n\n" + content}
        else:
            out.append({"role": role, "content": content})
    if pending_system:
        out.append({"role": "user", "content": "\n\n".join(pending_system)})
    return out


class OpenAIChatModel:
    """A :class:`ChatModel` over the ``openai`` SDK, for any OpenAI-compatible endpoint.

    ``clock`` and ``sleep`` are injectable so tests can watch the retry schedule without waiting.
    """

    def __init__(
        self,
        config: ModelConfig,
        *,
        prices: Mapping[str, Price] | None = None,
        profile: Profile | None = None,
        backoff_s: float = 0.5,
        backoff_cap_s: float = 8.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not config.base_url:
            raise ConfigError(f"model {config.name!r} has no base URL: set DROIDPILOT_BASE_URL")
        self.config = config
        self.name = config.name
        self.profile = profile or profile_for(config.provider)
        if self.profile.needs_api_key and not config.api_key_value():
            raise ConfigError(
                f"model {config.name!r} on {self.profile.name} needs an API key: set DROIDPILOT_API_KEY "
                "(or DEEPSEEK_API_KEY / OPENAI_API_KEY)"
            )
        self.options = request_options(config, self.profile)
        self.prices = dict(prices or {})
        self._backoff_s = backoff_s
        self._backoff_cap_s = backoff_cap_s
        self._clock = clock
        self._sleep = sleep
        self._client = openai.OpenAI(
            api_key=config.api_key_value() or _NO_KEY,
            base_url=config.base_url,
            timeout=config.timeout_s,
            max_retries=0,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> OpenAIChatModel:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the retry loop ---------------------------------------------------------------------

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        deadline: float | None = None,
        json_mode: bool | None = None,
    ) -> ChatReply:
        """Ask the model; retries are bounded by ``max_retries`` and by ``deadline``.

        Each attempt has its own wall-clock limit (``timeout_s``), cut short by ``deadline``
        (the run's). Raises :class:`ModelError` after the last failure, listing them.
        """
        started = self._clock()
        payload = self._payload(messages, json_mode)
        prompt_text = "\n".join(message["content"] for message in payload["messages"])
        failures: list[str] = []
        max_attempts = self.config.max_retries + 1
        for attempt in range(1, max_attempts + 1):
            now = self._clock()
            if deadline is not None and now >= deadline:
                failures.append("the run's time budget is used up")
                break
            attempt_deadline = now + self.config.timeout_s
            if deadline is not None:
                attempt_deadline = min(attempt_deadline, deadline)
            try:
                raw = self._attempt(payload, attempt_deadline)
                reasoning_inline, answer = split_reasoning(raw.content)
                if not answer.strip():
                    raise _Retryable(f"blank content (finish_reason={raw.finish_reason})")
            except _Fatal as exc:
                failures.append(str(exc))
                raise ModelError(self._failure_message(failures, fatal=True)) from exc
            except _Retryable as exc:
                failures.append(f"attempt {attempt}: {exc}")
                if attempt >= max_attempts:
                    break
                wait = self._wait_before(attempt, exc.retry_after)
                if deadline is not None and self._clock() + wait >= deadline:
                    failures.append("no time left in the run for another attempt")
                    break
                self._sleep(wait)
                continue
            reasoning = "\n".join(part for part in (raw.reasoning.strip(), reasoning_inline) if part)
            usage = Usage.from_api(raw.usage) or Usage.estimate(prompt_text, answer, reasoning)
            return ChatReply(
                content=answer,
                reasoning=reasoning,
                raw_content=raw.content,
                finish_reason=raw.finish_reason,
                usage=usage.priced(self.name, self.prices),
                model=raw.model or self.name,
                latency_s=self._clock() - started,
                attempts=attempt,
                failures=tuple(failures),
            )
        raise ModelError(self._failure_message(failures, fatal=False))

    def _wait_before(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.config.retry_after_cap_s)
        return min(self._backoff_cap_s, self._backoff_s * (2 ** (attempt - 1)))

    def _failure_message(self, failures: list[str], *, fatal: bool) -> str:
        where = f"{self.name} at {self.config.base_url}"
        shown = "; ".join(failures[-4:])
        if fatal:
            return f"model {where} refused the request: {shown}"
        return (
            f"model {where} failed {len(failures)} time(s): {shown}. "
            "Check that the endpoint is up, or raise timeout_s / max_retries."
        )

    # -- one HTTP attempt ---------------------------------------------------------------------

    def _payload(self, messages: Sequence[ChatMessage], json_mode: bool | None) -> dict[str, Any]:
        options = self.options
        payload: dict[str, Any] = {
            "model": self.name,
            "messages": _merge_for_profile(messages, options),
            "stream": self.config.stream,
        }
        if options.temperature is not None:
            payload["temperature"] = options.temperature
        if self.config.max_tokens is not None:
            payload["max_tokens"] = self.config.max_tokens
        if self.config.stream and options.stream_usage:
            payload["stream_options"] = {"include_usage": True}
        use_json = options.json_mode if json_mode is None else json_mode
        if use_json and (self.profile.supports_json_mode or self.config.json_mode):
            payload["response_format"] = {"type": "json_object"}
        if options.extra_body:
            payload["extra_body"] = dict(options.extra_body)
        return payload

    def _attempt(self, payload: dict[str, Any], deadline: float) -> _RawReply:
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise _DeadlinePassed("no time left for the call")
        timeout = _httpx.Timeout(remaining, connect=min(remaining, _CONNECT_TIMEOUT_S))
        try:
            with self._client.chat.completions.with_streaming_response.create(**payload, timeout=timeout) as response:
                if payload["stream"]:
                    return self._read_stream(response.iter_lines(), deadline)
                return self._read_body(response.iter_bytes(), deadline)
        except openai.APIStatusError as exc:
            status = exc.status_code
            detail = f"HTTP {status}: {_error_body(exc)}"
            if status in _RETRYABLE_STATUS or status >= 500:
                raise _Retryable(detail, _retry_after_seconds(exc.response.headers)) from exc
            raise _Fatal(f"{detail} ({_status_hint(status)})") from exc
        except openai.APITimeoutError as exc:
            raise _DeadlinePassed(f"timed out after {self.config.timeout_s:g} s") from exc
        except openai.APIConnectionError as exc:
            cause = exc.__cause__ or exc
            raise _Retryable(f"connection failed: {type(cause).__name__}: {cause}") from exc
        except _httpx.TimeoutException as exc:
            raise _DeadlinePassed("the endpoint stopped sending before the deadline") from exc
        except (_httpx.TransportError, _httpx.StreamError, OSError) as exc:
            raise _Retryable(f"connection broke mid-reply: {type(exc).__name__}: {exc}") from exc

    def _check(self, deadline: float) -> None:
        if self._clock() >= deadline:
            raise _DeadlinePassed(
                f"no complete reply within {self.config.timeout_s:g} s (the endpoint kept the connection open)"
            )

    def _read_body(self, chunks: Iterator[bytes], deadline: float) -> _RawReply:
        """A non-streamed reply, read chunk by chunk so keep-alive blank lines cannot stall us."""
        body = bytearray()
        for chunk in chunks:
            body.extend(chunk)
            self._check(deadline)
        try:
            data = json.loads(body.decode("utf-8", errors="replace").strip() or "null")
        except json.JSONDecodeError as exc:
            raise _Retryable(f"reply body is not JSON: {bytes(body[:80])!r}") from exc
        if not isinstance(data, dict) or not data.get("choices"):
            error = data.get("error") if isinstance(data, dict) else None
            raise _Retryable(f"reply has no choices: {str(error or data)[:200]}")
        choice = data["choices"][0] or {}
        message = choice.get("message") or {}
        return _RawReply(
            content=message.get("content") or "",
            reasoning=self._reasoning_of(message),
            finish_reason=choice.get("finish_reason"),
            usage=data.get("usage") if isinstance(data.get("usage"), dict) else None,
            model=str(data.get("model") or ""),
        )

    def _read_stream(self, lines: Iterator[str], deadline: float) -> _RawReply:
        """Server-sent events: ``data:`` lines carry chunks, ``:`` lines and blanks keep alive."""
        content: list[str] = []
        reasoning: list[str] = []
        finish_reason: str | None = None
        usage: dict[str, Any] | None = None
        model = ""
        done = False
        for line in lines:
            self._check(deadline)
            if not line.startswith("data:"):
                continue
            data_text = line[5:].strip()
            if data_text == "[DONE]":
                done = True
                break
            try:
                chunk = json.loads(data_text)
            except json.JSONDecodeError as exc:
                raise _Retryable(f"stream chunk is not JSON: {data_text[:80]!r}") from exc
            if not isinstance(chunk, dict):
                continue
            if chunk.get("error"):
                raise _Retryable(f"endpoint reported an error mid-stream: {str(chunk['error'])[:200]}")
            model = str(chunk.get("model") or model)
            if isinstance(chunk.get("usage"), dict):
                usage = chunk["usage"]
            for choice in chunk.get("choices") or []:
                if choice.get("index", 0) != 0:
                    continue
                delta = choice.get("delta") or {}
                if delta.get("content"):
                    content.append(delta["content"])
                piece = self._reasoning_of(delta)
                if piece:
                    reasoning.append(piece)
                if choice.get("finish_reason"):
                    finish_reason = choice["finish_reason"]
        if not done and finish_reason is None:
            raise _Retryable("stream ended before the reply was complete")
        return _RawReply(
            content="".join(content),
            reasoning="".join(reasoning),
            finish_reason=finish_reason,
            usage=usage,
            model=model,
        )

    def _reasoning_of(self, message: Mapping[str, Any]) -> str:
        for field in self.options.reasoning_fields:
            value = message.get(field)
            if isinstance(value, str) and value:
                return value
        return ""
