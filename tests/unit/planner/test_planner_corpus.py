"""The reply corpus: every noisy reply yields its intended action or the expected rejection."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from droidpilot.errors import PlanParseError
from droidpilot.planner.parse import parse_reply

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "replies.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_ids_are_unique():
    ids = [case["id"] for case in CORPUS]
    assert len(ids) >= 100
    assert len(set(ids)) == len(ids)
    assert all(("expect" in case) != ("reject" in case) for case in CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case["id"] for case in CORPUS])
def test_corpus_reply(case, screen):
    if "reject" in case:
        with pytest.raises(PlanParseError) as caught:
            parse_reply(case["reply"], screen)
        message = str(caught.value)
        assert case["reject"] in message
        assert "\n" not in message, "the corrective hint must be one line"
        assert caught.value.reply == case["reply"]
        return
    parsed = parse_reply(case["reply"], screen)
    dumped = parsed.action.model_dump()
    for field, value in case["expect"].items():
        assert dumped[field] == value, f"{field}: {dumped[field]!r} != {value!r}"
    if "thought" in case:
        assert parsed.thought == case["thought"]
    if "plan_len" in case:
        assert parsed.plan is not None and len(parsed.plan) == case["plan_len"]
    if "notes" in case:
        assert list(parsed.notes or ()) == case["notes"]
