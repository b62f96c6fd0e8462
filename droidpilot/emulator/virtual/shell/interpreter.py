"""The device shell: runs parsed scripts against the virtual device, never on the host.

``Shell(system).run(script, io, uid=...)`` is what ``adb shell`` / ``exec:`` reach through the
adbd services; ``interactive()`` is the pty session. Every command is a Python function from the
registry; redirects and globs go through ``system.fs``; ``$(...)`` runs in this interpreter.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import itertools
import logging
import posixpath
from typing import Any

from ..fs import FSError
from .expand import ExpansionError, Expander
from .io import Ctx, ShellIO, Sink
from .redirect import apply_redirects, flush_sinks
from .streams import Streams, bytes_stdin, no_stdin, session_stdin
from .parser import (
    AndOr, Case, For, FuncDef, Group, If, ListItem, Lit, Loop, Pipeline, ShellSyntaxError, SimpleCommand,
    Word, parse,
)
from .registry import load_builtin_commands, lookup
from .state import ShellState, default_environment

__all__ = ["Shell", "ExitShell", "LoopControl", "ReturnFromFunction", "SH"]

log = logging.getLogger(__name__)

SH = "/system/bin/sh"
_MAX_DEPTH = 64  # nested sh -c / $(...) / subshells: a runaway script stops here instead of exhausting memory
_pids = itertools.count(5000)


class ExitShell(Exception):
    """Raised by ``exit``: unwinds to the nearest shell process boundary."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class ReturnFromFunction(Exception):
    """Raised by ``return`` inside a shell function."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class LoopControl(Exception):
    """Raised by ``break``/``continue``; ``levels`` counts enclosing loops to leave."""

    def __init__(self, kind: str, levels: int) -> None:
        super().__init__(kind)
        self.kind = kind
        self.levels = levels


class Shell:
    """mksh-compatible interpreter bound to one device ``system``.

    ``system`` must provide ``.fs`` (VirtualFS), ``.props`` (dict), ``.log`` (``append(line,
    uid)``) and ``.lock`` (RLock); ``.rooted`` enables ``su``.
    """

    def __init__(self, system: Any) -> None:
        load_builtin_commands()
        self.system = system
        self._background: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------------ public

    async def run(self, script: str, io: ShellIO, uid: int = 2000, env: dict[str, str] | None = None) -> int:
        """Run ``script`` as ``sh -c script`` would; returns the exit status (0-255)."""
        self._log(script, uid)
        state = self.new_state(uid, env)
        streams = Streams(io.write_out, io.write_err, session_stdin(io), io.closed, io.drain)
        try:
            code = await self.run_script(script, state, streams)
        except RecursionError:  # pathological nesting of groups: stop this script, keep the device
            streams.err(f"{SH}: nesting too deep\n".encode())
            code = 1
        with contextlib.suppress(Exception):
            await io.drain()
        return code & 0xFF

    async def interactive(self, io: ShellIO, uid: int = 2000) -> int:
        """A pty session: prompt, echo, line editing basics; returns the exit status."""
        from .pty import run_pty_session

        return await run_pty_session(self, io, uid=uid)

    def new_state(self, uid: int, env: dict[str, str] | None = None) -> ShellState:
        props = getattr(self.system, "props", {}) or {}
        base = default_environment(uid, props.get("ro.product.device", "emu64x"))
        if env:
            base.update({str(k): str(v) for k, v in env.items()})
        return ShellState.new(uid, base)

    def prompt(self, state: ShellState) -> str:
        props = getattr(self.system, "props", {}) or {}
        host = props.get("ro.product.device") or "emu64x"
        return f"{host}:{state.cwd} {'#' if state.uid == 0 else '$'} "

    # ------------------------------------------------------------- script level

    def _log(self, script: str, uid: int) -> None:
        sink = getattr(self.system, "log", None)
        if sink is not None:
            sink.append(script, uid)

    async def run_script(self, script: str, state: ShellState, streams: Streams) -> int:
        """Parse and run a script in ``state`` as its own shell process (``exit`` stops here)."""
        try:
            await self.run_in_state(script, state, streams)
        except ExitShell as exc:
            state.status = exc.code & 0xFF
        except (LoopControl, ReturnFromFunction):
            pass
        return await self._run_exit_trap(state, streams)

    async def _run_exit_trap(self, state: ShellState, streams: Streams) -> int:
        """``trap '...' EXIT`` runs once when the shell process ends; it keeps the exit status."""
        action = state.traps.pop("EXIT", None)
        status = state.status
        if action:
            try:
                await self.run_in_state(action, state, streams)
            except (ExitShell, LoopControl, ReturnFromFunction):
                pass
        state.status = status
        return status

    async def run_in_state(self, script: str, state: ShellState, streams: Streams) -> int:
        """Parse and run ``script`` in ``state`` itself (``eval``, ``.``): ``exit`` propagates."""
        if state.depth > _MAX_DEPTH:
            streams.err(f"{SH}: nesting too deep\n".encode())
            state.status = 1
            return 1
        try:
            items = parse(script)
        except ShellSyntaxError as exc:
            streams.err(f"{SH}: {exc}\n".encode())
            state.status = 1
            return 1
        except RecursionError:
            streams.err(f"{SH}: syntax error: nesting too deep\n".encode())
            state.status = 1
            return 1
        return await self.run_list(items, state, streams)

    async def run_nested(self, script: str, ctx: Ctx, *, uid: int | None = None,
                         positional: list[str] | None = None) -> int:
        """Run ``script`` as a child shell of the command ``ctx`` (``sh -c``, ``su -c``, scripts)."""
        child = ctx.state.child()
        child.status = 0
        child.cwd = ctx.cwd
        child.vars.update(ctx.env)
        child.exported.update(ctx.env)
        if uid is not None and uid != child.uid:
            child.uid = uid
            user = "root" if uid == 0 else "shell"
            child.vars["USER"] = child.vars["LOGNAME"] = user
        if positional is not None:
            child.positional = positional
        return await self.run_script(script, child, self.streams_of(ctx))

    def streams_of(self, ctx: Ctx) -> Streams:
        return Streams(ctx._out, ctx._err, ctx._stdin, ctx.closed, ctx._drain)

    async def capture(self, script: str, state: ShellState, streams: Streams) -> str:
        """``$(...)``: run in a subshell, collect stdout; ``$?`` becomes its status."""
        buf = bytearray()
        child = state.child()
        sub = Streams(buf.extend, streams.err, streams.stdin, streams.closed)
        status = await self.run_script(script, child, sub)
        state.status = status
        return buf.decode("utf-8", "surrogateescape")

    # ---------------------------------------------------------------- lists

    async def run_list(self, items: list[ListItem], state: ShellState, streams: Streams) -> int:
        for item in items:
            if streams.closed.is_set():
                break
            if item.background:
                self._spawn_background(item, state, streams)
                state.status = 0
                continue
            await self.run_andor(item.andor, state, streams)
            await streams.wait_drained()
            await asyncio.sleep(0)  # let other tasks run between commands
        return state.status

    def _spawn_background(self, item: ListItem, state: ShellState, streams: Streams) -> None:
        child = state.child()

        def safe(sink: Sink) -> Sink:
            def write(data: bytes) -> None:
                if not streams.closed.is_set():
                    with contextlib.suppress(Exception):
                        sink(data)
            return write

        bg = Streams(safe(streams.out), safe(streams.err), no_stdin, streams.closed)

        async def job() -> None:
            try:
                await self.run_andor(item.andor, child, bg)
            except (ExitShell, LoopControl, ReturnFromFunction):
                pass
            except Exception:  # a background job must not take the session down
                log.exception("background shell job failed")

        task = asyncio.ensure_future(job())
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        state.last_bg = next(_pids)

    async def run_andor(self, andor: AndOr, state: ShellState, streams: Streams) -> int:
        status = await self.run_pipeline(andor.first, state, streams)
        for op, pipeline in andor.rest:
            if (op == "&&" and status == 0) or (op == "||" and status != 0):
                status = await self.run_pipeline(pipeline, state, streams)
        return status

    async def run_pipeline(self, pipeline: Pipeline, state: ShellState, streams: Streams) -> int:
        cmds = pipeline.commands
        if len(cmds) == 1:
            status = await self.run_command(cmds[0], state, streams)
        else:
            data = b""
            status = 0
            for i, cmd in enumerate(cmds):
                last = i == len(cmds) - 1
                buf = bytearray()
                stage = Streams(streams.out if last else buf.extend, streams.err,
                                streams.stdin if i == 0 else bytes_stdin(data), streams.closed,
                                streams.drain if last else None)
                child = state.child()
                try:
                    status = await self.run_command(cmd, child, stage)
                except ExitShell as exc:
                    status = exc.code & 0xFF
                except (LoopControl, ReturnFromFunction):
                    status = child.status
                data = bytes(buf)
        if pipeline.negate:
            status = 0 if status else 1
        state.status = status
        return status

    # ------------------------------------------------------------- commands

    async def run_command(self, cmd: Any, state: ShellState, streams: Streams) -> int:
        if isinstance(cmd, SimpleCommand):
            status = await self._run_simple(cmd, state, streams)
        else:
            status = await self._run_compound(cmd, state, streams)
        state.status = status
        return status

    def _expander(self, state: ShellState, streams: Streams) -> Expander:
        async def capture(script: str, st: ShellState) -> str:
            return await self.capture(script, st, streams)

        return Expander(state, self.system.fs, capture)

    async def _run_compound(self, cmd: Any, state: ShellState, streams: Streams) -> int:
        exp = self._expander(state, streams)
        opened = await apply_redirects(self, cmd.redirects, state, streams, exp)
        if opened is None:
            return 1
        rstreams, sinks = opened
        try:
            if isinstance(cmd, Group):
                if cmd.subshell:
                    return await self.run_script_items(cmd.body, state.child(), rstreams)
                return await self.run_list(cmd.body, state, rstreams)
            if isinstance(cmd, If):
                for cond, body in cmd.clauses:
                    if await self.run_list(cond, state, rstreams) == 0:
                        return await self.run_list(body, state, rstreams)
                if cmd.orelse is not None:
                    return await self.run_list(cmd.orelse, state, rstreams)
                return 0
            if isinstance(cmd, Loop):
                return await self._run_loop(cmd, state, rstreams)
            if isinstance(cmd, For):
                return await self._run_for(cmd, state, rstreams, exp)
            if isinstance(cmd, Case):
                return await self._run_case(cmd, state, rstreams, exp)
            if isinstance(cmd, FuncDef):
                state.functions[cmd.name] = cmd.body
                return 0
            raise TypeError(f"unknown command node {type(cmd).__name__}")
        finally:
            flush_sinks(sinks)

    async def run_script_items(self, items: list[ListItem], state: ShellState, streams: Streams) -> int:
        try:
            return await self.run_list(items, state, streams)
        except ExitShell as exc:
            return exc.code & 0xFF

    async def _loop_body(self, body: list[ListItem], state: ShellState, streams: Streams) -> str | None:
        """Run one iteration; returns 'break'/'continue' when a loop control reached this loop."""
        try:
            await self.run_list(body, state, streams)
        except LoopControl as ctl:
            if ctl.levels > 1:
                ctl.levels -= 1
                raise
            return ctl.kind
        return None

    async def _run_loop(self, cmd: Loop, state: ShellState, streams: Streams) -> int:
        status = 0
        while not streams.closed.is_set():
            cond = await self.run_list(cmd.cond, state, streams)
            if (cond == 0) == cmd.until:
                break
            ctl = await self._loop_body(cmd.body, state, streams)
            status = state.status
            if ctl == "break":
                break
            await asyncio.sleep(0)  # an endless loop must not starve the device's event loop
        return status

    async def _run_for(self, cmd: For, state: ShellState, streams: Streams, exp: Expander) -> int:
        items = await exp.words(cmd.items) if cmd.items is not None else list(state.positional[1:])
        status = 0
        for value in items:
            if streams.closed.is_set():
                break
            state.vars[cmd.var] = value
            ctl = await self._loop_body(cmd.body, state, streams)
            status = state.status
            if ctl == "break":
                break
            await asyncio.sleep(0)
        return status

    async def _run_case(self, cmd: Case, state: ShellState, streams: Streams, exp: Expander) -> int:
        subject = await exp.word_string(cmd.subject)
        for patterns, body in cmd.arms:
            for pat in patterns:
                if fnmatch.fnmatchcase(subject, await _case_pattern(pat, exp)):
                    return await self.run_list(body, state, streams)
        return 0

    async def _run_simple(self, cmd: SimpleCommand, state: ShellState, streams: Streams) -> int:
        exp = self._expander(state, streams)
        try:
            argv = await exp.words(cmd.words)
            assigns = [(name, await exp.word_string(word)) for name, word in cmd.assigns]
        except ExpansionError as exc:
            streams.err(f"{SH}: {exc}\n".encode())
            return 1
        if not argv:
            for name, value in assigns:
                state.vars[name] = value
            opened = await apply_redirects(self, cmd.redirects, state, streams, exp)
            if opened is None:
                return 1
            flush_sinks(opened[1])
            # the status of the last $(...) in the assignments, as in POSIX
            return state.status if any(_has_cmdsub(w) for _, w in cmd.assigns) else 0
        opened = await apply_redirects(self, cmd.redirects, state, streams, exp)
        if opened is None:
            return 1
        rstreams, sinks = opened
        try:
            return await self.invoke(argv, state, rstreams, assigns=assigns)
        finally:
            flush_sinks(sinks)


    async def invoke(self, argv: list[str], state: ShellState, streams: Streams, *,
                     assigns: list[tuple[str, str]] | None = None) -> int:
        """Run one command by name with ``argv`` (after expansion and redirects)."""
        name = argv[0]
        env = state.environ()
        for key, value in assigns or []:
            env[key] = value
        ctx = Ctx(argv=list(argv), out=streams.out, err=streams.err, stdin=streams.stdin, env=env,
                  cwd=state.cwd, uid=state.uid, system=self.system, shell=self, closed=streams.closed, state=state,
                  drain=streams.drain)
        func = state.functions.get(name)
        if func is not None:
            return await self._call_function(func, argv, state, streams)
        spec = lookup(name)
        if spec is None:
            return await self._run_path(ctx, state)
        try:
            if spec.is_async:
                code = await spec.func(ctx)
            else:
                lock = getattr(self.system, "lock", None)
                with lock if lock is not None else contextlib.nullcontext():
                    code = spec.func(ctx)
        except (ExitShell, LoopControl, ReturnFromFunction, asyncio.CancelledError):
            raise
        except FSError as exc:
            ctx.error(exc.message)
            return 1
        except Exception as exc:  # a command's bug must not kill the adb stream
            log.exception("shell command %s failed", name)
            ctx.err(f"{SH}: {posixpath.basename(name)}: {exc}\n")
            return 1
        return 0 if code is None else int(code) & 0xFF

    async def _call_function(self, body: Any, argv: list[str], state: ShellState, streams: Streams) -> int:
        """Run a shell function in the caller's state with its own positional parameters."""
        if state.depth > _MAX_DEPTH:
            streams.err(f"{SH}: {argv[0]}: nesting too deep\n".encode())
            return 1
        saved = state.positional
        state.positional = [saved[0]] + list(argv[1:])
        state.depth += 1
        try:
            return await self.run_command(body, state, streams)
        except ReturnFromFunction as ret:
            return ret.code
        finally:
            state.depth -= 1
            state.positional = saved

    async def _run_path(self, ctx: Ctx, state: ShellState) -> int:
        """A command that is not registered: a script file on the device, or not found."""
        name = ctx.argv[0]
        if "/" in name:
            path = ctx.resolve(name)
            fs = self.system.fs
            st = fs.stat(path)
            if st is not None:
                if fs.is_dir(path):
                    ctx.err(f"{SH}: {name}: can't execute: Is a directory\n")
                    return 126
                if not st.mode & 0o111 and state.uid != 0:
                    ctx.err(f"{SH}: {name}: can't execute: Permission denied\n")
                    return 126
                data = fs.read(path)
                if b"\x00" in data[:512]:
                    ctx.err(f"{SH}: {name}: can't execute: Exec format error\n")
                    return 126
                return await self.run_nested(data.decode("utf-8", "replace"), ctx, positional=list(ctx.argv))
        ctx.err(f"{SH}: {name}: not found\n")
        return 127

async def _case_pattern(word: Word, exp: Expander) -> str:
    """A ``case`` pattern: quoted characters match literally, unquoted ones are glob syntax."""
    out = []
    for part in word.parts:
        if isinstance(part, Lit):
            text, quoted = part.text, part.quoted
        else:
            text, quoted = await exp.word_string(Word([part])), part.quoted
        out.append("".join(f"[{c}]" if c in "*?[" else c for c in text) if quoted else text)
    return "".join(out)


def _has_cmdsub(word: Word) -> bool:
    from .parser import CmdSub

    return any(isinstance(p, CmdSub) for p in word.parts)


