"""Scripted model replies that read the screen from the prompt, the way a model would.

Indexes change from screen to screen, so a scripted reply that names ``"Wi-Fi"`` finds its
current index in the ``<screen>`` block of the request instead of hard-wiring a number.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.support.openai_server import RecordedRequest, Reply, chat, deepseek

_LINE = re.compile(r"^\s*\[(\d+)\]\s+(.*)$")


def prompt_text(request: RecordedRequest) -> str:
    return "\n".join(str(m.get("content", "")) for m in request.messages)


def screen_index(request: RecordedRequest, pattern: str) -> int:
    """The index of the last-listed element whose line matches ``pattern`` in the latest screen."""
    text = str(request.messages[-1].get("content", ""))
    block = text[text.rfind("<screen>"):] if "<screen>" in text else text
    for line in block.splitlines():
        m = _LINE.match(line)
        if m and re.search(pattern, m.group(2)):
            return int(m.group(1))
    raise AssertionError(f"no element matching {pattern!r} on the screen the model was shown:\n{block}")


def act(action: dict[str, Any], thought: str = "") -> Reply:
    return chat(json.dumps({"thought": thought or action.get("kind", ""), "action": action}))


def tap(pattern: str, thought: str = "", *, reasoning: str | None = None):
    """A reply tapping the element matching ``pattern`` (DeepSeek style when ``reasoning`` is given)."""

    def reply(request: RecordedRequest) -> Reply:
        body = json.dumps({"thought": thought or f"tap {pattern}", "action": {"kind": "tap", "index": screen_index(request, pattern)}})
        return deepseek(reasoning, body) if reasoning else chat(body)

    return reply


def finish(status: str = "complete", reason: str = "done") -> Reply:
    return act({"kind": "finish", "status": status, "reason": reason}, thought=reason)
