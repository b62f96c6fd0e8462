"""Toybox-style option parsing: combined short flags (``-rf``), ``-n 5``/``-n5``, ``--``."""

from __future__ import annotations

__all__ = ["UsageError", "int_opt", "parse_opts"]


class UsageError(Exception):
    """Bad options; the message is toybox's (``Unknown option 'z'``)."""


def parse_opts(args: list[str], flags: str = "", valued: str = "", *, numeric: str | None = None,
               stop_at_first: bool = False) -> tuple[dict[str, object], list[str]]:
    """Split ``args`` into options and operands.

    ``flags`` are boolean letters (counted), ``valued`` letters take a value (last wins, also
    collected in ``opts[letter + '*']``). ``numeric``: a letter that ``-5`` means (``head -5`` is
    ``-n 5``). Options may follow operands unless ``stop_at_first``, as toybox allows.
    """
    opts: dict[str, object] = {}
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            rest.extend(args[i:])
            break
        if not a.startswith("-") or a == "-":
            rest.append(a)
            if stop_at_first:
                rest.extend(args[i:])
                break
            continue
        if numeric and a[1:].isdigit():
            opts[numeric] = a[1:]
            continue
        j = 1
        while j < len(a):
            c = a[j]
            if c in valued:
                value = a[j + 1:]
                if not value:
                    if i >= len(args):
                        raise UsageError(f"Missing argument to -{c}")
                    value = args[i]
                    i += 1
                opts[c] = value
                opts.setdefault(c + "*", [])
                opts[c + "*"].append(value)  # type: ignore[union-attr]
                break
            if c in flags:
                opts[c] = int(opts.get(c, 0)) + 1  # type: ignore[arg-type]
                j += 1
                continue
            raise UsageError(f"Unknown option '{c}'")
    return opts, rest


def int_opt(opts: dict[str, object], letter: str, default: int) -> int:
    """The integer value of option ``letter`` (``default`` when absent); UsageError when not a number."""
    if letter not in opts:
        return default
    try:
        return int(str(opts[letter]))
    except ValueError:
        raise UsageError(f"-{letter}: bad number '{opts[letter]}'") from None
