"""Actuator latency per action kind against the bare device call it wraps.

    python bench/actions.py [--repeat 15] [--json out.json]

Each pair runs on the virtual device through the real adb server: the actuator path
(validation, policy, element resolution, text-route planning, result) and the bare
uiautomator2/adbutils call that does the same thing on the device. Overhead target: ≤ 2 ms per
action on top of the call (median).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from droidpilot.actions import PressKey, StartIntent, Swipe, Tap, TypeText, Wait  # noqa: E402
from droidpilot.actions.actuator import Actuator  # noqa: E402
from droidpilot.actions.policy import ConfirmationPolicy  # noqa: E402
from droidpilot.device import connect  # noqa: E402
from droidpilot.emulator.virtual.adbserver import AdbServer  # noqa: E402
from droidpilot.emulator.virtual.device import VirtualDevice  # noqa: E402
from droidpilot.perception import perceive  # noqa: E402


def median_ms(fn: Callable[[], Any], repeat: int, reset: Callable[[], Any] | None = None) -> float:
    samples = []
    for _ in range(repeat):
        if reset is not None:
            reset()
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = []
    with AdbServer() as server, VirtualDevice(adb_server_port=server.port) as vd:
        dev = connect(vd.serial, adb_port=server.port)
        act = Actuator(dev, ConfirmationPolicy(mode="allow"))

        def state():
            obs = dev.observe()
            return perceive(obs.hierarchy, package=obs.package, activity=obs.activity, screen_size=(obs.width, obs.height),
                            keyboard_shown=obs.keyboard_shown)

        dev.shell(["am", "start", "-n", "com.android.settings/.Settings$SoundSettingsActivity"])
        st = state()
        target = next(e for e in st.elements if e.label.startswith("Do Not Disturb"))
        x, y = target.visible_center
        rows.append(("tap", median_ms(lambda: act.execute(Tap(index=target.index), st), args.repeat),
                     median_ms(lambda: dev.tap(x, y), args.repeat)))
        rows.append(("press_key", median_ms(lambda: act.execute(PressKey(key="volume_up"), st), args.repeat),
                     median_ms(lambda: dev.press_key(24), args.repeat)))
        rows.append(("swipe", median_ms(lambda: act.execute(Swipe(x1=540, y1=1500, x2=540, y2=900, duration_ms=50), st), args.repeat),
                     median_ms(lambda: dev.swipe(540, 1500, 540, 900, 50), args.repeat)))
        intent = StartIntent(action="android.settings.SOUND_SETTINGS")
        rows.append(("start_intent", median_ms(lambda: act.execute(intent, st), args.repeat),
                     median_ms(lambda: dev.shell(intent.to_spec().to_am_argv()), args.repeat)))
        rows.append(("wait 10 ms", median_ms(lambda: act.execute(Wait(seconds=0.01), st), args.repeat),
                     median_ms(lambda: time.sleep(0.01), args.repeat)))
        # type_text into the launcher's search field: setText through uiautomator2.
        dev.press_key(3)
        home = state()
        search = next(e for e in home.elements if e.label == "Search")
        dev.tap(*search.visible_center)
        field_state = state()
        field = next(e for e in field_state.elements if e.editable)
        fx, fy = field.visible_center
        text = "hello 日本 😀"

        def bare_type() -> None:
            dev.tap(fx, fy)
            dev.set_focused_text(text)

        rows.append(("type_text", median_ms(lambda: act.execute(TypeText(index=field.index, text=text), field_state), args.repeat),
                     median_ms(bare_type, args.repeat)))
    print(f"{'action':<14}{'actuator ms':>13}{'bare call ms':>14}{'overhead ms':>13}")
    out = []
    for name, through, bare in rows:
        print(f"{name:<14}{through:>13.2f}{bare:>14.2f}{through - bare:>13.2f}")
        out.append({"action": name, "actuator_ms": through, "bare_ms": bare, "overhead_ms": through - bare})
    overheads = [r["overhead_ms"] for r in out]
    print(f"median overhead: {statistics.median(overheads):.2f} ms   (target <= 2 ms per action)")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
