"""JSON-RPC 2.0 dispatch with the error shapes the uiautomator2 server (jsonrpc4j) produces.

The client reads every reply with HTTP status 200 and decides by the error *message*:
``uiautomator.UiObjectNotFoundException`` becomes ``UiObjectNotFoundError``, ``UiAutomation not
connected`` triggers a server restart, anything else is ``RPCUnknownError``. So device-side
failures are reported the way Java reports them, ``<exception class>: <detail>``, and the HTTP
status stays 200 (a non-200 status makes the client restart the server and retry).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from droidpilot.errors import VirtualDeviceError

__all__ = [
    "RpcError",
    "ParseError",
    "InvalidRequest",
    "MethodNotFound",
    "InvalidParams",
    "InternalError",
    "UiObjectNotFound",
    "JavaException",
    "Handler",
    "dispatch",
    "encode",
    "UI_OBJECT_NOT_FOUND_CLASS",
]

log = logging.getLogger(__name__)

UI_OBJECT_NOT_FOUND_CLASS = "androidx.test.uiautomator.UiObjectNotFoundException"

Handler = Callable[[list[Any]], Awaitable[Any]]


class RpcError(VirtualDeviceError):
    """A JSON-RPC error reply: ``code``, ``message`` and ``data`` go to the client unchanged."""

    code = -32603

    def __init__(self, message: str, *, code: int | None = None, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.data = data

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "data": self.data}


class ParseError(RpcError):
    code = -32700


class InvalidRequest(RpcError):
    code = -32600


class MethodNotFound(RpcError):
    code = -32601


class InvalidParams(RpcError):
    """Wrong number or types of parameters for every overload of the method."""

    code = -32602


class InternalError(RpcError):
    code = -32603


class JavaException(RpcError):
    """An exception thrown on the device side, reported as ``<java class>: <detail>``."""

    code = -32001

    def __init__(self, java_class: str, detail: str, *, code: int | None = None) -> None:
        text = f"{java_class}: {detail}" if detail else java_class
        super().__init__(text, code=code, data={"exceptionTypeName": java_class, "message": detail})
        self.java_class = java_class
        self.detail = detail


class UiObjectNotFound(JavaException):
    """No element matches: the client maps this message to ``UiObjectNotFoundError``."""

    code = -32002

    def __init__(self, detail: str) -> None:
        super().__init__(UI_OBJECT_NOT_FOUND_CLASS, detail)


def encode(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error(req_id: Any, err: RpcError) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": req_id, "error": err.to_json()}


async def dispatch(body: bytes, methods: Mapping[str, Handler]) -> dict[str, Any]:
    """Run one request against ``methods`` and return the reply object (never raises).

    ``params`` may be a JSON array (positional arguments), ``{}`` or null (no arguments). A bug
    in a handler becomes an internal-error reply naming the exception, so one bad call never
    takes the server down.
    """
    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return _error(None, ParseError(f"JSON parse error: {exc}"))
    if not isinstance(request, dict) or not isinstance(request.get("method"), str):
        return _error(request.get("id") if isinstance(request, dict) else None,
                      InvalidRequest("invalid request: expected an object with a string 'method'"))
    req_id = request.get("id")
    name = request["method"]
    params = request.get("params")
    if params is None or params == {}:
        args: list[Any] = []
    elif isinstance(params, list):
        args = params
    else:
        return _error(req_id, InvalidParams(f"method parameters invalid: {name} takes positional parameters"))
    handler = methods.get(name)
    if handler is None:
        return _error(req_id, MethodNotFound(f"method not found: {name}"))
    try:
        result = await handler(args)
    except RpcError as exc:
        return _error(req_id, exc)
    except Exception as exc:  # the server boundary: report, keep serving
        log.exception("uiautomator2 method %s failed", name)
        return _error(req_id, InternalError(f"Exception occurred: {type(exc).__name__}: {exc}"))
    return {"jsonrpc": "2.0", "id": req_id, "result": result}
