"""The command table: ``@command("name")`` registers a plain function the shell can run.

One global table, because commands come from several packages (the shell's own file and text
tools here, the OS's ``am``/``pm``/``input``/... in ``system/commands``) and all of them must be
visible to every ``Shell``. A command is ``def f(ctx) -> int`` (run under ``system.lock``) or
``async def f(ctx) -> int`` (takes the lock itself around synchronous work, never across an await).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable

from droidpilot.errors import VirtualDeviceError

__all__ = ["CommandSpec", "command", "lookup", "names", "load_builtin_commands"]

SYSTEM_COMMANDS_PACKAGE = "droidpilot.emulator.virtual.system.commands"


@dataclass(frozen=True)
class CommandSpec:
    name: str
    func: Callable[..., Any]
    is_async: bool


_REGISTRY: dict[str, CommandSpec] = {}


def command(name: str, *aliases: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function under ``name`` (and ``aliases``); later registrations win.

    Re-registering replaces the earlier entry, so a module reloaded in a test, or a system
    command that deliberately overrides a shell one, behaves predictably.
    """
    for n in (name, *aliases):
        if not n or "/" in n or any(c.isspace() for c in n):
            raise VirtualDeviceError(f"invalid shell command name {n!r}: use a plain word such as 'ls'")

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        is_async = inspect.iscoroutinefunction(func)
        for n in (name, *aliases):
            _REGISTRY[n] = CommandSpec(n, func, is_async)
        return func

    return deco


def lookup(name: str) -> CommandSpec | None:
    """The command for ``name``; an absolute path such as ``/system/bin/ls`` is looked up by basename."""
    if "/" in name:
        name = name.rstrip("/").rsplit("/", 1)[-1]
    return _REGISTRY.get(name)


def names() -> list[str]:
    return sorted(_REGISTRY)



def load_builtin_commands() -> None:
    """Import the shell's own command modules and, when present, the OS's command package.

    Importing registers the commands (``@command`` runs at import). A missing
    ``system.commands`` package is normal while the OS is not installed; any other import
    failure there is a real bug and is raised.
    """
    from . import commands as builtin_pkg

    for mod in pkgutil.iter_modules(builtin_pkg.__path__):
        importlib.import_module(f"{builtin_pkg.__name__}.{mod.name}")
    try:
        sys_pkg = importlib.import_module(SYSTEM_COMMANDS_PACKAGE)
    except ModuleNotFoundError as exc:
        if exc.name is None or not SYSTEM_COMMANDS_PACKAGE.startswith(exc.name):
            raise
    else:
        for mod in pkgutil.iter_modules(getattr(sys_pkg, "__path__", [])):
            importlib.import_module(f"{SYSTEM_COMMANDS_PACKAGE}.{mod.name}")
