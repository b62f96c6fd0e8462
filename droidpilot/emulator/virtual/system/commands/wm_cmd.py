"""``wm size|density``, ``screencap`` and ``uiautomator dump``."""

from __future__ import annotations

import posixpath
import re

from ...shell.registry import command

_SIZE_RE = re.compile(r"^(\d+)x(\d+)$")


@command("wm")
def wm(ctx) -> int:
    args = list(ctx.argv[1:])
    system = ctx.system
    if not args:
        ctx.err("Window manager (window) commands:\n  size [reset|WxH|WdpxHdp]\n  density [reset|DENSITY]\n")
        return 1
    verb, rest = args[0], args[1:]
    rest = [a for i, a in enumerate(rest) if not (a in ("-d", "--user") or (i > 0 and rest[i - 1] in ("-d", "--user")))]
    with system.lock:
        if verb == "size":
            if not rest:
                pw, ph = system.wm.physical_size
                out = f"Physical size: {pw}x{ph}\n"
                if system.wm.override_size:
                    ow, oh = system.wm.override_size
                    out += f"Override size: {ow}x{oh}\n"
                ctx.out(out)
                return 0
            if rest[0] == "reset":
                system.wm.set_override_size(None)
                return 0
            m = _SIZE_RE.match(rest[0])
            if not m:
                ctx.err(f"Error: bad size {rest[0]}\n")
                return 255
            system.wm.set_override_size((int(m.group(1)), int(m.group(2))))
            return 0
        if verb == "density":
            if not rest:
                out = f"Physical density: {system.wm.physical_density}\n"
                if system.wm.override_density:
                    out += f"Override density: {system.wm.override_density}\n"
                ctx.out(out)
                return 0
            if rest[0] == "reset":
                system.wm.set_override_density(None)
                return 0
            if not rest[0].isdigit():
                ctx.err(f"Error: bad number {rest[0]}\n")
                return 255
            system.wm.set_override_density(int(rest[0]))
            return 0
        if verb == "user-rotation":
            if rest[:1] == ["lock"] and len(rest) > 1:
                system.settings.put("system", "accelerometer_rotation", "0")
                system.settings.put("system", "user_rotation", rest[1])
                return 0
            if rest[:1] == ["free"]:
                system.settings.put("system", "accelerometer_rotation", "1")
                return 0
            ctx.out(f"{'free' if system.settings.get('system', 'accelerometer_rotation') == '1' else 'lock'} {system.wm.rotation}\n")
            return 0
    ctx.err(f"Error: unknown command '{verb}'\n")
    return 255


@command("screencap")
def screencap(ctx) -> int:
    args = [a for a in ctx.argv[1:]]
    png = False
    path = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-p":
            png = True
        elif a in ("-d", "-a"):
            i += 1
        elif a == "-j":
            pass
        elif a.startswith("-"):
            ctx.err(f"screencap: unknown option {a}\n")
            return 1
        else:
            path = a
        i += 1
    system = ctx.system
    if path is not None and path.endswith(".png"):
        png = True
    data = system.wm.screenshot_png() if png else system.wm.screenshot_raw()
    if path is None:
        ctx.out(data)
        return 0
    target = posixpath.normpath(posixpath.join(ctx.cwd, path))
    try:
        ctx.fs.write(target, data)
    except Exception as exc:  # noqa: BLE001 - reported like the real tool
        ctx.err(f"Error opening file: {target} ({getattr(exc, 'message', exc)})\n")
        return 1
    return 0


@command("uiautomator")
def uiautomator(ctx) -> int:
    args = list(ctx.argv[1:])
    if not args or args[0] != "dump":
        ctx.err(
            "Usage: uiautomator <subcommand> [options]\n\nAvailable subcommands:\n\n"
            "help: displays help message\n\nruntest: executes UI automation tests\n\n"
            "dump: creates an XML dump of current UI hierarchy\n\nevents: prints out accessibility events until terminated\n"
        )
        return 1
    rest = args[1:]
    compressed = "--compressed" in rest
    paths = [a for a in rest if not a.startswith("--")]
    target = paths[0] if paths else "/sdcard/window_dump.xml"
    target = posixpath.normpath(posixpath.join(ctx.cwd, target))
    system = ctx.system
    problem = system.faults.dump_problem() if hasattr(system, "faults") else None
    if problem:
        ctx.err(problem + "\n")
        return 1
    xml = system.wm.hierarchy_xml(all_windows=False, compressed=compressed)
    try:
        ctx.fs.write(target, xml.encode("utf-8"))
    except Exception as exc:  # noqa: BLE001
        ctx.err(f"ERROR: could not write {target}: {getattr(exc, 'message', exc)}\n")
        return 1
    ctx.out(f"UI hierchary dumped to: {target}\n")
    return 0
