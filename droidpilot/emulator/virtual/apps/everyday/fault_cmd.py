"""``droidpilot-fault``: switch the device's disruptions from a shell.

    droidpilot-fault list
    droidpilot-fault NAME on [key=value ...]
    droidpilot-fault NAME off

Imported with the everyday apps, so the command exists on every device that has them.
"""

from __future__ import annotations

from ...shell.registry import command
from ...system.faults import FAULT_NAMES

USAGE = ("usage: droidpilot-fault list\n"
         "       droidpilot-fault NAME on [key=value ...]\n"
         "       droidpilot-fault NAME off\n"
         f"NAME is one of: {', '.join(FAULT_NAMES)}\n")


@command("droidpilot-fault")
def droidpilot_fault(ctx) -> int:
    args = list(ctx.argv[1:])
    faults = ctx.system.faults
    if not args or args[0] in ("-h", "--help", "help"):
        ctx.out(USAGE)
        return 0 if args else 2
    if args[0] == "list":
        with ctx.system.lock:
            for name in FAULT_NAMES:
                opts = faults.enabled.get(name)
                state = "on" if opts is not None else "off"
                extra = "".join(f" {k}={v}" for k, v in sorted((opts or {}).items()))
                ctx.out(f"{name}: {state}{extra}\n")
        return 0
    name = args[0]
    if name not in FAULT_NAMES or len(args) < 2 or args[1] not in ("on", "off"):
        ctx.err(USAGE)
        return 2
    options = {}
    for item in args[2:]:
        key, sep, value = item.partition("=")
        if not sep or not key:
            ctx.err(f"droidpilot-fault: bad option {item!r}: write key=value\n")
            return 2
        options[key] = value
    with ctx.system.lock:
        if args[1] == "on":
            faults.enable(name, **options)
        else:
            faults.disable(name)
    ctx.out(f"{name}: {args[1]}\n")
    return 0
