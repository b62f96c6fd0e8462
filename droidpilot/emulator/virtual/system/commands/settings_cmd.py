"""``settings get|put|delete|list`` as on Android 14."""

from __future__ import annotations

from ...shell.registry import command

USAGE = """Settings provider (settings) commands:
  help
      Print this help text.
  get [--user <USER_ID> | current] NAMESPACE KEY
      Retrieve the current value of KEY.
  put [--user <USER_ID> | current] NAMESPACE KEY VALUE [TAG] [default]
      Change the contents of KEY to VALUE.
  delete [--user <USER_ID> | current] NAMESPACE KEY
      Delete the entry for KEY.
  list [--user <USER_ID> | current] NAMESPACE
      Print all defined keys.
      NAMESPACE is one of {system, secure, global}, case-insensitive
"""


@command("settings")
def settings(ctx) -> int:
    args = list(ctx.argv[1:])
    if args and args[0] == "--user":
        args = args[2:]
    if not args or args[0] in ("help", "-h"):
        ctx.out(USAGE)
        return 0 if args else 1
    verb, rest = args[0], args[1:]
    if rest and rest[0] == "--user":
        rest = rest[2:]
    provider = ctx.system.settings
    with ctx.system.lock:
        if verb in ("get", "put", "delete", "list"):
            if not rest:
                ctx.err("Invalid namespace\n")
                return 255
            ns = rest[0].lower()
            if ns not in ("system", "secure", "global"):
                ctx.err(f"Invalid namespace '{rest[0]}'\n")
                return 255
        if verb == "get" and len(rest) >= 2:
            value = provider.get(ns, rest[1])
            ctx.out(("null" if value is None else value) + "\n")
            return 0
        if verb == "put" and len(rest) >= 3:
            provider.put(ns, rest[1], rest[2])
            return 0
        if verb == "delete" and len(rest) >= 2:
            n = 1 if provider.delete(ns, rest[1]) else 0
            ctx.out(f"Deleted {n} rows\n")
            return 0
        if verb == "list" and len(rest) >= 1:
            ctx.out("".join(f"{k}={v}\n" for k, v in provider.items(ns)))
            return 0
    ctx.err(USAGE)
    return 255
