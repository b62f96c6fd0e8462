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
_HAS_INVISIBLE = re.compile("[" + "".join(chr(c) for c in _INVISIBLE) + "]")

# Instruction-like text: words aimed at an agent, matched by proximity in linear time (regexes
# with gaps over long screen text were 100x slower). Each rule: a word from the first set, then
# within ``distance`` words one from the second set; optionally one of ``before`` just ahead.
_RULES: tuple[tuple[frozenset[str], frozenset[str], int, frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split()), distance, frozenset(before.split()))
    for a, b, distance, before in (
        ("ignore disregard forget override bypass", "instruction instructions prompt prompts rules directions guidelines orders", 8, ""),
        ("system", "prompt", 1, ""),
        ("developer", "message mode", 1, ""),
        ("new", "instruction instructions", 1, ""),
        ("prompt", "injection", 1, ""),
        ("jailbreak jailbroken", "", 0, ""),
        ("you", "ai assistant agent bot llm model gpt chatgpt", 4, ""),
        ("ai assistant assistants agent agents llm llms bot bots automation", "must should need needs required have instructed", 5, ""),
        ("tap click press select touch open", "continue proceed verify confirm claim unlock win complete fix", 8, ""),
        ("tell inform notify alert", "user owner human", 3, "not don never dont"),
        ("task goal objective mission instructions", "is are changed now", 2, "your new real actual"),
    )
)
_TRIGGERS = frozenset().union(*(rule[0] for rule in _RULES))
_ROLE_LINE = re.compile(r"(?:^|\n)\s*(?:assistant|system|user|human)\s*:")
_FAKE_TAG = re.compile(r"<\s*/?\s*(?:screen|system|instructions?|prompt)\b")
_CJK = re.compile(r"(?:忽略|无视|無視).{0,10}(?:指令|指示|提示|说明|說明)", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]+")
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
    if _HAS_INVISIBLE.search(value) is not None:
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
    distinct: list[str] = []
    for text in texts:
        if text and text not in distinct:
            distinct.append(text)
    if not distinct:
        return False
    joined = "\n".join(distinct)
    low = joined.lower()
    if "<" in low and _FAKE_TAG.search(low):
        return True
    if ":" in low and _ROLE_LINE.search(low):
        return True
    if ("忽略" in low or "无视" in low or "無視" in low) and _CJK.search(low):
        return True
    words = _WORD.findall(low)
    if _TRIGGERS.isdisjoint(words):
        return False
    return any(_rule_matches(words, rule) for rule in _RULES)


def _rule_matches(words: list[str], rule: tuple[frozenset[str], frozenset[str], int, frozenset[str]]) -> bool:
    first, second, distance, before = rule
    for i, word in enumerate(words):
        if word not in first:
            continue
        if before and before.isdisjoint(words[max(0, i - 3) : i]):
            continue
        if not second:
            return True
        if not second.isdisjoint(words[i + 1 : i + 1 + distance]):
            return True
    return False
