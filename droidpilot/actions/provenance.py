"""Where did this link, number or address come from: the user's goal, or the screen?

On-screen injection works on agents because they treat what they read as what they were told:
a pop-up says "call 0900..." or "verify at bit.ly/x" and the agent does it. The safety policy
therefore asks, for every URL, phone number and email address an action carries, whether it
appears on the current screen but not in the goal. Such an artifact is "built from screen text",
and raises the action's risk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

__all__ = ["Artifact", "extract_artifacts", "screen_text", "screen_sourced"]

_URL = re.compile(
    r"(?:\b[a-z][a-z0-9+.\-]*://[^\s<>\"']+)"
    r"|(?:\bwww\.[^\s<>\"']+)"
    r"|(?:\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|net|org|io|ly|me|co|app|xyz|info|biz|link|site|online|top|ru|cn|tk|gl|to)\b(?:/[^\s<>\"']*)?)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
_PHONE = re.compile(r"(?<![\w/.])\+?\d[\d\s().\-]{4,}\d(?![\w/])")
_MIN_PHONE_DIGITS = 6
_DATE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$")


class Artifact(NamedTuple):
    kind: Literal["url", "phone", "email"]
    value: str
    """Normalised: URLs without scheme, www. or trailing punctuation; phones as digits; emails lower-case."""


def _norm_url(url: str) -> str:
    text = url.lower().strip().rstrip(".,;:!?)]}'\"")
    text = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", text)
    text = text.removeprefix("www.")
    return text.rstrip("/")


def extract_artifacts(text: str) -> set[Artifact]:
    """URLs, phone numbers and email addresses in a piece of text, normalised for comparison."""
    found: set[Artifact] = set()
    if not text:
        return found
    emails = _EMAIL.findall(text)
    for email in emails:
        found.add(Artifact("email", email.lower()))
    without_emails = _EMAIL.sub(" ", text)
    for match in _URL.findall(without_emails):
        scheme = match.split(":", 1)[0].lower()
        if scheme in ("tel", "sms", "smsto", "mailto"):
            continue  # handled as numbers / addresses below
        found.add(Artifact("url", _norm_url(match)))
    for match in _PHONE.findall(re.sub(r"(?i)\b(tel|smsto|sms):", " ", without_emails)):
        digits = re.sub(r"\D", "", match)
        if _DATE.match(match.strip()):
            continue
        if len(digits) >= _MIN_PHONE_DIGITS:
            found.add(Artifact("phone", digits))
    for match in re.findall(r"(?i)\bmailto:([^?\s,]+)", text):
        found.add(Artifact("email", match.lower()))
    return found


def _same(a: Artifact, b: Artifact) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "phone":
        short, long_ = sorted((a.value, b.value), key=len)
        return long_.endswith(short) and len(short) >= _MIN_PHONE_DIGITS
    if a.kind == "url":
        short, long_ = sorted((a.value, b.value), key=len)
        return long_ == short or long_.startswith(short + "/") or long_.startswith(short + "?")
    return a.value == b.value


def _contains(pool: Iterable[Artifact], artifact: Artifact) -> bool:
    return any(_same(artifact, other) for other in pool)


def screen_text(state: Any) -> str:
    """All the text a screen shows (elements and dialogs), one piece per line."""
    if state is None:
        return ""
    parts: list[str] = []
    for element in getattr(state, "elements", ()):
        for name in ("text", "description", "hint", "label"):
            value = getattr(element, name, "")
            if value:
                parts.append(value)
    for dialog in getattr(state, "dialogs", ()):
        parts += [getattr(dialog, "title", ""), getattr(dialog, "message", "")]
    return "\n".join(p for p in parts if p)


def screen_sourced(values: Iterable[str], state: Any, goal: str) -> list[Artifact]:
    """Artifacts in ``values`` that appear on the screen but not in the goal."""
    carried: set[Artifact] = set()
    for value in values:
        carried |= extract_artifacts(value)
    if not carried:
        return []
    on_screen = extract_artifacts(screen_text(state))
    in_goal = extract_artifacts(goal)
    return sorted(
        (a for a in carried if _contains(on_screen, a) and not _contains(in_goal, a)),
        key=lambda a: (a.kind, a.value),
    )
