"""The facts perception hands to the rest of the agent: Bounds, Element, Dialog, ScreenState.

These are frozen pydantic models because they cross layers (planner, actions, recorder) and are
written into trajectories; nothing downstream may change what was seen. Perception builds them
without validation (``fast_model``) from values it has already checked, so a 1,000-node screen does not pay
for validating every field of every element again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr

from droidpilot.errors import ElementNotFound

if TYPE_CHECKING:
    from .diff import ScreenDiff

__all__ = ["Bounds", "Element", "Dialog", "DialogKind", "ScreenState", "KeyboardSource"]

_set = object.__setattr__


def fast_model(cls: type[BaseModel], values: dict, private: dict | None = None) -> BaseModel:
    """An instance from values perception already checked, skipping validation.

    ``model_construct`` costs tens of microseconds per element (it walks every field's aliases
    and defaults); a busy screen builds hundreds of elements per step. ``values`` must name every
    field of ``cls`` (no defaults are filled in); ``private`` gives every private attribute.
    """
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", private)
    return obj


DialogKind = Literal["permission", "anr", "crash", "system", "alert"]
KeyboardSource = Literal["device", "window", "inferred", "none"]


class Bounds(BaseModel):
    """A screen rectangle in pixels, half-open like android.graphics.Rect ([left, right) x [top, bottom))."""

    model_config = ConfigDict(frozen=True)

    left: int
    top: int
    right: int
    bottom: int

    @classmethod
    def of(cls, left: int, top: int, right: int, bottom: int) -> "Bounds":
        """Build without validation: perception's hot path makes thousands of these."""
        return fast_model(cls, {"left": left, "top": top, "right": right, "bottom": bottom})  # type: ignore[return-value]

    @property
    def width(self) -> int:
        return max(0, self.right - self.left)

    @property
    def height(self) -> int:
        return max(0, self.bottom - self.top)

    @property
    def area(self) -> int:
        return self.width * self.height

    @property
    def center(self) -> tuple[int, int]:
        return ((self.left + self.right) // 2, (self.top + self.bottom) // 2)

    @property
    def is_empty(self) -> bool:
        return self.right <= self.left or self.bottom <= self.top

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x < self.right and self.top <= y < self.bottom

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.left, self.top, self.right, self.bottom)

    def __str__(self) -> str:
        return f"[{self.left},{self.top}][{self.right},{self.bottom}]"


class Element(BaseModel):
    """One thing on the screen the model can act on or read.

    ``index`` is only valid for the step that produced it (the model names elements by it);
    ``identity`` survives across steps (replay and diffs match on it). Boolean flags are the
    device's, after label children were merged into their clickable parent (a row whose radio
    button is checked is itself reported checked).
    """

    model_config = ConfigDict(frozen=True)

    index: int
    identity: str
    role: str
    text: str = ""
    description: str = ""
    hint: str = ""
    resource_id: str = ""
    class_name: str = ""
    package: str = ""
    clickable: bool = False
    long_clickable: bool = False
    checkable: bool = False
    checked: bool = False
    editable: bool = False
    scrollable: bool = False
    focused: bool = False
    selected: bool = False
    enabled: bool = True
    password: bool = False
    bounds: Bounds
    visible_center: tuple[int, int]
    label: str = ""
    extra_text: str = ""
    """Text of merged label children that the label does not already show."""
    container_index: int | None = None
    """Index of the scrollable container (list) this element sits in, for grouping; None at top level."""
    window: str = "app"
    """The window it belongs to: app, dialog (floating window), bar (system bars), vision."""
    source: Literal["tree", "vision"] = "tree"
    flagged: bool = False
    """True when the element's text reads like an instruction to the agent (possible injection)."""

    @property
    def center(self) -> tuple[int, int]:
        return self.bounds.center

    @property
    def actionable(self) -> bool:
        """Something can be done to it (tap, long-press, toggle, type, scroll), not only read."""
        return self.clickable or self.long_clickable or self.checkable or self.editable or self.scrollable


class Dialog(BaseModel):
    """A dialog in front of the app: a permission prompt, an ANR or crash box, or an alert.

    ``buttons`` are element indexes of the same step, in screen order, so the planner can answer
    the dialog without searching for it.
    """

    model_config = ConfigDict(frozen=True)

    kind: DialogKind
    package: str = ""
    title: str = ""
    message: str = ""
    buttons: tuple[int, ...] = ()
    button_labels: tuple[str, ...] = ()
    bounds: Bounds | None = None


