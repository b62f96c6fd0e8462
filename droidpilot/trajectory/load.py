"""Reading a recorded run back into the same models the agent produced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import DroidpilotError
from ..steps import RunResult, Step


class Trajectory(BaseModel):
    path: str
    goal: str
    run: dict[str, Any]
    steps: list[Step]
    result: RunResult | None = None
    truncated_lines: int = 0

    @property
    def complete(self) -> bool:
        """True when the run ended normally (a killed run has no result.json)."""
        return self.result is not None


def load(path: str | Path) -> Trajectory:
    """Load a run directory; a last line cut by a crash is skipped and counted."""
    root = Path(path)
    run_file = root / "run.json"
    if not run_file.is_file():
        raise DroidpilotError(f"{root} is not a droidpilot run directory (no run.json)")
    try:
        run = json.loads(run_file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DroidpilotError(f"{run_file} is not valid JSON: {exc}") from exc
    steps: list[Step] = []
    bad = 0
    steps_file = root / "steps.jsonl"
    if steps_file.is_file():
        for line in steps_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                steps.append(Step.model_validate_json(line))
            except ValidationError:
                bad += 1
    result = None
    result_file = root / "result.json"
    if result_file.is_file():
        try:
            result = RunResult.model_validate_json(result_file.read_text(encoding="utf-8"))
        except ValidationError:
            result = None
    return Trajectory(path=str(root), goal=str(run.get("goal", "")), run=run, steps=steps, result=result, truncated_lines=bad)
