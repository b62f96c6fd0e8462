"""Recorded runs as chat-format training examples, for fine-tuning smaller models on R1's runs.

Each step the model decided becomes one example: the prompt the planner builds for that step,
rebuilt from the record (system rules and action vocabulary, the goal, the model's last plan,
the recent history, the screen as the model saw it), and the answer it gave (its reasoning and
its action as the planner's JSON). The model's running notes are not recorded per step, so
rebuilt prompts leave them out.

Reward, decided by the run's outcome (``result.json``), never by the model's own claim alone:

* ``verified`` in result.json (written by a scenario checker that read the device's state)
  wins when present: 1.0 when true, 0.0 when false;
* otherwise the status decides: ``complete`` → 1.0; ``infeasible``, ``failed``,
  ``budget_exhausted`` and ``error`` → 0.0;
* runs without an outcome (no result.json: killed, or still running) and ``interrupted`` runs
  are skipped: nobody knows whether they would have worked.

Formats:

* ``jsonl``: every decided step of every run with an outcome, with its reward, whether the step
  itself worked, where the decision came from and the run it belongs to (for RL or filtering).
* ``sft``: only what is worth imitating: steps of runs with reward 1.0 that the model (not a
  rule) decided and that worked; ``{"messages": [system, user, assistant]}`` with the
  reasoning inside ``<think>…</think>`` ahead of the JSON, the shape R1-style models are tuned on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from ..actions.vocabulary import action_vocabulary
from ..planner.base import HistoryEntry, PlanItem
from ..planner.prompts import build_prompt
from ..steps import Step
from .load import Trajectory, load

__all__ = ["ExportFormat", "export_examples", "reward_for", "write_examples"]

ExportFormat = Literal["sft", "jsonl"]
_REWARDED = {"complete": 1.0, "infeasible": 0.0, "failed": 0.0, "budget_exhausted": 0.0, "error": 0.0}
_MODEL_SOURCES = {"model", "executor"}


def reward_for(run_dir: str | Path, trajectory: Trajectory | None = None) -> float | None:
    """The run's reward (see the module doc), or None when it has no usable outcome."""
    trajectory = trajectory or load(run_dir)
    if trajectory.result is None:
        return None
    raw: dict[str, Any] = {}
    try:
        raw = json.loads((Path(trajectory.path) / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    if isinstance(raw.get("verified"), bool):
        return 1.0 if raw["verified"] else 0.0
    return _REWARDED.get(trajectory.result.status)


def _assistant_text(step: Step) -> str:
    answer: dict[str, Any] = {"thought": step.thought}
    if step.plan:
        answer["plan"] = step.plan
    answer["action"] = step.action.model_dump(mode="json", exclude_none=True) if step.action is not None else None
    body = json.dumps(answer, ensure_ascii=False)
    return f"<think>\n{step.reasoning.strip()}\n</think>\n{body}" if step.reasoning.strip() else body


def _examples_of(trajectory: Trajectory, reward: float, fmt: ExportFormat, vocabulary: str) -> Iterator[dict[str, Any]]:
    history: list[HistoryEntry] = []
    plan: list[PlanItem] = []  # the planner shows the last plan the model gave, as it does here
    for step in trajectory.steps:
        decided = step.action is not None
        if decided:
            prompt = build_prompt(trajectory.goal, step.screen, vocabulary=vocabulary, history=history, plan=plan)
            messages = [m.model_dump(include={"role", "content"}) for m in prompt.messages]
            from_model = step.source in _MODEL_SOURCES
            worked = step.ok and step.kind in ("action", "final")
            if fmt == "jsonl":
                yield {
                    "run": trajectory.path,
                    "goal": trajectory.goal,
                    "step": step.index,
                    "messages": messages,
                    "reasoning": step.reasoning,
                    "action": step.action.model_dump(mode="json", exclude_none=True),
                    "completion": _assistant_text(step),
                    "source": step.source,
                    "step_ok": worked,
                    "status": trajectory.result.status if trajectory.result else None,
                    "reward": reward,
                }
            elif reward >= 1.0 and from_model and worked:
                yield {"messages": [*messages, {"role": "assistant", "content": _assistant_text(step)}]}
        if step.plan:
            plan = [PlanItem.model_validate(item) for item in step.plan]
        history.append(
            HistoryEntry(
                step=step.index, action=step.action, thought=step.thought, ok=step.ok,
                error=step.error or "", changed=step.changed,
            )
        )


def export_examples(run_dirs: Iterable[str | Path], fmt: ExportFormat = "sft") -> Iterator[dict[str, Any]]:
    """Training examples from the given run directories, in order (see the module doc)."""
    if fmt not in ("sft", "jsonl"):
        raise ValueError(f"unknown export format {fmt!r}: use sft or jsonl")
    vocabulary = action_vocabulary()
    for run_dir in run_dirs:
        trajectory = load(run_dir)
        reward = reward_for(run_dir, trajectory)
        if reward is None:
            continue
        yield from _examples_of(trajectory, reward, fmt, vocabulary)


def write_examples(run_dirs: Iterable[str | Path], out: Any, fmt: ExportFormat = "sft") -> int:
    """Write examples as JSON lines to the text stream ``out``; returns how many were written."""
    count = 0
    for example in export_examples(run_dirs, fmt):
        out.write(json.dumps(example, ensure_ascii=False) + "\n")
        count += 1
    return count