class ScreenState(BaseModel):
    """Everything perception knows about one screen, ready for the planner and the recorder."""

    model_config = ConfigDict(frozen=True)

    package: str = ""
    activity: str = ""
    width: int = 0
    height: int = 0
    rotation: int = 0
    elements: tuple[Element, ...] = ()
    keyboard_shown: bool = False
    keyboard_bounds: Bounds | None = None
    keyboard_source: KeyboardSource = "none"
    dialogs: tuple[Dialog, ...] = ()
    fingerprint: str = ""
    truncated: bool = False
    """The dump was cut short; elements are what could be recovered from its first part."""
    node_count: int = 0
    size_inferred: bool = False
    """No screen size was given and the dump did not reveal it fully; width/height are estimates."""
    change: "ScreenDiff | None" = None
    """What changed since the ``previous`` state given to perceive (None without one)."""

    _screenshot: bytes | None = PrivateAttr(default=None)

    # -- lookup -------------------------------------------------------------------------------

    def element(self, index: int) -> Element:
        """The element with this per-step index; ElementNotFound names the valid range otherwise."""
        if isinstance(index, bool) or not isinstance(index, int):
            raise ElementNotFound(f"element index must be an integer, got {index!r}; {self._range_hint()}")
        if 0 <= index < len(self.elements) and self.elements[index].index == index:
            return self.elements[index]
        for element in self.elements:
            if element.index == index:
                return element
        raise ElementNotFound(f"no element [{index}] on this screen; {self._range_hint()}")

    def _range_hint(self) -> str:
        if not self.elements:
            return "this screen has no elements: wait, scroll, go back, or tap by coordinates"
        return f"valid indexes are 0..{len(self.elements) - 1}; look at the current screen again"

    def find(
        self,
        text: str | None = None,
        resource_id: str | None = None,
        role: str | None = None,
        *,
        exact: bool = False,
    ) -> tuple[Element, ...]:
        """Elements matching every given criterion, in index order.

        ``text`` matches the text, description, hint or label, case-insensitively, as a substring
        unless ``exact``; ``resource_id`` accepts the short form (``search_box``) or the full
        ``pkg:id/search_box``; ``role`` is one of the short role words.
        """
        wanted_text = text.casefold() if text is not None else None
        wanted_id = resource_id.rsplit("/", 1)[-1] if resource_id is not None else None
        found = []
        for element in self.elements:
            if role is not None and element.role != role:
                continue
            if wanted_id is not None and element.resource_id != wanted_id:
                continue
            if wanted_text is not None:
                fields = (element.text, element.description, element.hint, element.label)
                folded = [f.casefold() for f in fields if f]
                if exact:
                    if not any(f.strip() == wanted_text.strip() for f in folded):
                        continue
                elif not any(wanted_text in f for f in folded):
                    continue
            found.append(element)
        return tuple(found)

    def find_one(
        self, text: str | None = None, resource_id: str | None = None, role: str | None = None
    ) -> Element:
        """The first element ``find`` returns; ElementNotFound when there is none."""
        found = self.find(text=text, resource_id=resource_id, role=role)
        if not found:
            wanted = ", ".join(
                f"{k}={v!r}" for k, v in (("text", text), ("resource_id", resource_id), ("role", role)) if v
            )
            raise ElementNotFound(f"no element with {wanted or 'any property'} on this screen; {self._range_hint()}")
        return found[0]

    # -- derived views ------------------------------------------------------------------------

    @property
    def screenshot(self) -> bytes | None:
        """The screenshot given to perceive, if any (kept for marks and reports, not serialised)."""
        return self._screenshot

    def render(self, *, max_text: int = 500) -> str:
        """The compact text form of the screen for the model (see render.py for the format)."""
        from .render import render_state

        return render_state(self, max_text=max_text)

    def marked_screenshot(self, screenshot: bytes | None = None) -> bytes:
        """A PNG of the screenshot with every element's box and index drawn on it."""
        from .marks import draw_marks

        return draw_marks(self, screenshot if screenshot is not None else self._screenshot)

    def diff(self, previous: "ScreenState | None") -> "ScreenDiff":
        """What appeared, disappeared and changed since ``previous`` (matched by identity)."""
        from .diff import diff_states

        return diff_states(previous, self)

    def grid_point(self, cell: str) -> tuple[int, int]:
        """The centre of a coarse grid cell such as ``"C7"`` (see the grid line of render())."""
        from .grid import Grid

        return Grid(self.width, self.height).point(cell)

    def with_screenshot(self, screenshot: bytes | None) -> "ScreenState":
        """This state remembering ``screenshot`` (private, so it never enters serialised state)."""
        copy = self.model_copy()
        copy._screenshot = screenshot
        return copy


def _resolve_forward_refs() -> None:
    """ScreenState.change refers to ScreenDiff, which lives in diff.py (which needs Element)."""
    from .diff import ScreenDiff

    ScreenState.model_rebuild(_types_namespace={"ScreenDiff": ScreenDiff})


from . import diff as _diff  # noqa: E402  (import order: whichever of state/diff loads last resolves)

if hasattr(_diff, "ScreenDiff"):
    _resolve_forward_refs()
