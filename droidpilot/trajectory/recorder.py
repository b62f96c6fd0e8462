"""Writes a run to disk as it happens, so a crash or Ctrl-C loses nothing already done.

Layout of a run directory::

    run.json          goal, start time, device, planner, configuration (no secrets)
    steps.jsonl       one JSON object per step, appended, flushed and fsynced every step
    step_003.png      the screenshot the step decided on (when recorded)
    step_003_marked.png   the same with numbered element boxes
    result.json       the RunResult, written at the end (absent when the run was killed)
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..steps import RunResult, Step

SECRET_KEYS = re.compile(r"(api[_-]?key|authorization|token|secret|password)", re.IGNORECASE)
REDACTED = "[redacted]"


def redact(value: Any) -> Any:
    """Remove values stored under secret-looking keys (API keys never reach the disk)."""
    if isinstance(value, dict):
        return {k: (REDACTED if SECRET_KEYS.search(str(k)) and v else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def run_dir_name(goal: str, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    slug = re.sub(r"[^a-z0-9]+", "-", goal.lower()).strip("-")[:40] or "run"
    return f"{when.strftime('%Y%m%d-%H%M%S')}-{slug}"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class Recorder:
    """Append-only writer of one run directory."""

    def __init__(self, root: str | Path, goal: str, *, meta: dict[str, Any] | None = None, secrets: list[str] | None = None) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.path = self.root / run_dir_name(goal)
        n = 1
        while self.path.exists():
            n += 1
            self.path = self.root / f"{run_dir_name(goal)}-{n}"
        self.path.mkdir(parents=True)
        self._secrets = [s for s in (secrets or []) if s]
        run = {"goal": goal, "started": datetime.now(timezone.utc).isoformat(), **redact(meta or {})}
        _write_atomic(self.path / "run.json", self._scrub(json.dumps(run, indent=1, default=str)).encode("utf-8"))
        self._steps = open(self.path / "steps.jsonl", "a", encoding="utf-8")

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def add_secret(self, value: str) -> None:
        """Text typed into password fields: never written, wherever it would appear."""
        if value and value not in self._secrets:
            self._secrets.append(value)

    def screenshot(self, index: int, png: bytes | None, marked: bytes | None = None) -> tuple[str | None, str | None]:
        names: list[str | None] = [None, None]
        if png:
            names[0] = f"step_{index:03d}.png"
            _write_atomic(self.path / names[0], png)
        if marked:
            names[1] = f"step_{index:03d}_marked.png"
            _write_atomic(self.path / names[1], marked)
        return names[0], names[1]

    def step(self, step: Step) -> None:
        line = self._scrub(step.model_dump_json())
        self._steps.write(line + "\n")
        self._steps.flush()
        os.fsync(self._steps.fileno())

    def finish(self, result: RunResult) -> None:
        result = result.model_copy(update={"trajectory_path": str(self.path)})
        _write_atomic(self.path / "result.json", self._scrub(result.model_dump_json(indent=1)).encode("utf-8"))
        self.close()

    def close(self) -> None:
        if not self._steps.closed:
            self._steps.close()
