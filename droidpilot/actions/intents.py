"""Intents as data: ``IntentSpec`` and the ``am start`` argv it renders to.

An intent is often the shortest, most reliable way to get something done (dial a number, open a
settings page, start an SMS with its body filled in) and it never depends on how a screen looks.
``IntentSpec`` is the one shape every layer agrees on: the planner's ``start_intent`` action and
the builders in ``intent_builders`` produce it, the safety policy reads it, and the actuator turns
it into an argv list with ``to_am_argv()``: one element per argument, never a shell string, so a
message body full of quotes and semicolons cannot change the command.
"""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["IntentSpec", "IntentExtra", "TypedValue", "ExtraType", "COMPONENT_PATTERN", "infer_extra"]

COMPONENT_PATTERN = re.compile(r"^[A-Za-z][\w]*(\.[A-Za-z_][\w]*)+/\.?[A-Za-z_][\w.$]*$")
_PACKAGE_PATTERN = re.compile(r"^[A-Za-z][\w]*(\.[A-Za-z_][\w]*)+$")

ExtraType = Literal["string", "int", "long", "float", "bool", "string_array", "uri", "null"]

_INT32 = (-(2**31), 2**31 - 1)
_FLAG_FOR_TYPE: dict[str, str] = {
    "string": "--es",
    "int": "--ei",
    "long": "--el",
    "float": "--ef",
    "bool": "--ez",
    "string_array": "--esa",
    "uri": "--eu",
    "null": "--esn",
}

PlainExtra = Union[bool, int, float, str, tuple[str, ...], None]


class IntentExtra(BaseModel):
    """One typed extra. The type decides the ``am`` flag (``--es``, ``--ei``, ``--el``...)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(..., min_length=1)
    type: ExtraType
    value: PlainExtra = None

    @field_validator("key")
    @classmethod
    def _no_space(cls, key: str) -> str:
        if any(ch.isspace() for ch in key):
            raise ValueError(f"extra key {key!r} must not contain spaces")
        return key

    @model_validator(mode="after")
    def _value_matches_type(self) -> IntentExtra:
        expected = {
            "string": str,
            "uri": str,
            "int": int,
            "long": int,
            "float": (int, float),
            "bool": bool,
            "string_array": tuple,
            "null": type(None),
        }[self.type]
        value = self.value
        ok = isinstance(value, expected) and not (self.type in ("int", "long", "float") and isinstance(value, bool))
        if not ok:
            raise ValueError(f"extra {self.key!r} of type {self.type} cannot hold {value!r}")
        if self.type == "int" and not _INT32[0] <= value <= _INT32[1]:  # type: ignore[operator]
            raise ValueError(f"extra {self.key!r} does not fit in an int; use type long")
        return self

    def to_argv(self) -> list[str]:
        flag = _FLAG_FOR_TYPE[self.type]
        if self.type == "null":
            return [flag, self.key]
        if self.type == "bool":
            return [flag, self.key, "true" if self.value else "false"]
        if self.type == "string_array":
            # am splits --esa values on commas that are not preceded by a backslash.
            return [flag, self.key, ",".join(item.replace(",", "\\,") for item in self.value)]  # type: ignore[union-attr]
        if self.type == "float":
            return [flag, self.key, repr(float(self.value))]  # type: ignore[arg-type]
        return [flag, self.key, str(self.value)]


class TypedValue(BaseModel):
    """An extra value with its type spelt out, for when JSON's type is not the one wanted
    (a long that fits in an int, a URI rather than a string)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: ExtraType
    value: PlainExtra = None


def infer_extra(key: str, value: PlainExtra | list[str] | TypedValue) -> IntentExtra:
    """Type an extra from its Python/JSON value (the shape the planner's JSON gives)."""
    if isinstance(value, TypedValue):
        return IntentExtra(key=key, type=value.type, value=value.value)
    if value is None:
        return IntentExtra(key=key, type="null")
    if isinstance(value, bool):
        return IntentExtra(key=key, type="bool", value=value)
    if isinstance(value, int):
        kind = "int" if _INT32[0] <= value <= _INT32[1] else "long"
        return IntentExtra(key=key, type=kind, value=value)
    if isinstance(value, float):
        return IntentExtra(key=key, type="float", value=value)
    if isinstance(value, (list, tuple)):
        return IntentExtra(key=key, type="string_array", value=tuple(str(v) for v in value))
    return IntentExtra(key=key, type="string", value=str(value))


class IntentSpec(BaseModel):
    """An Android intent, complete enough for ``am start`` and for the safety policy to judge."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: str | None = None
    data: str | None = None
    mime_type: str | None = None
    categories: tuple[str, ...] = ()
    component: str | None = None
    package: str | None = None
    extras: tuple[IntentExtra, ...] = ()
    flags: int | None = Field(None, ge=0)

    @field_validator("component")
    @classmethod
    def _component_shape(cls, value: str | None) -> str | None:
        if value is not None and not COMPONENT_PATTERN.match(value):
            raise ValueError("component must look like com.example.app/.MainActivity")
        return value

    @field_validator("package")
    @classmethod
    def _package_shape(cls, value: str | None) -> str | None:
        if value is not None and not _PACKAGE_PATTERN.match(value):
            raise ValueError("package must look like com.example.app")
        return value

    @model_validator(mode="after")
    def _says_something(self) -> IntentSpec:
        if not (self.action or self.component or self.data or self.package):
            raise ValueError("an intent needs an action, data, a component or a package")
        keys = [extra.key for extra in self.extras]
        if len(keys) != len(set(keys)):
            raise ValueError("each extra key may appear once")
        return self

    def extra(self, key: str) -> PlainExtra:
        """The value of one extra, or None."""
        for item in self.extras:
            if item.key == key:
                return item.value
        return None

    def to_am_argv(self, verb: Literal["start", "broadcast", "startservice"] = "start") -> list[str]:
        """``["am", verb, "-a", ..., "-d", ..., "-t", ..., "-c", ..., "-n", ..., "-f", ..., extras..., pkg]``.

        The package, when there is no component, goes last as ``am``'s positional ``<PACKAGE>``
        argument (it restricts resolution to that app).
        """
        argv = ["am", verb]
        if self.action:
            argv += ["-a", self.action]
        if self.data:
            argv += ["-d", self.data]
        if self.mime_type:
            argv += ["-t", self.mime_type]
        for category in self.categories:
            argv += ["-c", category]
        if self.component:
            argv += ["-n", self.component]
        if self.flags:
            argv += ["-f", f"0x{self.flags:08x}"]
        for extra in self.extras:
            argv += extra.to_argv()
        if self.package and not self.component:
            argv.append(self.package)
        return argv

    def describe(self) -> str:
        """A one-line summary for logs, in the spirit of Android's ``Intent { act=... }``."""
        parts = []
        for label, value in (
            ("act", self.action),
            ("dat", self.data),
            ("typ", self.mime_type),
            ("cmp", self.component),
            ("pkg", self.package),
        ):
            if value:
                parts.append(f"{label}={value}")
        if self.categories:
            parts.append("cat=[" + ",".join(self.categories) + "]")
        if self.extras:
            parts.append("extras={" + ", ".join(e.key for e in self.extras) + "}")
        return "Intent { " + " ".join(parts) + " }"
