"""Real Android emulators from the SDK: find the SDK, list AVDs, boot one headless, stop it.

The SDK is where ``$ANDROID_HOME`` or ``$ANDROID_SDK_ROOT`` says, else in the usual install
places. Booting runs ``emulator -avd NAME -no-window -no-audio -port N`` (argv list, own
session, output to a log file) and waits, each wait bounded, until ``adb devices`` lists
``emulator-N`` as a device, ``getprop sys.boot_completed`` says 1 and ``pm path android``
answers: only then can an agent use it. Snapshots: by default the emulator loads the quick-boot
snapshot and saves one on exit; ``snapshot_load=False`` / ``snapshot_save=False`` add
``-no-snapshot-load`` / ``-no-snapshot-save``, ``snapshot=NAME`` boots from a named snapshot.
Stopping goes through the emulator console's ``kill`` (after ``auth`` with the token in
``~/.emulator_console_auth_token`` when that file holds one), which lets the emulator save.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel

from ..errors import ConfigError, DeviceError, DeviceTimeout

__all__ = [
    "BootedEmulator",
    "boot",
    "console_kill",
    "emulator_binary",
    "find_sdk",
    "list_avds",
    "sdk_adb",
]

BOOT_TIMEOUT = 300.0
COMMAND_TIMEOUT = 30.0
_SDK_HELP = "set ANDROID_HOME to your Android SDK (the folder holding emulator/ and platform-tools/)"


class BootedEmulator(BaseModel):
    """A booted emulator this process started."""

    name: str
    serial: str
    console_port: int
    adb_port: int
    pid: int
    log: str
    boot_s: float


def _usual_sdk_places(env: Mapping[str, str]) -> list[Path]:
    home = Path(env.get("HOME") or Path.home())
    places = [home / "Android" / "Sdk", home / "Library" / "Android" / "sdk", home / "android-sdk"]
    if env.get("LOCALAPPDATA"):
        places.append(Path(env["LOCALAPPDATA"]) / "Android" / "Sdk")
    places += [Path("/opt/android-sdk"), Path("/usr/lib/android-sdk"), Path("/usr/local/android-sdk")]
    return places


def find_sdk(env: Mapping[str, str] | None = None) -> Path:
    """The Android SDK folder; ConfigError saying what to set when there is none."""
    env = os.environ if env is None else env
    for var in ("ANDROID_HOME", "ANDROID_SDK_ROOT"):
        value = env.get(var)
        if value:
            path = Path(value).expanduser()
            if not (path / "emulator").is_dir():
                raise ConfigError(f"{var}={value} has no emulator/ folder: install it with `sdkmanager emulator` or {_SDK_HELP}")
            return path
    for path in _usual_sdk_places(env):
        if (path / "emulator").is_dir():
            return path
    raise ConfigError(f"no Android SDK found: {_SDK_HELP} (or ANDROID_SDK_ROOT)")


def emulator_binary(sdk: Path) -> Path:
    name = "emulator.exe" if sys.platform == "win32" else "emulator"
    path = sdk / "emulator" / name
    if not path.is_file():
        raise ConfigError(f"{path} is missing: install the emulator with `sdkmanager emulator`")
    return path


def sdk_adb(sdk: Path) -> Path:
    """The SDK's adb (platform-tools), else the one inside the adbutils wheel."""
    path = sdk / "platform-tools" / ("adb.exe" if sys.platform == "win32" else "adb")
    if path.is_file():
        return path
    from .virtual.adbserver import wheel_adb_path

    return wheel_adb_path()


