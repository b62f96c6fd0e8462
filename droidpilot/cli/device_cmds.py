"""`droidpilot devices`, `observe` and `act`: look at devices and drive them by hand."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from ..errors import DeviceError
from .common import EXIT_FAILED, connect_device, listed_states, out

DEVICES_HELP = """List attached devices: serial, state, model, Android version, rooted, virtual.

"virtual" means an emulator (ro.kernel.qemu=1) or droidpilot's built-in device
(droidpilot.virtual=1); "phone" is real hardware.

\b
Examples:
  droidpilot devices
  droidpilot devices --json
"""

OBSERVE_HELP = """Print the screen as the model sees it: numbered elements, dialogs, keyboard.

The numbers are the ones `droidpilot act` and the model use.

\b
Examples:
  droidpilot observe
  droidpilot observe --device emulator-5554 --marked screen.png
"""

ACT_HELP = """Do one action by hand, parsed exactly like the model's actions.

Indexes refer to the current screen as `droidpilot observe` numbers it.

\b
Examples:
  droidpilot act 'tap 3'
  droidpilot act 'type "hello"'
  droidpilot act 'open_app Settings'
  droidpilot act 'press back'
  droidpilot act 'scroll down'
"""


def _prop(dev: Any, name: str) -> str:
    try:
        return dev.shell_text(["getprop", name], timeout=5).strip()
    except DeviceError:
        return ""


def describe_device(serial: str, state: str) -> dict[str, Any]:
    """What `devices` shows for one device (only state for devices that are not ready)."""
    row: dict[str, Any] = {
        "serial": serial, "state": state, "model": None, "android": None, "rooted": None, "virtual": None, "builtin": None,
    }
    if state != "device":
        return row
    dev = connect_device(serial, use_uiautomator2=False)
    row["model"] = _prop(dev, "ro.product.model") or None
    row["android"] = _prop(dev, "ro.build.version.release") or None
    row["builtin"] = _prop(dev, "droidpilot.virtual") == "1"
    row["virtual"] = row["builtin"] or _prop(dev, "ro.kernel.qemu") == "1"
    row["rooted"] = dev.rooted
    return row


def devices(as_json: bool = typer.Option(False, "--json", help="print a JSON list")) -> None:
    rows = [describe_device(serial, state) for serial, state in sorted(listed_states().items())]
    if as_json:
        sys.stdout.write(json.dumps(rows) + "\n")
        return
    if not rows:
        out.print("no devices attached: plug in a phone with USB debugging, or run `droidpilot emulator start --detach`")
        return
    table = Table("serial", "state", "model", "android", "rooted", "kind", box=None, pad_edge=False)

    def show(value: Any) -> str:
        return "-" if value is None else ("yes" if value is True else "no" if value is False else str(value))

    for row in rows:
        kind = "-" if row["virtual"] is None else ("built-in virtual" if row["builtin"] else "virtual" if row["virtual"] else "phone")
        table.add_row(row["serial"], row["state"], show(row["model"]), show(row["android"]), show(row["rooted"]), kind)
    out.print(table)


def _look(dev: Any, want_png: bool):
    from ..perception import perceive

    obs = dev.wait_stable(timeout=4.0, interval=0.25)
    png = obs.screenshot() if want_png else None
    state = perceive(
        obs.hierarchy, png, None, package=obs.package, activity=obs.activity,
        screen_size=(obs.width, obs.height), keyboard_shown=obs.keyboard_shown,
    )
    return state, png


def observe(
    device: Optional[str] = typer.Option(None, "--device", "-s", help="device serial (default: $ANDROID_SERIAL or the only one)"),
    marked: Optional[Path] = typer.Option(None, "--marked", help="also write the screenshot with numbered boxes to this PNG"),
) -> None:
    dev = connect_device(device)
    state, png = _look(dev, marked is not None)
    sys.stdout.write(state.render() + "\n")
    if marked is not None:
        marked.write_bytes(state.marked_screenshot(png))
        out.print(f"marked screenshot: {marked}", markup=False)


class ActConfirm(str, Enum):
    ask = "ask"
    deny = "deny"
    allow = "allow"


def act(
    command: str = typer.Argument(..., help="the action, e.g. 'tap 3', 'type \"hello\"', 'press back'"),
    device: Optional[str] = typer.Option(None, "--device", "-s", help="device serial (default: $ANDROID_SERIAL or the only one)"),
    confirm: ActConfirm = typer.Option(ActConfirm.ask, "--confirm", help="risky actions: ask at the terminal (default), deny or allow"),
) -> None:
    from ..actions import ConfirmationPolicy, parse_action_command, terminal_ask
    from ..actions.actuator import Actuator
    from ..errors import InvalidAction

    try:
        action = parse_action_command(command)
    except InvalidAction as exc:
        raise typer.BadParameter(" ".join(str(exc).split()), param_hint="COMMAND") from None
    dev = connect_device(device)
    state, _ = _look(dev, False)
    policy = ConfirmationPolicy(confirm.value, ask=terminal_ask() if confirm is ActConfirm.ask else None)
    result = Actuator(dev, policy).execute(action, state)
    after, _ = _look(dev, False)
    changed = after.diff(state).summary()
    out.print(f"{action.describe()}: {result.summary()}", markup=False)
    if changed:
        out.print(f"screen: {changed}", markup=False)
    if not result.ok:
        raise typer.Exit(EXIT_FAILED)
