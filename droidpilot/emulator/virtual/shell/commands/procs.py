"""Baseline process and log tools: ps, pidof, kill, logcat.

The virtual device runs no real processes; these print a fixed, plausible system process table
so clients that probe with ``ps``/``pidof`` get well-formed answers. The OS package may register
richer versions under the same names (its commands load after these and replace them).
"""

from __future__ import annotations

import asyncio

from ..io import Ctx
from ..perms import user_name
from ..registry import command

# (uid, pid, ppid, vsz, rss, wchan, name)
_SYSTEM_PROCESSES = [
    (0, 1, 0, 10902508, 11392, "do_epoll_wait", "init"),
    (0, 2, 0, 0, 0, "kthreadd", "[kthreadd]"),
    (0, 120, 1, 10797256, 3264, "do_epoll_wait", "ueventd"),
    (1036, 241, 1, 10868724, 6752, "__do_sys_rt_sigsuspend", "logd"),
    (1000, 246, 1, 10815436, 4128, "do_epoll_wait", "servicemanager"),
    (0, 312, 1, 14738528, 143876, "do_sys_poll", "zygote64"),
    (1000, 598, 312, 17892120, 286444, "do_epoll_wait", "system_server"),
    (10110, 812, 312, 15321460, 176520, "do_epoll_wait", "com.android.systemui"),
    (2000, 415, 1, 10925104, 4700, "do_epoll_wait", "adbd"),
]


def _session_processes(uid: int) -> list[tuple]:
    return [(uid, 4321, 415, 10873932, 3924, "__do_sys_rt_sigsuspend", "sh"),
            (uid, 4330, 4321, 10880636, 3948, "0", "ps")]


def _row(p: tuple) -> str:
    uid, pid, ppid, vsz, rss, wchan, name = p
    return f"{user_name(uid):<10} {pid:>6} {ppid:>6} {vsz:>9} {rss:>6} {wchan:<22} {0:>4} S {name}"


@command("ps")
def ps(ctx: Ctx) -> int:
    args = [a for a in ctx.argv[1:]]
    every = any(a in ("-A", "-e", "-ef", "-aux", "aux") for a in args)
    names = [a for a in args if not a.startswith("-")]
    procs = (_SYSTEM_PROCESSES if every or names else []) + _session_processes(ctx.uid)
    if names:
        procs = [p for p in procs if p[6] in names]
    ctx.out(f"{'USER':<10} {'PID':>6} {'PPID':>6} {'VSZ':>9} {'RSS':>6} {'WCHAN':<22} {'ADDR':>4} S NAME\n")
    ctx.out("".join(_row(p) + "\n" for p in procs))
    return 0


@command("pidof")
def pidof(ctx: Ctx) -> int:
    pids = [str(p[1]) for name in ctx.argv[1:] for p in _SYSTEM_PROCESSES if p[6] == name]
    if not pids:
        return 1
    ctx.out(" ".join(pids) + "\n")
    return 0


@command("kill")
def kill(ctx: Ctx) -> int:
    status = 0
    for arg in ctx.argv[1:]:
        if arg.startswith("-"):
            continue
        if not arg.isdigit():
            ctx.error(f"bad pid '{arg}'")
            return 1
        pid = int(arg)
        owner = next((p[0] for p in _SYSTEM_PROCESSES if p[1] == pid), None)
        if owner is None:
            ctx.error(f"pid {pid}: No such process")
        else:
            ctx.error(f"pid {pid}: Operation not permitted")
        status = 1
    return status


@command("logcat")
async def logcat(ctx: Ctx) -> int:
    """``-c`` clears, ``-d`` dumps (the virtual device keeps no log buffer), otherwise streams until
    the client closes the stream, like a real ``adb logcat``."""
    args = ctx.argv[1:]
    if any(a in ("-c", "--clear") for a in args):
        return 0
    if any(a in ("-g", "--buffer-size") for a in args):
        ctx.out("main: ring buffer is 256 KiB (0 B consumed), max entry is 5120 B, max payload is 4068 B\n")
        return 0
    if any(a in ("-d", "-t", "-T") or a.startswith("-t") for a in args):
        return 0
    ctx.out("--------- beginning of main\n")
    await ctx.closed.wait()
    return 0


@command("nproc")
def nproc(ctx: Ctx) -> int:
    ctx.out("4\n")
    return 0


@command("timeout")
async def timeout(ctx: Ctx) -> int:
    """``timeout [-s SIG] SECONDS CMD...``: run CMD in this interpreter, stop it after SECONDS (exit 124)."""
    args = ctx.argv[1:]
    while args and args[0].startswith("-") and args[0] != "--":
        args = args[2:] if args[0] in ("-s", "-k") else args[1:]
    if args and args[0] == "--":
        args = args[1:]
    if len(args) < 2:
        ctx.error("Needs 2 arguments")
        return 125
    try:
        seconds = float(args[0].rstrip("s"))
    except ValueError:
        ctx.error(f"bad duration '{args[0]}'")
        return 125
    task = asyncio.ensure_future(ctx.shell.invoke(args[1:], ctx.state.child(), ctx.shell.streams_of(ctx)))
    try:
        return await asyncio.wait_for(task, timeout=seconds)
    except asyncio.TimeoutError:
        return 124
