"""The uiautomator2 server of the virtual device: HTTP routes over the JSON-RPC method table.

``GET /ping`` answers ``pong`` (the client's liveness probe); ``POST /jsonrpc/0`` runs one
JSON-RPC call; anything else is 404 with the real server's body text. One ``U2Server`` serves
one device; ``handle`` is the connection handler given to ``system.net.listen``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from .http import HttpRequest, HttpResponse, serve_connection
from .jsonrpc import dispatch, encode
from .methods import U2Methods

__all__ = ["U2Server", "DEFAULT_PORT"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 9008
JSON_TYPE = "application/json; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"


class U2Server:
    """Routes HTTP requests to the method table of ``system``."""

    def __init__(self, system: Any) -> None:
        self.system = system
        self.methods = U2Methods(system)
        self.table = self.methods.table()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await serve_connection(reader, writer, self.route)

    async def route(self, request: HttpRequest) -> HttpResponse:
        path = request.path.split("?", 1)[0]
        if path == "/ping":
            return HttpResponse(200, b"pong", TEXT_TYPE)
        if path == "/jsonrpc/0":
            if request.method != "POST":
                return HttpResponse(405, b"Invalid http post data!", TEXT_TYPE)
            reply = await dispatch(request.body, self.table)
            try:
                return HttpResponse(200, encode(reply), JSON_TYPE)
            except (TypeError, ValueError) as exc:  # a result that is not JSON: a server bug
                log.exception("uiautomator2 reply could not be encoded")
                return HttpResponse(500, f"Internal Server Error!!! {exc}".encode(), TEXT_TYPE)
        return HttpResponse(404, b"Not Found!!!", TEXT_TYPE)
