"""Intents and their resolution against declared intent filters.

Mirrors the parts of Android's ``Intent`` that ``am start``/``am broadcast`` and apps use:
action, data URI, MIME type, categories, an explicit component, flags and typed extras.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pragma: no cover
    from .app import ActivityInfo

ACTION_MAIN = "android.intent.action.MAIN"
ACTION_VIEW = "android.intent.action.VIEW"
ACTION_DIAL = "android.intent.action.DIAL"
ACTION_CALL = "android.intent.action.CALL"
ACTION_SENDTO = "android.intent.action.SENDTO"
ACTION_SEND = "android.intent.action.SEND"
ACTION_INSERT = "android.intent.action.INSERT"
ACTION_EDIT = "android.intent.action.EDIT"
ACTION_SET_ALARM = "android.intent.action.SET_ALARM"
ACTION_SET_TIMER = "android.intent.action.SET_TIMER"
ACTION_SHOW_ALARMS = "android.intent.action.SHOW_ALARMS"
ACTION_WEB_SEARCH = "android.intent.action.WEB_SEARCH"
ACTION_IMAGE_CAPTURE = "android.media.action.IMAGE_CAPTURE"
CATEGORY_LAUNCHER = "android.intent.category.LAUNCHER"
CATEGORY_HOME = "android.intent.category.HOME"
CATEGORY_DEFAULT = "android.intent.category.DEFAULT"
CATEGORY_BROWSABLE = "android.intent.category.BROWSABLE"

FLAG_ACTIVITY_NEW_TASK = 0x10000000
FLAG_ACTIVITY_CLEAR_TOP = 0x04000000
FLAG_ACTIVITY_SINGLE_TOP = 0x20000000
FLAG_ACTIVITY_CLEAR_TASK = 0x00008000


@dataclass
class Intent:
    action: str | None = None
    data: str | None = None
    mime_type: str | None = None
    categories: list[str] = field(default_factory=list)
    component: str | None = None  # "pkg/.Activity" or "pkg/full.Name"
    package: str | None = None
    flags: int = 0
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def scheme(self) -> str | None:
        if not self.data:
            return None
        scheme = urlsplit(self.data).scheme
        return scheme.lower() or None

    def component_parts(self) -> tuple[str, str] | None:
        """Split the explicit component into (package, fully qualified class name)."""
        if not self.component or "/" not in self.component:
            return None
        pkg, cls = self.component.split("/", 1)
        if cls.startswith("."):
            cls = pkg + cls
        return pkg, cls

    def describe(self) -> str:
        """The ``Intent { ... }`` form that ``am start`` prints."""
        parts = []
        if self.action:
            parts.append(f"act={self.action}")
        if self.categories:
            parts.append("cat=[" + ",".join(self.categories) + "]")
        if self.data:
            parts.append(f"dat={self.data}")
        if self.mime_type:
            parts.append(f"typ={self.mime_type}")
        if self.flags:
            parts.append(f"flg=0x{self.flags:x}")
        if self.component:
            parts.append(f"cmp={self.component}")
        if self.extras:
            parts.append("(has extras)")
        return "Intent { " + " ".join(parts) + " }"


def _mime_matches(pattern: str, mime: str) -> bool:
    if pattern in ("*/*", "*"):
        return True
    p_type, _, p_sub = pattern.partition("/")
    m_type, _, m_sub = mime.partition("/")
    return p_type == m_type and (p_sub in ("*", m_sub))


def filter_matches(flt: dict[str, Any], intent: Intent) -> bool:
    """Android's IntentFilter.match, reduced to action, categories, scheme and MIME type."""
    actions = flt.get("actions", [])
    if intent.action is not None and intent.action not in actions:
        return False
    if intent.action is None and not actions:
        return False
    categories = set(flt.get("categories", []))
    wanted = set(intent.categories)
    # Implicit activity starts carry CATEGORY_DEFAULT; launcher filters are matched on MAIN/LAUNCHER.
    wanted.discard(CATEGORY_DEFAULT)
    if not wanted.issubset(categories):
        return False
    schemes = flt.get("schemes", [])
    mime_types = flt.get("mime_types", [])
    if intent.data:
        if not schemes or intent.scheme not in schemes:
            return False
    elif schemes and not intent.mime_type:
        return False
    if intent.mime_type:
        if not mime_types or not any(_mime_matches(p, intent.mime_type) for p in mime_types):
            return False
    elif mime_types and not intent.data:
        return False
    return True


def matching_filter(info: "ActivityInfo", intent: Intent) -> bool:
    return any(filter_matches(f, intent) for f in info.intent_filters)
