"""The R1 planner: ask a reasoning model for the next action, and insist on a usable one.

One step is one fresh prompt (goal, screen, short history, plan, notes): no growing chat
transcript, so the model's reasoning is never sent back (DeepSeek rejects it, and it would
double the bill), and a long run costs the same per step as a short one. When a reply cannot be
used, the model gets a bounded number of short corrective re-prompts in the same exchange
(its answer, without reasoning, then the one-line problem); after that the step is rejected with
:class:`PlanRejected` and the loop decides what to do.

The plan is the one thing kept between steps: the model updates it, the planner remembers it
for the same goal, and it is shown back next step. The goal itself always comes from the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..actions import action_vocabulary
from ..config import Settings, load_settings
from ..errors import ModelError, PlanParseError
from .base import Decision, DecisionSource, HistoryEntry, PlanItem, PlanRejected, StepModelError
from .client import ChatMessage, ChatModel, OpenAIChatModel
from .parse import Validator, parse_reply
from .prompts import Prompt, build_prompt, correction_message
from .usage import Usage

if TYPE_CHECKING:
    from ..perception import ScreenState

__all__ = ["R1Planner"]


class R1Planner:
    """A :class:`Planner` backed by one chat model (DeepSeek-R1 or any OpenAI-compatible one).

    ``R1Planner(model=..., base_url=..., api_key=...)`` fills the rest from the environment and
    the config file (see ``droidpilot.config``); ``chat_model=`` plugs in any ChatModel instead
    (tests use ``ScriptedChatModel``). Raises ``ConfigError`` naming what to set when no model
    is configured anywhere.
    """

    def __init__(
        self,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        provider: str | None = None,
        chat_model: ChatModel | None = None,
        settings: Settings | None = None,
        max_corrections: int | None = None,
        history_limit: int | None = None,
        source: DecisionSource = "model",
        validator: Validator | None = None,
        env: Mapping[str, str] | None = None,
        vocabulary: str | None = None,
    ) -> None:
        if chat_model is None:
            if settings is None:
                settings = load_settings(model=model, base_url=base_url, api_key=api_key, provider=provider, env=env)
            chat_model = OpenAIChatModel(settings.model, prices=settings.prices)
        self.settings = settings
        self.chat = chat_model
        self.max_corrections = (
            max_corrections if max_corrections is not None else (settings.max_corrections if settings else 2)
        )
        self.history_limit = history_limit if history_limit is not None else (settings.history_limit if settings else 8)
        self.source: DecisionSource = source
        self.validator = validator
        self.vocabulary = vocabulary if vocabulary is not None else action_vocabulary()
        self.last_prompt: Prompt | None = None
        self._plan: tuple[PlanItem, ...] = ()
        self._goal: str | None = None

    @property
    def name(self) -> str:
        return self.chat.name

    @property
    def plan(self) -> tuple[PlanItem, ...]:
        """The model's current plan for the current goal."""
        return self._plan

    def adopt_plan(self, goal: str, plan: Sequence[PlanItem]) -> None:
        """Take over a plan made elsewhere (two-tier mode hands the planner's plan to the executor)."""
        self._goal = goal
        self._plan = tuple(plan)

    def reset(self) -> None:
        self._plan = ()
        self._goal = None

    def prompt_for(
        self, goal: str, state: ScreenState, history: Sequence[HistoryEntry], notes: Sequence[str]
    ) -> Prompt:
        """The prompt ``decide`` would send now (for inspection, benchmarks and tests)."""
        plan = self._plan if goal == self._goal else ()
        return build_prompt(
            goal,
            state.render(),
            vocabulary=self.vocabulary,
            history=history,
            notes=notes,
            plan=plan,
            history_limit=self.history_limit,
        )

    def decide(
        self,
        goal: str,
        state: ScreenState,
        history: Sequence[HistoryEntry],
        notes: Sequence[str],
        *,
        deadline: float | None = None,
    ) -> Decision:
        if goal != self._goal:
            self.reset()
            self._goal = goal
        prompt = self.prompt_for(goal, state, history, notes)
        self.last_prompt = prompt
        messages: list[ChatMessage] = list(prompt.messages)
        usage = Usage()
        latency = 0.0
        problems: list[str] = []
        reply_text = ""
        for attempt in range(1, self.max_corrections + 2):
            try:
                reply = self.chat.complete(messages, deadline=deadline)
            except ModelError as exc:
                if usage.calls:
                    raise StepModelError(str(exc), usage=usage) from exc
                raise
            usage = usage + reply.usage
            latency += reply.latency_s
            reply_text = reply.raw_content or reply.content
            try:
                parsed = parse_reply(reply.content, state, validator=self.validator)
            except PlanParseError as exc:
                problems.append(str(exc))
                if attempt > self.max_corrections:
                    break
                # Only the answer goes back, never the reasoning (DeepSeek rejects it with a 400).
                messages += [ChatMessage(role="assistant", content=reply.content or "(empty)"), correction_message(str(exc))]
                continue
            if parsed.plan is not None:
                self._plan = parsed.plan
            return Decision(
                action=parsed.action,
                thought=parsed.thought,
                plan=self._plan,
                notes=parsed.notes if parsed.notes is not None else tuple(notes),
                raw_reply=reply_text,
                reasoning=reply.reasoning,
                source=self.source,
                usage=usage,
                latency_s=latency,
                model=reply.model or self.chat.name,
                attempts=attempt,
                error=problems[0] if problems else "",
                extra=self._extra(parsed.dropped_fields, prompt),
            )
        raise PlanRejected(
            f"{self.chat.name} gave no usable action in {len(problems)} replies; last problem: {problems[-1]}",
            reply=reply_text,
            usage=usage,
            attempts=len(problems),
            model=self.chat.name,
        )

    @staticmethod
    def _extra(dropped: Sequence[str], prompt: Prompt) -> dict[str, Any]:
        extra: dict[str, Any] = {"prompt_chars": prompt.chars, "prompt_est_tokens": prompt.est_tokens}
        if dropped:
            extra["dropped_fields"] = list(dropped)
        return extra
