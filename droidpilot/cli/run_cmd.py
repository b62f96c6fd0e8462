"""`droidpilot run "GOAL"`: one goal, live progress, a summary, a report, an exit code."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.text import Text

from ..errors import ConfigError, DroidpilotError, ModelError, PlannerError, PlanParseError
from .common import EXIT_DEVICE, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, device_or_virtual, err, out

if TYPE_CHECKING:  # the run's modules load only when a run starts (keeps every command fast)
    from ..steps import RunResult, Step

RUN_HELP = """Carry out GOAL on a device, step by step, and write a report of the run.

The device: --device SERIAL, else $ANDROID_SERIAL, else the only attached device; with none
attached, the built-in virtual device is started for the run. The model comes from
--model/--base-url, DROIDPILOT_* variables or ~/.config/droidpilot/config.yaml; the API key only
from the environment (DROIDPILOT_API_KEY, DEEPSEEK_API_KEY or OPENAI_API_KEY).

Exit codes: 0 complete, 1 failed/infeasible/out of budget, 2 usage or configuration error,
3 device error, 130 interrupted (the steps so far and the report are kept).

\b
Examples:
  droidpilot run "turn Wi-Fi off"
  droidpilot run "text Alice that I'm late" --device emulator-5554 --confirm ask
  droidpilot run "what is the battery level?" --model deepseek-reasoner --json
  droidpilot run "open the clock" --base-url http://localhost:8000/v1 --model my-model --max-steps 10
