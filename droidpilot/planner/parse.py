"""Read one decision out of a model's reply, or say in one line what to fix.

The contract with the agent loop: :func:`parse_reply` returns the action the model meant, with
its thought, plan and notes, or raises :class:`PlanParseError` whose message is a single line the
loop can send back as a corrective re-prompt. Nothing else escapes, whatever the text (a
hypothesis test holds this).

Steps: drop any ``<think>`` block; find every top-level JSON object (``jsonish``); in each, find
the action (top level, under ``"action"``, function-call style, AndroidWorld style); normalise
its kind and fields (``normalize``); validate it with ``action_adapter``; if the reply holds
different actions, keep the fenced one or refuse (acting on a guess is worse than asking);
finally check it against the screen (the index must be on this screen). Keys that would change
the goal (``goal``, ``task``) are ignored on purpose: only the user sets the goal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..actions import ACTION_MODELS, Action, action_adapter
from ..errors import ActionError, PlanParseError
from .base import PlanItem
from .jsonish import Candidate, JsonishError, find_objects, loads_lenient
from .normalize import ARG_KEYS, UnknownKind, action_kind_of, normalize_action
from .reasoning import split_reasoning

if TYPE_CHECKING:
    from ..perception import ScreenState

__all__ = ["FORMAT_HINT", "ParsedReply", "parse_reply"]

FORMAT_HINT = (
    'Reply with one JSON object: {"thought": "...", "plan": [{"text": "...", "done": false}], '
    '"notes": [], "action": {"kind": "tap", "index": 3}}.'
)
_ENVELOPE_ACTION_KEYS = ("action", "next_action", "act", "step_action", "function", "function_call", "tool_call", "tool_calls")
_THOUGHT_KEYS = ("thought", "thoughts", "thinking", "reasoning", "analysis", "reflection", "explanation", "rationale")
_PLAN_KEYS = ("plan", "subgoals", "sub_goals", "steps", "todo", "plan_items")
_NOTES_KEYS = ("notes", "note", "memory", "remember", "keep")
_IGNORED_KEYS = ("goal", "task", "instruction", "instructions", "user_goal")
_ENVELOPE_KEYS = frozenset((*_THOUGHT_KEYS, *_PLAN_KEYS, *_NOTES_KEYS, *_IGNORED_KEYS, "summary", "status_text", "reason"))
_PRIMARY_FIELD = {
    "tap": "index", "long_press": "index", "double_tap": "index", "type_text": "text", "open_app": "app",
    "open_url": "url", "press_key": "key", "answer": "text", "scroll": "direction", "swipe": "direction",
    "wait": "seconds", "finish": "status",
}
_SINGLE_KEY_KINDS = frozenset(
    {*ACTION_MODELS, "click", "long_click", "double_click", "input_text", "navigate_back", "navigate_home",
     "keyboard_enter", "go_back", "go_home", "launch_app", "scroll_down", "scroll_up", "scroll_left", "scroll_right"}
)
_CHECKBOX = re.compile(r"^\s*(?:[-*•]|\d+[.)])?\s*\[(?P<mark>[ xX✓✔])\]\s*(?P<text>.+?)\s*$", re.MULTILINE)
_DONE_WORDS = frozenset({"done", "complete", "completed", "finished", "true", "yes", "x", "✓", "✔"})
_MAX_NOTES = 8
_MAX_NOTE_CHARS = 200
_MAX_PLAN_ITEMS = 12
_MAX_THOUGHT_CHARS = 600

Validator = Callable[[Any, Any], Any]


class ParsedReply(BaseModel):
    """What a reply said: one action, and the thought, plan and notes around it.

    ``plan``/``notes`` are None when the reply did not mention them (keep the previous ones);
    an empty tuple means the model cleared them.
    """

    model_config = ConfigDict(frozen=True)

    action: Action
    thought: str = ""
    plan: tuple[PlanItem, ...] | None = None
    notes: tuple[str, ...] | None = None
    dropped_fields: tuple[str, ...] = ()


class _Found(BaseModel):
    """One action read from one JSON object of the reply."""

    model_config = ConfigDict(frozen=True)

    action: Action
    fenced: bool
    dropped: tuple[str, ...] = ()


def _one_line(text: str, limit: int = 240) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _fail(problem: str, reply: str) -> PlanParseError:
    return PlanParseError(f"{_one_line(problem)}. {FORMAT_HINT}", reply=reply)


# -- finding the action inside one object -----------------------------------------------------


def _merge_args(fields: dict[str, Any]) -> dict[str, Any]:
    for key in ARG_KEYS:
        value = fields.get(key)
        if isinstance(value, str) and value.strip().startswith("{"):
            try:
                value = loads_lenient(value.strip())
            except JsonishError:
                continue
        if isinstance(value, Mapping):
            rest = {k: v for k, v in fields.items() if k != key}
            return {**rest, **dict(value)}
    return fields


def _actions_in(obj: Mapping[str, Any], depth: int = 0) -> list[tuple[str, dict[str, Any]]]:
    """(raw kind, fields) of every action this object describes; [] when it holds none."""
    if depth > 4:
        return []
    for key in _ENVELOPE_ACTION_KEYS:
        value = obj.get(key)
        if isinstance(value, Mapping):
            return _actions_in(value, depth + 1)
        if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
            found: list[tuple[str, dict[str, Any]]] = []
            for item in value:
                found.extend(_actions_in(item, depth + 1))
            return found
    kind = action_kind_of(obj)
    if kind is not None:
        key, raw = kind
        # "reason"/"summary" stay: they are finish's reason; other kinds drop them as unknown.
        keep = ("reason", "summary")
        fields = {k: v for k, v in obj.items() if k != key and (k not in _ENVELOPE_KEYS or k in keep)}
        return [(raw, _merge_args(fields))]
    # Single-key shapes: {"tap": {"index": 3}} or {"tap": 3}; only unambiguous kind names, and
    # only when nothing else is in the object ({"text": "..."} is data, not a typing action).
    keys = [key for key in obj if key not in _ENVELOPE_KEYS]
    if len(keys) == 1 and _canon_key(keys[0]) in _SINGLE_KEY_KINDS:
        key = keys[0]
        value = obj[key]
        kind = normalize_action(key, {})[0]["kind"]
        if isinstance(value, Mapping):
            return [(key, dict(value))]
        primary = _PRIMARY_FIELD.get(kind)
        if primary and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [(key, {primary: value})]
        if value is None or value is True:
            return [(key, {})]
    return []


def _canon_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def _validation_problem(kind: str, exc: ValidationError) -> str:
    err = exc.errors()[0]
    field = ".".join(str(part) for part in err.get("loc", ()) if part != kind)
    message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    if err.get("type") == "missing":
        return f"{kind} needs the field '{field}'"
    if field:
        return f"{kind}: {field}: {message}"
    return f"{kind}: {message}"


def _build(raw_kind: str, fields: dict[str, Any]) -> tuple[Action, tuple[str, ...]]:
    data, dropped = normalize_action(raw_kind, fields)
    try:
        return action_adapter.validate_python(data), dropped
    except ValidationError as exc:
        raise _Invalid(_validation_problem(data["kind"], exc)) from exc


class _Invalid(ValueError):
    """A recognised action whose fields do not validate."""


# -- thought, plan, notes -----------------------------------------------------------------------


def _envelope_value(objects: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> tuple[bool, Any]:
    for obj in objects:
        for key in keys:
            if key in obj:
                return True, obj[key]
    return False, None


def _thought(objects: Sequence[Mapping[str, Any]], answer: str, candidates: Sequence[Candidate]) -> str:
    present, value = _envelope_value(objects, _THOUGHT_KEYS)
    if present and isinstance(value, str) and value.strip():
        return _one_line(value, _MAX_THOUGHT_CHARS)
    prose = answer
    for candidate in sorted(candidates, key=lambda c: c.start, reverse=True):
        prose = prose[: candidate.start] + " " + prose[candidate.start + len(candidate.text) :]
    prose = re.sub(r"```[A-Za-z0-9_+-]*", " ", prose)
    prose = re.sub(r"(?im)^\s*(thought|action|answer|reasoning)\s*:\s*", "", prose)
    return _one_line(prose, _MAX_THOUGHT_CHARS)


def _plan_item(value: Any) -> PlanItem | None:
    if isinstance(value, str):
        match = _CHECKBOX.match(value)
        if match:
            return PlanItem(text=_one_line(match.group("text"), 160), done=match.group("mark") != " ")
        text = _one_line(value, 160)
        return PlanItem(text=text) if text else None
    if isinstance(value, Mapping):
        text = next((value[k] for k in ("text", "subgoal", "goal", "step", "description", "task", "name", "title") if isinstance(value.get(k), str)), "")
        done_raw = next((value[k] for k in ("done", "completed", "complete", "status", "checked", "finished") if k in value), False)
        done = done_raw if isinstance(done_raw, bool) else str(done_raw).strip().lower() in _DONE_WORDS
        text = _one_line(text, 160)
        return PlanItem(text=text, done=done) if text else None
    return None


def _plan(objects: Sequence[Mapping[str, Any]], answer: str) -> tuple[PlanItem, ...] | None:
    present, value = _envelope_value(objects, _PLAN_KEYS)
    if present:
        if isinstance(value, str):
            boxes = [PlanItem(text=_one_line(m.group("text"), 160), done=m.group("mark") != " ") for m in _CHECKBOX.finditer(value)]
            items = boxes or [item for item in (_plan_item(line) for line in value.splitlines()) if item]
        elif isinstance(value, list):
            items = [item for item in (_plan_item(entry) for entry in value) if item]
        else:
            return None
        return tuple(items[:_MAX_PLAN_ITEMS])
    boxes = [PlanItem(text=_one_line(m.group("text"), 160), done=m.group("mark") != " ") for m in _CHECKBOX.finditer(answer)]
    return tuple(boxes[:_MAX_PLAN_ITEMS]) if boxes else None


def _notes(objects: Sequence[Mapping[str, Any]]) -> tuple[str, ...] | None:
    present, value = _envelope_value(objects, _NOTES_KEYS)
    if not present:
        return None
    if isinstance(value, str):
        value = [value] if value.strip() else []
    if not isinstance(value, list):
        return None
    notes = [_one_line(str(item), _MAX_NOTE_CHARS) for item in value if isinstance(item, (str, int, float)) and str(item).strip()]
    return tuple(notes[-_MAX_NOTES:])


# -- the whole reply ------------------------------------------------------------------------------


def _same(a: Action, b: Action) -> bool:
    return a.model_dump() == b.model_dump()


def _default_validator() -> Validator | None:
    """``droidpilot.actions.validate`` (screen checks), looked up when first needed."""
    from .. import actions

    return getattr(actions, "validate", None)


def parse_reply(
    reply: str,
    state: ScreenState | None = None,
    *,
    validator: Validator | None = None,
) -> ParsedReply:
    """Parse a model reply into one action (checked against ``state`` when given).

    ``validator(action, state)`` defaults to ``droidpilot.actions.validate``; it raises
    ``ElementNotFound``/``InvalidAction``, which become :class:`PlanParseError` here.
    """
    text = reply if isinstance(reply, str) else str(reply)
    reasoning, answer = split_reasoning(text)
    if not answer.strip():
        problem = "the reply had reasoning but no answer after it" if reasoning else "the reply was empty"
        raise _fail(problem, text)
    candidates = find_objects(answer)
    objects = [c.value for c in candidates if c.ok]
    found: list[_Found] = []
    problems: list[str] = []
    unknown: list[str] = []
    for candidate in candidates:
        if not candidate.ok:
            if candidate.truncated and "cut off" in candidate.error:
                problems.append("the reply was cut off before the JSON ended")
            continue
        try:
            shapes = _actions_in(candidate.value)
        except RecursionError:
            continue
        for raw_kind, fields in shapes:
            try:
                action, dropped = _build(raw_kind, fields)
            except UnknownKind as exc:
                unknown.append(exc.kind)
                continue
            except _Invalid as exc:
                problems.append(str(exc))
                continue
            except (TypeError, ValueError, OverflowError, RecursionError) as exc:
                problems.append(f"the action's fields could not be read ({type(exc).__name__})")
                continue
            found.append(_Found(action=action, fenced=candidate.fenced, dropped=dropped))
    if not found:
        if problems:
            raise _fail(problems[0], text)
        if unknown:
            kinds = ", ".join(ACTION_MODELS)
            raise _fail(f"unknown action kind {unknown[0]!r}; use one of: {kinds}", text)
        if candidates and not objects:
            raise _fail(f"the JSON could not be read ({candidates[0].error or 'malformed'})", text)
        if objects:
            raise _fail('no action in the JSON: put the action under "action" with a "kind"', text)
        raise _fail("no JSON object in the reply", text)
    chosen = _choose(found, text)
    if state is not None:
        check = validator if validator is not None else _default_validator()
        if check is not None:
            try:
                check(chosen.action, state)
            except ActionError as exc:
                raise _fail(f"{chosen.action.describe()} is not possible: {exc}", text) from exc
    return ParsedReply(
        action=chosen.action,
        thought=_thought(objects, answer, candidates),
        plan=_plan(objects, answer),
        notes=_notes(objects),
        dropped_fields=chosen.dropped,
    )


def _choose(found: list[_Found], reply: str) -> _Found:
    distinct: list[_Found] = []
    for item in found:
        if not any(_same(item.action, other.action) for other in distinct):
            distinct.append(item)
    if len(distinct) == 1:
        return distinct[0]
    fenced = [item for item in distinct if item.fenced]
    if len(fenced) == 1:
        return fenced[0]
    described = "; ".join(item.action.describe() for item in distinct[:3])
    raise _fail(f"the reply holds {len(distinct)} different actions ({described}); send exactly one", reply)
