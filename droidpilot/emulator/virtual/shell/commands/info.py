"""Device identity and time: getprop, setprop, uname, date, id, whoami, hostname, toybox."""

from __future__ import annotations

import re
import time

from ..io import Ctx
from ..perms import SHELL_GROUPS, user_name
from ..registry import command, lookup


@command("getprop")
def getprop(ctx: Ctx) -> int:
    """No args: every ``[key]: [value]`` sorted; one key: its value or an empty line (or the default)."""
    props = ctx.system.props
    args = [a for a in ctx.argv[1:] if not a.startswith("-")]
    if not args:
        for key in sorted(props):
            ctx.out(f"[{key}]: [{props[key]}]\n")
        return 0
    value = props.get(args[0])
    if value is None:
        value = args[1] if len(args) > 1 else ""
    ctx.out(f"{value}\n")
    return 0


_PROP_NAME = re.compile(r"[A-Za-z0-9_.\-:@]+\Z")


@command("setprop")
def setprop(ctx: Ctx) -> int:
    """``ro.*`` properties are write-once; others need root unless they are ``debug.``/``persist.`` ones."""
    if len(ctx.argv) != 3:
        ctx.err("usage: setprop NAME VALUE\n\nSets an Android system property.\n")
        return 1
    name, value = ctx.argv[1], ctx.argv[2]
    props = ctx.system.props
    if not _PROP_NAME.match(name) or len(value) > 91 and not name.startswith("ro."):
        ctx.err(f"Failed to set property '{name}' to '{value}'.\nSee dmesg for error reason.\n")
        return 1
    allowed = ctx.uid == 0 or name.startswith(("debug.", "persist.debug.", "log.", "service.adb.", "persist.log."))
    if (name.startswith("ro.") and name in props) or not allowed:
        ctx.err(f"Failed to set property '{name}' to '{value}'.\nSee dmesg for error reason.\n")
        return 1
    props[name] = value
    return 0


def _props(ctx: Ctx) -> dict:
    return getattr(ctx.system, "props", {}) or {}


@command("uname")
def uname(ctx: Ctx) -> int:
    args = "".join(a.lstrip("-") for a in ctx.argv[1:]) or "s"
    props = _props(ctx)
    abi = props.get("ro.product.cpu.abi", "x86_64")
    machine = "aarch64" if abi.startswith("arm64") else "x86_64" if "x86_64" in abi else abi
    fields = {
        "s": "Linux",
        "n": "localhost",
        "r": "6.1.23-android14-4-00257-g7e35917775b8-ab9964412",
        "v": "#1 SMP PREEMPT Mon Apr 17 20:50:58 UTC 2023",
        "m": machine,
        "o": "Toybox",
    }
    if "a" in args:
        order = "snrvmo"
    else:
        unknown = [c for c in args if c not in fields]
        if unknown:
            ctx.error(f"Unknown option '{unknown[0]}'")
            return 1
        order = "".join(c for c in "snrvmo" if c in args)
    ctx.out(" ".join(fields[c] for c in order) + "\n")
    return 0


def device_time(ctx: Ctx) -> float:
    """The device's clock: ``system.now()`` (the OS may shift time), else the file system's clock."""
    for name in ("now", "clock"):
        clock = getattr(ctx.system, name, None)
        if callable(clock):
            return float(clock())
    fs_clock = getattr(ctx.fs, "now", None)
    return float(fs_clock()) if callable(fs_clock) else time.time()


_DEFAULT_DATE = "%a %b %e %H:%M:%S %Z %Y"


def _strftime(fmt: str, ts: float) -> str:
    """strftime in UTC with the toybox extras Python lacks (%N nanoseconds, %s, %e, %-d)."""
    tm = time.gmtime(ts)
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        spec = fmt[i + 1]
        i += 2
        if spec == "N":
            out.append(f"{int((ts % 1) * 1e9):09d}")
        elif spec == "s":
            out.append(str(int(ts)))
        elif spec == "e":
            out.append(f"{tm.tm_mday:2d}")
        elif spec == "Z":
            out.append("UTC")
        elif spec == "z":
            out.append("+0000")
        elif spec == "-" and i < len(fmt):
            nxt = fmt[i]
            i += 1
            out.append(str(int(time.strftime("%" + nxt, tm))))
        elif spec == "%":
            out.append("%")
        else:
            try:
                out.append(time.strftime("%" + spec, tm))
            except ValueError:
                out.append("%" + spec)
    return "".join(out)


