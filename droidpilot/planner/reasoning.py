"""Separate a reasoning model's thinking from its answer.

R1 served by vLLM/SGLang/Ollama without a reasoning parser leaves the thinking in ``content``
between ``<think>`` and ``</think>``; the chat template often emits the opening tag itself, so the
reply begins mid-thought and only the closing tag is there. A reply cut off by ``max_tokens``
has an opening tag and no closing one. All three must leave an answer that holds no thinking,
because the parser must not pick up an action the model only considered.
"""

from __future__ import annotations

import re

__all__ = ["split_reasoning"]

_OPEN = re.compile(r"<think(?:ing)?>", re.IGNORECASE)
_CLOSE = re.compile(r"</think(?:ing)?>", re.IGNORECASE)


def split_reasoning(content: str | None) -> tuple[str, str]:
    """Return ``(reasoning, answer)`` from a message content.

    - ``<think>r</think>a``   → ``("r", "a")`` (several blocks are joined)
    - ``r</think>a``          → ``("r", "a")`` (opening tag missing)
    - ``<think>r`` (cut off)  → ``("r", "")``
    - ``a``                   → ``("", "a")``
    """
    text = content or ""
    thoughts: list[str] = []
    answer_parts: list[str] = []
    pos = 0
    first = True
    while pos <= len(text):
        close = _CLOSE.search(text, pos)
        opening = _OPEN.search(text, pos)
        if opening is not None and (close is None or opening.start() < close.start()):
            answer_parts.append(text[pos : opening.start()])
            end = _CLOSE.search(text, opening.end())
            if end is None:
                thoughts.append(text[opening.end() :])
                pos = len(text) + 1
                break
            thoughts.append(text[opening.end() : end.start()])
            pos = end.end()
        elif close is not None and first:
            # Closing tag with no opening one before it: everything so far was thinking.
            thoughts.append(text[pos : close.start()])
            pos = close.end()
        elif close is not None:
            # A stray closing tag later on: drop the tag, keep the text around it.
            answer_parts.append(text[pos : close.start()])
            pos = close.end()
        else:
            answer_parts.append(text[pos:])
            break
        first = False
    reasoning = "\n".join(part.strip() for part in thoughts if part.strip())
    answer = "".join(answer_parts).strip()
    return reasoning, answer
