"""Talking to Android devices: phones, emulators and the built-in virtual device."""

from .adb import AdbDevice
from .base import Device, LaunchableApp, ShellResult
from .connect import adb_server_port, connect, ensure_adb_server
from .observation import Observation

__all__ = [
    "AdbDevice",
    "Device",
    "LaunchableApp",
    "Observation",
    "ShellResult",
    "adb_server_port",
    "connect",
    "ensure_adb_server",
]
