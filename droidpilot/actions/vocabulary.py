"""The prompt's action documentation, generated from the Action models themselves.

Generating it (instead of hand-writing it in the prompt) keeps the model's documentation and the
validator in step: add a field, and the model is told about it. It must stay compact (it is
sent with every step), so a field described the same way in several actions is explained once,
and only the descriptions that differ are written next to the action. Each field description
reads "short form — details": the prompt gets the short form, the JSON schema gets all of it.
"""

from __future__ import annotations

from collections import Counter

from pydantic.fields import FieldInfo

from .models import ACTION_MODELS, ActionBase

__all__ = ["action_vocabulary"]

_HEADER = 'Reply with one JSON object; "kind" names the action; ?=optional.'


def _field_items(model: type[ActionBase]) -> list[tuple[str, FieldInfo]]:
    return [(name, info) for name, info in model.model_fields.items() if name != "kind"]


def brief(info: FieldInfo) -> str:
    """The prompt's short form of a field description: the part before " — " (may be empty)."""
    return (info.description or "").split("—", 1)[0].strip()


def _default_text(info: FieldInfo) -> str:
    if info.is_required():
        return ""
    default = info.get_default(call_default_factory=True)
    if default is None or default in ((), {}, ""):
        return "?"
    if isinstance(default, bool):
        return "=" + str(default).lower()
    return f"={default}"


def _shared_descriptions() -> dict[str, str]:
    """Per field name, the description most actions use (explained once in the glossary)."""
    counts: dict[str, Counter[str]] = {}
    for model in ACTION_MODELS.values():
        for name, info in _field_items(model):
            counts.setdefault(name, Counter())[brief(info)] += 1
    shared = {}
    for name, counter in counts.items():
        description, uses = counter.most_common(1)[0]
        if uses > 1 and description:
            shared[name] = description
    return shared


def action_vocabulary() -> str:
    """Compact docs of every action kind, for the planner's prompt (about 350 tokens)."""
    shared = _shared_descriptions()
    lines = [_HEADER]
    for kind, model in ACTION_MODELS.items():
        parts = []
        for name, info in _field_items(model):
            part = name + _default_text(info)
            if brief(info) and shared.get(name) != brief(info):
                part += f" ({brief(info)})"
            parts.append(part)
        lines.append(f"{kind}: {model.summary}" + (f"; {', '.join(parts)}" if parts else ""))
    by_text: dict[str, list[str]] = {}
    for name, text in shared.items():
        by_text.setdefault(text, []).append(name)
    glossary = "; ".join(f"{','.join(names)}: {text}" for text, names in by_text.items())
    lines.append(glossary)
    return "\n".join(lines)
