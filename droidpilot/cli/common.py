"""What every command shares: consoles, exit codes, the error → message mapping, device choice.

Exit codes (the same for every command):
    0  done / the goal is complete
    1  the goal failed, was infeasible or ran out of budget; an action failed; a check failed
    2  usage or configuration error (the message names what to set)
    3  device error (no device, offline, adb or uiautomator2 failure)
    130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from rich.console import Console

from ..errors import ConfigError, DeviceError, DroidpilotError, VirtualDeviceError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_DEVICE = 3
EXIT_INTERRUPTED = 130

# soft_wrap: never insert line breaks into long lines (one message stays one line in logs and pipes).
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def exit_code_for(exc: BaseException) -> int:
    """The exit code for an error that ends a command."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, ConfigError):
        return EXIT_USAGE
    if isinstance(exc, (DeviceError, VirtualDeviceError)):
        return EXIT_DEVICE
    return EXIT_FAILED


def one_line(exc: BaseException) -> str:
    """The error as one line: its message without line breaks, never a traceback."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"droidpilot: {text}"


def report_error(exc: DroidpilotError) -> int:
    print(one_line(exc), file=sys.stderr, flush=True)
    return exit_code_for(exc)


def adb_port() -> int:
    from ..device.connect import adb_server_port

    return adb_server_port(None)


def adb_client(timeout: float = 10.0):
    from ..device.connect import ensure_adb_server

    return ensure_adb_server(adb_port(), timeout=timeout)


def listed_states(timeout: float = 10.0) -> dict[str, str]:
    """``adb devices`` as ``{serial: state}``."""
    import adbutils

    try:
        return {info.serial: info.state for info in adb_client(timeout).list()}
    except (adbutils.AdbError, OSError) as exc:
        from ..errors import AdbError

        raise AdbError(f"the adb server on port {adb_port()} did not list devices: {exc}") from exc


def wait_listed(serial: str, timeout: float = 20.0) -> None:
    """Wait (bounded) until ``adb devices`` shows ``serial`` as a device."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if listed_states().get(serial) == "device":
            return
        time.sleep(0.1)
    raise VirtualDeviceError(f"{serial} did not appear in `adb devices` within {timeout:.0f} s; check `droidpilot doctor`")


def connect_device(serial: str | None, *, use_uiautomator2: bool = True):
    from ..device import connect

    return connect(serial, adb_port=adb_port(), use_uiautomator2=use_uiautomator2)


def device_or_virtual(serial: str | None, say: Callable[[str], None]):
    """The device a run uses, and the virtual device started for it (None when one was attached).

    ``--device`` or ``$ANDROID_SERIAL`` name it; otherwise the only attached device; when none
    is attached at all, the built-in virtual device is started for this run (and said so).
    """
    wanted = serial or os.environ.get("ANDROID_SERIAL") or None
    if wanted or listed_states():
        return connect_device(wanted), None
    from ..emulator.virtual.device import VirtualDevice

    virtual = VirtualDevice(adb_server_port=adb_port()).start()
    try:
        wait_listed(virtual.serial)
        say(
            f"no device attached: started the built-in virtual device {virtual.serial} for this run "
            "(it stops when the run ends; `droidpilot emulator start --detach` keeps one running)"
        )
        return connect_device(virtual.serial), virtual
    except BaseException:
        virtual.stop()
        raise



def doc(text: str) -> str:
    """Help text with each prose paragraph on one line (the help renderer wraps it to the
    terminal); paragraphs opened by ``\\b`` (examples) keep their lines."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        if block.startswith("\b"):
            paragraphs.append(block)
        else:
            paragraphs.append(" ".join(line.strip() for line in block.splitlines()))
    return "\n\n".join(paragraphs)
