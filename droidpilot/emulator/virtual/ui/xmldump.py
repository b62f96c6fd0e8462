"""The uiautomator window-hierarchy XML, byte-compatible with what Android's dumper writes.

Format facts (androidx.test.uiautomator's AccessibilityNodeInfoDumper, as used by
``uiautomator dump`` and the uiautomator2 server; checked against the real dumps in the shared
corpus): the declaration ``<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>``, a
``<hierarchy rotation="R">`` root, one top-level ``<node>`` per window root, each with
``index="0"``; children only when visible to the user, ``index`` being the position among the
parent's accessibility children (so hidden siblings leave gaps); ``NAF="true"`` first on nodes
that are clickable and enabled with no text/content-desc anywhere in their subtree (grid/list
containers exempt); invalid XML characters replaced by "."; ``\\n`` written as ``&#10;``;
empty elements closed with `` />``.

Window order: the dumper walks ``UiAutomation.getWindows()``, which lists windows in
descending z-order (the topmost window first; the active window is added first when missing).
So the top-level nodes here go from the top window (keyboard, dialog, status bar...) down to
the wallpaper-side app window: the reverse of the bottom → top list the window manager keeps.
"""

from __future__ import annotations

from typing import Iterable

from .geometry import Rect
from .views import View
from .widgets import Edit
from .window import Window, active_window

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"

_NAF_EXCLUDED = (
    "android.widget.GridView",
    "android.widget.GridLayout",
    "android.widget.ListView",
    "android.widget.TableLayout",
)


def _escape_table() -> dict[int, str]:
    table: dict[int, str] = {}
    bad = [0, *range(0x1, 0x9), 0xB, 0xC, *range(0xE, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0), *range(0xFDD0, 0xFDE0)]
    for c in bad:
        table[c] = "."
    table.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
                  ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;"})
    return table


_TABLE = _escape_table()


def escape(value: str) -> str:
    """Attribute escaping as KXmlSerializer plus the dumper's invalid-character filter do it."""
    return value.translate(_TABLE) if value else ""


def _bool(b: bool) -> str:
    return "true" if b else "false"


def _has_label(v: View) -> bool:
    for c in v.children:
        if c.a11y and (c.a11y_text() or c.desc):
            return True
        if _has_label(c):
            return True
    return False


def _resource_id(v: View, package: str) -> str:
    rid = v.id
    if not rid:
        return ""
    if v.in_web or ":id/" in rid:
        return rid
    return f"{package}:id/{rid}"


def _a11y_children(v: View) -> list[View]:
    """Children as the accessibility tree sees them: non-reported views are skipped through."""
    if not v.exposes_children:
        return []
    out: list[View] = []
    for c in v.children:
        if c.a11y:
            out.append(c)
        else:
            out.extend(_a11y_children(c))
    return out


def _dump(v: View, index: int, order: int, package: str, screen: Rect, display_id: str, out: list[str]) -> None:
    bounds = v.clip.intersect(screen)
    pkg = v.package or package
    text = v.a11y_text()
    desc = v.desc
    clickable = v.clickable
    parts = ["<node "]
    if (clickable and v.enabled and not text and not desc and v.android_class not in _NAF_EXCLUDED
            and not _has_label(v)):
        parts.append('NAF="true" ')
    is_edit = isinstance(v, Edit)
    parts.append(
        f'index="{index}" text="{escape(text)}" resource-id="{escape(_resource_id(v, pkg))}" '
        f'class="{v.web_class if v.in_web else v.android_class}" package="{escape(pkg)}" '
        f'content-desc="{escape(desc)}" checkable="{_bool(v.checkable)}" '
        f'checked="{_bool(v.checkable and v.is_checked)}" clickable="{_bool(clickable)}" '
        f'enabled="{_bool(v.enabled)}" focusable="{_bool(v.focusable)}" focused="{_bool(v.focused)}" '
        f'scrollable="{_bool(v.scrollable)}" long-clickable="{_bool(v.long_clickable)}" '
        f'password="{_bool(is_edit and v.password)}" selected="{_bool(v.selected)}" '
        f'visible-to-user="true" bounds="{bounds.short()}" drawing-order="{order}" '
        f'hint="{escape(v.hint) if is_edit else ""}" display-id="{display_id}"'
    )
    children = _a11y_children(v)
    out.append("".join(parts))
    shown = False
    for i, c in enumerate(children):
        if c.clip.intersect(screen).empty:
            continue  # not visible to the user: skipped, but it keeps its index slot
        if not shown:
            out.append(">")
            shown = True
        _dump(c, i, 0 if c.in_web else i + 1, pkg, screen, display_id, out)
    out.append("</node>" if shown else " />")


def hierarchy_xml(windows: Iterable[Window], rotation: int = 0, *, screen: Rect | None = None,
                  active_only: bool = False) -> str:
    """The uiautomator dump of laid-out windows (given bottom → top, dumped top → bottom).

    ``screen`` clips every bounds (defaults to the union of the window frames);
    ``active_only`` dumps only the active window, like ``uiautomator dump`` without
    ``--windows`` / uiautomator2's ``rootInActiveWindow``.
    """
    ws = list(windows)
    if screen is None:
        right = max((w.frame.right for w in ws), default=0)
        bottom = max((w.frame.bottom for w in ws), default=0)
        screen = Rect(0, 0, right, bottom)
    if active_only:
        top = active_window(ws)
        ws = [top] if top is not None else []
    out: list[str] = [DECLARATION, f'<hierarchy rotation="{int(rotation)}">']
    for w in reversed(ws):
        w.require_layout()
        if w.root.clip.intersect(screen).empty:
            continue
        _dump(w.root, 0, 0, w.package, screen, str(w.display_id), out)
    out.append("</hierarchy>")
    return "".join(out)
