"""Devices that outlive the command that started them: detached virtual devices and booted AVDs.

`droidpilot emulator start --detach` runs the virtual device in a child process (an argv list
through ``subprocess``, never a shell) and returns once ``adb devices`` shows it; `emulator
status` and `emulator stop` find it again later, from another process, through one small JSON
record per device in the cache directory (``$XDG_CACHE_HOME/droidpilot/devices/`` or
``~/.cache/droidpilot/devices/``). A record names the pid, the ports and how to stop it:
``signal`` for a virtual device (SIGTERM, then SIGKILL after a bounded wait), ``console`` for a
real emulator (the console's ``kill``).

Records whose process is gone are dropped when listed, so a crash or a reboot leaves nothing
stale behind. Before signalling a pid, its command line is checked, so a pid the system reused
for another program is never killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from ..errors import DeviceNotFound, VirtualDeviceError

__all__ = [
    "DeviceRecord",
    "cache_dir",
    "find_record",
    "forget",
    "list_records",
    "pid_alive",
    "remember",
    "serve_forever",
    "start_detached",
    "stop_all",
    "stop_record",
]

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


class DeviceRecord(BaseModel):
    """One running device this tool started."""

    serial: str
    kind: Literal["virtual", "avd"] = "virtual"
    pid: int
    console_port: int
    adb_port: int
    adb_server_port: int | None = None
    name: str = ""
    started: float = 0.0
    log: str = ""


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where device records live: ``$XDG_CACHE_HOME/droidpilot`` or ``~/.cache/droidpilot``."""
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME") or Path.home()) / ".cache")
    return Path(base).expanduser() / "droidpilot"


def _records_dir(env: Mapping[str, str] | None = None) -> Path:
    return cache_dir(env) / "devices"


def _record_path(serial: str, env: Mapping[str, str] | None = None) -> Path:
    return _records_dir(env) / f"{serial}.json"


def pid_alive(pid: int) -> bool:
    """True when ``pid`` runs and is not a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        # The state letter follows the parenthesised command name.
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _looks_like_ours(record: DeviceRecord) -> bool:
    """Guard against pid reuse: the process must still be a droidpilot or emulator process."""
    cmdline = Path(f"/proc/{record.pid}/cmdline")
    try:
        text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return True  # no /proc (macOS): trust the record
    return "droidpilot" in text or "emulator" in text


def remember(record: DeviceRecord, env: Mapping[str, str] | None = None) -> Path:
    """Write (atomically) the record of a running device."""
    path = _record_path(record.serial, env)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(record.model_dump_json(indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def forget(serial: str, *, pid: int | None = None, env: Mapping[str, str] | None = None) -> None:
    """Remove a device's record (only when it still belongs to ``pid``, if given)."""
    path = _record_path(serial, env)
    if pid is not None:
        record = _read(path)
        if record is not None and record.pid != pid:
            return
    path.unlink(missing_ok=True)


def _read(path: Path) -> DeviceRecord | None:
    try:
        return DeviceRecord.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, ValidationError):
        return None


def list_records(env: Mapping[str, str] | None = None) -> list[DeviceRecord]:
    """Records of devices still running; records of dead processes are removed on the way."""
    folder = _records_dir(env)
    if not folder.is_dir():
        return []
    alive: list[DeviceRecord] = []
    for path in sorted(folder.glob("*.json")):
        record = _read(path)
        if record is None or not pid_alive(record.pid):
            path.unlink(missing_ok=True)
            continue
        alive.append(record)
    return alive


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return not pid_alive(pid)


