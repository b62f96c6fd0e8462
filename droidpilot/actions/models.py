"""The Action union: every thing the agent can do to a device, as one typed pydantic model each.

Why models and not dicts: the planner's JSON reply is validated against these classes, so a
malformed action fails here with a message the model can act on, before anything reaches the
device; and the field descriptions are the documentation the model reads (see
``vocabulary.action_vocabulary``). Screen-dependent checks (is element 7 on this screen? is the
point inside the display?) need a ScreenState and live in ``validation.validate``.

Each model is frozen (an action, once decided, is a fact in the trajectory), forbids unknown
fields (a misspelt ``clear_first`` must not be silently ignored), and has ``describe()`` for logs.
Field descriptions read "short form — details": the prompt vocabulary shows the short form
(empty when the text starts with the dash), the JSON schema the whole of it; class docstrings
become the schema's description of each kind and ``summary`` its one-line entry in the prompt.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from ..errors import InvalidAction
from .intents import IntentExtra, IntentSpec, TypedValue, infer_extra
from .keys import normalize_key

__all__ = [
    "ActionBase",
    "Tap",
    "LongPress",
    "DoubleTap",
    "TypeText",
    "Swipe",
    "Scroll",
    "PressKey",
    "OpenApp",
    "OpenUrl",
    "StartIntent",
    "Wait",
    "Answer",
    "Finish",
    "Action",
    "ACTION_MODELS",
    "action_adapter",
    "Direction",
]

Direction = Literal["up", "down", "left", "right"]

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _short(text: str, limit: int = 40) -> str:
    """Quote user text for a one-line summary without letting a long message flood the log."""
    body = text if len(text) <= limit else text[: limit - 1] + "…"
    return '"' + body.replace("\n", "\\n") + '"'


class ActionBase(BaseModel):
    """Common configuration; ``summary`` is the one-line doc the prompt vocabulary shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    summary: ClassVar[str] = ""

    def describe(self) -> str:  # pragma: no cover - every concrete action overrides it
        return self.kind  # type: ignore[attr-defined]


class _Targeted(ActionBase):
    """An action aimed at an element (by index) or, failing that, at a pixel."""

    index: int | None = Field(
        None, ge=0,
        description="element number from the screen list — the [n] before each element; prefer it to x,y",
    )
    x: int | None = Field(
        None, ge=0,
        description="pixels, only if no element fits — distance from the left edge; give y too",
    )
    y: int | None = Field(
        None, ge=0,
        description="pixels, only if no element fits — distance from the top edge; give x too",
    )

    @model_validator(mode="after")
    def _one_target(self) -> _Targeted:
        has_point = self.x is not None or self.y is not None
        if self.index is not None and has_point:
            raise ValueError("give either index or x and y, not both")
        if self.index is None and (self.x is None or self.y is None):
            raise ValueError("give index, or both x and y")
        return self

    def _target(self) -> str:
        return f"element {self.index}" if self.index is not None else f"({self.x}, {self.y})"


class Tap(_Targeted):
    """Tap an element (by its index in the screen list) or, when no element fits, a pixel."""

    kind: Literal["tap"] = "tap"
    summary: ClassVar[str] = "tap element index, or point x,y"

    def describe(self) -> str:
        return f"tap {self._target()}"


class LongPress(_Targeted):
    """Press and hold: opens context menus, starts selection or drag."""

    kind: Literal["long_press"] = "long_press"
    duration_ms: int = Field(800, ge=1, le=10_000, description="milliseconds — how long to hold")
    summary: ClassVar[str] = "press and hold"

    def describe(self) -> str:
        return f"long-press {self._target()} for {self.duration_ms} ms"


class DoubleTap(_Targeted):
    """Two quick taps: zooms maps and images, selects a word."""

    kind: Literal["double_tap"] = "double_tap"
    summary: ClassVar[str] = "tap twice"

    def describe(self) -> str:
        return f"double-tap {self._target()}"


class TypeText(ActionBase):
    """Put text into a field, replacing its content unless clear is false; any language.

    With an index the field is focused first; without one the text goes to the focused field.
    """

    kind: Literal["type_text"] = "type_text"
    text: str = Field(
        ...,
        description="— the text to enter, typed exactly; any language; newlines allowed",
    )
    index: int | None = Field(
        None, ge=0,
        description="element number from the screen list — the field to type into; omit for the field that has focus",
    )
    clear: bool = Field(True, description="false appends — true replaces what the field holds")
    press_enter: bool = Field(
        False,
        description="submit after — press Enter when done, e.g. to search",
    )
    summary: ClassVar[str] = "type into element index, or the focused field"

    def describe(self) -> str:
        where = f"element {self.index}" if self.index is not None else "the focused field"
        extras = [] if self.clear else ["append"]
        if self.press_enter:
            extras.append("then enter")
        tail = f" ({', '.join(extras)})" if extras else ""
        return f"type {_short(self.text)} into {where}{tail}"


