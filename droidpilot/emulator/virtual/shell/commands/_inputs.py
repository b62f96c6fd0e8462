"""Reading a command's operands: ``-``/none is stdin, anything else a virtual file."""

from __future__ import annotations

import errno

from ...fs import FSError
from ..io import Ctx
from ..perms import read_denied


async def read_input(ctx: Ctx, name: str) -> bytes | None:
    """The bytes of ``name`` (``-`` = stdin); None after printing toybox's error."""
    if name == "-":
        return await ctx.read_stdin()
    path = ctx.resolve(name)
    with ctx.system.lock:
        try:
            denied = read_denied(ctx.fs, path, ctx.uid)
            if denied:
                raise FSError(errno.EACCES, denied)
            if ctx.fs.is_dir(path):
                raise FSError(errno.EISDIR)
            return ctx.fs.read(path)
        except FSError as exc:
            ctx.error(f"{name}: {exc.message}")
            return None
