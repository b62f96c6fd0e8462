"""`droidpilot export`: recorded runs as chat-format training examples with the outcome's reward."""

from __future__ import annotations

import json

from droidpilot.actions import Finish, OpenApp
from droidpilot.trajectory.export import export_examples, reward_for
from tests.e2e.run_fixtures import SCREEN_0, complete_run, model_step, record


def test_sft_keeps_the_models_working_steps_of_successful_runs_as_chat_examples(tmp_path):
    run = complete_run(tmp_path)
    examples = list(export_examples([run], "sft"))
    # steps 0, 2, 4, 5, 6: step 1 failed (wrong index), step 3 was a rule, not the model
    assert len(examples) == 5
    first = examples[0]["messages"]
    assert [m["role"] for m in first] == ["system", "user", "assistant"]
    assert "<goal>\nTurn Wi-Fi off\n</goal>" in first[1]["content"] and '"Settings"' in first[1]["content"]
    assert first[2]["content"].startswith("<think>\nSettings holds Wi-Fi.\n</think>\n")
    answer = json.loads(first[2]["content"].split("</think>\n", 1)[1])
    assert answer["action"] == {"kind": "open_app", "app": "Settings"} and answer["thought"] == "thought 0"
    # Later prompts carry the history the model was shown, failures included.
    later = examples[1]["messages"][1]["content"]
    assert 'open app "Settings"' in later and "FAILED: no element [7]" in later


def test_the_models_last_plan_is_part_of_the_rebuilt_prompt(tmp_path):
    first = model_step(0, OpenApp(app="Settings"), SCREEN_0)
    first.plan = [{"text": "open Settings", "done": True}, {"text": "switch Wi-Fi off", "done": False}]
    steps = [first, model_step(1, Finish(status="complete"), SCREEN_0, kind="final")]
    run = record(tmp_path, "Turn Wi-Fi off", steps, "complete")
    prompts = [e["messages"][1]["content"] for e in export_examples([run], "sft")]
    assert "plan so far" not in prompts[0]
    assert "1. [x] open Settings\n2. [ ] switch Wi-Fi off" in prompts[1]


def test_jsonl_keeps_every_decided_step_with_reward_source_and_outcome(tmp_path):
    run = complete_run(tmp_path)
    rows = list(export_examples([run], "jsonl"))
    assert [r["step"] for r in rows] == [0, 1, 2, 3, 4, 5, 6]
    assert {r["reward"] for r in rows} == {1.0}
    assert rows[1]["step_ok"] is False and rows[3]["source"] == "rule"
    assert rows[0]["reasoning"] == "Settings holds Wi-Fi." and rows[0]["status"] == "complete"


def test_the_runs_outcome_decides_the_reward(tmp_path):
    steps = [model_step(0, OpenApp(app="Clock"), SCREEN_0), model_step(1, Finish(status="infeasible"), SCREEN_0, kind="final")]
    infeasible = record(tmp_path, "Open the teleporter", steps, "infeasible")
    killed = record(tmp_path, "Killed run", steps[:1], None)
    interrupted = record(tmp_path, "Stopped run", steps[:1], "interrupted")
    refuted = record(tmp_path, "Claimed but not done", steps, "complete", verified=False)
    confirmed = record(tmp_path, "Checked by a scenario", steps, "infeasible", verified=True)
    assert reward_for(infeasible) == 0.0
    assert reward_for(killed) is None and reward_for(interrupted) is None
    assert reward_for(refuted) == 0.0 and reward_for(confirmed) == 1.0
    assert list(export_examples([infeasible, killed, interrupted, refuted], "sft")) == []
    rows = list(export_examples([infeasible, killed, interrupted, refuted, confirmed], "jsonl"))
    assert [(r["goal"], r["reward"]) for r in rows] == [
        ("Open the teleporter", 0.0), ("Open the teleporter", 0.0),
        ("Claimed but not done", 0.0), ("Claimed but not done", 0.0),
        ("Checked by a scenario", 1.0), ("Checked by a scenario", 1.0),
    ]


def test_cli_export_writes_json_lines_to_a_file_or_stdout(cli, tmp_path):
    run = complete_run(tmp_path / "runs")
    out = tmp_path / "train.jsonl"
    to_file = cli("export", str(run), "--format", "sft", "-o", str(out))
    assert to_file.returncode == 0, to_file.stderr
    assert "5 examples from 1 runs (sft)" in to_file.stderr
    assert len(out.read_text().splitlines()) == 5
    to_stdout = cli("export", str(run), "--format", "jsonl")
    assert [json.loads(line)["step"] for line in to_stdout.stdout.splitlines()] == [0, 1, 2, 3, 4, 5, 6]
    missing = cli("export", str(tmp_path / "nope"))
    assert missing.returncode == 2
