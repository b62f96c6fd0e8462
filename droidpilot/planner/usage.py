"""Token usage and cost: what every model call spent, summed per step and per run.

Reasoning tokens are counted inside ``completion_tokens`` by every provider that reports them
(OpenAI's ``completion_tokens_details.reasoning_tokens``, DeepSeek likewise); they are shown
separately because they dominate R1's bill and a user asking "why so expensive" needs to see it.
When an endpoint reports no usage (some streaming servers), tokens are estimated at four
characters per token and ``estimated`` says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..config import Price

__all__ = ["Usage", "estimate_tokens", "cost_of"]

CHARS_PER_TOKEN = 4


def estimate_tokens(text: str) -> int:
    """Rough token count (characters / 4), the estimate used when no tokenizer is at hand."""
    return (len(text) + CHARS_PER_TOKEN - 1) // CHARS_PER_TOKEN


def _int(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


class Usage(BaseModel):
    """Tokens, calls and cost. Add two with ``+``; cost stays None when any part had no price."""

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int = 0
    completion_tokens: int = Field(0, description="includes reasoning tokens")
    reasoning_tokens: int = 0
    cached_prompt_tokens: int = 0
    calls: int = 0
    cost_usd: float | None = Field(None, description="None when the model has no price configured")
    estimated: bool = Field(False, description="tokens were estimated from characters")

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @classmethod
    def from_api(cls, data: Mapping[str, Any] | None) -> Usage | None:
        """Read an OpenAI-style ``usage`` object (with DeepSeek's cache fields); None if absent."""
        if not data:
            return None
        completion_details = data.get("completion_tokens_details") or {}
        prompt_details = data.get("prompt_tokens_details") or {}
        reasoning = _int(completion_details.get("reasoning_tokens") if isinstance(completion_details, Mapping) else 0)
        cached = _int(data.get("prompt_cache_hit_tokens"))
        if not cached and isinstance(prompt_details, Mapping):
            cached = _int(prompt_details.get("cached_tokens"))
        return cls(
            prompt_tokens=_int(data.get("prompt_tokens")),
            completion_tokens=_int(data.get("completion_tokens")),
            reasoning_tokens=reasoning,
            cached_prompt_tokens=cached,
            calls=1,
        )

    @classmethod
    def estimate(cls, prompt_text: str, completion_text: str, reasoning_text: str = "") -> Usage:
        reasoning = estimate_tokens(reasoning_text)
        return cls(
            prompt_tokens=estimate_tokens(prompt_text),
            completion_tokens=estimate_tokens(completion_text) + reasoning,
            reasoning_tokens=reasoning,
            calls=1,
            estimated=True,
        )

    def priced(self, model: str, prices: Mapping[str, Price]) -> Usage:
        """This usage with ``cost_usd`` filled from the price table (None if the model is absent)."""
        return self.model_copy(update={"cost_usd": cost_of(self, model, prices)})

    def __add__(self, other: Usage) -> Usage:
        if not isinstance(other, Usage):
            return NotImplemented
        if self.calls == 0:
            cost = other.cost_usd
        elif other.calls == 0:
            cost = self.cost_usd
        elif self.cost_usd is None or other.cost_usd is None:
            cost = None
        else:
            cost = self.cost_usd + other.cost_usd
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            reasoning_tokens=self.reasoning_tokens + other.reasoning_tokens,
            cached_prompt_tokens=self.cached_prompt_tokens + other.cached_prompt_tokens,
            calls=self.calls + other.calls,
            cost_usd=cost,
            estimated=self.estimated or other.estimated,
        )


def cost_of(usage: Usage, model: str, prices: Mapping[str, Price]) -> float | None:
    """USD for ``usage`` under ``prices[model]``; None when the model has no price."""
    price = prices.get(model)
    if price is None:
        return None
    cached = min(usage.cached_prompt_tokens, usage.prompt_tokens)
    cached_rate = price.prompt if price.cached_prompt is None else price.cached_prompt
    dollars = (
        (usage.prompt_tokens - cached) * price.prompt
        + cached * cached_rate
        + usage.completion_tokens * price.completion
    ) / 1_000_000
    return round(dollars, 8)
