"""`droidpilot run` end to end: the installed entry point in a subprocess, the virtual device over
a private adb server, and a real local OpenAI-protocol server playing scripted replies."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from droidpilot.emulator.virtual.adbserver import AdbServer, free_port
from droidpilot.emulator.virtual.device import VirtualDevice
from tests.e2e.cli_support import API_KEY, Cli, base_env, free_high_pair, interrupt, model_env, wait_state
from tests.support.openai_server import ScriptedOpenAIServer, http_error, trickle
from tests.support.screen_script import act, finish, tap

NO_MODEL_ENV = {"DROIDPILOT_MODEL": "", "DEEPSEEK_API_KEY": "", "OPENAI_API_KEY": ""}


def only_run_dir(root: Path) -> Path:
    runs = [p for p in (root / "runs").iterdir() if p.is_dir()]
    assert len(runs) == 1, runs
    return runs[0]


def test_without_a_model_it_says_what_to_set_in_one_line_and_exits_2(cli):
    proc = cli("run", "turn Wi-Fi off", **NO_MODEL_ENV)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "DROIDPILOT_MODEL" in lines[0] and "API key" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_a_goal_runs_with_one_line_per_step_a_summary_and_a_report(cli, device, tmp_path):
    script = [
        act({"kind": "open_app", "app": "Settings"}, "open Settings"),
        tap(r'"Network & internet', "network page", reasoning="Wi-Fi lives under Network & internet."),
        tap(r'"Wi-Fi', "toggle Wi-Fi"),
        finish("complete", "Wi-Fi is off"),
    ]
    with ScriptedOpenAIServer(script) as server:
        proc = cli("run", "Turn off Wi-Fi", "-v", "--planner", "r1", **model_env(server))
    assert proc.returncode == 0, proc.stderr
    step_lines = [line for line in proc.stdout.splitlines() if line[:3].strip().isdigit()]
    assert len(step_lines) == 4
    assert "model" in step_lines[0] and "open app" in step_lines[0] and "tok" in step_lines[0]
    assert "Wi-Fi lives under Network & internet." in proc.stdout  # -v shows the reasoning
    assert "status: complete" in proc.stdout and "model calls: 4" in proc.stdout and "tokens:" in proc.stdout
    assert device.system.settings.get("global", "wifi_on") == "0"
    run_dir = only_run_dir(tmp_path)
    report = run_dir / "report.html"
    assert f"report: runs/{run_dir.name}/report.html" in proc.stdout
    page = report.read_text()
    assert page.count('class="step ') == 4 and "Wi-Fi is off" in page
    assert API_KEY not in "".join(p.read_text(errors="replace") for p in run_dir.iterdir() if p.is_file())


def test_json_output_and_an_infeasible_goal_exits_1_on_the_only_attached_device(cli, device):
    with ScriptedOpenAIServer([finish("infeasible", "there is no such app")]) as server:
        proc = cli("run", "Open the teleporter app", "--json", "--timeout", "300", "--max-cost", "0.05",
                   ANDROID_SERIAL="", **model_env(server))
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    assert result["status"] == "infeasible" and result["reason"] == "there is no such app"
    assert result["steps"] == 1 and Path(result["report"]).is_file()
    assert "status: infeasible" in proc.stderr  # progress and summary go to stderr with --json
    assert f"device {device.serial}" in proc.stderr


def test_running_out_of_steps_exits_1(cli, device, tmp_path):
    with ScriptedOpenAIServer([act({"kind": "open_app", "app": "Settings"})], repeat_last=True) as server:
        proc = cli("run", "Find the storage settings", "--max-steps", "1", "--json", "--record-dir", "elsewhere",
                   "--planner", "tiered", DROIDPILOT_EXECUTOR_MODEL="deepseek-chat", **model_env(server))
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    assert result["status"] == "budget_exhausted"
    assert Path(result["report"]).parent.parent == tmp_path / "elsewhere"


def test_a_model_endpoint_that_refuses_the_key_ends_the_run_with_exit_1(cli, device):
    with ScriptedOpenAIServer([http_error(401, "invalid api key")], repeat_last=True) as server:
        proc = cli("run", "Open Settings", "--json", **model_env(server))
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "error" and "401" in result["reason"]
    assert "Traceback" not in proc.stderr


def test_a_device_that_dies_mid_run_exits_3_and_keeps_the_trajectory_and_report(tmp_path, e2e_adb):
    doomed = VirtualDevice(free_high_pair(5740), adb_server_port=e2e_adb.port).start()
    try:
        wait_state(e2e_adb, doomed.serial)
        env = {**base_env(tmp_path, e2e_adb.port), "ANDROID_SERIAL": doomed.serial}

        def pull_the_plug(request):
            doomed.stop()
            return act({"kind": "open_app", "app": "Settings"})

        with ScriptedOpenAIServer([pull_the_plug]) as server:
            proc = Cli(env=env, cwd=tmp_path)("run", "Open Settings", **model_env(server))
    finally:
        doomed.stop()
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert proc.stderr.startswith("droidpilot: ") and "Traceback" not in proc.stderr
    run_dir = only_run_dir(tmp_path)
    assert json.loads((run_dir / "result.json").read_text())["status"] == "error"
    assert 'id="status">error<' in (run_dir / "report.html").read_text()


def test_a_device_that_is_not_attached_exits_3_without_a_traceback(cli):
    env = {"DROIDPILOT_MODEL": "m", "DROIDPILOT_BASE_URL": "http://127.0.0.1:9/v1", "DROIDPILOT_API_KEY": API_KEY}
    proc = cli("run", "anything", "--device", "emulator-5998", **env)
    assert proc.returncode == 3
    assert proc.stderr.strip().startswith("droidpilot: device 'emulator-5998' is not attached")
    assert "Traceback" not in proc.stderr


def test_the_tiered_planner_without_an_executor_model_says_what_to_set(cli):
    env = {"DROIDPILOT_MODEL": "m", "DROIDPILOT_BASE_URL": "http://127.0.0.1:9/v1", "DROIDPILOT_API_KEY": API_KEY}
    proc = cli("run", "anything", "--planner", "tiered", **env)
    assert proc.returncode == 2 and "DROIDPILOT_EXECUTOR_MODEL" in proc.stderr


@pytest.mark.parametrize(
    "status, last_error, code",
    [("complete", None, 0), ("infeasible", None, 1), ("failed", None, 1), ("budget_exhausted", None, 1),
     ("interrupted", None, 130), ("error", "ModelError", 1), ("error", None, 3), ("error", "ElementNotFound", 3)],
)
def test_each_outcome_has_its_exit_code(status, last_error, code):
    from droidpilot.cli.run_cmd import exit_code_of
    from droidpilot.steps import RunResult, Step

    steps = [Step(index=0, ok=last_error is None, error_type=last_error)]
    assert exit_code_of(RunResult(goal="g", status=status), steps) == code


@pytest.mark.parametrize("args", [["run"], ["run", "x", "--confirm", "maybe"], ["run", "x", "--max-steps", "0"], ["fly"]])
def test_usage_errors_exit_2(cli, args):
    proc = cli(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_confirm_ask_prompts_at_the_terminal_and_a_no_refuses_the_call(cli, device):
    script = [
        act({"kind": "start_intent", "action": "android.intent.action.CALL", "data": "tel:5550100"}, "call"),
        finish("infeasible", "the call was refused"),
    ]
    with ScriptedOpenAIServer(script) as server:
        proc = cli("run", "Check the weather", "--confirm", "ask", input="n\n", **model_env(server))
    assert "Allow this action? [y/N]" in proc.stdout + proc.stderr
    assert "UnsafeActionDenied" in proc.stdout
    assert proc.returncode == 1


def test_ctrl_c_exits_130_keeping_the_trajectory_and_the_report(cli, device, tmp_path):
    with ScriptedOpenAIServer([act({"kind": "open_app", "app": "Settings"}), trickle(60)]) as server:
        proc = cli.popen("run", "Open display settings", **model_env(server))
        steps_file = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = list((tmp_path / "runs").glob("*/steps.jsonl")) if (tmp_path / "runs").is_dir() else []
            if found and found[0].read_text().count("\n") >= 1 and len(server.requests) >= 2:
                steps_file = found[0]
                break
            time.sleep(0.1)
        assert steps_file is not None, "the first step never finished"
        code, stdout, stderr = interrupt(proc)
    assert code == 130, stderr
    run_dir = steps_file.parent
    result = json.loads((run_dir / "result.json").read_text())
    assert result["status"] == "interrupted" and result["steps"] >= 1
    page = (run_dir / "report.html").read_text()
    assert 'id="status">interrupted<' in page and 'id="step-0"' in page
    assert "status: interrupted" in stdout and "Traceback" not in stderr


def test_with_no_device_attached_the_built_in_one_is_started_for_the_run(tmp_path):
    # ADB_LOCAL_TRANSPORT_MAX_PORT below 5555 turns off the server's emulator port scan, so other
    # sessions' virtual devices stay invisible; the one the run starts registers itself.
    server = AdbServer(free_port())
    server.adb("start-server", env={"ADB_LOCAL_TRANSPORT_MAX_PORT": "5553"})
    with server.start():
        assert server.adb("devices").stdout.strip().splitlines()[1:] == []
        cli = Cli(env=base_env(tmp_path, server.port), cwd=tmp_path)
        with ScriptedOpenAIServer([act({"kind": "answer", "text": "The battery is at 100%"})]) as model:
            proc = cli("run", "What is the battery level?", **model_env(model))
        assert proc.returncode == 0, proc.stderr
        assert "answer: The battery is at 100%" in proc.stdout
        assert "no device attached: started the built-in virtual device emulator-" in proc.stdout
        serial = proc.stdout.split("started the built-in virtual device ")[1].split()[0]
        assert f"device {serial}" in proc.stdout and "status: complete" in proc.stdout
        listing = server.adb("devices").stdout
        assert f"{serial}\tdevice" not in listing  # stopped when the run ended
