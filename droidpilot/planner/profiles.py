"""Provider profiles: what differs between OpenAI-compatible endpoints, in one place.

"OpenAI-compatible" hides real differences that break an agent:
- DeepSeek returns its reasoning in ``reasoning_content``, rejects it when sent back, switches its
  newer models into thinking mode with ``extra_body={"thinking": {"type": "enabled"}}``, and
  ignores ``temperature`` for the reasoner.
- Self-hosted R1 and its distills (vLLM, SGLang, Ollama) want no system prompt and temperature
  0.6 (the model card's advice), and put the reasoning either in ``reasoning_content`` (with a
  reasoning parser) or in ``content`` between ``<think>`` tags, sometimes without the opening tag.
- OpenRouter and Ollama name the field ``reasoning``.
The client and the prompt builder read a :class:`Profile` instead of branching on names.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..config import ModelConfig

__all__ = ["PROFILES", "Profile", "RequestOptions", "profile_for", "request_options"]


class Profile(BaseModel):
    """The behaviour of one family of endpoints."""

    model_config = ConfigDict(frozen=True)

    name: str
    system_prompt: bool = Field(description="send a system message; False merges it into the first user turn")
    temperature: float | None = Field(description="sampling temperature to send; None sends none")
    reasoning_fields: tuple[str, ...] = ("reasoning_content", "reasoning")
    json_mode: bool = Field(default=False, description="ask for response_format json_object by default")
    supports_json_mode: bool = False
    thinking: bool = Field(default=False, description="send DeepSeek's thinking switch by default")
    supports_thinking: bool = False
    stream_usage: bool = Field(default=True, description="send stream_options.include_usage when streaming")
    needs_api_key: bool = True


PROFILES: dict[str, Profile] = {
    "deepseek": Profile(
        name="deepseek",
        system_prompt=True,
        temperature=None,
        supports_json_mode=True,
        thinking=True,
        supports_thinking=True,
    ),
    "vllm": Profile(name="vllm", system_prompt=False, temperature=0.6, supports_json_mode=True, needs_api_key=False),
    "sglang": Profile(name="sglang", system_prompt=False, temperature=0.6, supports_json_mode=True, needs_api_key=False),
    "ollama": Profile(
        name="ollama", system_prompt=False, temperature=0.6, supports_json_mode=True, needs_api_key=False
    ),
    "openai": Profile(name="openai", system_prompt=True, temperature=None, supports_json_mode=True),
    "openrouter": Profile(
        name="openrouter", system_prompt=True, temperature=0.6, reasoning_fields=("reasoning", "reasoning_content")
    ),
    "generic": Profile(name="generic", system_prompt=True, temperature=None, needs_api_key=False),
}


def profile_for(provider: str) -> Profile:
    """The profile of ``provider``; unknown names get the conservative generic profile."""
    return PROFILES.get(provider, PROFILES["generic"])


class RequestOptions(BaseModel):
    """The per-request knobs a profile and a model config resolve to."""

    model_config = ConfigDict(frozen=True)

    system_prompt: bool
    temperature: float | None
    json_mode: bool
    extra_body: dict[str, Any]
    stream_usage: bool
    reasoning_fields: tuple[str, ...]


def request_options(config: ModelConfig, profile: Profile | None = None) -> RequestOptions:
    """Resolve profile defaults against explicit model settings (explicit wins)."""
    profile = profile or profile_for(config.provider)
    thinking = profile.thinking if config.thinking is None else config.thinking
    extra_body: dict[str, Any] = {}
    if profile.supports_thinking or config.thinking is not None:
        extra_body["thinking"] = {"type": "enabled" if thinking else "disabled"}
    json_mode = profile.json_mode if config.json_mode is None else config.json_mode
    return RequestOptions(
        system_prompt=profile.system_prompt if config.system_prompt is None else config.system_prompt,
        temperature=profile.temperature if config.temperature is None else config.temperature,
        json_mode=bool(json_mode),
        extra_body=extra_body,
        stream_usage=profile.stream_usage,
        reasoning_fields=profile.reasoning_fields,
    )
