"""Screen text hygiene: control characters, labels, and instruction-like content.

Screen text is data written by whoever made the app, the notification or the web page. It is
shown to the model verbatim (never dropped: hiding it would hide the attack from the model and
the user too), but text that reads like an order to the agent is flagged so the prompt can
tell the model it is looking at a possible injection.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "humanize_id", "join_labels", "looks_like_instruction", "for_display"]

# C0 controls except tab/newline, DEL, C1 controls: never meaningful on screen.
_CONTROL = {c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))}
_CONTROL[9] = " "
_CONTROL[13] = None
# Invisible formatting that can hide or reorder text in a prompt: bidi overrides and isolates,
# zero-width characters. Removed from what the model reads, kept in Element.text.
_INVISIBLE = {c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}

_INSTRUCTION_PATTERNS = [
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|rules|directions|guidelines|orders)\b",
    r"\b(system prompt|developer (message|mode)|new instructions?|jailbreak|prompt injection)\b",
    r"\byou are (now )?(an? )?(ai|assistant|agent|language model|llm|chat ?gpt|gpt|bot)\b",
    r"\b(ai|assistant|agent|llm|bot|model|automation)s?\b.{0,30}\b(must|should|needs? to|are required to|have to|is instructed)\b",
    r"\b(tap|click|press|select|touch|open)\b.{0,40}\bto (continue|proceed|verify|confirm|claim|unlock|win|complete|fix)\b",
    r"\b(do not|don't|never)\b.{0,15}\b(tell|inform|notify|alert|ask|show)\b.{0,10}\b(the )?(user|owner|human)\b",
    r"\b(your|the) (real |new |actual )?(task|goal|objective|mission|instructions?) (is|are|has changed|now)\b",
    r"\b(enter|type|provide|send|share|reveal)\b.{0,15}\b(password|passcode|pin|otp|one-time code|verification code|card number|cvv|seed phrase|api key)\b",
    r"\b(transfer|send|wire)\b.{0,15}\b(money|funds|payment|bitcoin|crypto)\b",
    r"(?:^|\n)\s*(assistant|system|user|human)\s*:",
    r"<\s*/?\s*(screen|system|instructions?|prompt)\b",
    r"(忽略|无视|無視).{0,10}(指令|指示|提示|说明|說明)",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _INSTRUCTION_PATTERNS), re.IGNORECASE | re.DOTALL)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def clean_text(value: str) -> str:
    """Drop control characters (keeping newlines) so every consumer sees the same text."""
    if not value or value.isprintable():
        return value
    return value.translate(_CONTROL)


def for_display(value: str) -> str:
    """Text as the model reads it: one line, no invisible formatting characters."""
    if not value.isprintable():
        value = value.translate(_CONTROL)
        value = value.replace("\n", " ⏎ ")
    if any(ord(c) >= 0x200B for c in value):
        value = value.translate(_INVISIBLE)
    return value


def humanize_id(resource_id: str) -> str:
    """``com.app:id/login_button`` → ``login button``: a label of last resort for unlabelled icons."""
    short = resource_id.rsplit("/", 1)[-1]
    if not short:
        return ""
    return _CAMEL.sub(" ", short).replace("_", " ").replace("-", " ").strip().lower()


def join_labels(pieces: list[str]) -> str:
    """Join label children into one label, dropping blanks and repeats (icon desc = caption)."""
    seen = []
    for piece in pieces:
        piece = piece.strip()
        if piece and piece not in seen:
            seen.append(piece)
    return " · ".join(seen)


def looks_like_instruction(*texts: str) -> bool:
    """True when any text addresses the agent rather than the human (possible prompt injection)."""
    return any(t and _INSTRUCTION.search(t) is not None for t in texts)
