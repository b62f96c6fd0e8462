"""Positional JSON-RPC parameters read as the Java server's typed parameters.

jsonrpc4j deserialises with Jackson, which coerces scalars: a float where an ``int`` is declared
is truncated (the client sends ``click(540.5, 1200.0)`` from centre arithmetic), numbers may stand
for booleans, and scalars for strings. Anything else does not match the overload and the call is
an invalid-params error.
"""

from __future__ import annotations

import math
from typing import Any

from .jsonrpc import InvalidParams

__all__ = ["expect_arity", "as_int", "as_float", "as_bool", "as_str", "is_number"]


def expect_arity(method: str, args: list[Any], *counts: int) -> int:
    """Return ``len(args)`` if it is one of ``counts``; otherwise no overload fits."""
    if len(args) not in counts:
        want = " or ".join(str(c) for c in counts)
        raise InvalidParams(f"method parameters invalid: {method} takes {want} parameters, got {len(args)}")
    return len(args)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_int(value: Any, what: str) -> int:
    if is_number(value):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidParams(f"{what} must be a finite number, got {value!r}")
        return int(value)  # Jackson truncates toward zero
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise InvalidParams(f"{what} must be an integer, got {value!r}")


def as_float(value: Any, what: str) -> float:
    if is_number(value):
        result = float(value)
        if math.isfinite(result):
            return result
    elif isinstance(value, str):
        try:
            result = float(value.strip())
        except ValueError:
            pass
        else:
            if math.isfinite(result):
                return result
    raise InvalidParams(f"{what} must be a number, got {value!r}")


def as_bool(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    if is_number(value):
        return value != 0
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise InvalidParams(f"{what} must be true or false, got {value!r}")


def as_str(value: Any, what: str, *, nullable: bool = True) -> str | None:
    if value is None:
        if nullable:
            return None
        raise InvalidParams(f"{what} must be a string, got null")
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return str(value)
    raise InvalidParams(f"{what} must be a string, got {value!r}")
