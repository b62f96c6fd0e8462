"""Editing the focused EditText: commit, delete, submit, replace.

Shared by the touch dispatcher (keyboard keys) and the OS (``input text``, uiautomator2's
``setText``/``clearTextField``, ADB keyboard broadcasts). Each edit writes the owner's state
(uncontrolled fields), calls ``on_change`` (controlled fields), and also patches the view in
place, so a second edit before the app rebuilds its tree starts from the new text.
"""

from __future__ import annotations

from typing import Iterable

from .views import View
from .widgets import Edit
from .window import Window


def find_focused_edit(windows: Iterable[Window]) -> tuple[Window, Edit] | None:
    """The IME's target: the focused, enabled Edit of the topmost *focusable* window.

    Like Android's input focus, only that window counts: with a dialog (or the shade) on top,
    typing does not reach a field of the app underneath. Non-focusable windows (keyboard,
    bars, toasts) are passed over.
    """
    for w in reversed(list(windows)):
        if not w.focusable or w.kind == "ime":
            continue
        v = w.focused_view()
        if isinstance(v, Edit) and v.enabled:
            return w, v
        return None
    return None


def focus(window: Window, edit: Edit) -> bool:
    """Give ``edit`` the focus of its window with the cursor at the end; True if focus moved."""
    moved = window.state.get("focus") != edit.key
    window.state["focus"] = edit.key
    window.state[f"cursor:{edit.key}"] = len(edit.text)
    edit.focused = True
    edit.cursor = len(edit.text)
    return moved


def clear_focus(window: Window) -> bool:
    return window.state.pop("focus", None) is not None


def set_text(window: Window, edit: Edit, text: str, cursor: int | None = None) -> bool:
    """Replace the field's text; True when it changed."""
    old = edit.text
    cursor = len(text) if cursor is None else max(0, min(cursor, len(text)))
    window.state[f"cursor:{edit.key}"] = cursor
    edit.cursor = cursor
    if text == old:
        return False
    if not edit.controlled:
        window.state[f"text:{edit.key}"] = text
    edit.text = text
    if edit.controlled:
        edit.value = text
    if edit.on_change is not None:
        edit.on_change(text)
    return True


def commit_text(window: Window, edit: Edit, s: str) -> bool:
    """Insert ``s`` at the cursor. Single-line fields drop newlines (as Android's filter does)."""
    if not edit.multiline:
        s = s.replace("\r", "").replace("\n", "")
    if not s:
        return False
    cur = edit.cursor
    return set_text(window, edit, edit.text[:cur] + s + edit.text[cur:], cur + len(s))


def delete_backward(window: Window, edit: Edit, count: int = 1) -> bool:
    cur = edit.cursor
    if cur == 0 or count <= 0:
        return False
    start = max(0, cur - count)
    return set_text(window, edit, edit.text[:start] + edit.text[cur:], start)


def editor_action(window: Window, edit: Edit) -> tuple[bool, bool]:
    """ENTER / the IME action key: newline in multi-line fields, else ``on_submit(text)``.

    Returns (changed, hide_keyboard): submitting a single-line field closes the keyboard,
    as IME_ACTION_DONE/SEARCH/SEND do.
    """
    if edit.multiline:
        return commit_text(window, edit, "\n"), False
    if edit.on_submit is not None:
        edit.on_submit(edit.text)
        return True, True
    return False, True


def is_text_target(v: View | None) -> bool:
    return isinstance(v, Edit) and v.enabled
