"""The virtual device's shell: an mksh-compatible interpreter that runs entirely in Python.

Import ``Shell`` to run scripts, ``ShellIO`` for the stream protocol services implement,
``command``/``Ctx`` to add device commands (see docs/virtual-device-internals.md).
"""

from .interpreter import Shell
from .io import BufferIO, Ctx, ShellIO
from .parser import ShellSyntaxError
from .registry import command, load_builtin_commands

__all__ = ["Shell", "ShellIO", "BufferIO", "Ctx", "command", "load_builtin_commands", "ShellSyntaxError"]
