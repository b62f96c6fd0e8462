"""Reasoning split and usage arithmetic."""

from __future__ import annotations

import pytest

from droidpilot.config import Price
from droidpilot.planner.reasoning import split_reasoning
from droidpilot.planner.usage import Usage, cost_of, estimate_tokens


@pytest.mark.parametrize(
    "content,reasoning,answer",
    [
        ("<think>step one</think>\n{\"a\": 1}", "step one", '{"a": 1}'),
        ("step one\n</think>\n\n{\"a\": 1}", "step one", '{"a": 1}'),
        ("<think>cut off mid-thought", "cut off mid-thought", ""),
        ('{"a": 1}', "", '{"a": 1}'),
        ("<think>a</think>middle<think>b</think>end", "a\nb", "middleend"),
        ("<THINK>loud</THINK>ok", "loud", "ok"),
        ("<thinking>x</thinking>ok", "x", "ok"),
        ("", "", ""),
        (None, "", ""),
    ],
)
def test_split_reasoning_handles_every_form(content, reasoning, answer):
    assert split_reasoning(content) == (reasoning, answer)


def test_a_stray_closing_tag_after_an_answer_is_dropped_not_treated_as_reasoning():
    assert split_reasoning("<think>r</think>answer</think> more") == ("r", "answer more")


def test_usage_from_openai_style_payload():
    usage = Usage.from_api(
        {"prompt_tokens": 10, "completion_tokens": 20, "completion_tokens_details": {"reasoning_tokens": 15},
         "prompt_tokens_details": {"cached_tokens": 4}}
    )
    assert usage == Usage(prompt_tokens=10, completion_tokens=20, reasoning_tokens=15, cached_prompt_tokens=4, calls=1)
    assert Usage.from_api(None) is None
    assert Usage.from_api({"prompt_tokens": "junk"}).prompt_tokens == 0


def test_usage_adds_up_and_cost_stays_unknown_when_any_part_is_unpriced():
    priced = Usage(prompt_tokens=1, completion_tokens=2, calls=1, cost_usd=0.5)
    unpriced = Usage(prompt_tokens=3, completion_tokens=4, calls=1)
    assert (priced + priced).cost_usd == 1.0
    assert (priced + unpriced).cost_usd is None
    assert (Usage() + priced).cost_usd == 0.5
    total = priced + unpriced
    assert (total.prompt_tokens, total.completion_tokens, total.calls, total.total_tokens) == (4, 6, 2, 10)


def test_cost_uses_the_cached_rate_for_cache_hits():
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=1_000_000, cached_prompt_tokens=500_000, calls=1)
    prices = {"m": Price(prompt=2.0, completion=4.0, cached_prompt=0.5)}
    assert cost_of(usage, "m", prices) == pytest.approx(0.5 * 2.0 + 0.5 * 0.5 + 4.0)
    assert cost_of(usage, "other", prices) is None


def test_estimates_are_four_characters_per_token_and_flagged():
    assert estimate_tokens("abcd" * 10) == 10
    usage = Usage.estimate("x" * 40, "y" * 8, "z" * 4)
    assert (usage.prompt_tokens, usage.completion_tokens, usage.reasoning_tokens, usage.estimated) == (10, 3, 1, True)
