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


# -- runner ---------------------------------------------------------------------------------------------
def _wait_online(server: AdbServer, serial: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if f"{serial}\tdevice" in server.adb("devices").stdout:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{serial} did not come online within {timeout} s")


def run(selected: list[Measurement], repeat: int | None) -> list[dict[str, Any]]:
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
    results = run(selected, args.repeat)
    print_table(results)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
