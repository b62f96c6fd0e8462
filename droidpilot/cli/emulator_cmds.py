"""`droidpilot emulator ...`: the built-in virtual device and real SDK emulators (AVDs)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..emulator import manager
from ..errors import ConfigError
from .common import EXIT_USAGE, adb_client, doc, adb_port, err, listed_states, out

app = typer.Typer(
    help=doc("""Start, stop and list devices: the built-in virtual device and SDK emulators.

\b
Examples:
  droidpilot emulator start --detach
  droidpilot emulator status
  droidpilot emulator stop --all
  droidpilot emulator avds
  droidpilot emulator boot Pixel_8_API_34
"""),
    no_args_is_help=True,
)

_SIZE = re.compile(r"^(\d{3,5})x(\d{3,5})$")


def _parse_size(size: str) -> tuple[int, int]:
    m = _SIZE.match(size.strip().lower())
    if not m:
        raise typer.BadParameter(f"{size!r} is not WIDTHxHEIGHT, e.g. 1080x2400", param_hint="--size")
    return int(m.group(1)), int(m.group(2))


@app.command(
    help=doc("""Start the built-in virtual Android device.

It listens like an emulator (adb port 5555, console 5554, or the next free pair; --port picks
the console port) and registers with the adb server. Without --detach it runs in the
foreground until Ctrl-C; with --detach it runs in the background and this returns once
`adb devices` shows it (stop it with `droidpilot emulator stop`).

\b
Examples:
  droidpilot emulator start
  droidpilot emulator start --detach
  droidpilot emulator start --port 5560 --size 720x1600 --density 320 --rooted --seed 7 --detach
  droidpilot emulator start --state-dir ~/.cache/droidpilot/phone1 --detach
""")
)
def start(
    port: Optional[int] = typer.Option(None, "--port", help="even console port (adb listens on port + 1); default: first free from 5554"),
    size: str = typer.Option("1080x2400", "--size", help="screen size WIDTHxHEIGHT in pixels"),
    density: int = typer.Option(420, "--density", min=80, max=1000, help="screen density (dpi)"),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", help="keep the device's files here across restarts"),
    rooted: bool = typer.Option(False, "--rooted", help="let `su` and `adb root` work"),
    seed: int = typer.Option(0, "--seed", help="seed for the device's generated user data"),
    detach: bool = typer.Option(False, "--detach", help="run in the background and return once adb lists it"),
) -> None:
    from ..emulator.virtual.device import VirtualDevice

    width, height = _parse_size(size)
    if port is not None and port % 2:
        raise typer.BadParameter(f"{port} is odd: give the even console port (adb uses port + 1)", param_hint="--port")
    server_port = adb_port()
    adb_client()  # an adb server must be up so the device can register and `adb devices` can show it
    if detach:
        args = ["--size", f"{width}x{height}", "--density", str(density), "--seed", str(seed)]
        if port is not None:
            args += ["--port", str(port)]
        if state_dir is not None:
            args += ["--state-dir", str(state_dir.expanduser().resolve())]
        if rooted:
            args.append("--rooted")
        record = manager.start_detached(args, is_listed=lambda serial: listed_states().get(serial) == "device")
        out.print(
            f"{record.serial} started in the background (pid {record.pid}, adb port {record.adb_port}, "
            f"console port {record.console_port}); stop it with `droidpilot emulator stop {record.serial}`",
            markup=False,
        )
        return
    device = VirtualDevice(
        port, width=width, height=height, density=density, state_dir=state_dir, rooted=rooted, seed=seed,
        adb_server_port=server_port,
    ).start()
    record = manager.DeviceRecord(
        serial=device.serial, pid=os.getpid(), console_port=device.console_port, adb_port=device.adb_port,
        adb_server_port=server_port, started=time.time(),
    )
    manager.remember(record)
    try:
        out.print(
            f"{device.serial} listening (adb port {device.adb_port}, console port {device.console_port}); Ctrl-C stops it",
            markup=False,
        )
        manager.serve_forever(lambda: device.running)
    except KeyboardInterrupt:
        pass
    finally:
        device.stop()
        manager.forget(device.serial, pid=os.getpid())
    out.print(f"{device.serial} stopped", markup=False)


@app.command(
    help=doc("""Stop a device started by `emulator start --detach` or `emulator boot`.

\b
Examples:
  droidpilot emulator stop emulator-5554
  droidpilot emulator stop --all
