"""The AndroidWorld-T3A-style element list: the baseline our rendering is measured against.

T3A shows the model every element as a record of its raw facts (index, text, description,
class, hint, the boolean flags, resource id, bounding box). The benchmark compares prompt sizes
with it, and the tests check that every fact it carries can be read back from ``render()``.
Built from the same elements, so the comparison is about the format, not about extraction.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .text import humanize_id

if TYPE_CHECKING:
    from .state import Element, ScreenState

__all__ = ["t3a_record", "t3a_records", "t3a_text"]


def t3a_record(element: "Element") -> dict:
    label = element.label if element.label != humanize_id(element.resource_id) else ""
    b = element.bounds
    return {
        "index": element.index,
        "text": element.text or label,
        "content_description": element.description,
        "class": element.class_name,
        "hint": element.hint,
        "is_clickable": element.clickable or element.long_clickable,
        "is_checkable": element.checkable,
        "is_checked": element.checked,
        "is_editable": element.editable,
        "is_scrollable": element.scrollable,
        "is_focused": element.focused,
        "is_selected": element.selected,
        "resource_id": element.resource_id,
        "bbox": [b.left, b.top, b.right, b.bottom],
    }


def t3a_records(state: "ScreenState") -> list[dict]:
    return [t3a_record(e) for e in state.elements]


def t3a_text(state: "ScreenState") -> str:
    """One JSON object per line, as such lists are usually pasted into prompts."""
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in t3a_records(state))