class Swipe(ActionBase):
    """A finger gesture: by direction (within an element or mid-screen) or between two points.

    Direction is the way the finger moves. To move through a list, prefer ``scroll``.
    """

    kind: Literal["swipe"] = "swipe"
    direction: Direction | None = Field(
        None,
        description="finger motion — up moves the finger up (content moves up); for lists prefer scroll",
    )
    index: int | None = Field(
        None, ge=0,
        description="element number from the screen list — swipe inside this element; omit for mid-screen",
    )
    x1: int | None = Field(
        None, ge=0,
        description="— swipe start x in pixels (with y1, x2, y2, instead of direction)",
    )
    y1: int | None = Field(None, ge=0, description="— swipe start y in pixels")
    x2: int | None = Field(None, ge=0, description="— swipe end x in pixels")
    y2: int | None = Field(None, ge=0, description="— swipe end y in pixels")
    duration_ms: int = Field(
        300, ge=1, le=10_000,
        description="milliseconds — how long the finger moves",
    )
    summary: ClassVar[str] = "drag a finger: direction (within element index), or x1,y1 to x2,y2"

    @model_validator(mode="after")
    def _direction_or_points(self) -> Swipe:
        points = (self.x1, self.y1, self.x2, self.y2)
        given = sum(p is not None for p in points)
        if self.direction is not None and given:
            raise ValueError("give either direction or x1,y1,x2,y2, not both")
        if self.direction is None and given != 4:
            raise ValueError("give direction, or all of x1, y1, x2, y2")
        if given and self.index is not None:
            raise ValueError("index goes with direction; explicit points are absolute")
        return self

    def describe(self) -> str:
        if self.direction is not None:
            where = f" on element {self.index}" if self.index is not None else ""
            return f"swipe {self.direction}{where}"
        return f"swipe ({self.x1}, {self.y1}) → ({self.x2}, {self.y2})"


class Scroll(ActionBase):
    """Move through scrollable content, optionally until some text is on screen.

    Direction is the way through the content: "down" reveals what is below.
    """

    kind: Literal["scroll"] = "scroll"
    direction: Direction = Field(
        ...,
        description="down shows what is below — the way to move through the content (the finger moves the other way)",
    )
    index: int | None = Field(
        None, ge=0,
        description="element number from the screen list — the list to scroll; omit for the largest scrollable",
    )
    until: str | None = Field(
        None, min_length=1,
        description="stop once this text is on screen — an element showing this text ends the scroll or wait",
    )
    max_swipes: int = Field(
        10, ge=1, le=50,
        description="swipe limit — give up after this many swipes when until is given",
    )
    summary: ClassVar[str] = "scroll element index or the main list"

    def describe(self) -> str:
        where = f" element {self.index}" if self.index is not None else ""
        until = f" until {_short(self.until)} appears" if self.until else ""
        return f"scroll{where} {self.direction}{until}"


class PressKey(ActionBase):
    """Press a device key: back, home, enter, recents, delete, volume... (Android KEYCODE_ names too)."""

    kind: Literal["press_key"] = "press_key"
    key: str = Field(
        ...,
        description="back|home|enter|recents|delete|tab|search|volume_up… — a key name; KEYCODE_ names work too",
    )
    summary: ClassVar[str] = "press a device key"

    @field_validator("key", mode="before")
    @classmethod
    def _known_key(cls, value: object) -> str:
        if not isinstance(value, (str, int)):
            raise ValueError("key must be a key name such as 'back'")
        try:
            return normalize_key(value)
        except InvalidAction as exc:
            raise ValueError(str(exc)) from exc

    def describe(self) -> str:
        return f"press {self.key}"


class OpenApp(ActionBase):
    """Launch an app by the name a person would use ("Messages", "the camera") or its package id."""

    kind: Literal["open_app"] = "open_app"
    app: str = Field(
        ..., min_length=1,
        description="name ('Messages') or package — as a person says it, or the package id",
    )
    summary: ClassVar[str] = "launch an app"

    def describe(self) -> str:
        return f"open app {_short(self.app)}"


class OpenUrl(ActionBase):
    """Open a URL in the app that handles it (usually the browser)."""

    kind: Literal["open_url"] = "open_url"
    url: str = Field(..., min_length=1, description="with scheme — e.g. https://example.com")
    summary: ClassVar[str] = "open a link"

    @field_validator("url")
    @classmethod
    def _has_scheme(cls, value: str) -> str:
        value = value.strip()
        if not _URL_SCHEME.match(value):
            raise ValueError("url needs a scheme, e.g. https://example.com")
        if value.lower().startswith(("javascript:", "file:")):
            raise ValueError("javascript: and file: URLs are not allowed")
        return value

    def describe(self) -> str:
        return f"open url {self.url}"


ExtraValue = Union[bool, int, float, str, tuple[str, ...], TypedValue]


def _plain_or_typed(extra: IntentExtra) -> ExtraValue:
    """Keep an extra as plain JSON when inference gives its type back, else spell the type out."""
    if extra.value is not None and infer_extra(extra.key, extra.value) == extra:
        return extra.value
    return TypedValue(type=extra.type, value=extra.value)


