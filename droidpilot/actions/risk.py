"""How risky is this action: ``assess(action, state, goal) -> RiskAssessment``.

Risk comes from what an action does (an intent that places a call, a key that ends one) and what
it touches (a button labelled "Send", "Delete", "Pay $4.99", an affirmative button in a dialog
asking "Delete 3 photos?"). Two things adjust it:

* the goal: when the user's goal asks for that kind of thing ("text Alice...", "delete the
  draft"), the step is expected and its risk drops one level (never for payments below HIGH);
* provenance: a URL, number or address taken from the screen rather than the goal, or tapping an
  element perception flagged as reading like an instruction, is how on-screen injection works,
  and raises the risk to HIGH whatever the goal says.

Findings are explained in ``reasons`` so a refusal tells the planner (and the user) why.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_serializer, field_validator

from .intents import IntentSpec
from .models import (
    ActionBase,
    DoubleTap,
    LongPress,
    OpenUrl,
    PressKey,
    StartIntent,
    Tap,
    TypeText,
)
from .provenance import screen_sourced
from .validation import focused_editable, target_element

__all__ = ["Risk", "RiskAssessment", "Finding", "assess", "assess_intent"]


class Risk(IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    def __str__(self) -> str:
        return self.name.lower()


def _parse_risk(value: Any) -> Any:
    """Levels are written by name in trajectories ("high"); read them back the same way."""
    if isinstance(value, str) and value.upper() in Risk.__members__:
        return Risk[value.upper()]
    return value


class Finding(BaseModel):
    """One reason an action is risky."""

    model_config = ConfigDict(frozen=True)

    category: str
    level: Risk
    reason: str

    @field_validator("level", mode="before")
    @classmethod
    def _level_by_name(cls, value: Any) -> Any:
        return _parse_risk(value)

    @field_serializer("level")
    def _name(self, level: Risk) -> str:
        return str(level)


class RiskAssessment(BaseModel):
    """The verdict: the highest level found, and every finding that led to it."""

    model_config = ConfigDict(frozen=True)

    level: Risk = Risk.NONE
    findings: tuple[Finding, ...] = ()

    @field_validator("level", mode="before")
    @classmethod
    def _level_by_name(cls, value: Any) -> Any:
        return _parse_risk(value)

    @field_serializer("level")
    def _name(self, level: Risk) -> str:
        return str(level)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(f.reason for f in self.findings)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.category for f in self.findings))

    def summary(self) -> str:
        if not self.findings:
            return "no risk found"
        return f"{self.level} risk: " + "; ".join(self.reasons)


# -- what touched elements say ------------------------------------------------------------------
# (category, level, what it does, pattern, verb_led). Verb-led patterns must start a short button
# label, so a chat bubble that mentions "call me" is not a call button; in a dialog's question
# ("Delete 3 photos?") they may appear anywhere. Other patterns match anywhere.
_RULE_TABLE: tuple[tuple[str, Risk, str, str, bool], ...] = (
    ("factory_reset", Risk.CRITICAL, "resets the device to factory settings",
     r"factory (data )?reset|erase all data|reset (phone|device|tablet)|wipe (data|device)", False),
    ("payment", Risk.CRITICAL, "pays or buys something",
     r"buy|pay|purchase|checkout|check out|place (your )?order|order now|"
     r"confirm (purchase|payment|order)|complete (purchase|payment|order)|send money", True),
    ("payment", Risk.CRITICAL, "pays or buys something", r"[$€£¥₹]\s?\d", True),
    ("send", Risk.HIGH, "sends a message or mail",
     r"send|send (message|sms|text|mms|email|mail)", True),
    ("subscribe", Risk.HIGH, "subscribes to something (may cost money)", r"subscribe", True),
    ("call", Risk.HIGH, "places a phone call",
     r"(call|voice call|video call|place call|start call)(?!\s*(log|logs|history|settings|back later))", True),
    ("post", Risk.HIGH, "publishes content", r"post|publish|tweet|upload|share now", True),
    ("uninstall", Risk.HIGH, "uninstalls an app", r"uninstall", True),
    ("install", Risk.HIGH, "installs an app", r"install|reinstall", True),
    ("delete", Risk.HIGH, "deletes data",
     r"delete|remove|erase|discard|empty trash|move to (trash|bin)|trash|"
     r"clear (all|data|storage|history|cache|conversation)", True),
    ("security", Risk.HIGH, "changes security settings",
     r"screen lock|remove (password|pin|pattern)|turn off (protection|play protect)|usb debugging|"
     r"install unknown apps|unknown sources|device admin|disable (lock|security)|encrypt", False),
    ("share", Risk.MEDIUM, "shares content with another app or person", r"share", True),
)  # fmt: skip


class _Rule:
    def __init__(self, category: str, level: Risk, does: str, body: str, verb_led: bool) -> None:
        self.category, self.level, self.does, self.verb_led = category, level, does, verb_led
        anywhere = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        self.in_label = re.compile(rf"^\W*(?:{body})(?!\w)", re.IGNORECASE) if verb_led else anywhere
        self.in_text = anywhere


_RULES = tuple(_Rule(*row) for row in _RULE_TABLE)

_AFFIRMATIVE = re.compile(
    r"^(ok|okay|yes|confirm|continue|accept|agree|proceed|done|allow|delete|remove|send|call|buy|pay|"
    r"install|uninstall|reset|erase|clear|discard|got it)\b",
    re.IGNORECASE,
)
_PERMISSION_GRANT = re.compile(r"^(allow|while using the app|only this time|allow all)", re.IGNORECASE)

# Goal words that make a category expected. The first group are verbs wherever they appear
# ("send", "delete"); the second are also nouns ("text", "message", "call", "order") and count only
# where a request would put a verb: at the start of the goal or a clause, or after "to", "and",
# "then", "please", "you" ("Text Alice...", "I need to call Bob"), so "read my latest message"
# does not excuse sending one. Injection and provenance are never goal-excused.
_GOAL_VERBS: dict[str, tuple[str, str]] = {
    "send": (r"send|reply|forward|write to", r"text|message|sms|msg|email|e-mail|mail|tell"),
    "compose": (r"send|reply|forward|write|draft", r"text|message|sms|msg|email|e-mail|mail|tell"),
    "call": (r"dial|phone up|ring up", r"call|phone|ring"),
    "payment": (r"buy|pay|purchase|checkout", r"order"),
    "subscribe": (r"subscribe|sign up", r""),
    "delete": (r"delete|remove|erase|discard|uninstall", r"clear|trash|empty"),
    "install": (r"install", r"download|get"),
    "uninstall": (r"uninstall|remove", r""),
    "post": (r"publish|tweet", r"post|upload"),
    "share": (r"share|send", r""),
    "security": (
        r"password|fingerprint|security|developer options|usb debugging|unknown apps|device admin|encrypt|"
        r"screen lock",
        r"lock|pin",
    ),
    "factory_reset": (r"factory reset|reset the (phone|device)|wipe the (phone|device)", r"reset"),
    "credentials": (r"password|passcode|log ?in|sign ?in|credentials", r"pin"),
    "permission": (r"allow|grant|permission", r""),
}
_IMPERATIVE_SLOT = r"(?:^|[.,;:!?]\s*|\b(?:to|and|then|please|you|also|can|could|would)\s+)"
_GOAL_WORDS: dict[str, re.Pattern[str]] = {
    category: re.compile(
        rf"(?<!\w)(?:{verbs})(?!\w)" + (rf"|{_IMPERATIVE_SLOT}(?:{nouns})(?!\w)" if nouns else ""),
        re.IGNORECASE,
    )
    for category, (verbs, nouns) in _GOAL_VERBS.items()
}
_NOT_EXCUSABLE = {"screen_provenance", "injection", "link_from_screen"}

_SHORT_LABEL = 60
_BUTTON_WORDS = 5
"""A verb-led rule only reads labels this short: buttons say "Send", "Place your order", "Call Bob";
a message bubble that happens to start with "Call me when..." is longer."""


def _labels(element: Any) -> list[str]:
    names = [getattr(element, n, "") for n in ("label", "text", "description")]
    return [n.strip() for n in dict.fromkeys(names) if n and len(n.strip()) <= _SHORT_LABEL]


def _label_findings(texts: list[str], *, in_label: bool) -> list[Finding]:
    findings: list[Finding] = []
    for text in texts:
        button_like = len(text.split()) <= _BUTTON_WORDS
        for rule in _RULES:
            if in_label and rule.verb_led and not button_like:
                continue
            if (rule.in_label if in_label else rule.in_text).search(text):
                findings.append(Finding(category=rule.category, level=rule.level, reason=f'"{text}" {rule.does}'))
    return findings


def _dialog_of(state: Any, index: int) -> Any | None:
    for dialog in getattr(state, "dialogs", ()):
        if index in getattr(dialog, "buttons", ()):
            return dialog
    return None


def _element_findings(state: Any, index: int, goal: str) -> list[Finding]:
    element = target_element(state, index)
    labels = _labels(element)
    findings = _label_findings(labels, in_label=True)
    if getattr(element, "flagged", False):
        findings.append(
            Finding(
                category="injection",
                level=Risk.HIGH,
                reason=f"element [{index}] reads like an instruction to the agent (possible injection)",
            )
        )
    dialog = _dialog_of(state, index)
    if dialog is not None and any(_AFFIRMATIVE.match(label) for label in labels):
        question = " ".join(t for t in (getattr(dialog, "title", ""), getattr(dialog, "message", "")) if t)
        if getattr(dialog, "kind", "") == "permission":
            # "Allow Messages to send SMS?" grants a permission; it does not send anything.
            if any(_PERMISSION_GRANT.match(x) for x in labels):
                findings.append(
                    Finding(category="permission", level=Risk.MEDIUM, reason=f"grants a permission: {question!r}")
                )
        else:
            for rule in _RULES:
                if question and rule.in_text.search(question):
                    findings.append(
                        Finding(category=rule.category, level=rule.level, reason=f"confirms {question!r}: {rule.does}")
                    )
    shown = [t for t in (getattr(element, n, "") for n in ("text", "description", "label")) if t]
    for artifact in screen_sourced(shown, state, goal):
        findings.append(
            Finding(
                category="link_from_screen",
                level=Risk.MEDIUM,
                reason=f"opens the {artifact.kind} {artifact.value!r} shown on screen, not named in the goal",
            )
        )
    return findings


def _index_at(state: Any, x: Any, y: Any) -> int | None:
    """The element a tap at (x, y) lands on: the smallest one containing the point, preferring
    ones that react to touch. A tap by coordinates on a "Send" button is still a send."""
    if x is None or y is None:
        return None
    hits = [e for e in getattr(state, "elements", ()) if e.bounds.contains(x, y)]
    if not hits:
        return None
    reactive = [e for e in hits if getattr(e, "clickable", False) or getattr(e, "role", "") == "button"]
    best = min(reactive or hits, key=lambda e: (e.bounds.right - e.bounds.left) * (e.bounds.bottom - e.bounds.top))
    return best.index


def _string_values(spec: IntentSpec) -> list[str]:
    values = [spec.data or ""]
    for extra in spec.extras:
        if isinstance(extra.value, str):
            values.append(extra.value)
        elif isinstance(extra.value, tuple):
            values.extend(extra.value)
    return [v for v in values if v]


_CALL_ACTIONS = {
    "android.intent.action.CALL",
    "android.intent.action.CALL_PRIVILEGED",
    "android.intent.action.CALL_EMERGENCY",
}
_COMPOSE_ACTIONS = {
    "android.intent.action.SENDTO",
    "android.intent.action.SEND",
    "android.intent.action.SEND_MULTIPLE",
}
_UNINSTALL_ACTIONS = {"android.intent.action.DELETE", "android.intent.action.UNINSTALL_PACKAGE"}
_RESET_ACTIONS = {"android.intent.action.FACTORY_RESET", "android.intent.action.MASTER_CLEAR"}
_SECURITY_PAGES = {
    "android.settings.SECURITY_SETTINGS",
    "android.settings.APPLICATION_DEVELOPMENT_SETTINGS",
    "android.settings.MANAGE_UNKNOWN_APP_SOURCES",
    "android.settings.ACCESSIBILITY_SETTINGS",
    "android.settings.action.MANAGE_OVERLAY_PERMISSION",
    "android.settings.MANAGE_ALL_FILES_ACCESS_PERMISSION",
    "android.settings.action.MANAGE_WRITE_SETTINGS",
    "android.app.action.SET_NEW_PASSWORD",
    "android.settings.BIOMETRIC_ENROLL",
}
_PAYMENT_SCHEMES = ("upi:", "bitcoin:", "ethereum:", "litecoin:", "paypal:", "venmo:", "cashme:")


def assess_intent(spec: IntentSpec) -> list[Finding]:
    """Findings for an intent by what it asks Android to do (provenance is checked by assess)."""
    action = spec.action or ""
    data = (spec.data or "").lower()
    findings: list[Finding] = []

    def add(category: str, level: Risk, reason: str) -> None:
        findings.append(Finding(category=category, level=level, reason=reason))

    if action in _RESET_ACTIONS:
        add("factory_reset", Risk.CRITICAL, "the intent resets the device to factory settings")
    if action in _CALL_ACTIONS:
        add("call", Risk.HIGH, f"the intent places a call to {spec.data or 'a number'}")
    elif data.startswith("tel:"):
        add("call", Risk.LOW, "the intent opens the dialer with a number (no call is placed)")
    if action in _COMPOSE_ACTIONS:
        if spec.extras or data.startswith(("smsto:", "sms:", "mailto:", "mmsto:")):
            add("compose", Risk.MEDIUM, "the intent prepares a message for someone (not sent yet)")
        else:
            add("share", Risk.MEDIUM, "the intent shares content with another app")
    if action in _UNINSTALL_ACTIONS:
        add("uninstall", Risk.HIGH, f"the intent uninstalls {data.removeprefix('package:') or 'an app'}")
    installs_package = (
        action == "android.intent.action.INSTALL_PACKAGE"
        or spec.mime_type == "application/vnd.android.package-archive"
        or re.search(r"\.apk($|\?)", data) is not None
    )
    if installs_package:
        add("install", Risk.HIGH, "the intent installs an app package")
    elif data.startswith("market:") or "play.google.com/store/apps" in data:
        add("install", Risk.MEDIUM, "the intent opens an app store page")
    if action == "android.app.action.ADD_DEVICE_ADMIN":
        add("security", Risk.HIGH, "the intent makes an app a device administrator")
    elif action in _SECURITY_PAGES:
        add("security", Risk.MEDIUM, f"the intent opens a security-sensitive settings page ({action})")
    if data.startswith(_PAYMENT_SCHEMES) or re.match(r"^https?://(www\.)?(paypal\.me|pay\.)", data):
        add("payment", Risk.HIGH, "the intent opens a payment request")
    return findings


def _goal_excuses(category: str, goal: str) -> bool:
    pattern = _GOAL_WORDS.get(category)
    return bool(goal and pattern is not None and pattern.search(goal))


def _excuse(finding: Finding, goal: str) -> Finding:
    """Lower a finding the goal asks for by one level (CRITICAL stays at least HIGH)."""
    if finding.category in _NOT_EXCUSABLE or finding.level <= Risk.LOW or not _goal_excuses(finding.category, goal):
        return finding
    lowered = Risk(max(finding.level - 1, Risk.HIGH if finding.level == Risk.CRITICAL else Risk.LOW))
    return Finding(category=finding.category, level=lowered, reason=finding.reason + " (the goal asks for this)")


def _provenance(values: list[str], state: Any, goal: str, what: str) -> list[Finding]:
    return [
        Finding(
            category="screen_provenance",
            level=Risk.HIGH,
            reason=f"{what} {artifact.kind} {artifact.value!r} comes from screen text, not from the goal",
        )
        for artifact in screen_sourced(values, state, goal)
    ]


def assess(action: ActionBase, state: Any = None, goal: str = "") -> RiskAssessment:
    """Rate an action for the confirmation policy. ``state`` may be None (no screen known)."""
    findings: list[Finding] = []
    if isinstance(action, (Tap, LongPress, DoubleTap)) and state is not None:
        index = action.index if action.index is not None else _index_at(state, action.x, action.y)
        if index is not None:
            findings += _element_findings(state, index, goal)
    elif isinstance(action, TypeText):
        element = None
        if state is not None:
            element = target_element(state, action.index) if action.index is not None else focused_editable(state)
        if element is not None:
            if getattr(element, "password", False):
                findings.append(
                    Finding(category="credentials", level=Risk.MEDIUM, reason="types into a password field")
                )
        findings += _provenance([action.text], state, goal, "the typed")
    elif isinstance(action, OpenUrl):
        findings += assess_intent(IntentSpec(action="android.intent.action.VIEW", data=action.url))
        findings += _provenance([action.url], state, goal, "the opened")
    elif isinstance(action, StartIntent):
        spec = action.to_spec()
        findings += assess_intent(spec)
        findings += _provenance(_string_values(spec), state, goal, "the intent's")
    elif isinstance(action, PressKey):
        if action.key == "call":
            findings.append(Finding(category="call", level=Risk.HIGH, reason="the call key places a call"))
        elif action.key in ("power", "sleep"):
            findings.append(Finding(category="device", level=Risk.MEDIUM, reason="turns the screen off"))
    unique: dict[tuple[str, Risk], Finding] = {}
    for finding in (_excuse(f, goal) for f in findings):
        unique.setdefault((finding.category, finding.level), finding)
    findings = list(unique.values())
    level = max((f.level for f in findings), default=Risk.NONE)
    return RiskAssessment(level=level, findings=tuple(findings))
