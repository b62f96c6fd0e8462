"""``am`` (start, force-stop, kill, broadcast, stack) and ``monkey -p PKG -c LAUNCHER 1``."""

from __future__ import annotations

import base64
import time

from ...shell.registry import command
from ..activities import ActivityStartError
from ..intents import (
    FLAG_ACTIVITY_CLEAR_TASK,
    FLAG_ACTIVITY_CLEAR_TOP,
    FLAG_ACTIVITY_NEW_TASK,
    FLAG_ACTIVITY_SINGLE_TOP,
    Intent,
)
from ._args import UsageError, parse_float, parse_int, take

_FLAG_OPTIONS = {
    "--activity-clear-task": FLAG_ACTIVITY_CLEAR_TASK,
    "--activity-clear-top": FLAG_ACTIVITY_CLEAR_TOP,
    "--activity-new-task": FLAG_ACTIVITY_NEW_TASK,
    "--activity-single-top": FLAG_ACTIVITY_SINGLE_TOP,
    "--activity-no-history": 0x40000000,
    "--activity-reorder-to-front": 0x00020000,
    "--activity-exclude-from-recents": 0x00800000,
    "--grant-read-uri-permission": 0x1,
    "--grant-write-uri-permission": 0x2,
    "--receiver-foreground": 0x10000000,
    "--include-stopped-packages": 0x20,
    "--exclude-stopped-packages": 0x10,
}

_BOOLEAN_WORDS = {"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}


def parse_intent(args: list[str]) -> tuple[Intent, dict[str, object]]:
    """Parse ``am``-style intent arguments (Android's Intent.parseCommandArgs)."""
    intent = Intent()
    opts: dict[str, object] = {"wait": False, "stop": False, "user": "current"}
    i = 0
    positional: list[str] = []
    while i < len(args):
        a = args[i]
        if a == "-a":
            i += 1
            intent.action = take(args, i, a)
        elif a == "-d":
            i += 1
            intent.data = take(args, i, a)
        elif a == "-t":
            i += 1
            intent.mime_type = take(args, i, a)
        elif a == "-c":
            i += 1
            intent.categories.append(take(args, i, a))
        elif a == "-n":
            i += 1
            intent.component = take(args, i, a)
        elif a == "-p":
            i += 1
            intent.package = take(args, i, a)
        elif a == "-f":
            i += 1
            intent.flags |= parse_int(take(args, i, a), "flags")
        elif a in _FLAG_OPTIONS:
            intent.flags |= _FLAG_OPTIONS[a]
        elif a in ("--es", "-e"):
            intent.extras[take(args, i + 1, a)] = take(args, i + 2, a)
            i += 2
        elif a == "--esn":
            i += 1
            intent.extras[take(args, i, a)] = None
        elif a == "--ez":
            key, raw = take(args, i + 1, a), take(args, i + 2, a).lower()
            if raw not in _BOOLEAN_WORDS:
                raise UsageError(f"Error: Invalid boolean value: {raw}")
            intent.extras[key] = _BOOLEAN_WORDS[raw]
            i += 2
        elif a in ("--ei", "--el"):
            intent.extras[take(args, i + 1, a)] = parse_int(take(args, i + 2, a), "number")
            i += 2
        elif a in ("--ef", "--ed"):
            intent.extras[take(args, i + 1, a)] = parse_float(take(args, i + 2, a))
            i += 2
        elif a in ("--eu", "--ecn"):
            intent.extras[take(args, i + 1, a)] = take(args, i + 2, a)
            i += 2
        elif a in ("--eia", "--ela"):
            raw = take(args, i + 2, a)
            intent.extras[take(args, i + 1, a)] = [parse_int(x, "number") for x in raw.split(",") if x]
            i += 2
        elif a in ("--efa", "--eda"):
            raw = take(args, i + 2, a)
            intent.extras[take(args, i + 1, a)] = [parse_float(x) for x in raw.split(",") if x]
            i += 2
        elif a in ("--esa", "--esal"):
            raw = take(args, i + 2, a)
            intent.extras[take(args, i + 1, a)] = [x.replace("\\,", ",") for x in _split_escaped(raw)]
            i += 2
        elif a in ("--eial", "--elal"):
            raw = take(args, i + 2, a)
            intent.extras[take(args, i + 1, a)] = [parse_int(x, "number") for x in raw.split(",") if x]
            i += 2
        elif a == "-W":
            opts["wait"] = True
        elif a == "-S":
            opts["stop"] = True
        elif a in ("-D", "-N", "--suspend", "--streaming", "--track-allocation"):
            pass
        elif a in ("--user", "-P", "--start-profiler", "--sampling", "--attach-agent", "--windowingMode", "--activityType", "--display", "-R"):
            i += 1
            opts[a.lstrip("-")] = take(args, i, a)
        elif a.startswith("-"):
            raise UsageError(f"Error: Unknown option: {a}")
        else:
            positional.append(a)
        i += 1
    for p in positional:
        if "/" in p and ":" not in p:
            intent.component = p
        elif intent.data is None:
            intent.data = p
        else:
            raise UsageError(f"Error: Unknown option: {p}")
    return intent, opts


def _split_escaped(raw: str) -> list[str]:
    parts, cur, i = [], "", 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw) and raw[i + 1] == ",":
            cur += "\\,"
            i += 2
            continue
        if raw[i] == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += raw[i]
        i += 1
    parts.append(cur)
    return parts


