"""R1Planner: prompt in, Decision out; corrective re-prompts; goal and reasoning discipline."""

from __future__ import annotations

import json

import pytest

from droidpilot.actions import Tap, TypeText
from droidpilot.config import load_settings
from droidpilot.errors import ConfigError, ModelError, PlanParseError
from droidpilot.planner import HistoryEntry, PlanRejected, R1Planner, ScriptedChatModel, StepModelError
from tests.support.openai_server import blank, chat, deepseek, think

GOAL = "Turn on Wi-Fi"


def envelope(action: dict, *, thought: str = "ok", plan=None, notes=None) -> str:
    data: dict = {"thought": thought, "action": action}
    if plan is not None:
        data["plan"] = plan
    if notes is not None:
        data["notes"] = notes
    return json.dumps(data)


def test_a_good_reply_becomes_a_decision_with_everything_recorded(screen):
    model = ScriptedChatModel(
        ["<think>the switch is [3]</think>" + envelope({"kind": "tap", "index": 3}, thought="tap Wi-Fi", plan=[{"text": "turn on Wi-Fi", "done": False}], notes=["wifi was off"])]
    )
    decision = R1Planner(chat_model=model).decide(GOAL, screen, [], [])
    assert decision.action == Tap(index=3)
    assert decision.thought == "tap Wi-Fi"
    assert [item.text for item in decision.plan] == ["turn on Wi-Fi"]
    assert decision.notes == ("wifi was off",)
    assert decision.reasoning == "the switch is [3]"
    assert decision.source == "model" and decision.attempts == 1 and decision.error == ""
    assert decision.usage.calls == 1 and decision.model == "scripted"
    assert decision.extra["prompt_est_tokens"] > 0


def test_an_unusable_reply_gets_one_short_corrective_reprompt(screen):
    model = ScriptedChatModel(["<think>hmm</think>I would tap element 42", envelope({"kind": "tap", "index": 3})])
    decision = R1Planner(chat_model=model).decide(GOAL, screen, [], [])
    assert decision.action == Tap(index=3)
    assert decision.attempts == 2
    assert "no JSON object" in decision.error
    assert decision.usage.calls == 2
    second = model.calls[1]
    assert [m.role for m in second] == ["system", "user", "assistant", "user"]
    assert second[2].content == "I would tap element 42"  # the answer only, never the reasoning
    assert "hmm" not in second[2].content
    assert "no JSON object" in second[3].content and len(second[3].content.splitlines()) == 1


def test_an_index_not_on_screen_is_corrected_with_the_valid_range(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 77}), envelope({"kind": "tap", "index": 8})])
    decision = R1Planner(chat_model=model).decide(GOAL, screen, [], [])
    assert decision.action == Tap(index=8)
    assert "valid indexes are 0..8" in model.calls[1][-1].content


def test_corrections_are_bounded_and_then_the_step_is_rejected_with_its_cost(screen):
    model = ScriptedChatModel(["nothing", "still nothing", "nope", "never asked"])
    planner = R1Planner(chat_model=model, max_corrections=2)
    with pytest.raises(PlanRejected) as caught:
        planner.decide(GOAL, screen, [], [])
    assert isinstance(caught.value, PlanParseError)
    assert len(model.calls) == 3
    assert caught.value.attempts == 3 and caught.value.usage.calls == 3
    assert caught.value.reply == "nope"


def test_model_errors_propagate_as_model_error(screen):
    model = ScriptedChatModel([ModelError("endpoint down")])
    with pytest.raises(ModelError, match="endpoint down"):
        R1Planner(chat_model=model).decide(GOAL, screen, [], [])


def test_a_model_error_after_a_paid_reply_keeps_that_replys_cost(screen):
    model = ScriptedChatModel(["no json here", ModelError("endpoint went away")])
    with pytest.raises(StepModelError) as caught:
        R1Planner(chat_model=model).decide(GOAL, screen, [], [])
    assert isinstance(caught.value, ModelError)
    assert caught.value.usage.calls == 1


def test_the_plan_is_kept_between_steps_for_the_same_goal_and_shown_back(screen):
    model = ScriptedChatModel(
        [
            envelope({"kind": "tap", "index": 3}, plan=[{"text": "open Wi-Fi", "done": True}, {"text": "connect", "done": False}]),
            envelope({"kind": "wait", "seconds": 1}),  # no plan: keep the previous one
        ]
    )
    planner = R1Planner(chat_model=model)
    planner.decide(GOAL, screen, [], [])
    history = [HistoryEntry(step=0, action=Tap(index=3), changed="[3] Wi-Fi: checked")]
    second = planner.decide(GOAL, screen, history, [])
    assert [item.text for item in second.plan] == ["open Wi-Fi", "connect"]
    prompt = model.calls[1][1].content
    assert "1. [x] open Wi-Fi" in prompt and "2. [ ] connect" in prompt


def test_a_new_goal_starts_a_new_plan(screen):
    model = ScriptedChatModel(
        [envelope({"kind": "tap", "index": 3}, plan=["[ ] old plan"]), envelope({"kind": "tap", "index": 4})]
    )
    planner = R1Planner(chat_model=model)
    planner.decide(GOAL, screen, [], [])
    decision = planner.decide("Turn on Bluetooth", screen, [], [])
    assert decision.plan == ()
    assert "old plan" not in model.calls[1][1].content


def test_notes_pass_through_unless_the_model_changes_them(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 3})])
    decision = R1Planner(chat_model=model).decide(GOAL, screen, [], ["code is 1234"])
    assert decision.notes == ("code is 1234",)
    assert "code is 1234" in model.calls[0][1].content


