"""The built-in virtual Android device: a pure-Python Android that real adb, adbutils and
uiautomator2 drive unmodified. See ``docs/virtual-device-internals.md`` for its seams.

``VirtualDevice`` starts it (as a context manager in tests and scripts); ``AdbServer`` runs a
private adb server from the adbutils wheel to reach it.
"""

from .adbserver import AdbServer
from .device import VirtualDevice

__all__ = ["AdbServer", "VirtualDevice"]
