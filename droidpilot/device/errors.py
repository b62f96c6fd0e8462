"""One place where adbutils, uiautomator2 and socket errors become droidpilot errors."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import adbutils

from ..errors import AdbError, DeviceError, DeviceOffline, DeviceTimeout, DeviceUnauthorized, UiAutomationError


def classify_adb_message(serial: str, message: str) -> DeviceError:
    text = message.lower()
    if "unauthorized" in text:
        return DeviceUnauthorized(
            f"{serial} has not authorised this computer: unlock the phone and accept the 'Allow USB debugging' prompt"
        )
    if "offline" in text or "not found" in text or "closed" in text or "connection reset" in text:
        return DeviceOffline(f"{serial} is not reachable ({message.strip()}); check the cable/emulator and `adb devices`")
    return AdbError(f"adb failed on {serial}: {message.strip()}")


@contextlib.contextmanager
def translate(serial: str, what: str) -> Iterator[None]:
    """Map lower-layer exceptions raised while doing ``what`` on ``serial``."""
    try:
        yield
    except DeviceError:
        raise
    except adbutils.AdbTimeout as exc:
        raise DeviceTimeout(f"{what} on {serial} timed out: {exc}") from exc
    except adbutils.AdbError as exc:
        raise classify_adb_message(serial, str(exc)) from exc
    except (socket.timeout, TimeoutError) as exc:
        raise DeviceTimeout(f"{what} on {serial} timed out") from exc
    except (ConnectionError, BrokenPipeError, EOFError) as exc:
        raise DeviceOffline(f"{serial} dropped the connection during {what}: {exc}") from exc
    except OSError as exc:
        raise DeviceOffline(f"{serial} is not reachable during {what}: {exc}") from exc
    except Exception as exc:  # uiautomator2's errors share no public base class
        module = type(exc).__module__ or ""
        if module.startswith("uiautomator2"):
            raise UiAutomationError(f"uiautomator2 failed during {what} on {serial}: {exc}") from exc
        raise
