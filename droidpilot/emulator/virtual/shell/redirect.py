"""Redirections (``>``, ``>>``, ``<``, ``2>&1``, here-documents) onto the virtual file system.

``/dev/null`` is special-cased; files are created at redirect time (so ``> f`` makes an empty
file even when the command fails) with the permission checks a phone applies.
"""

from __future__ import annotations

import logging
import posixpath
from typing import TYPE_CHECKING, Any

from ..fs import FSError
from .expand import ExpansionError, Expander
from .lexer import parse_double_quoted
from .perms import new_node_attrs, write_denied
from .state import ShellState
from .streams import FileSink, Streams, bytes_stdin, discard, no_stdin
from .syntax import Redirect, Word

if TYPE_CHECKING:  # pragma: no cover
    from .interpreter import Shell

__all__ = ["apply_redirects", "flush_sinks"]

log = logging.getLogger(__name__)
SH = "/system/bin/sh"


def flush_sinks(sinks: list[FileSink]) -> None:
    """Write redirected output through; a failing file write is logged, never raised into the script."""
    for sink in sinks:
        try:
            sink.flush()
        except FSError as exc:
            log.warning("redirect to %s failed: %s", sink.path, exc.message)


async def apply_redirects(shell: "Shell", redirects: list[Redirect], state: ShellState, streams: Streams,
                    exp: Expander) -> tuple[Streams, list[FileSink]] | None:
    """Apply redirects left to right; None (after printing mksh's error) when one fails."""
    if not redirects:
        return streams, []
    fds: dict[int, Any] = {0: streams.stdin, 1: streams.out, 2: streams.err}
    sinks: list[FileSink] = []
    fs = shell.system.fs
    try:
        for r in redirects:
            if r.op in ("<<", "<<-"):
                body = r.heredoc or ""
                if r.heredoc_expand:
                    body = await exp.word_string(Word(parse_double_quoted(body)))
                fds[r.fd] = bytes_stdin(body.encode())
                continue
            target = await exp.word_string(r.target)
            if r.op in (">&", "<&"):
                if target == "-":
                    fds[r.fd] = no_stdin if r.fd == 0 else discard
                elif target.isdigit() and int(target) in fds:
                    fds[r.fd] = fds[int(target)]
                else:
                    streams.err(f"{SH}: {target}: bad file descriptor\n".encode())
                    flush_sinks(sinks)
                    return None
                continue
            path = posixpath.normpath(posixpath.join(state.cwd, target)) if target else ""
            if r.op in (">", ">|", ">>"):
                if path in ("/dev/null", "/dev/zero"):
                    fds[r.fd] = discard
                    continue
                if not target or fs.is_dir(path):
                    streams.err(f"{SH}: can't create {target}: Is a directory\n".encode())
                    flush_sinks(sinks)
                    return None
                denied = write_denied(fs, path, state.uid)
                if denied:
                    streams.err(f"{SH}: can't create {target}: {denied}\n".encode())
                    flush_sinks(sinks)
                    return None
                parent = posixpath.dirname(path) or "/"
                if not fs.is_dir(parent):
                    reason = "Not a directory" if fs.exists(parent) else "No such file or directory"
                    streams.err(f"{SH}: can't create {target}: {reason}\n".encode())
                    flush_sinks(sinks)
                    return None
                st = fs.stat(path)
                if r.op != ">>" and st is not None and st.size:
                    fs.write(path, b"", mode=None)  # truncate now: `cat f > f` must read an empty f
                sink = FileSink(fs, path, append=r.op == ">>", attrs=new_node_attrs(path, state.uid))
                sinks.append(sink)
                fds[r.fd] = sink
            else:  # < and <>
                if path in ("/dev/null", "/dev/zero"):
                    fds[r.fd] = no_stdin
                    continue
                if r.op == "<>" and not fs.exists(path):
                    mode, uid, gid = new_node_attrs(path, state.uid)
                    fs.write(path, b"", mode=mode, uid=uid, gid=gid)
                fds[r.fd] = bytes_stdin(fs.read(path))
    except FSError as exc:
        verb = "open" if r.op in ("<", "<>") else "create"
        streams.err(f"{SH}: can't {verb} {target}: {exc.message}\n".encode())
        flush_sinks(sinks)
        return None
    except ExpansionError as exc:
        streams.err(f"{SH}: {exc}\n".encode())
        flush_sinks(sinks)
        return None
    drain = streams.drain if fds[1] is streams.out else None
    return Streams(fds[1], fds[2], fds[0], streams.closed, drain), sinks