""")
)
def stop(
    serial: Optional[str] = typer.Argument(None, help="the device to stop (default: the only one running)"),
    all_: bool = typer.Option(False, "--all", help="stop every device droidpilot started"),
) -> None:
    from ..emulator.avd import console_kill

    if all_:
        results = manager.stop_all(console_kill=console_kill)
    else:
        if serial is None:
            running = manager.list_records()
            if len(running) != 1:
                names = ", ".join(r.serial for r in running) or "none"
                err.print(f"droidpilot: name the device to stop, or use --all (running: {names})", markup=False)
                raise typer.Exit(EXIT_USAGE)
            record = running[0]
        else:
            record = manager.find_record(serial)
        results = [(record.serial, manager.stop_record(record, console_kill=console_kill))]
    if not results:
        out.print("no devices started by droidpilot are running")
    for name, outcome in results:
        out.print(f"{name}: {outcome}", markup=False)


@app.command(
    help=doc("""List the devices droidpilot started and whether adb sees them.

\b
Examples:
  droidpilot emulator status
""")
)
def status() -> None:
    records = manager.list_records()
    if not records:
        out.print("no devices started by droidpilot are running (start one with `droidpilot emulator start --detach`)")
        return
    try:
        states = listed_states(timeout=5)
    except Exception:  # noqa: BLE001 - status still lists the records without adb
        states = {}
    table = Table("serial", "kind", "pid", "adb port", "console port", "adb state", "up", box=None, pad_edge=False)
    for r in records:
        up = f"{max(0.0, time.time() - r.started):.0f} s" if r.started else "-"
        kind = f"avd {r.name}" if r.kind == "avd" else "virtual"
        table.add_row(r.serial, kind, str(r.pid), str(r.adb_port), str(r.console_port), states.get(r.serial, "not listed"), up)
    out.print(table)


@app.command(
    help=doc("""List the AVDs of the Android SDK (ANDROID_HOME / ANDROID_SDK_ROOT).

\b
Examples:
  droidpilot emulator avds
""")
)
def avds() -> None:
    from ..emulator.avd import find_sdk, list_avds

    sdk = find_sdk()
    names = list_avds(sdk)
    if not names:
        out.print(f"no AVDs in {sdk}: create one with `avdmanager create avd` or Android Studio", markup=False)
        return
    for name in names:
        out.print(name, markup=False)


@app.command(
    help=doc("""Boot an SDK emulator headless and wait until Android is ready.

It runs `emulator -avd NAME -no-window -no-audio`, waits for sys.boot_completed and the
package manager, and leaves it running; stop it with `droidpilot emulator stop SERIAL`.

\b
Examples:
  droidpilot emulator boot Pixel_8_API_34
  droidpilot emulator boot Pixel_8_API_34 --port 5570 --no-snapshot-load --timeout 600
""")
)
def boot(
    name: str = typer.Argument(..., help="AVD name (see `droidpilot emulator avds`)"),
    port: Optional[int] = typer.Option(None, "--port", help="even console port (default: first free from 5554)"),
    snapshot: Optional[str] = typer.Option(None, "--snapshot", help="boot from this named snapshot"),
    snapshot_load: bool = typer.Option(True, "--snapshot-load/--no-snapshot-load", help="load the quick-boot snapshot"),
    snapshot_save: bool = typer.Option(True, "--snapshot-save/--no-snapshot-save", help="save a quick-boot snapshot on exit"),
    timeout: float = typer.Option(300.0, "--timeout", min=1, help="seconds to wait for the boot"),
) -> None:
    from ..emulator import avd

    sdk = avd.find_sdk()
    if name not in avd.list_avds(sdk):
        raise ConfigError(f"no AVD named {name!r} in {sdk}; see `droidpilot emulator avds`")
    booted = avd.boot(
        name, port=port, snapshot=snapshot, snapshot_load=snapshot_load, snapshot_save=snapshot_save,
        adb_server_port=adb_port(), timeout=timeout, sdk=sdk, log_dir=manager.cache_dir() / "logs",
    )
    manager.remember(
        manager.DeviceRecord(
            serial=booted.serial, kind="avd", name=name, pid=booted.pid, console_port=booted.console_port,
            adb_port=booted.adb_port, adb_server_port=adb_port(), started=time.time(), log=booted.log,
        )
    )
    out.print(f"{booted.serial} booted {name} in {booted.boot_s:.1f} s (log: {booted.log})", markup=False)