class StartIntent(ActionBase):
    """Send an Android intent (``am start``): the direct way to dial, compose, set alarms, open pages."""

    kind: Literal["start_intent"] = "start_intent"
    action: str | None = Field(
        None,
        description="e.g. android.intent.action.VIEW — the intent action",
    )
    data: str | None = Field(None, description="URI — e.g. tel:123, geo:0,0?q=cafe, https://…")
    component: str | None = Field(None, description="pkg/.Activity — explicit target activity")
    package: str | None = Field(None, description="— restrict resolution to this package")
    categories: tuple[str, ...] = Field((), description="— e.g. android.intent.category.BROWSABLE")
    mime_type: str | None = Field(None, description="— MIME type, e.g. text/plain")
    extras: dict[str, ExtraValue] = Field(
        default_factory=dict,
        description=(
            "{key: value}, typed by JSON — strings, ints, bools, floats, string lists; "
            '{"type": "long", "value": 5} forces a type'
        ),
    )
    flags: int | None = Field(None, ge=0, description="— Intent flags as an integer")
    summary: ClassVar[str] = "send an intent"

    @model_validator(mode="after")
    def _valid_intent(self) -> StartIntent:
        self.to_spec()  # one set of rules for intents, whichever way they arrive
        return self

    def to_spec(self) -> IntentSpec:
        """The IntentSpec this action starts (extras typed from their JSON values)."""
        return IntentSpec(
            action=self.action,
            data=self.data,
            mime_type=self.mime_type,
            categories=self.categories,
            component=self.component,
            package=self.package,
            extras=tuple(infer_extra(key, value) for key, value in self.extras.items()),
            flags=self.flags,
        )

    @classmethod
    def from_spec(cls, spec: IntentSpec) -> StartIntent:
        """Wrap a built intent (see ``intent_builders``) as an action the actuator can run."""
        return cls(
            action=spec.action,
            data=spec.data,
            mime_type=spec.mime_type,
            categories=spec.categories,
            component=spec.component,
            package=spec.package,
            extras={extra.key: _plain_or_typed(extra) for extra in spec.extras},
            flags=spec.flags,
        )

    def describe(self) -> str:
        parts = [p for p in (self.action, self.data, self.component or self.package) if p]
        return "start intent " + " ".join(parts)


class Wait(ActionBase):
    """Wait a number of seconds, or until some text appears, or until the screen stops changing."""

    kind: Literal["wait"] = "wait"
    seconds: float = Field(
        1.0, gt=0, le=60,
        description="the limit if until/settle — seconds to wait, at most 60",
    )
    until: str | None = Field(
        None, min_length=1,
        description="stop once this text is on screen — an element showing this text ends the scroll or wait",
    )
    settle: bool = Field(
        False,
        description="wait for a still screen — two looks in a row show the same screen",
    )
    summary: ClassVar[str] = "pause"

    def describe(self) -> str:
        if self.until:
            return f"wait up to {self.seconds:g} s for {_short(self.until)}"
        if self.settle:
            return f"wait up to {self.seconds:g} s for the screen to settle"
        return f"wait {self.seconds:g} s"


class Answer(ActionBase):
    """Give the user the answer to a question the goal asked; the run goes on until finish."""

    kind: Literal["answer"] = "answer"
    text: str = Field(
        ..., min_length=1,
        description="— what to tell the user: the answer to their question, complete in itself",
    )
    summary: ClassVar[str] = "answer the user's question"

    def describe(self) -> str:
        return f"answer {_short(self.text)}"


class Finish(ActionBase):
    """End the task: complete when the goal is reached, infeasible when it cannot be."""

    kind: Literal["finish"] = "finish"
    status: Literal["complete", "infeasible"] = Field(
        "complete",
        description="complete|infeasible — complete: the goal is done; infeasible: it cannot be done here",
    )
    reason: str = Field("", description="one sentence — why the task ended this way")
    summary: ClassVar[str] = "end the task"

    def describe(self) -> str:
        return f"finish ({self.status})" + (f": {self.reason}" if self.reason else "")


Action = Annotated[
    Union[
        Tap,
        LongPress,
        DoubleTap,
        TypeText,
        Swipe,
        Scroll,
        PressKey,
        OpenApp,
        OpenUrl,
        StartIntent,
        Wait,
        Answer,
        Finish,
    ],
    Field(discriminator="kind"),
]
"""Any one action; validate JSON with ``action_adapter.validate_python`` / ``validate_json``."""

ACTION_MODELS: dict[str, type[ActionBase]] = {
    model.model_fields["kind"].default: model
    for model in (
        Tap,
        LongPress,
        DoubleTap,
        TypeText,
        Swipe,
        Scroll,
        PressKey,
        OpenApp,
        OpenUrl,
        StartIntent,
        Wait,
        Answer,
        Finish,
    )
}

action_adapter: TypeAdapter[Action] = TypeAdapter(Action)
