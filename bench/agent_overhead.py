"""The agent's own cost per step, and the prompt it sends, on the virtual device.

    python bench/agent_overhead.py [--steps 50] [--json out.json]

A scripted model (in process, no HTTP) drives a 50-step run that walks through Settings and the
launcher. Per step the bench splits wall time into the device (every call the agent makes on
the device, timed by a proxy), the model (the scripted model's own time, ~0) and the rest: the
agent's own time (perception, prompt building, parsing, validation, policy, recording).
Target: own time ≤ 10 ms per step (median). Also prints the prompt size per step of a 10-step
run (characters and tokens estimated at 4 characters per token; no tokenizer is installed):
target ≤ 2,000 tokens per step on typical screens.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from droidpilot.agent import Agent, AgentConfig  # noqa: E402
from droidpilot.device import connect  # noqa: E402
from droidpilot.emulator.virtual.adbserver import AdbServer  # noqa: E402
from droidpilot.emulator.virtual.device import VirtualDevice  # noqa: E402
from droidpilot.planner import R1Planner, ScriptedChatModel  # noqa: E402

_LINE = re.compile(r"^\s*\[(\d+)\]\s+(.*)$")

# A tour that keeps the screen changing: (pattern to tap | an action dict).
TOUR: list[Any] = [
    {"kind": "open_app", "app": "Settings"},
    r'"Display',
    {"kind": "press_key", "key": "back"},
    r'"Network & internet',
    r'"Airplane mode',
    r'"Airplane mode',
    {"kind": "press_key", "key": "back"},
    r'"Sound',
    {"kind": "press_key", "key": "back"},
    r'"About phone',
    {"kind": "press_key", "key": "back"},
    {"kind": "press_key", "key": "home"},
]


class TimedDevice:
    """Wraps a device and adds up the time spent inside its calls."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.spent = 0.0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - t0

        return timed


def scripted_model(steps: int) -> ScriptedChatModel:
    def reply_for(i: int):
        item = TOUR[i % len(TOUR)]

        def reply(messages) -> str:
            if i == steps - 1:
                return json.dumps({"thought": "done", "action": {"kind": "finish", "status": "complete", "reason": "tour done"}})
            if isinstance(item, dict):
                return json.dumps({"thought": "next", "action": item})
            text = messages[-1].content
            block = text[text.rfind("<screen>"):]
            for line in block.splitlines():
                m = _LINE.match(line)
                if m and re.search(item, m.group(2)):
                    return json.dumps({"thought": f"tap {item}", "action": {"kind": "tap", "index": int(m.group(1))}})
            return json.dumps({"thought": "go home", "action": {"kind": "press_key", "key": "home"}})

        return reply

    return ScriptedChatModel([reply_for(i) for i in range(steps)])


def run(steps: int, record: bool) -> dict[str, Any]:
    with AdbServer() as server, VirtualDevice(adb_server_port=server.port) as vd:
        device = TimedDevice(connect(vd.serial, adb_port=server.port))
        model = scripted_model(steps)
        planner = R1Planner(chat_model=model, max_corrections=0)
        own: list[float] = []
        device_ms: list[float] = []
        prompts: list[int] = []
        marks = {"t": time.perf_counter(), "device": 0.0}

        def on_step(step) -> None:
            now = time.perf_counter()
            spent_device = (device.spent - marks["device"]) * 1000
            wall = (now - marks["t"]) * 1000
            own.append(wall - spent_device - step.timings.model_ms)
            device_ms.append(spent_device)
            if planner.last_prompt is not None:
                prompts.append(planner.last_prompt.chars)
            marks["t"] = time.perf_counter()
            marks["device"] = device.spent

        with tempfile.TemporaryDirectory() as tmp:
            config = AgentConfig(
                max_steps=steps,
                record_dir=Path(tmp) if record else None,
                record_screenshots=record,
                stable_interval_s=0.05,
            )
            agent = Agent(device, planner, config, on_step=on_step)
            started = time.perf_counter()
            result = agent.run("Tour the settings")
            wall = time.perf_counter() - started
        return {"result": result.status, "steps": result.steps, "wall_s": wall, "own_ms": own, "device_ms": device_ms, "prompt_chars": prompts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    bare = run(args.steps, record=False)
    recorded = run(args.steps, record=True)
    ten = recorded["prompt_chars"][:10]
    out = {
        "steps": bare["steps"],
        "status": bare["result"],
        "own_ms_median": statistics.median(bare["own_ms"]),
        "own_ms_median_recording": statistics.median(recorded["own_ms"]),
        "device_ms_median": statistics.median(bare["device_ms"]),
        "steps_per_s": bare["steps"] / bare["wall_s"],
        "prompt_tokens_est_per_step_10": [round(c / 4) for c in ten],
        "prompt_tokens_est_median": round(statistics.median(ten) / 4) if ten else 0,
    }
    print(f"scripted run: {out['steps']} steps, status {out['status']}, {out['steps_per_s']:.1f} steps/s")
    print(f"agent's own time per step (median): {out['own_ms_median']:.1f} ms without recording, "
          f"{out['own_ms_median_recording']:.1f} ms with screenshots recorded   (target <= 10 ms)")
    print(f"device time per step (median): {out['device_ms_median']:.1f} ms (observe with settle wait + act)")
    print("prompt per step, first 10 steps (est. tokens, chars/4): " + ", ".join(map(str, out["prompt_tokens_est_per_step_10"])))
    print(f"prompt median: {out['prompt_tokens_est_median']} tokens   (target <= 2,000)")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
