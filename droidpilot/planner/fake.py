"""A scripted :class:`ChatModel` for unit tests that need no HTTP at all.

Tests of the model client itself use the real local server in ``tests/support/openai_server.py``;
tests of prompt building, parsing and planner logic use this, which records what it was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Union

from ..errors import ModelError
from .client import ChatMessage, ChatReply
from .reasoning import split_reasoning
from .usage import Usage

__all__ = ["ScriptedChatModel"]

ScriptItem = Union[str, ChatReply, ModelError, Callable[[Sequence[ChatMessage]], Union[str, ChatReply]]]


class ScriptedChatModel:
    """Answers each call with the next scripted item: a reply text, a ChatReply, or an error."""

    def __init__(self, script: Iterable[ScriptItem], *, name: str = "scripted") -> None:
        self.name = name
        self.calls: list[list[ChatMessage]] = []
        self.deadlines: list[float | None] = []
        self._script = list(script)

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        deadline: float | None = None,
        json_mode: bool | None = None,
    ) -> ChatReply:
        self.calls.append(list(messages))
        self.deadlines.append(deadline)
        if not self._script:
            raise ModelError(f"scripted model {self.name!r} has no reply left for call {len(self.calls)}")
        item = self._script.pop(0)
        if callable(item) and not isinstance(item, (str, ChatReply)):
            item = item(messages)
        if isinstance(item, ModelError):
            raise item
        if isinstance(item, ChatReply):
            return item
        reasoning, answer = split_reasoning(item)
        prompt = "\n".join(message.content for message in messages)
        return ChatReply(
            content=answer,
            reasoning=reasoning,
            raw_content=item,
            finish_reason="stop",
            usage=Usage.estimate(prompt, answer, reasoning),
            model=self.name,
        )
