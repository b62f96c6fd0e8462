"""``content query|insert|update|delete`` with Android's ``Row: N k=v, ...`` output."""

from __future__ import annotations

from ...shell.registry import command
from ..providers import ProviderError

USAGE = (
    "usage: adb shell content [subcommand] [options]\n\n"
    "usage: adb shell content insert --uri <URI> [--user <USER_ID>] --bind <BINDING> [--bind <BINDING>...]\n"
    "usage: adb shell content update --uri <URI> [--user <USER_ID>] [--where <WHERE>] [--bind <BINDING>...]\n"
    "usage: adb shell content delete --uri <URI> [--user <USER_ID>] --where <WHERE>\n"
    "usage: adb shell content query --uri <URI> [--user <USER_ID>] [--projection <PROJECTION>] [--where <WHERE>] [--sort <SORT_ORDER>]\n"
)


def _binding(raw: str):
    name, sep, rest = raw.partition(":")
    typ, sep2, value = rest.partition(":")
    if not sep or not sep2:
        raise ValueError(f"Binding not well formed: {raw}")
    if typ == "s":
        return name, value
    if typ in ("i", "l"):
        return name, int(value)
    if typ in ("f", "d"):
        return name, float(value)
    if typ == "b":
        return name, 1 if value.lower() == "true" else 0
    if typ == "n":
        return name, None
    raise ValueError(f"Unsupported type: {typ}")


def _format_value(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value)


@command("content")
def content(ctx) -> int:
    args = list(ctx.argv[1:])
    if not args:
        ctx.err(USAGE)
        return 1
    verb, rest = args[0], args[1:]
    uri = where = sort = None
    projection = None
    values: dict = {}
    i = 0
    try:
        while i < len(rest):
            a = rest[i]
            val = rest[i + 1] if i + 1 < len(rest) else None
            if a in ("--uri", "--where", "--sort", "--projection", "--bind", "--user", "--arg") and val is None:
                raise ValueError(f"Argument expected after \"{a}\"")
            if a == "--uri":
                uri = val
            elif a == "--where":
                where = val
            elif a == "--sort":
                sort = val
            elif a == "--projection":
                projection = [p for p in val.replace(",", ":").split(":") if p]
            elif a == "--bind":
                k, v = _binding(val)
                values[k] = v
            elif a in ("--user", "--arg"):
                pass
            else:
                raise ValueError(f"Unsupported argument: {a}")
            i += 2
    except ValueError as exc:
        ctx.err(f"Error: {exc}\n{USAGE}")
        return 1
    if uri is None:
        ctx.err(f"Error: Content provider URI not specified. Did you specify --uri argument?\n{USAGE}")
        return 1
    system = ctx.system
    try:
        with system.lock:
            provider = system.providers.for_uri(uri)
            if verb == "query":
                cols, rows = provider.query(uri, projection, where, (), sort)
                if not rows:
                    ctx.out("No result found.\n")
                    return 0
                out = []
                for n, row in enumerate(rows):
                    out.append(f"Row: {n} " + ", ".join(f"{c}={_format_value(v)}" for c, v in zip(cols, row)))
                ctx.out("\n".join(out) + "\n")
                return 0
            if verb == "insert":
                if not values:
                    ctx.err(f"Error: Bindings not specified. Did you specify --bind argument(s)?\n{USAGE}")
                    return 1
                provider.insert(uri, values)
                return 0
            if verb == "update":
                provider.update(uri, values, where)
                return 0
            if verb == "delete":
                provider.delete(uri, where)
                return 0
    except ProviderError as exc:
        ctx.err(f"{exc}\n")
        return 1
    ctx.err(f"Error: Unsupported operation: {verb}\n{USAGE}")
    return 1
