"""``app_process``: the device command that runs the uiautomator2 server.

The client launches ``CLASSPATH=/data/local/tmp/u2.jar app_process / com.wetest.uia2.Main -p 9008``
on a shell stream and keeps that stream open while the server runs; closing it stops the server.
So the command starts a listener on the in-device port, prints the lines the real server prints,
waits until the client goes away, and stops the listener (unless a newer server has since taken
the port over). Without the jar on the class path it fails as dalvikvm does.
"""

from __future__ import annotations

from typing import Any

from ..fs import FSError
from ..shell.registry import command
from .server import DEFAULT_PORT, U2Server

__all__ = ["app_process", "run_server", "MAIN_CLASS", "JAR_MAGIC"]

MAIN_CLASS = "com.wetest.uia2.Main"
JAR_MAGIC = b"PK"  # a jar is a zip archive
USAGE = "Usage: app_process [java-options] cmd-dir start-class-name [options]\n"
MAIN_HELP = (
    "usage: com.wetest.uia2.Main [-h] [-p <port>]\n"
    " -h,--help          Print this help message\n"
    " -p,--port <port>   Port to listen on (1-65535, default: 9008)\n"
)


def _split_argv(argv: list[str]) -> tuple[str | None, list[str]]:
    """(start class, its arguments) from ``app_process [vm-opts] cmd-dir [--opts] class [args]``."""
    rest = argv[1:]
    i = 0
    while i < len(rest) and rest[i].startswith("-"):  # VM options come before cmd-dir
        i += 1
    i += 1  # cmd-dir
    while i < len(rest) and rest[i].startswith("--"):  # runtime options such as --nice-name=
        i += 1
    if i >= len(rest):
        return None, []
    return rest[i], rest[i + 1 :]


def _class_path_has_jar(ctx: Any, jar_name: str = "u2.jar") -> str | None:
    """The class-path entry that holds the server, if it is a readable jar."""
    for entry in (ctx.env.get("CLASSPATH") or "").split(":"):
        if not entry.endswith(jar_name):
            continue
        path = ctx.resolve(entry)
        try:
            if ctx.fs.is_file(path) and ctx.fs.read(path)[:2] == JAR_MAGIC:
                return path
        except FSError:
            continue
    return None


def _parse_port(args: list[str]) -> tuple[int | None, str | None]:
    """(port, None) or (None, error text); ``-h`` gives (None, "") for help."""
    port = DEFAULT_PORT
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-h", "--help"):
            return None, ""
        if arg in ("-p", "--port"):
            if i + 1 >= len(args):
                return None, f"Missing argument for option: {arg.lstrip('-')}\n"
            value = args[i + 1]
            if not value.isdigit() or not 1 <= int(value) <= 65535:
                return None, f"Invalid port: {value}\n"
            port = int(value)
            i += 2
            continue
        if arg.startswith("--port="):
            value = arg.split("=", 1)[1]
            if not value.isdigit() or not 1 <= int(value) <= 65535:
                return None, f"Invalid port: {value}\n"
            port = int(value)
        i += 1
    return port, None


async def run_server(ctx: Any, port: int) -> int:
    """Serve until the client closes the launching stream, then stop listening."""
    system = ctx.system
    server = U2Server(system)
    ctx.out("[server] INFO: [UiAutomator2Server] Starting Server\n")
    try:
        address = await system.net.listen(port, server.handle)
    except OSError as exc:
        ctx.err(f"[server] ERROR: cannot listen on port {port}: {exc}\n")
        return 1
    ctx.out(f"[server] INFO: http server listening on *:{port}\n[server] INFO: server started\n")
    try:
        await ctx.closed.wait()
    finally:
        if system.net.lookup(port) == address:  # a newer server may have replaced this one
            await system.net.unlisten(port)
    return 0


@command("app_process", "app_process64", "app_process32")
async def app_process(ctx: Any) -> int:
    start_class, args = _split_argv(list(ctx.argv))
    if start_class is None:
        ctx.err("Error: no class name or --zygote supplied.\n" + USAGE)
        return 1
    if start_class != MAIN_CLASS or _class_path_has_jar(ctx) is None:
        ctx.err(f"Error: Could not find or load main class {start_class}\n")
        return 1
    port, problem = _parse_port(args)
    if port is None:
        if problem:
            ctx.err(problem)
            ctx.out(MAIN_HELP)
            return 1
        ctx.out(MAIN_HELP)
        return 0
    return await run_server(ctx, port)