def _run(argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(  # noqa: S603 - argv list, no shell
            [str(a) for a in argv],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env=dict(os.environ if env is None else env),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DeviceTimeout(f"`{Path(str(argv[0])).name} {' '.join(map(str, argv[1:]))}` ran past {timeout:.0f} s") from exc
    except OSError as exc:
        raise DeviceError(f"could not run {argv[0]}: {exc}") from exc


def list_avds(sdk: Path | None = None, *, env: Mapping[str, str] | None = None) -> list[str]:
    """AVD names as ``emulator -list-avds`` prints them (its INFO/WARNING chatter skipped)."""
    sdk = sdk or find_sdk(env)
    proc = _run([emulator_binary(sdk), "-list-avds"], COMMAND_TIMEOUT, env)
    if proc.returncode != 0:
        raise DeviceError(f"`emulator -list-avds` failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[:300]}")
    names = []
    for line in proc.stdout.splitlines():
        name = line.strip()
        if name and "|" not in name and " " not in name:
            names.append(name)
    return names


def _free_pair(first: int = 5554, last: int = 5680) -> int:
    for port in range(first, last + 1, 2):
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise DeviceError(f"no free emulator port pair between {first} and {last}: stop some emulators")


def _adb(adb: Path, server_port: int, *args: str, timeout: float = 10.0) -> subprocess.CompletedProcess:
    return _run([adb, "-P", str(server_port), *args], timeout)


def _listed_as_device(adb: Path, server_port: int, serial: str) -> bool:
    try:
        proc = _adb(adb, server_port, "devices")
    except DeviceTimeout:  # a busy adb server: ask again on the next round
        return False
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == serial and parts[1] == "device":
            return True
    return False


def _shell_out(adb: Path, server_port: int, serial: str, *argv: str) -> str:
    try:
        return _adb(adb, server_port, "-s", serial, "shell", *argv).stdout.strip()
    except DeviceTimeout:
        return ""


def boot(
    name: str,
    *,
    port: int | None = None,
    snapshot: str | None = None,
    snapshot_load: bool = True,
    snapshot_save: bool = True,
    wipe_data: bool = False,
    extra_args: Sequence[str] = (),
    adb_server_port: int | None = None,
    timeout: float = BOOT_TIMEOUT,
    sdk: Path | None = None,
    log_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> BootedEmulator:
    """Boot AVD ``name`` headless and wait (bounded by ``timeout``) until it is usable."""
    from ..device.connect import adb_server_port as default_server_port

    sdk = sdk or find_sdk(env)
    binary = emulator_binary(sdk)
    adb = sdk_adb(sdk)
    server_port = default_server_port(adb_server_port)
    if port is None:
        port = _free_pair()
    elif port % 2:
        raise ConfigError(f"emulator port {port} is odd: give the even console port (adb uses port + 1)")
    argv = [str(binary), "-avd", name, "-no-window", "-no-audio", "-no-boot-anim", "-port", str(port)]
    if snapshot:
        argv += ["-snapshot", snapshot]
    if not snapshot_load:
        argv.append("-no-snapshot-load")
    if not snapshot_save:
        argv.append("-no-snapshot-save")
    if wipe_data:
        argv.append("-wipe-data")
    argv += list(extra_args)
    serial = f"emulator-{port}"
    folder = log_dir or Path(os.environ.get("TMPDIR", "/tmp"))
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / f"{serial}-{name}.log"
    run_env = dict(os.environ if env is None else env)
    run_env["ANDROID_ADB_SERVER_PORT"] = str(server_port)
    _adb(adb, server_port, "start-server", timeout=COMMAND_TIMEOUT)
    started = time.monotonic()
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(  # noqa: S603 - argv list, no shell
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=run_env, start_new_session=True, close_fds=True,
            )
        except OSError as exc:
            raise DeviceError(f"could not start {binary}: {exc}") from exc
    try:
        _wait_booted(proc, adb, server_port, serial, started + timeout, log_path)
    except BaseException:
        if proc.poll() is None:
            if not console_kill(port):
                proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        raise
    return BootedEmulator(
        name=name, serial=serial, console_port=port, adb_port=port + 1, pid=proc.pid,
        log=str(log_path), boot_s=time.monotonic() - started,
    )


def _wait_booted(proc: subprocess.Popen, adb: Path, server_port: int, serial: str, deadline: float, log: Path) -> None:
    stage = "adb to list it"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = " | ".join(log.read_text(errors="replace").strip().splitlines()[-4:]) if log.is_file() else ""
            raise DeviceError(f"the emulator exited with code {proc.returncode} while booting: {tail or 'no output'} (log: {log})")
        if stage == "adb to list it" and _listed_as_device(adb, server_port, serial):
            stage = "sys.boot_completed"
        if stage == "sys.boot_completed" and _shell_out(adb, server_port, serial, "getprop", "sys.boot_completed") == "1":
            stage = "the package manager"
        if stage == "the package manager" and _shell_out(adb, server_port, serial, "pm", "path", "android").startswith("package:"):
            return
        time.sleep(0.5)
    raise DeviceTimeout(f"{serial} did not finish booting in time (waiting for {stage}); see {log}")


def console_kill(port: int, *, token_path: Path | None = None, timeout: float = 5.0) -> bool:
    """Ask the emulator on console ``port`` to exit (``kill``); False when nothing answered OK."""
    if token_path is None:
        token_path = Path(os.environ.get("HOME") or Path.home()) / ".emulator_console_auth_token"
    try:
        token = token_path.read_text(encoding="utf-8").strip() if token_path.is_file() else ""
    except OSError:
        token = ""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            reader = sock.makefile("rb")
            _read_until_ok(reader)  # greeting
            if token:
                sock.sendall(f"auth {token}\r\n".encode())
                if not _read_until_ok(reader):
                    return False
            sock.sendall(b"kill\r\n")
            return _read_until_ok(reader)
    except OSError:
        return False


def _read_until_ok(reader, limit: int = 64) -> bool:
    for _ in range(limit):
        line = reader.readline()
        if not line:
            return False
        text = line.decode("utf-8", "replace").strip()
        if text == "OK" or text.startswith("OK:"):  # `kill` answers "OK: killing emulator, bye bye"
            return True
        if text.startswith("KO"):
            return False
    return False
