"""Two-tier mode: the planner model on the first step, on failures, every N steps, and as fallback."""

from __future__ import annotations

import json

from droidpilot.actions import Tap
from droidpilot.config import load_settings
from droidpilot.errors import ModelError
from droidpilot.planner import HistoryEntry, R1Planner, ScriptedChatModel, TieredPlanner, build_planner

GOAL = "Turn on Wi-Fi"


def tap(index: int, plan=None) -> str:
    data: dict = {"thought": "t", "action": {"kind": "tap", "index": index}}
    if plan is not None:
        data["plan"] = plan
    return json.dumps(data)


def make(planner_script, executor_script, every=3):
    big = ScriptedChatModel(planner_script, name="big")
    small = ScriptedChatModel(executor_script, name="small")
    tiered = TieredPlanner(R1Planner(chat_model=big), R1Planner(chat_model=small), every=every)
    return tiered, big, small


def ok(step: int) -> HistoryEntry:
    return HistoryEntry(step=step, action=Tap(index=3), changed="something")


def test_planner_first_then_executor_then_planner_every_n_steps(screen):
    tiered, big, small = make([tap(3, plan=["[ ] a", "[ ] b"]), tap(4)], [tap(5), tap(5)], every=3)
    sources = []
    history: list[HistoryEntry] = []
    for step in range(4):
        decision = tiered.decide(GOAL, screen, history, [])
        sources.append((decision.source, decision.model))
        history.append(ok(step))
    assert sources == [("model", "big"), ("executor", "small"), ("executor", "small"), ("model", "big")]


def test_the_executor_follows_the_planners_plan(screen):
    tiered, big, small = make([tap(3, plan=["[x] open list", "[ ] tap Wi-Fi"])], [tap(5)])
    tiered.decide(GOAL, screen, [], [])
    decision = tiered.decide(GOAL, screen, [ok(0)], [])
    assert decision.source == "executor"
    assert "2. [ ] tap Wi-Fi" in small.calls[0][1].content
    assert [item.text for item in decision.plan] == ["open list", "tap Wi-Fi"]


def test_a_failed_step_goes_back_to_the_planner(screen):
    tiered, big, small = make([tap(3), tap(4)], [])
    tiered.decide(GOAL, screen, [], [])
    failed = HistoryEntry(step=0, action=Tap(index=3), ok=False, error="nothing happened")
    decision = tiered.decide(GOAL, screen, [failed], [])
    assert decision.source == "model"
    assert decision.extra["tier_reason"] == "the last step failed"


def test_executor_that_cannot_answer_falls_back_to_the_planner_and_keeps_its_cost(screen):
    tiered, big, small = make([tap(3), tap(4)], ["junk", "junk", "junk"])
    tiered.decide(GOAL, screen, [], [])
    decision = tiered.decide(GOAL, screen, [ok(0)], [])
    assert decision.source == "model" and decision.action == Tap(index=4)
    assert decision.usage.calls == 4  # three rejected executor replies + the planner's
    assert "executor gave no usable action" in decision.extra["tier_reason"]


def test_executor_model_error_falls_back_to_the_planner(screen):
    tiered, big, small = make([tap(3), tap(4)], [ModelError("executor endpoint down")])
    tiered.decide(GOAL, screen, [], [])
    decision = tiered.decide(GOAL, screen, [ok(0)], [])
    assert decision.source == "model"
    assert "executor model failed" in decision.extra["tier_reason"]


def test_build_planner_is_two_tier_only_when_an_executor_is_configured(tmp_path):
    env = {"HOME": str(tmp_path), "DROIDPILOT_MODEL": "big", "DROIDPILOT_BASE_URL": "http://127.0.0.1:9/v1"}
    assert isinstance(build_planner(env=env), R1Planner)
    tiered = build_planner(load_settings(env={**env, "DROIDPILOT_EXECUTOR_MODEL": "small"}))
    assert isinstance(tiered, TieredPlanner)
    assert (tiered.planner.name, tiered.executor.name) == ("big", "small")
    assert tiered.executor.source == "executor"
