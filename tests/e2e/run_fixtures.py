"""Run directories written by the real Recorder from hand-made steps (no device, no model), for
the report and export tests that are about the files rather than the run."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from droidpilot.actions import Finish, OpenApp, Swipe, Tap, TypeText
from droidpilot.planner.usage import Usage
from droidpilot.steps import RunResult, Step, Timings
from droidpilot.trajectory import Recorder

SCREEN_0 = '<screen>\napp com.android.launcher3\n[0] button "Settings" @100,200\n[1] button "Clock" @300,200\n</screen>'
SCREEN_1 = '<screen>\napp com.android.settings\n[0] text "Settings"\n[1] button "Network & internet" @540,514\n</screen>'


def white_png(width: int = 1080, height: int = 2400) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def model_step(index: int, action, screen: str, *, reasoning: str = "", ok: bool = True, kind: str = "action",
               source: str = "model", sent: list[str] | None = None, error: str = "") -> Step:
    return Step(
        index=index, kind=kind, source=source, action=action, action_text=action.describe() if action else kind,
        thought=f"thought {index}", reasoning=reasoning, screen=screen, ok=ok, result="ok" if ok else "",
        error=error, error_type=None if ok else "ElementNotFound", sent=sent or [], changed=f"change after {index}",
        usage=Usage(prompt_tokens=900, completion_tokens=40 + index, calls=1),
        timings=Timings(total_ms=1000 + 100 * index, model_ms=600),
    )


def record(root: Path, goal: str, steps: list[Step], status: str | None, *, verified: bool | None = None,
           screenshots: bool = False) -> Path:
    """Write a run; ``status=None`` leaves it without result.json (a killed run)."""
    recorder = Recorder(root, goal, meta={"device": "emulator-5554", "planner": "deepseek-reasoner"})
    for step in steps:
        if screenshots:
            step.screenshot, step.marked_screenshot = recorder.screenshot(step.index, white_png(), white_png())
        recorder.step(step)
    if status is None:
        recorder.close()
        return recorder.path
    result = RunResult(goal=goal, status=status, reason=f"ended {status}", steps=len(steps), model_calls=len(steps))
    recorder.finish(result)
    if verified is not None:
        data = json.loads((recorder.path / "result.json").read_text())
        data["verified"] = verified
        (recorder.path / "result.json").write_text(json.dumps(data))
    return recorder.path


def complete_run(root: Path, *, screenshots: bool = False) -> Path:
    steps = [
        model_step(0, OpenApp(app="Settings"), SCREEN_0, reasoning="Settings holds Wi-Fi."),
        model_step(1, Tap(index=7), SCREEN_1, ok=False, error="no element [7] on this screen"),
        model_step(2, Tap(index=1), SCREEN_1, reasoning="Network & internet next.", sent=["tap 540 514"]),
        model_step(3, Tap(index=0), SCREEN_1, source="rule", kind="rule", sent=["tap 540 300"]),
        model_step(4, Swipe(direction="up"), SCREEN_1, sent=["swipe 540,1700 -> 540,700 300ms"]),
        model_step(5, TypeText(text="hello", index=1), SCREEN_1, sent=["tap 540 514 (focus)", "setText (5 chars)"]),
        model_step(6, Finish(status="complete", reason="done"), SCREEN_1, kind="final"),
    ]
    return record(root, "Turn Wi-Fi off", steps, "complete", screenshots=screenshots)
