"""Argument helpers shared by the system commands."""

from __future__ import annotations


class UsageError(Exception):
    """A command line the Android tool would reject; the message is what it prints."""


def take(args: list[str], i: int, opt: str) -> str:
    if i >= len(args):
        raise UsageError(f"Error: No argument for option {opt}")
    return args[i]


def parse_int(value: str, what: str = "value") -> int:
    try:
        return int(value, 0) if value.lower().startswith(("0x", "-0x")) else int(value)
    except ValueError as exc:
        raise UsageError(f"Error: invalid {what}: {value}") from exc


def parse_float(value: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise UsageError(f"Error: invalid number: {value}") from exc
