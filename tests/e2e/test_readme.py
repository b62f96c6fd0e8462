"""The README's commands are real: each `droidpilot ...` line parses against the actual command
tree and is run by a named test; the Python API example runs as written; the model-endpoint
examples configure what they say."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from droidpilot.cli import app
from droidpilot.config import load_settings
from tests.e2e import (
    test_avd_fake_sdk,
    test_cli_device,
    test_cli_emulator,
    test_cli_run,
    test_export_runs,
    test_report_html,
)
from tests.e2e.cli_support import API_KEY
from tests.support.openai_server import ScriptedOpenAIServer
from tests.support.screen_script import finish

README = Path(__file__).resolve().parents[2] / "README.md"

# Each README command (its subcommand path and options) → the tests that run that form.
COVERED = {
    ("run",): [test_cli_run.test_without_a_model_it_says_what_to_set_in_one_line_and_exits_2,
               test_cli_run.test_a_goal_runs_with_one_line_per_step_a_summary_and_a_report],
    ("run", "--json", "--max-steps", "--timeout", "--max-cost"): [test_cli_run.test_json_output_and_an_infeasible_goal_exits_1_on_the_only_attached_device,
                                                                   test_cli_run.test_running_out_of_steps_exits_1],
    ("run", "--confirm"): [test_cli_run.test_confirm_ask_prompts_at_the_terminal_and_a_no_refuses_the_call],
    ("run", "--device"): [test_cli_run.test_a_device_that_is_not_attached_exits_3_without_a_traceback],
    ("devices",): [test_cli_device.test_devices_lists_the_virtual_device_with_its_facts],
    ("emulator", "avds"): [test_avd_fake_sdk.test_cli_lists_boots_shows_and_stops_an_avd],
    ("emulator", "boot"): [test_avd_fake_sdk.test_cli_lists_boots_shows_and_stops_an_avd],
    ("emulator", "stop"): [test_avd_fake_sdk.test_cli_lists_boots_shows_and_stops_an_avd,
                           test_cli_emulator.test_detached_start_returns_once_adb_lists_it_and_stop_ends_it],
    ("emulator", "start", "--detach"): [test_cli_emulator.test_detached_start_returns_once_adb_lists_it_and_stop_ends_it],
    ("report",): [test_report_html.test_cli_report_prints_the_path_and_rejects_a_directory_without_a_run],
    ("export", "--format", "-o"): [test_export_runs.test_cli_export_writes_json_lines_to_a_file_or_stdout],
    ("observe", "--marked"): [test_cli_device.test_observe_prints_the_screen_the_model_sees_and_writes_the_marked_screenshot],
    ("act",): [test_cli_device.test_act_runs_one_action_through_the_actuator_and_reports_the_change],
    ("doctor",): [test_cli_device.test_doctor_checks_adb_devices_uiautomator2_and_the_model_endpoint],
}


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(), re.DOTALL)


def readme_commands() -> list[list[str]]:
    commands = []
    for block in code_blocks("bash"):
        for line in block.splitlines():
            line = line.split(" #")[0].strip() if not line.strip().startswith("#") else ""
            if line.startswith("droidpilot "):
                commands.append(shlex.split(line)[1:])
    return commands


def parse(argv: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """Walk the real command tree; check every option exists and the positionals fit."""
    command = typer.main.get_command(app)
    path: list[str] = []
    rest = list(argv)
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        path.append(rest[0])
        command = command.commands[rest.pop(0)]
    options = {opt: param for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    used, positionals = [], 0
    while rest:
        token = rest.pop(0)
        if token.startswith("-"):
            assert token in options, f"`droidpilot {' '.join(argv)}`: {' '.join(path)} has no option {token}"
            used.append(token)
            if not options[token].is_flag:
                rest.pop(0)
        else:
            positionals += 1
    arguments = [p for p in command.params if not p.opts[0].startswith("-")]
    unlimited = any(p.nargs == -1 for p in arguments)
    assert unlimited or positionals <= len(arguments), f"`droidpilot {' '.join(argv)}`: too many arguments"
    return tuple(path), used


def test_every_readme_command_parses_and_is_run_by_a_test():
    commands = readme_commands()
    assert len(commands) >= 12
    for argv in commands:
        path, options = parse(argv)
        key = (*path, *options)
        assert key in COVERED, f"`droidpilot {' '.join(argv)}` in the README is not exercised by any test"
        for test in COVERED[key]:
            assert callable(test)


@pytest.mark.parametrize(
    "env, provider, base_url",
    [
        ({"DEEPSEEK_API_KEY": "sk-x", "DROIDPILOT_MODEL": "deepseek-reasoner"}, "deepseek", "https://api.deepseek.com"),
        ({"DROIDPILOT_BASE_URL": "http://localhost:8000/v1", "DROIDPILOT_MODEL": "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"}, "generic", "http://localhost:8000/v1"),
        ({"DROIDPILOT_BASE_URL": "http://localhost:11434/v1", "DROIDPILOT_MODEL": "deepseek-r1:14b"}, "ollama", "http://localhost:11434/v1"),
    ],
)
def test_the_model_endpoint_examples_configure_what_they_say(env, provider, base_url, tmp_path):
    settings = load_settings(env={**env, "HOME": str(tmp_path)})
    assert settings.model.provider == provider and settings.model.base_url == base_url
    assert settings.model.name == env["DROIDPILOT_MODEL"]


def test_the_python_api_example_runs_as_written(monkeypatch, e2e_adb, device, tmp_path):
    (example,) = [block for block in code_blocks("python") if "import droidpilot as dp" in block]
    with ScriptedOpenAIServer([finish("complete", "done")], repeat_last=True) as server:
        for name, value in {
            "ANDROID_ADB_SERVER_PORT": str(e2e_adb.port), "ANDROID_SERIAL": device.serial, "HOME": str(tmp_path),
            "DROIDPILOT_MODEL": "deepseek-reasoner", "DROIDPILOT_BASE_URL": server.base_url, "DROIDPILOT_API_KEY": API_KEY,
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        namespace: dict = {}
        exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    assert namespace["result"].status == "complete" and namespace["agent"].result.status == "complete"
    assert len(list((tmp_path / "runs").iterdir())) == 2
