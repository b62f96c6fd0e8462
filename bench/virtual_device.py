"""Transport figures of the virtual device, measured through the real adb server.

    python bench/virtual_device.py [--repeat N] [--only SUBSTRING] [--json results.json]

Each measurement is a named function taking a ``BenchContext`` and returning one sample; the
runner repeats it and prints the median (plus min/max). Others add measurements (screenshots,
hierarchy dumps) by decorating a function with ``@measurement(...)`` in this file or in a module
that imports ``MEASUREMENTS`` from here before calling ``main()``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from droidpilot.emulator.virtual.adbserver import AdbServer  # noqa: E402
from droidpilot.emulator.virtual.device import VirtualDevice  # noqa: E402


@dataclass
class BenchContext:
    server: AdbServer
    device: VirtualDevice
    adb_device: Any
    workdir: Path
    scratch: dict[str, Any] = field(default_factory=dict)

    def adb(self, *args: str, **kwargs: Any):
        result = self.server.adb("-s", self.device.serial, *args, **kwargs)
        if result.returncode != 0:
            raise RuntimeError(f"adb {' '.join(args)} failed: {result.stderr}")
        return result


@dataclass
class Measurement:
    name: str
    unit: str  # "ms" (lower is better) or "MiB/s" (higher is better)
    sample: Callable[[BenchContext], float]
    repeat: int = 20
    warmup: int = 1


MEASUREMENTS: list[Measurement] = []


def measurement(name: str, unit: str = "ms", repeat: int = 20, warmup: int = 1):
    """Register a measurement; the function returns one sample in ``unit``."""

    def register(fn: Callable[[BenchContext], float]) -> Callable[[BenchContext], float]:
        MEASUREMENTS.append(Measurement(name, unit, fn, repeat, warmup))
        return fn

    return register


def _timed_ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


PAYLOAD_MIB = 8


def _payload(ctx: BenchContext) -> Path:
    path = ctx.workdir / "payload.bin"
    if not path.exists():
        path.write_bytes(random.Random(0).randbytes(PAYLOAD_MIB * 1024 * 1024))
    return path


# -- transport measurements ---------------------------------------------------------------------------
@measurement("adb shell echo (adb binary, round trip)")
def adb_binary_echo(ctx: BenchContext) -> float:
    return _timed_ms(lambda: ctx.adb("shell", "echo", "hi"))


@measurement("adbutils shell echo (v1)")
def adbutils_echo(ctx: BenchContext) -> float:
    return _timed_ms(lambda: ctx.adb_device.shell("echo hi"))


@measurement("adbutils shell2 echo (v2, exit code)")
def adbutils_shell2(ctx: BenchContext) -> float:
    return _timed_ms(lambda: ctx.adb_device.shell2("echo hi", v2=True))


@measurement("adbutils sync stat")
def adbutils_stat(ctx: BenchContext) -> float:
    return _timed_ms(lambda: ctx.adb_device.sync.stat("/sdcard"))


@measurement(f"adb push {PAYLOAD_MIB} MiB", unit="MiB/s", repeat=5)
def adb_push(ctx: BenchContext) -> float:
    src = _payload(ctx)
    return PAYLOAD_MIB / (_timed_ms(lambda: ctx.adb("push", str(src), "/data/local/tmp/bench.bin")) / 1000)


@measurement(f"adb pull {PAYLOAD_MIB} MiB", unit="MiB/s", repeat=5)
def adb_pull(ctx: BenchContext) -> float:
    ctx.adb_device.sync.push(_payload(ctx).read_bytes(), "/data/local/tmp/bench.bin")
    dst = ctx.workdir / "pulled.bin"
    return PAYLOAD_MIB / (_timed_ms(lambda: ctx.adb("pull", "/data/local/tmp/bench.bin", str(dst))) / 1000)


@measurement(f"adbutils sync push {PAYLOAD_MIB} MiB", unit="MiB/s", repeat=5)
def adbutils_push(ctx: BenchContext) -> float:
    data = _payload(ctx).read_bytes()
    return PAYLOAD_MIB / (_timed_ms(lambda: ctx.adb_device.sync.push(data, "/data/local/tmp/bench2.bin")) / 1000)


@measurement(f"adbutils sync pull {PAYLOAD_MIB} MiB", unit="MiB/s", repeat=5)
def adbutils_pull(ctx: BenchContext) -> float:
    ctx.adb_device.sync.push(_payload(ctx).read_bytes(), "/data/local/tmp/bench2.bin")
    return PAYLOAD_MIB / (_timed_ms(lambda: ctx.adb_device.sync.read_bytes("/data/local/tmp/bench2.bin")) / 1000)


@measurement("exec-out 1 MiB (adb binary)", unit="MiB/s", repeat=5)
def exec_out(ctx: BenchContext) -> float:
    ctx.adb_device.sync.push(random.Random(1).randbytes(1024 * 1024), "/data/local/tmp/one.bin")
    return 1 / (_timed_ms(lambda: ctx.adb("exec-out", "cat /data/local/tmp/one.bin", text=False)) / 1000)


# -- screen measurements --------------------------------------------------------------------------------
# Targets (issue 2): u2 dump <= 40 ms, u2 screenshot <= 80 ms, `screencap -p` <= 150 ms, shell round trip
# <= 5 ms, >= 10 observe(hierarchy + screenshot) + act steps per second. "stock" = the unmodified
# adbutils/uiautomator2 clients; "droidpilot" = the device layer (TCP_NODELAY client, see device/fastclient.py).


def _u2(ctx: BenchContext) -> Any:
    if "u2" not in ctx.scratch:
        import uiautomator2

        ctx.scratch["u2"] = uiautomator2.connect(ctx.adb_device)
    return ctx.scratch["u2"]


def _dp(ctx: BenchContext) -> Any:
    if "dp" not in ctx.scratch:
        from droidpilot.device import connect

        ctx.scratch["dp"] = connect(ctx.device.serial, adb_port=ctx.server.port)
    return ctx.scratch["dp"]


def _changed_screen(ctx: BenchContext) -> None:
    """Make the next read see a new frame (as after an action), so caches do not flatter."""
    ctx.device.system.wm.invalidate()


@measurement("adbutils dump_hierarchy (stock, uiautomator dump + pull)")
def adbutils_dump(ctx: BenchContext) -> float:
    _changed_screen(ctx)
    return _timed_ms(lambda: ctx.adb_device.dump_hierarchy())


@measurement("u2 dump_hierarchy (stock client, after a change)")
def u2_dump(ctx: BenchContext) -> float:
    d = _u2(ctx)
    _changed_screen(ctx)
    return _timed_ms(lambda: d.dump_hierarchy())


@measurement("u2 screenshot (stock client, after a change)")
def u2_screenshot(ctx: BenchContext) -> float:
    d = _u2(ctx)
    _changed_screen(ctx)
    return _timed_ms(lambda: d.screenshot())


@measurement("screencap -p (adb exec-out, after a change)")
def screencap_png(ctx: BenchContext) -> float:
    _changed_screen(ctx)
    return _timed_ms(lambda: ctx.adb("exec-out", "screencap", "-p", text=False))


@measurement("droidpilot shell round trip")
def dp_shell(ctx: BenchContext) -> float:
    dev = _dp(ctx)
    return _timed_ms(lambda: dev.shell(["echo", "hi"]))


@measurement("droidpilot hierarchy (u2 JSON-RPC, after a change)")
def dp_hierarchy(ctx: BenchContext) -> float:
    dev = _dp(ctx)
    _changed_screen(ctx)
    return _timed_ms(dev.hierarchy)


@measurement("droidpilot screenshot PNG (after a change)")
def dp_screenshot(ctx: BenchContext) -> float:
    dev = _dp(ctx)
    _changed_screen(ctx)
    return _timed_ms(dev.screenshot)


@measurement("tap to visible change (Wi-Fi switch, u2 click + poll dump)")
def tap_to_change(ctx: BenchContext) -> float:
    d = _u2(ctx)
    if "wifi_xy" not in ctx.scratch:
        ctx.adb_device.shell(["am", "start", "-a", "android.settings.WIFI_SETTINGS"])
        info = d(resourceId="android:id/switch_widget").info["bounds"]
        ctx.scratch["wifi_xy"] = ((info["left"] + info["right"]) // 2, (info["top"] + info["bottom"]) // 2)
    x, y = ctx.scratch["wifi_xy"]
    before = d.dump_hierarchy()

    def tap_and_wait() -> None:
        d.click(x, y)
        deadline = time.monotonic() + 5
        while d.dump_hierarchy() == before:
            if time.monotonic() > deadline:
                raise RuntimeError("the tap changed nothing on screen")

    return _timed_ms(tap_and_wait)


@measurement("observe (hierarchy + screenshot) + act steps per second", unit="steps/s", repeat=5)
def steps_per_second(ctx: BenchContext) -> float:
    dev = _dp(ctx)
    dev.shell(["am", "start", "-a", "android.settings.WIFI_SETTINGS"])
    n = 20
    start = time.perf_counter()
    for _ in range(n):
        obs = dev.observe()
        obs.screenshot()
        dev.tap(540, 325)
    return n / (time.perf_counter() - start)


APP_SCREENS = {
    # package: an intent that opens the app's busiest main screen
    "com.android.launcher3": ["am", "start", "-a", "android.intent.action.MAIN", "-c", "android.intent.category.HOME"],
    "com.android.settings": ["am", "start", "-n", "com.android.settings/.Settings$ManageApplicationsActivity"],
}


def _app_screens(ctx: BenchContext) -> dict[str, list[str]]:
    screens = dict(APP_SCREENS)
    system = ctx.device.system
    for info in system.packages.launcher_activities():
        screens.setdefault(info.package, ["am", "start", "-n", info.component])
    return screens


def render_and_dump_per_app(ctx: BenchContext, repeat: int) -> list[dict[str, Any]]:
    """Per app, on its main screen filled with seeded user data (the busiest screen it shows at
    launch): compose + XML + paint in process, and the stock uiautomator2 client's dump and
    screenshot through real adb, each after a change so no cache answers."""
    from droidpilot.emulator.virtual.apps.everyday.seed import seed_user_data

    system = ctx.device.system
    with system.lock:
        seed_user_data(system, 1)
    d = _u2(ctx)
    rows = []
    for package, argv in sorted(_app_screens(ctx).items()):
        ctx.adb_device.shell(argv)
        for _ in range(3):  # first use may ask for a runtime permission: allow it
            allow = d(resourceIdMatches=".*permission_allow_button")
            if not allow.exists:
                break
            allow.click()
        local, dump, shot = [], [], []
        for _ in range(repeat):
            system.wm.invalidate()
            local.append(_timed_ms(lambda: (system.wm.hierarchy_xml(), system.wm.frame())))
            system.wm.invalidate()
            dump.append(_timed_ms(d.dump_hierarchy))
            system.wm.invalidate()
            shot.append(_timed_ms(d.screenshot))
        nodes = system.wm.hierarchy_xml().count("<node")
        fg = system.am.current()
        note = "" if fg and fg[0] == package else f" (foreground: {fg[0] if fg else '?'})"
        for label, samples in (("render+dump in process", local), ("u2 dump", dump), ("u2 screenshot", shot)):
            rows.append({"name": f"{package} {label}{note}", "unit": "ms", "median": statistics.median(samples),
                         "min": min(samples), "max": max(samples), "n": repeat, "nodes": nodes})
    return rows


# -- runner ---------------------------------------------------------------------------------------------
def _wait_online(server: AdbServer, serial: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if f"{serial}\tdevice" in server.adb("devices").stdout:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{serial} did not come online within {timeout} s")


def run(selected: list[Measurement], repeat: int | None, with_apps: bool = True) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp, AdbServer() as server:
        os.environ["ANDROID_ADB_SERVER_PORT"] = str(server.port)
        start = time.perf_counter()
        with VirtualDevice(adb_server_port=server.port, auth_token_path=Path(tmp) / "no-token") as device:
            _wait_online(server, device.serial)
            online_ms = (time.perf_counter() - start) * 1000
            results.append({"name": "device start until `adb devices` shows it", "unit": "ms", "median": online_ms,
                            "min": online_ms, "max": online_ms, "n": 1})
            ctx = BenchContext(server, device, server.client.device(device.serial), Path(tmp))
            for m in selected:
                for _ in range(m.warmup):
                    m.sample(ctx)
                samples = [m.sample(ctx) for _ in range(repeat or m.repeat)]
                results.append({"name": m.name, "unit": m.unit, "median": statistics.median(samples),
                                "min": min(samples), "max": max(samples), "n": len(samples)})
                print(f"  {m.name}: {statistics.median(samples):.2f} {m.unit}", file=sys.stderr)
            if with_apps:
                results.extend(render_and_dump_per_app(ctx, repeat or 10))
    return results


def print_table(results: list[dict[str, Any]]) -> None:
    width = max(len(r["name"]) for r in results)
    print(f"{'measurement'.ljust(width)}  {'median':>10}  {'min':>10}  {'max':>10}  unit     n")
    for r in results:
        print(f"{r['name'].ljust(width)}  {r['median']:10.2f}  {r['min']:10.2f}  {r['max']:10.2f}  {r['unit']:<7} {r['n']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None, help="samples per measurement (default: each one's own)")
    parser.add_argument("--only", default="", help="run only measurements whose name contains this text")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    selected = [m for m in MEASUREMENTS if args.only.lower() in m.name.lower()]
    results = run(selected, args.repeat, with_apps=not args.only or "render" in args.only.lower())
    print_table(results)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