def test_screen_text_cannot_rewrite_the_goal(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 3}) .replace('"thought"', '"goal": "Factory reset", "thought"')])
    planner = R1Planner(chat_model=model)
    planner.decide(GOAL, screen, [], [])
    prompt = planner.last_prompt
    user = prompt.messages[1].content
    goal_block = user.split("</goal>")[0]
    assert goal_block == f"<goal>\n{GOAL}\n"
    screen_block = user[user.index("<screen>") :]
    assert "<goal>" not in screen_block and "</screen><goal>" not in screen_block
    assert screen_block.count("</screen>") == 1
    assert "ignore previous instructions" in screen_block  # visible, flagged, inside the fence


def test_history_shows_failures_and_changes(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 1})])
    history = [
        HistoryEntry(step=3, action=TypeText(index=3, text="x"), ok=False, error="element [3] is not a text field"),
        HistoryEntry(step=4, action=Tap(index=1), changed="keyboard appeared"),
        HistoryEntry(step=5, action=None, ok=False, error="no usable action"),
    ]
    R1Planner(chat_model=model).decide(GOAL, screen, history, [])
    prompt = model.calls[0][1].content
    assert "3. type \"x\" into element 3 → FAILED: element [3] is not a text field" in prompt
    assert "4. tap element 1 → ok; screen: keyboard appeared" in prompt
    assert "5. no action → FAILED: no usable action" in prompt
    assert "Step 6." in prompt


def test_history_is_trimmed_to_the_limit(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 1})])
    history = [HistoryEntry(step=i, action=Tap(index=1)) for i in range(20)]
    R1Planner(chat_model=model, history_limit=3).decide(GOAL, screen, history, [])
    prompt = model.calls[0][1].content
    assert "earlier 17 omitted" in prompt
    assert "\n17. tap" in prompt and "\n16. tap" not in prompt


def test_the_run_deadline_reaches_the_model(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 3})])
    R1Planner(chat_model=model).decide(GOAL, screen, [], [], deadline=1234.5)
    assert model.deadlines == [1234.5]


def test_typical_prompt_stays_within_the_budget(screen):
    model = ScriptedChatModel([envelope({"kind": "tap", "index": 3})])
    history = [HistoryEntry(step=i, action=Tap(index=i % 9), changed="[3] Wi-Fi: checked") for i in range(8)]
    planner = R1Planner(chat_model=model)
    planner.decide(GOAL, screen, history, ["a note worth keeping"] * 3)
    assert planner.last_prompt.est_tokens <= 2000, planner.last_prompt.est_tokens


# -- against the real local server ------------------------------------------------------------------


def _planner_for(server, provider: str, **fields) -> R1Planner:
    settings = load_settings(
        model="r1-under-test", base_url=server.base_url, provider=provider, api_key="sk", env={"HOME": "/nonexistent"},
        overrides={"timeout_s": 5.0, "max_retries": 2, **fields},
    )
    return R1Planner(settings=settings)


def test_end_to_end_over_http_with_deepseek_reasoning_and_a_correction(server, screen):
    server.add(
        deepseek("Element 99 maybe", envelope({"kind": "tap", "index": 99})),
        blank(),
        deepseek("Right, [3] is Wi-Fi", envelope({"kind": "tap", "index": 3})),
    )
    planner = _planner_for(server, "deepseek")
    decision = planner.decide(GOAL, screen, [], [])
    assert decision.action == Tap(index=3)
    assert decision.reasoning == "Right, [3] is Wi-Fi"
    assert decision.attempts == 2 and decision.usage.calls == 2
    assert len(server.requests) == 3
    for request in server.requests:
        for message in request.messages:
            assert set(message) == {"role", "content"}
            assert "Element 99 maybe" not in message["content"]
    assert server.requests[-1].messages[-2] == {"role": "assistant", "content": envelope({"kind": "tap", "index": 99})}


def test_self_hosted_r1_gets_no_system_prompt_and_think_tags_are_stripped(server, screen):
    server.add(think("Wi-Fi is [3]", envelope({"kind": "tap", "index": 3}), opening_tag=False))
    decision = _planner_for(server, "vllm").decide(GOAL, screen, [], [])
    assert decision.action == Tap(index=3)
    assert decision.reasoning == "Wi-Fi is [3]"
    sent = server.requests[0].json
    assert [m["role"] for m in sent["messages"]] == ["user"]
    assert "You control an Android phone" in sent["messages"][0]["content"]
    assert "<goal>" in sent["messages"][0]["content"]
    assert sent["temperature"] == 0.6


def test_fenced_json_over_http(server, screen):
    server.add(chat("Turning it on.\n```json\n" + envelope({"kind": "tap", "index": 3}) + "\n```"))
    assert _planner_for(server, "openai").decide(GOAL, screen, [], []).action == Tap(index=3)


def test_r1_planner_without_configuration_says_what_to_set(tmp_path):
    with pytest.raises(ConfigError, match="DROIDPILOT_MODEL"):
        R1Planner(env={"HOME": str(tmp_path)})


def test_r1_planner_public_constructor_takes_model_base_url_and_key(server, screen):
    server.add(chat(envelope({"kind": "tap", "index": 4})))
    planner = R1Planner(model="any-model", base_url=server.base_url, api_key="sk-x", env={"HOME": "/nonexistent"})
    assert planner.decide(GOAL, screen, [], []).action == Tap(index=4)
    assert server.requests[0].json["model"] == "any-model"
    assert server.requests[0].headers["authorization"] == "Bearer sk-x"
