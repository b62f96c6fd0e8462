"""What an action changed on the screen, for the model's history and for action verification.

Elements are matched by ``identity`` (stable across steps), never by index. The summary is a
single line because it is repeated in the prompt for every past step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .state import Element

if TYPE_CHECKING:
    from .state import ScreenState

__all__ = ["ScreenDiff", "ElementChange", "diff_states"]

_COMPARED = ("text", "description", "hint", "checked", "selected", "focused", "enabled")
_MOVE_TOLERANCE = 8
"""Pixels a centre may move before we call it 'moved' (anti-aliasing and IME animations jitter)."""


class ElementChange(BaseModel):
    """One element present before and after, with the names of the fields that differ."""

    model_config = ConfigDict(frozen=True)

    before: Element
    after: Element
    fields: tuple[str, ...]

    def describe(self) -> str:
        parts = []
        for name in self.fields:
            if name == "bounds":
                parts.append("moved")
            elif isinstance(getattr(self.after, name), bool):
                parts.append(name if getattr(self.after, name) else f"not {name}")
            else:
                parts.append(f"{name} {_short(getattr(self.before, name))!r}→{_short(getattr(self.after, name))!r}")
        return f'[{self.after.index}] "{_short(self.after.label)}" ' + ", ".join(parts)


class ScreenDiff(BaseModel):
    """Appeared / disappeared / changed elements plus app, keyboard and dialog transitions."""

    model_config = ConfigDict(frozen=True)

    appeared: tuple[Element, ...] = ()
    disappeared: tuple[Element, ...] = ()
    changed: tuple[ElementChange, ...] = ()
    package_before: str = ""
    package_after: str = ""
    activity_before: str = ""
    activity_after: str = ""
    keyboard_before: bool = False
    keyboard_after: bool = False
    dialogs_before: tuple[str, ...] = ()
    dialogs_after: tuple[str, ...] = ()
    first_screen: bool = False

    @property
    def is_empty(self) -> bool:
        """True when nothing the agent could notice changed (the action probably had no effect)."""
        return not (
            self.appeared
            or self.disappeared
            or self.changed
            or self.package_before != self.package_after
            or self.activity_before != self.activity_after
            or self.keyboard_before != self.keyboard_after
            or self.dialogs_before != self.dialogs_after
            or self.first_screen
        )

    def summary(self, limit: int = 3) -> str:
        """One line for the model: 'app a → b; +2 (…); -1 (…); ~1 ([4] "Wi-Fi" checked)'."""
        if self.first_screen:
            return "first screen"
        if self.is_empty:
            return "no visible change"
        parts = []
        if self.package_before != self.package_after:
            parts.append(f"app {self.package_before or '?'} → {self.package_after or '?'}")
        elif self.activity_before != self.activity_after:
            parts.append(f"activity {self.activity_before or '?'} → {self.activity_after or '?'}")
        if self.keyboard_before != self.keyboard_after:
            parts.append("keyboard shown" if self.keyboard_after else "keyboard hidden")
        opened = [d for d in self.dialogs_after if d not in self.dialogs_before]
        closed = [d for d in self.dialogs_before if d not in self.dialogs_after]
        if opened:
            parts.append("dialog opened: " + ", ".join(opened))
        if closed:
            parts.append("dialog closed: " + ", ".join(closed))
        if self.appeared:
            parts.append(f"+{len(self.appeared)} ({_names(self.appeared, limit, with_index=True)})")
        if self.disappeared:
            parts.append(f"-{len(self.disappeared)} ({_names(self.disappeared, limit, with_index=False)})")
        moved = [c for c in self.changed if c.fields == ("bounds",)]
        altered = [c for c in self.changed if c.fields != ("bounds",)]
        if altered:
            shown = "; ".join(c.describe() for c in altered[:limit])
            more = f"; +{len(altered) - limit} more" if len(altered) > limit else ""
            parts.append(f"~{len(altered)} ({shown}{more})")
        if moved:
            parts.append(f"{len(moved)} moved")
        return "; ".join(parts)


def diff_states(previous: "ScreenState | None", current: "ScreenState") -> ScreenDiff:
    """Compare two states by element identity."""
    if previous is None:
        return ScreenDiff(
            appeared=current.elements,
            package_after=current.package,
            activity_after=current.activity,
            keyboard_after=current.keyboard_shown,
            dialogs_after=tuple(d.kind for d in current.dialogs),
            first_screen=True,
        )
    before = {e.identity: e for e in previous.elements}
    after = {e.identity: e for e in current.elements}
    appeared = tuple(e for e in current.elements if e.identity not in before)
    disappeared = tuple(e for e in previous.elements if e.identity not in after)
    changed = []
    for element in current.elements:
        old = before.get(element.identity)
        if old is None:
            continue
        fields = [name for name in _COMPARED if getattr(old, name) != getattr(element, name)]
        (ox, oy), (nx, ny) = old.bounds.center, element.bounds.center
        if abs(ox - nx) > _MOVE_TOLERANCE or abs(oy - ny) > _MOVE_TOLERANCE:
            fields.append("bounds")
        if fields:
            changed.append(ElementChange(before=old, after=element, fields=tuple(fields)))
    return ScreenDiff(
        appeared=appeared,
        disappeared=disappeared,
        changed=tuple(changed),
        package_before=previous.package,
        package_after=current.package,
        activity_before=previous.activity,
        activity_after=current.activity,
        keyboard_before=previous.keyboard_shown,
        keyboard_after=current.keyboard_shown,
        dialogs_before=tuple(d.kind for d in previous.dialogs),
        dialogs_after=tuple(d.kind for d in current.dialogs),
    )


def _short(value: object, limit: int = 40) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(elements: tuple[Element, ...], limit: int, *, with_index: bool) -> str:
    shown = []
    for element in elements[:limit]:
        name = f'{element.role} "{_short(element.label, 30)}"' if element.label else element.role
        shown.append(f"[{element.index}] {name}" if with_index else name)
    if len(elements) > limit:
        shown.append(f"+{len(elements) - limit} more")
    return ", ".join(shown)


from . import state as _state  # noqa: E402

_state._resolve_forward_refs()