"""

_FAILED_STATUSES = {"failed", "infeasible", "budget_exhausted"}


class PlannerName(str, Enum):
    r1 = "r1"
    tiered = "tiered"


class ConfirmMode(str, Enum):
    ask = "ask"
    deny = "deny"
    allow = "allow"


def build_run_planner(name: PlannerName | None, model: str | None, base_url: str | None):
    """The planner for a run and its settings: read first, so a missing model is reported before any device work."""
    from ..config import load_settings
    from ..planner import R1Planner, build_planner

    settings = load_settings(model=model, base_url=base_url)
    if name is PlannerName.r1:
        return R1Planner(settings=settings), settings
    if name is PlannerName.tiered and settings.executor is None:
        raise ConfigError(
            "--planner tiered needs an executor model: set DROIDPILOT_EXECUTOR_MODEL (e.g. deepseek-chat) "
            "or `executor:` in the config file"
        )
    return build_planner(settings), settings


def step_line(step: Step) -> Text:
    """One line per step: index, decision source, action, outcome, tokens, time."""
    ok_style = "green" if step.ok else "red"
    line = Text()
    line.append(f"{step.index:>3} ", style="bold")
    line.append(f"{(step.source or step.kind):<8} ", style="cyan")
    line.append(step.action_text or step.kind)
    line.append(" → ")
    line.append(step.result or step.error or ("ok" if step.ok else "failed"), style=ok_style)
    line.append(f"  [{step.usage.total_tokens} tok, {step.timings.total_ms / 1000:.1f} s]", style="dim")
    return line


def summary_lines(result: RunResult, report: Path | None) -> list[Text]:
    style = "bold green" if result.status == "complete" else "bold red"
    lines = [Text.assemble(("status: ", "bold"), (result.status, style), f" — {result.reason}")]
    if result.answer:
        lines.append(Text.assemble(("answer: ", "bold"), result.answer))
    usage = result.usage
    cost = "n/a (no price configured)" if result.cost_usd is None else f"${result.cost_usd:.4f}"
    lines.append(
        Text(
            f"steps: {result.steps} · model calls: {result.model_calls} · tokens: {usage.total_tokens} "
            f"({usage.prompt_tokens} in, {usage.completion_tokens} out) · cost: {cost} · time: {result.wall_time_s:.1f} s"
        )
    )
    if report is not None:
        lines.append(Text.assemble(("report: ", "bold"), str(report)))
    return lines


def exit_code_of(result: RunResult, steps: list[Step]) -> int:
    if result.status == "complete":
        return EXIT_OK
    if result.status == "interrupted":
        return EXIT_INTERRUPTED
    if result.status == "error":
        last = steps[-1] if steps else None
        planner_errors = {ModelError.__name__, PlannerError.__name__, PlanParseError.__name__}
        if last is not None and last.error_type in planner_errors:
            return EXIT_FAILED
        return EXIT_DEVICE
    return EXIT_FAILED


def _refresh_report(run_dir: Path | None) -> Path | None:
    if run_dir is None:
        return None
    from ..trajectory.report import write_report

    return write_report(run_dir)


def run(
    goal: str = typer.Argument(..., help="what to do, in plain language"),
    device: Optional[str] = typer.Option(None, "--device", "-s", help="device serial (default: $ANDROID_SERIAL, the only one attached, or the built-in virtual device)"),
    planner: Optional[PlannerName] = typer.Option(None, "--planner", help="r1: the model alone; tiered: planner + executor model (default: tiered when an executor is configured)"),
    model: Optional[str] = typer.Option(None, "--model", help="model name, e.g. deepseek-reasoner (default: DROIDPILOT_MODEL / config file)"),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1 (key from the environment)"),
    max_steps: int = typer.Option(30, "--max-steps", min=1, help="stop after this many steps"),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=1, help="wall-clock budget in seconds (default: run_timeout_s, 1800)"),
    max_cost: Optional[float] = typer.Option(None, "--max-cost", min=0, help="stop once the model cost passes this many USD"),
    confirm: ConfirmMode = typer.Option(ConfirmMode.ask, "--confirm", help="risky actions (send, pay, delete, call): ask at the terminal, deny, or allow"),
    record_dir: Path = typer.Option(Path("runs"), "--record-dir", help="where run directories (steps, screenshots, report.html) go"),
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON on stdout (progress goes to stderr)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show the model's reasoning for every step"),
) -> None:
    from ..actions import terminal_ask
    from ..agent import Agent, AgentConfig

    progress = err if as_json else out
    chosen, settings = build_run_planner(planner, model, base_url)
    config = AgentConfig(
        max_steps=max_steps,
        timeout_s=timeout or settings.run_timeout_s,
        max_cost_usd=max_cost,
        confirm=confirm.value,
        record_dir=record_dir,
    )
    ask = terminal_ask(write=lambda text: err.print(text, markup=False)) if confirm is ConfirmMode.ask else None
    dev, virtual = device_or_virtual(device, lambda text: progress.print(text, markup=False, style="yellow"))
    steps: list[Step] = []
    run_dir: Path | None = None
    interrupted = False
    try:
        agent = Agent(dev, chosen, config, confirm=ask)
        progress.print(Text.assemble(("goal: ", "bold"), goal, f"  (device {dev.serial}, planner {getattr(chosen, 'name', '')})"))
        stream = agent.steps(goal)
        try:
            for step in stream:
                steps.append(step)
                run_dir = agent.recorder.path if agent.recorder is not None else None
                progress.print(step_line(step))
                if verbose and (step.reasoning or step.thought):
                    progress.print(Text(step.reasoning or step.thought, style="dim italic"))
                _refresh_report(run_dir)
        except KeyboardInterrupt:
            interrupted = True
            stream.close()
        except DroidpilotError:
            # The agent saved the trajectory and its result; the report must not miss them either.
            _refresh_report(agent.recorder.path if agent.recorder is not None else None)
            raise
        result = agent.result
        if agent.recorder is not None:
            run_dir = agent.recorder.path
    finally:
        if virtual is not None:
            virtual.stop()
    if result is None:
        raise DroidpilotError("the run ended without a result; see the log above")
    report = _refresh_report(run_dir)
    if as_json:
        payload = result.model_dump(mode="json")
        payload["report"] = str(report.resolve()) if report else None
        sys.stdout.write(json.dumps(payload) + "\n")
    for line in summary_lines(result, report):
        progress.print(line)
    code = EXIT_INTERRUPTED if interrupted else exit_code_of(result, steps)
    raise typer.Exit(code)
