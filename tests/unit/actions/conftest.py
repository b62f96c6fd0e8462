"""Small real screen objects for the actions tests.

They have the fields perception's ScreenState/Element expose (index, bounds with contains() and
center, editable, text, description, label, scrollable, focused, enabled, flagged; width,
height, keyboard_shown, dialogs), so validation and the policy are tested against the same
interface they use in the agent.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Box(BaseModel):
    model_config = ConfigDict(frozen=True)

    left: int
    top: int
    right: int
    bottom: int

    @property
    def center(self) -> tuple[int, int]:
        return ((self.left + self.right) // 2, (self.top + self.bottom) // 2)

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x < self.right and self.top <= y < self.bottom


class Item(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    bounds: Box
    text: str = ""
    description: str = ""
    label: str = ""
    role: str = "button"
    editable: bool = False
    scrollable: bool = False
    focused: bool = False
    enabled: bool = True
    password: bool = False
    flagged: bool = False
    window: str = "app"


class Popup(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str = "alert"
    title: str = ""
    message: str = ""
    buttons: tuple[int, ...] = ()


class Screen(BaseModel):
    model_config = ConfigDict(frozen=True)

    elements: tuple[Item, ...] = ()
    width: int = 1080
    height: int = 2400
    keyboard_shown: bool = False
    dialogs: tuple[Popup, ...] = ()
    package: str = "com.example.app"


def item(index: int, label: str = "", *, box=None, **fields) -> Item:
    """An element in a simple column layout (row ``index``), labelled like perception does."""
    left, top, right, bottom = box or (0, 200 + 150 * index, 1080, 350 + 150 * index)
    fields.setdefault("text", label)
    return Item(index=index, bounds=Box(left=left, top=top, right=right, bottom=bottom), label=label, **fields)


def screen(*elements: Item, **fields) -> Screen:
    return Screen(elements=tuple(elements), **fields)