def stop_record(
    record: DeviceRecord,
    *,
    console_kill: Callable[[int], bool] | None = None,
    timeout: float = STOP_TIMEOUT,
    env: Mapping[str, str] | None = None,
) -> str:
    """Stop one recorded device; returns how it went (``stopped``, ``killed`` or ``already gone``).

    Real emulators are asked through their console first (``console_kill(port)``) so they can
    save their snapshot; virtual devices get SIGTERM, which stops them cleanly. Either way a
    process still there after ``timeout`` seconds gets SIGKILL.
    """
    try:
        if not pid_alive(record.pid):
            return "already gone"
        if not _looks_like_ours(record):
            return "already gone"
        if record.kind == "avd" and console_kill is not None and console_kill(record.console_port):
            if _wait_gone(record.pid, timeout):
                return "stopped"
        else:
            try:
                os.kill(record.pid, signal.SIGTERM)
            except ProcessLookupError:
                return "already gone"
            if _wait_gone(record.pid, timeout):
                return "stopped"
        try:
            os.kill(record.pid, signal.SIGKILL)
        except ProcessLookupError:
            return "stopped"
        _wait_gone(record.pid, 2.0)
        return "killed"
    finally:
        forget(record.serial, pid=record.pid, env=env)
        _drop_log(record, env)


def _drop_log(record: DeviceRecord, env: Mapping[str, str] | None) -> None:
    """A stopped device's start log is of no more use; only logs this module wrote are removed."""
    if not record.log:
        return
    log = Path(record.log)
    if log.parent == _records_dir(env) and log.name.startswith("start-"):
        log.unlink(missing_ok=True)


def find_record(serial: str, env: Mapping[str, str] | None = None) -> DeviceRecord:
    for record in list_records(env):
        if record.serial == serial:
            return record
    known = ", ".join(r.serial for r in list_records(env)) or "none"
    raise DeviceNotFound(f"no device {serial!r} was started by droidpilot (running: {known}); see `droidpilot emulator status`")


def _tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return " | ".join(line for line in text.strip().splitlines()[-lines:])


def start_detached(
    start_args: Sequence[str],
    *,
    is_listed: Callable[[str], bool],
    timeout: float = START_TIMEOUT,
    env: Mapping[str, str] | None = None,
) -> DeviceRecord:
    """Run ``droidpilot emulator start <start_args>`` in the background; return its record once listed.

    The child runs ``sys.executable -m droidpilot.cli`` (no shell) in its own session, so the
    terminal's Ctrl-C does not reach it, with output going to a log file beside the records. The
    child writes its own record when its ports are bound; this waits (bounded) for that record
    and then for ``is_listed(serial)`` (the caller's ``adb devices`` check).
    """
    env_map = dict(os.environ if env is None else env)
    folder = _records_dir(env_map)
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / f"start-{os.getpid()}-{time.monotonic_ns()}.log"
    argv = [sys.executable, "-m", "droidpilot.cli", "emulator", "start", *start_args]
    with open(log_path, "wb") as log:
        try:
            child = subprocess.Popen(  # noqa: S603 - argv list, no shell
                argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env_map,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            raise VirtualDeviceError(f"could not start {sys.executable}: {exc}") from exc
    deadline = time.monotonic() + timeout
    record: DeviceRecord | None = None
    try:
        while time.monotonic() < deadline:
            if child.poll() is not None:
                raise VirtualDeviceError(
                    f"the virtual device process exited with code {child.returncode}: {_tail(log_path) or 'no output'}"
                )
            if record is None:
                record = next((r for r in list_records(env_map) if r.pid == child.pid), None)
            if record is not None and is_listed(record.serial):
                record = record.model_copy(update={"log": str(log_path)})
                remember(record, env_map)
                return record
            time.sleep(0.1)
    except BaseException:
        _abandon(child)
        raise
    _abandon(child)
    where = f"{record.serial} never appeared in `adb devices`" if record else "it never bound its ports"
    raise VirtualDeviceError(f"the virtual device did not come up within {timeout:.0f} s ({where}); log: {log_path}")


def _abandon(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=5)


def stop_all(
    *, console_kill: Callable[[int], bool] | None = None, env: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Stop every recorded device; returns ``(serial, outcome)`` pairs."""
    return [(r.serial, stop_record(r, console_kill=console_kill, env=env)) for r in list_records(env)]


def serve_forever(is_running: Callable[[], bool], poll_s: float = 0.5) -> None:
    """Block until the device stops or SIGTERM/SIGINT arrives (both end in KeyboardInterrupt)."""

    def _term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _term)
    try:
        while is_running():
            time.sleep(poll_s)
    finally:
        signal.signal(signal.SIGTERM, previous)

