"""The uiautomator2 server inside the virtual device (device port 9008).

The unmodified uiautomator2 client pushes ``u2.jar``, runs ``app_process`` and talks HTTP
JSON-RPC over adb ``tcp:9008`` streams. ``app_process`` (registered as a shell command by
importing ``app_process``) starts a ``U2Server`` on ``system.net``; the server answers the
client's methods from the live window hierarchy and drives the device's input.
"""

from .jsonrpc import RpcError, UiObjectNotFound
from .server import DEFAULT_PORT, U2Server

__all__ = ["U2Server", "DEFAULT_PORT", "RpcError", "UiObjectNotFound"]