@command("date")
def date(ctx: Ctx) -> int:
    """Device time is UTC; ``+FORMAT``, ``-u``, ``-d @SECONDS`` and ``-r FILE`` are supported."""
    ts = device_time(ctx)
    fmt = _DEFAULT_DATE
    args = ctx.argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("+"):
            fmt = a[1:]
        elif a in ("-u", "--utc"):
            pass
        elif a in ("-d", "-r") and i + 1 < len(args):
            i += 1
            if a == "-r":
                st = ctx.fs.stat(ctx.resolve(args[i]))
                if st is None:
                    ctx.error(f"{args[i]}: No such file or directory")
                    return 1
                ts = st.mtime
            else:
                m = re.fullmatch(r"@(-?\d+(?:\.\d+)?)", args[i])
                if not m:
                    ctx.error(f"bad date '{args[i]}'")
                    return 1
                ts = float(m.group(1))
        elif a.startswith("-"):
            ctx.error(f"Unknown option '{a.lstrip('-')[:1]}'")
            return 1
        else:
            if ctx.uid != 0:
                ctx.error("cannot set date: Operation not permitted")
                return 1
            ctx.error("setting the date is not supported on the virtual device")
            return 1
        i += 1
    ctx.out(_strftime(fmt, ts) + "\n")
    return 0


@command("id")
def id_(ctx: Ctx) -> int:
    uid = ctx.uid
    if "-u" in ctx.argv:
        ctx.out(f"{uid}\n" if "-n" not in ctx.argv else f"{user_name(uid)}\n")
        return 0
    if "-g" in ctx.argv:
        ctx.out(f"{uid}\n" if "-n" not in ctx.argv else f"{user_name(uid)}\n")
        return 0
    if uid == 0:
        groups = "groups=0(root),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw)," \
                 "1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc)," \
                 "3011(uhid),3012(readtracefs)"
        context = "u:r:su:s0"
    elif uid == 2000:
        groups = "groups=" + ",".join(f"{g}({user_name(g)})" for g in SHELL_GROUPS)
        context = "u:r:shell:s0"
    else:
        groups = f"groups={uid}({user_name(uid)}),3003(inet),9997(everybody)"
        context = "u:r:untrusted_app:s0"
    name = user_name(uid)
    ctx.out(f"uid={uid}({name}) gid={uid}({name}) {groups} context={context}\n")
    return 0


@command("whoami")
def whoami(ctx: Ctx) -> int:
    ctx.out(user_name(ctx.uid) + "\n")
    return 0


@command("hostname")
def hostname(ctx: Ctx) -> int:
    ctx.out("localhost\n")
    return 0


TOYBOX_COMMANDS = sorted({
    "base64", "basename", "cat", "chmod", "cp", "cut", "date", "df", "dirname", "echo", "env", "false", "grep",
    "head", "hostname", "id", "ln", "ls", "md5sum", "mkdir", "mv", "printenv", "pwd", "readlink", "realpath", "rm",
    "rmdir", "sed", "seq", "sha1sum", "sha256sum", "sleep", "sort", "stat", "tail", "tee", "test", "touch", "tr",
    "true", "uname", "uniq", "wc", "which", "whoami", "xargs", "yes", "printf", "getprop", "setprop",
})


@command("toybox")
async def toybox(ctx: Ctx) -> int:
    """``toybox`` lists its commands; ``toybox CMD ...`` runs one (uiautomator2 uses ``toybox md5sum``)."""
    if len(ctx.argv) < 2:
        ctx.out(" ".join(n for n in TOYBOX_COMMANDS if lookup(n) is not None) + "\n")
        return 0
    name = ctx.argv[1]
    if name not in TOYBOX_COMMANDS or lookup(name) is None:
        ctx.err(f"toybox: Unknown command '{name}'\n")
        return 127
    return await ctx.shell.invoke(ctx.argv[1:], ctx.state, ctx.shell.streams_of(ctx))
