"""The on-screen keyboard: an IME window of key views that agents can tap.

Package ``com.google.android.inputmethod.latin`` (Gboard), about 40% of the screen height at
the bottom. Each key is a view with a content-desc (the character, or "Shift", "Delete",
"Symbols", "Letters", "Space", "Enter") and an ``ime_key``; the touch dispatcher hands a tap on
such a view to ``apply_key``, which edits the focused field of the app below. Shift and the
symbols page are keyboard state, kept in the IME window's own state dict.
"""

from __future__ import annotations

from typing import Any

from .geometry import MATCH, Rect
from .views import Column, Frame, Row
from .widgets import Image, Text
from .window import Window, ime_height

IME_PACKAGE = "com.google.android.inputmethod.latin"

_LETTERS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_SYMBOLS = ["1234567890", "@#$_&-+()/", "*\"':;!?"]
_SPECIAL_DESC = {
    "shift": "Shift",
    "delete": "Delete",
    "symbols": "Symbols",
    "letters": "Letters",
    "space": "Space",
    "enter": "Enter",
}
_ACTION_ICON = {"search": "search", "send": "send", "go": "enter", "next": "enter", "done": "check"}


class Key(Text):
    """One key: shows ``label``, reports no text and a content-desc naming the key."""

    android_class = "android.view.View"

    def __init__(self, ime_key: str, label: str, **kw: Any) -> None:
        kw.setdefault("gravity", "center")
        kw.setdefault("radius", 6)
        kw.setdefault("margin", (3, 5))
        kw.setdefault("clickable", True)
        kw.setdefault("text_size", 22)
        super().__init__("", **kw)
        self.ime_key = ime_key
        self.label = label

    def display_text(self) -> str:
        return self.label


def _char_key(ch: str, pos: str) -> Key:
    return Key(ch, ch, desc=ch, id=f"key_pos_{pos}", weight=1, height=MATCH, background="key", color="on_surface")


def _special(name: str, pos: str, weight: float, label: str = "", icon: str | None = None, on: bool = False) -> Frame:
    key = Key(name, label, desc=_SPECIAL_DESC[name], id=f"key_pos_{pos}", width=MATCH, height=MATCH,
              background="primary" if (on or name == "enter") else "key_special",
              color="on_primary" if (on or name == "enter") else "on_surface", text_size=18, bold=True)
    if icon is None:
        key.weight = weight
        return key
    # an icon key: the Key view stays the touch/a11y target; the icon is painted over it
    glyph = Image(icon, size=26, tint="on_primary" if (on or name == "enter") else "on_surface", align="center")
    return Frame(key, glyph, weight=weight, height=MATCH)


def build_keyboard(state: dict[str, Any], action: str = "done") -> Column:
    """The key grid for the current page (letters / symbols) and shift state."""
    symbols = state.get("mode") == "symbols"
    shift = bool(state.get("shift"))
    rows = _SYMBOLS if symbols else _LETTERS
    out: list[Any] = []
    for r, chars in enumerate(rows):
        keys: list[Any] = []
        if r == 2:
            keys.append(_special("shift", "2_0", 1.5, icon="shift", on=shift) if not symbols
                        else _special("letters", "2_0", 1.5, label="ABC"))
        for c, ch in enumerate(chars):
            shown = ch.upper() if shift and not symbols else ch
            keys.append(_char_key(shown, f"{r}_{c + (1 if r == 2 else 0)}"))
        if r == 2:
            keys.append(_special("delete", f"2_{len(chars) + 1}", 1.5, icon="backspace"))
        pad = 0.5 if (r == 1 and not symbols) else 0
        out.append(Row(*keys, width=MATCH, weight=1, height=0, padding=(pad * 36, 0)))
    out.append(
        Row(
            _special("letters", "3_0", 1.5, label="ABC") if symbols else _special("symbols", "3_0", 1.5, label="?123"),
            _char_key(",", "3_1"),
            Key("space", "", desc="Space", id="key_pos_3_2", weight=5, height=MATCH, background="key"),
            _char_key(".", "3_3"),
            _special("enter", "3_4", 1.5, icon=_ACTION_ICON.get(action, "enter")),
            width=MATCH,
            weight=1,
            height=0,
        )
    )
    return Column(*out, width=MATCH, height=MATCH, padding=(4, 8, 4, 12))


def keyboard_window(
    width: int,
    height: int,
    state: dict[str, Any],
    *,
    bottom: int | None = None,
    action: str = "done",
    generation: int = 0,
) -> Window:
    """The IME window: ``ime_height(height)`` tall, its bottom edge at ``bottom`` (default: the
    screen's bottom; pass the navigation bar's top when the bar is drawn below the keyboard)."""
    bottom = height if bottom is None else bottom
    frame = Rect(0, bottom - ime_height(height), width, bottom)
    root = Frame(build_keyboard(state, action), id="keyboard_holder", width=MATCH, height=MATCH, background="keyboard")
    return Window("ime", IME_PACKAGE, root, frame, title="InputMethod", focusable=False, state=state,
                  generation=generation, key="ime")


def apply_key(dispatcher: Any, res: Any, ime: Window, key: str) -> Any:
    """Carry out a key tap for the dispatcher; merges the text edit's result into ``res``."""
    st = ime.state
    if key == "shift":
        st["shift"] = not st.get("shift")
        res.changed = True
        res.touch(ime)
        res.detail = "shift"
        return res
    if key in ("symbols", "letters"):
        st["mode"] = "symbols" if key == "symbols" else "letters"
        st["shift"] = False
        res.changed = True
        res.touch(ime)
        res.detail = key
        return res
    if key == "delete":
        sub = dispatcher.delete_backward()
    elif key == "enter":
        sub = dispatcher.editor_action()
    else:
        sub = dispatcher.commit_text(" " if key == "space" else key)
        if st.get("shift") and key != "space":
            st["shift"] = False  # one-shot shift, as on Gboard
            res.changed = True
            res.touch(ime)
    res.changed = res.changed or sub.changed
    for w in sub.windows:
        res.touch(w)
    res.ime = sub.ime
    res.detail = f"key {key!r}: {sub.detail or ('edited' if sub.changed else 'no change')}"
    return res
