"""The agent end to end: the virtual device over real adb, and a real local HTTP server that
speaks the OpenAI chat-completions protocol playing scripted replies."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from droidpilot import errors  # noqa: E402
from droidpilot.agent import Agent, AgentConfig  # noqa: E402
from droidpilot.device import connect  # noqa: E402
from droidpilot.planner import R1Planner  # noqa: E402
from droidpilot.trajectory import load  # noqa: E402
from tests.support.openai_server import ScriptedOpenAIServer, think, trickle  # noqa: E402
from tests.support.screen_script import act, finish, prompt_text, tap  # noqa: E402

API_KEY = "sk-test-do-not-leak-1234567890"


@pytest.fixture
def dev(adb_server, fresh_device):
    return connect(fresh_device.serial, adb_port=adb_server.port)


def make_agent(dev, server, tmp_path, **config):
    planner = R1Planner(model="deepseek-reasoner", base_url=server.base_url, api_key=API_KEY)
    return Agent(dev, planner, AgentConfig(record_dir=tmp_path / "runs", **config))


def all_text_under(path: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in path.rglob("*") if p.is_file())


def test_agent_turns_wifi_off_in_settings(dev, tmp_path):
    script = [
        act({"kind": "open_app", "app": "Settings"}, "open Settings"),
        tap(r'"Network & internet', "network page", reasoning="Wi-Fi lives under Network & internet."),
        think("The Wi-Fi row toggles it.", '```json\n{"thought": "toggle", "action": {"kind": "tap", "index": 0}}\n```'),
        finish("complete", "Wi-Fi is off"),
    ]
    # The third reply must name the Wi-Fi row: rewrite it from the screen the model sees.
    script[2] = tap(r'"Wi-Fi', "toggle Wi-Fi", reasoning="The Wi-Fi row toggles it.")
    with ScriptedOpenAIServer(script) as server:
        agent = make_agent(dev, server, tmp_path)
        steps = list(agent.steps("Turn off Wi-Fi"))
        result = agent.result
    assert dev.shell(["settings", "get", "global", "wifi_on"]).output.strip() == "0"
    assert result.status == "complete" and result.claimed_complete
    assert result.steps == 4 and result.model_calls == 4
    assert [s.ok for s in steps] == [True, True, True, True]
    assert "Wi-Fi" in steps[2].changed or "wifi" in steps[2].changed.lower()
    # Reasoning is captured, but never sent back to the model.
    assert steps[1].reasoning
    for request in server.requests:
        for message in request.messages:
            assert "reasoning_content" not in message
    run = load(result.trajectory_path)
    assert run.result is not None and run.result.status == "complete"
    assert len(run.steps) == 4 and run.steps[0].action.kind == "open_app"
    assert (Path(result.trajectory_path) / run.steps[0].screenshot).is_file()
    assert API_KEY not in all_text_under(Path(result.trajectory_path))


def test_a_loop_is_detected_then_aborted(dev, tmp_path):
    # "Search settings" does nothing here, so tapping it forever is a loop.
    with ScriptedOpenAIServer([tap(r'"Search settings"', "search")], repeat_last=True) as server:
        dev.app_start("com.android.settings")
        agent = make_agent(dev, server, tmp_path, max_steps=10)
        steps = list(agent.steps("Find the storage settings"))
        result = agent.result
    assert result.status == "failed" and "loop" in result.reason
    blocked = [s for s in steps if s.kind == "blocked"]
    assert blocked and "same screen" in blocked[0].error
    # The model was told to change course before the run gave up.
    assert any("do something different" in prompt_text(r) for r in server.requests)
    assert result.steps < 10


def test_the_run_deadline_is_enforced_even_against_keep_alive_trickle(dev, tmp_path):
    with ScriptedOpenAIServer([trickle(30)], repeat_last=True) as server:
        agent = make_agent(dev, server, tmp_path, timeout_s=3)
        started = time.monotonic()
        result = agent.run("Open the calculator")
        elapsed = time.monotonic() - started
    assert result.status in ("error", "budget_exhausted")
    assert elapsed < 12, f"the run took {elapsed:.1f} s against a 3 s budget"


def test_a_risky_action_is_refused_and_the_model_is_told_why(dev, tmp_path):
    script = [
        act({"kind": "start_intent", "action": "android.intent.action.CALL", "data": "tel:5550100"}, "call"),
        finish("infeasible", "calling was refused"),
    ]
    with ScriptedOpenAIServer(script) as server:
        agent = make_agent(dev, server, tmp_path, confirm="deny")
        steps = list(agent.steps("Check the battery level"))
    assert steps[0].kind == "blocked" and steps[0].error_type == "UnsafeActionDenied"
    assert steps[0].policy is not None and steps[0].policy["decision"] == "denied"
    second_prompt = prompt_text(server.requests[1])
    assert "refused" in second_prompt.lower() or "denied" in second_prompt.lower()
    assert agent.result.status == "infeasible"


def test_interrupting_a_run_keeps_every_finished_step(dev, tmp_path):
    replies = [act({"kind": "open_app", "app": "Settings"}), tap(r'"Display'), tap(r'"Navigate up'), finish()]

    def stop_after_two(step):
        if step.index == 1:
            raise KeyboardInterrupt

    with ScriptedOpenAIServer(replies) as server:
        agent = make_agent(dev, server, tmp_path)
        agent.on_step = stop_after_two
        with pytest.raises(KeyboardInterrupt):
            agent.run("Open display settings")
    run = load(agent.result.trajectory_path)
    assert [s.index for s in run.steps] == [0, 1]
    assert run.result is not None and run.result.status == "interrupted"


def test_an_unusable_reply_gets_a_corrective_reprompt(dev, tmp_path):
    script = [
        think("hmm", "I will tap the settings icon now."),  # no JSON at all
        act({"kind": "open_app", "app": "Settings"}),
        finish(),
    ]
    with ScriptedOpenAIServer(script) as server:
        agent = make_agent(dev, server, tmp_path)
        result = agent.run("Open Settings")
    assert result.status == "complete"
    assert dev.observe().package == "com.android.settings"
    assert result.model_calls == 3


def test_no_model_configured_is_a_config_error_that_says_what_to_set(dev, monkeypatch, tmp_path):
    for name in ("DROIDPILOT_MODEL", "DROIDPILOT_BASE_URL", "DROIDPILOT_API_KEY", "DEEPSEEK_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DROIDPILOT_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    with pytest.raises(errors.ConfigError) as info:
        Agent(dev)
    assert "DROIDPILOT_MODEL" in str(info.value) or "DEEPSEEK_API_KEY" in str(info.value)