def _start(ctx, args: list[str]) -> int:
    system = ctx.system
    intent, opts = parse_intent(args)
    if intent.action is None and intent.component is None and intent.data is None and not intent.categories:
        raise UsageError("Error: Intent does not match any activities: Intent {  }")
    if intent.component is None:
        intent.flags |= FLAG_ACTIVITY_NEW_TASK
    else:
        intent.flags |= FLAG_ACTIVITY_NEW_TASK
    shown = Intent(**{**intent.__dict__, "flags": intent.flags & ~FLAG_ACTIVITY_NEW_TASK, "extras": dict(intent.extras)})
    ctx.out(f"Starting: {shown.describe()}\n")
    began = time.monotonic()
    with system.lock:
        try:
            if opts["stop"]:
                info = system.am.resolve(intent, uid=ctx.uid)
                system.am.force_stop(info.package)
            cold = True
            try:
                info = system.am.resolve(intent, uid=ctx.uid)
                cold = system.am.pid(info.package) is None
            except ActivityStartError:
                pass
            result = system.am.start(intent, uid=ctx.uid)
        except ActivityStartError as exc:
            msg = str(exc)
            if "does not exist" in msg:
                ctx.err("Error type 3\n")
            ctx.err(msg + "\n")
            return 1
    if result.brought_to_front:
        ctx.out(
            "Warning: Activity not started, intent has been delivered to currently running top-most instance.\n"
            if not opts["wait"]
            else ""
        )
    if opts["wait"]:
        total = max(1, int((time.monotonic() - began) * 1000))
        state = "UNKNOWN (0)" if result.brought_to_front else ("COLD" if cold else "WARM")
        ctx.out(
            f"Status: ok\nLaunchState: {state}\nActivity: {result.info.component}\n"
            f"TotalTime: {total}\nWaitTime: {total + 2}\nComplete\n"
        )
    return 0


def _broadcast(ctx, args: list[str]) -> int:
    intent, _ = parse_intent(args)
    intent.flags |= 0x400000
    ctx.out(f"Broadcasting: {intent.describe()}\n")
    result = ctx.system.broadcast(intent) if hasattr(ctx.system, "broadcast") else 0
    ctx.out(f"Broadcast completed: result={result}\n")
    return 0


@command("am")
def am(ctx) -> int:
    args = list(ctx.argv[1:])
    if not args:
        ctx.out("Activity manager (activity) commands:\n  start [-W] [-S] <INTENT>\n  force-stop <PACKAGE>\n  kill <PACKAGE>\n  broadcast <INTENT>\n")
        return 0
    verb, rest = args[0], args[1:]
    system = ctx.system
    try:
        if verb in ("start", "start-activity"):
            return _start(ctx, rest)
        if verb == "force-stop":
            pkgs = [a for a in rest if not a.startswith("--")]
            with system.lock:
                for pkg in pkgs:
                    system.am.force_stop(pkg)
            return 0
        if verb in ("kill", "kill-all"):
            with system.lock:
                for pkg in [a for a in rest if not a.startswith("--")]:
                    if system.am.top() is None or system.am.top().package != pkg:
                        system.am._pids.pop(pkg, None)
            return 0
        if verb == "broadcast":
            return _broadcast(ctx, rest)
        if verb in ("stack", "task") and rest[:1] == ["list"]:
            with system.lock:
                for task in reversed(system.am.tasks):
                    top = task.top
                    if top is None:
                        continue
                    ctx.out(
                        f"taskId={task.task_id}: {top.info.component} bounds=[0,0][{system.wm.width},{system.wm.height}] "
                        f"userId=0 visible={'true' if task is system.am.front_task else 'false'}\n"
                    )
            return 0
        if verb == "get-current-user":
            ctx.out("0\n")
            return 0
    except UsageError as exc:
        ctx.err(f"{exc}\n")
        return 1
    ctx.err(f"Error: Unknown command: {verb}\n")
    return 1


@command("monkey")
def monkey(ctx) -> int:
    args = list(ctx.argv[1:])
    packages: list[str] = []
    categories: list[str] = []
    count = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-p" and i + 1 < len(args):
            packages.append(args[i + 1])
            i += 2
            continue
        if a == "-c" and i + 1 < len(args):
            categories.append(args[i + 1])
            i += 2
            continue
        if a in ("-v", "--pct-syskeys", "--throttle", "-s") and a != "-v":
            i += 2
            continue
        if a.isdigit():
            count = int(a)
        i += 1
    if count is None:
        ctx.err("** Error: Count not specified\n")
        return 1
    system = ctx.system
    ctx.out("  bash arg: " + "\n  bash arg: ".join(args) + "\n")
    with system.lock:
        targets = [
            info
            for info in system.packages.launcher_activities()
            if not packages or info.package in packages
        ]
        if not targets:
            ctx.out("** No activities found to run, monkey aborted.\n")
            return 252
        info = targets[0]
        intent = system.packages.launch_intent(info.package)
        began = time.monotonic()
        for _ in range(max(1, min(count, 1))):
            system.am.start(intent, uid=ctx.uid)
    elapsed = int((time.monotonic() - began) * 1000)
    ctx.out(f"Events injected: {count}\n## Network stats: elapsed time={elapsed}ms (0ms mobile, 0ms wifi, {elapsed}ms not connected)\n")
    return 0


def decode_adb_keyboard_text(intent: Intent) -> str | None:
    """The text carried by an ADB keyboard broadcast (plain or base64), if any."""
    extras = intent.extras
    if intent.action == "ADB_INPUT_TEXT" and "msg" in extras:
        return str(extras["msg"])
    if intent.action in ("ADB_INPUT_B64", "ADB_KEYBOARD_INPUT_TEXT"):
        raw = extras.get("msg", extras.get("text"))
        if raw is None:
            return None
        try:
            return base64.b64decode(str(raw)).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
    return None
