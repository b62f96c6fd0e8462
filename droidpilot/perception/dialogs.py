"""Dialogs that stand between the agent and its task: permission prompts, ANR and crash boxes,
system alerts, and app alert dialogs.

Detection reads ids the framework uses for these windows (``android:id/aerr_wait``,
``permission_allow_button``, ``android:id/alertTitle``, ``android:id/button1``), the packages that
own them, and, for apps that draw their own dialogs with obfuscated ids (WeCom), the shape: a
floating window with a few buttons. English phrases are only a last resort, since devices run
in every language.
"""

from __future__ import annotations

import re

from .state import Bounds, Dialog, Element
from .tree import Hierarchy, Node
from .windows import WindowInfo

__all__ = ["detect_dialogs"]

_PERMISSION_PACKAGES = frozenset(
    {
        "com.android.permissioncontroller",
        "com.google.android.permissioncontroller",
        "com.android.packageinstaller",
        "com.google.android.packageinstaller",
    }
)
_PERMISSION_IDS = ("permission_allow", "permission_deny", "grant_dialog", "permission_message")
_ANR_IDS = ("aerr_wait",)
_CRASH_IDS = ("aerr_close", "aerr_restart", "aerr_app_info", "aerr_report", "aerr_mute")
_ALERT_IDS = frozenset({"android:id/alertTitle", "android:id/button1", "android:id/button2", "android:id/button3", "android:id/parentPanel"})
_ANR_TEXT = re.compile(r"(isn.t responding|not responding|没有响应|無回應|未响应|no responde|ne répond pas|reagiert nicht)", re.I)
_CRASH_TEXT = re.compile(r"(has stopped|keeps stopping|unfortunately|已停止|停止运行|se ha detenido|sigue deteniéndose)", re.I)
_SYSTEM_PACKAGES = frozenset({"android", "com.android.systemui"})
_BUTTON_ROLES = frozenset({"button", "item", "checkbox", "radio", "switch"})


def detect_dialogs(
    hierarchy: Hierarchy, windows: list[WindowInfo], elements: list[tuple[WindowInfo, Element]]
) -> tuple[Dialog, ...]:
    """One Dialog per window that is one, topmost first.

    Dialogs are windows of their own: floating ones, or the permission controller's and the
    system's (which may be full-width sheets). A full-screen app window is never a dialog.
    """
    found = []
    for window in windows:
        if window.kind in ("ime", "bar"):
            continue
        if window.kind == "app" and window.package not in _PERMISSION_PACKAGES and window.package not in _SYSTEM_PACKAGES:
            continue
        nodes = hierarchy.window_nodes(window.root)
        ids, texts = _ids_and_texts(nodes)
        kind = _kind(window, nodes, ids, texts)
        if kind is None:
            continue
        mine = [e for w, e in elements if w is window]
        buttons = [e for e in mine if e.role in _BUTTON_ROLES and (e.clickable or e.long_clickable)]
        if kind == "alert" and not buttons:
            continue
        title, message = _title_and_message(window, mine, ids)
        buttons.sort(key=lambda e: (e.bounds.top, e.bounds.left))
        found.append(
            Dialog(
                kind=kind,
                package=window.package,
                title=title,
                message=message,
                buttons=tuple(e.index for e in buttons),
                button_labels=tuple(e.label for e in buttons),
                bounds=Bounds.of(*window.bounds),
            )
        )
    return tuple(found)


def _ids_and_texts(nodes: list[Node]) -> tuple[dict[str, str], list[str]]:
    ids: dict[str, str] = {}
    texts = []
    for node in nodes:
        rid = node.resource_id
        if rid:
            ids.setdefault(rid, node.text)
        if node.text:
            texts.append(node.text)
    return ids, texts


def _kind(window: WindowInfo, nodes: list[Node], ids: dict[str, str], texts: list[str]) -> str | None:
    shorts = [rid.rsplit("/", 1)[-1] for rid in ids]
    if window.package in _PERMISSION_PACKAGES or any(s.startswith(_PERMISSION_IDS) for s in shorts):
        return "permission"
    if any(s in _ANR_IDS for s in shorts) or (window.package == "android" and any(_ANR_TEXT.search(t) for t in texts)):
        return "anr"
    if any(s in _CRASH_IDS for s in shorts) or (window.package == "android" and any(_CRASH_TEXT.search(t) for t in texts)):
        return "crash"
    if window.kind == "floating" and window.package in _SYSTEM_PACKAGES:
        return "system"
    if _ALERT_IDS.intersection(ids) and window.kind == "floating" or "android:id/alertTitle" in ids:
        return "alert"
    if window.dialog_like and not _is_menu(nodes):
        return "alert"
    return None


_LIST_CLASSES = ("ListView", "RecyclerView", "GridView")


def _is_menu(nodes: list[Node]) -> bool:
    """A popup menu or dropdown: every touch target is an item of a list. Not a dialog."""
    targets = [n for n in nodes if n.clickable or n.long_clickable]
    if len(targets) < 2:
        return False
    for node in targets:
        parent = node.parent
        while parent is not None and not parent.cls.endswith(_LIST_CLASSES):
            parent = parent.parent
        if parent is None:
            return False
    return True


def _title_and_message(window: WindowInfo, mine: list[Element], ids: dict[str, str]) -> tuple[str, str]:
    title = (ids.get("android:id/alertTitle") or "").strip()
    message = (ids.get("android:id/message") or "").strip()
    if title and message:
        return title, message
    texts = [e for e in mine if e.role == "text" and e.label]
    if not title and texts:
        title = texts[0].label
    if not message:
        rest = [e.label for e in texts if e.label != title]
        if rest:
            message = max(rest, key=len)
    return title, message
