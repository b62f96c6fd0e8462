"""Turn the many shapes models write an action in into the one shape the Action models accept.

Models trained on other agents answer in those agents' dialects: AndroidWorld's
``{"action_type": "click", "index": 3}``, function-call style ``{"name": "tap", "arguments":
{...}}``, ``{"action": "tap", "element": 3}``, ``{"tap": {"index": 3}}``, ``navigate_back``,
``input_text``, ``status``/``goal_status``. Each kind's synonyms and each field's aliases are
listed here once, and only fields the target model has survive (the rest are reported, so a
misspelt field is visible in the trajectory rather than silently ignored).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ..actions import ACTION_MODELS

__all__ = ["ARG_KEYS", "KIND_KEYS", "UnknownKind", "action_kind_of", "normalize_action"]

KIND_KEYS: tuple[str, ...] = ("kind", "action_type", "action", "type", "name", "command", "op", "function")
ARG_KEYS: tuple[str, ...] = ("params", "parameters", "args", "arguments", "input", "fields")

# synonym -> (kind, fields implied by the synonym)
_SYNONYMS: dict[str, tuple[str, dict[str, Any]]] = {}


def _syn(kind: str, *names: str, **implied: Any) -> None:
    for name in names:
        _SYNONYMS[name] = (kind, dict(implied))


for _kind in ACTION_MODELS:
    _syn(_kind, _kind)
_syn("tap", "click", "touch", "tap_element", "click_element", "select", "press_element", "click_on", "tap_on")
_syn("long_press", "longpress", "long_click", "long_tap", "hold", "press_and_hold", "long_press_element")
_syn("double_tap", "doubletap", "double_click", "dbl_click")
_syn("type_text", "type", "input", "input_text", "enter_text", "write", "text", "set_text", "fill", "type_in", "typing")
_syn("swipe", "drag", "fling")
_syn("scroll", "scroll_page")
_syn("scroll", "scroll_down", direction="down")
_syn("scroll", "scroll_up", direction="up")
_syn("scroll", "scroll_left", direction="left")
_syn("scroll", "scroll_right", direction="right")
_syn("press_key", "key", "keyevent", "key_event", "keypress", "press_button", "send_key", "hardware_key")
_syn("press_key", "back", "go_back", "navigate_back", "press_back", key="back")
_syn("press_key", "home", "go_home", "navigate_home", "press_home", key="home")
_syn("press_key", "enter", "keyboard_enter", "press_enter", "submit", key="enter")
_syn("press_key", "recents", "app_switch", "overview", "recent_apps", key="recents")
_syn("open_app", "launch", "launch_app", "open_application", "start_app", "run_app", "app")
_syn("open_url", "open_link", "browse", "visit", "goto", "go_to_url", "navigate_to", "url")
_syn("start_intent", "intent", "send_intent", "am_start")
_syn("wait", "sleep", "pause", "wait_for", "noop", "no_op")
_syn("answer", "reply", "respond", "say", "tell", "tell_user", "answer_question", "report")
_syn("finish", "done", "complete", "completed", "task_complete", "end", "stop", "exit", "success", status="complete")
_syn("finish", "infeasible", "fail", "failed", "give_up", "abort", "impossible", status="infeasible")
_syn("finish", "status", "finished", "terminate")

# Field aliases, per kind (None: every kind). First alias present wins; the canonical name wins over all.
_ALIASES: dict[str | None, dict[str, tuple[str, ...]]] = {
    None: {
        "index": ("element", "element_id", "element_index", "elem", "idx", "id", "target", "node", "box", "mark", "number"),
        "direction": ("dir", "scroll_direction", "swipe_direction"),
    },
    "type_text": {
        "text": ("value", "input", "content", "input_text", "string", "text_to_type", "message", "query"),
        "clear": ("clear_text", "clear_first", "replace", "overwrite"),
        "press_enter": ("enter", "submit", "press_enter_after", "then_enter"),
    },
    "press_key": {"key": ("key_name", "keycode", "key_code", "button", "name", "value", "code")},
    "open_app": {"app": ("app_name", "name", "package", "package_name", "application", "target", "app_id", "value")},
    "open_url": {"url": ("link", "uri", "href", "address", "value")},
    "answer": {"text": ("answer", "content", "message", "response", "value", "reply")},
    "finish": {
        "status": ("goal_status", "result", "outcome", "state", "value"),
        "reason": ("message", "explanation", "summary", "text", "details", "why"),
    },
    "scroll": {"until": ("until_text", "target_text", "find", "look_for")},
    "wait": {"seconds": ("duration", "time", "secs", "duration_s", "timeout", "value"), "until": ("until_text", "for")},
    "start_intent": {
        "action": ("intent_action",),
        "data": ("uri", "url", "data_uri"),
        "component": ("activity", "cls"),
        "mime_type": ("type", "mime"),
        "categories": ("category",),
    },
}
_POINT_KEYS = ("coordinate", "coordinates", "point", "position", "xy", "location", "pos", "center")
_DIRECTIONS = {
    "up": "up", "upward": "up", "upwards": "up", "top": "up", "north": "up",
    "down": "down", "downward": "down", "downwards": "down", "bottom": "down", "south": "down",
    "left": "left", "leftward": "left", "leftwards": "left", "west": "left",
    "right": "right", "rightward": "right", "rightwards": "right", "east": "right",
}
_STATUS = {
    "complete": "complete", "completed": "complete", "success": "complete", "successful": "complete",
    "done": "complete", "finished": "complete", "true": "complete", "ok": "complete", "succeeded": "complete",
    "infeasible": "infeasible", "failed": "infeasible", "fail": "infeasible", "failure": "infeasible",
    "impossible": "infeasible", "false": "infeasible", "not_feasible": "infeasible", "unfeasible": "infeasible",
}
_INDEX_TEXT = re.compile(r"^\s*(?:element|elem|item|index|#|\[)?\s*#?\s*(\d+)\s*\]?\s*$", re.IGNORECASE)


class UnknownKind(ValueError):
    """The object names an action kind we do not have."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _canon(word: str) -> str:
    return re.sub(r"[\s\-]+", "_", word.strip().lower())


def action_kind_of(obj: Mapping[str, Any]) -> tuple[str, str] | None:
    """(key, raw kind) of the first kind-like key holding a string; None if there is none."""
    for key in KIND_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return key, value
    return None


def _as_index(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _INDEX_TEXT.match(value)
        if match:
            return int(match.group(1))
    if isinstance(value, Mapping):
        for key in ("index", "id", "element"):
            if key in value:
                return _as_index(value[key])
    return value


def _as_point(value: Any) -> tuple[Any, Any] | None:
    if isinstance(value, Mapping) and "x" in value and "y" in value:
        return value["x"], value["y"]
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return value[0], value[1]
    if isinstance(value, str):
        numbers = re.findall(r"-?\d+(?:\.\d+)?", value)
        if len(numbers) == 2:
            return float(numbers[0]), float(numbers[1])
    return None


def _int_like(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return value  # left for validation to refuse
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value)
    return value


def _apply_aliases(kind: str, fields: dict[str, Any], known: set[str]) -> None:
    for scope in (kind, None):
        for canonical, aliases in _ALIASES.get(scope, {}).items():
            if canonical not in known or canonical in fields:
                continue
            for alias in aliases:
                if alias in fields and alias not in known:
                    fields[canonical] = fields.pop(alias)
                    break


def _points(kind: str, fields: dict[str, Any], known: set[str]) -> None:
    if {"x", "y"} <= known and "x" not in fields:
        for key in _POINT_KEYS:
            if key in fields:
                point = _as_point(fields[key])
                if point is not None:
                    fields.pop(key)
                    fields["x"], fields["y"] = point
                break
    if {"x1", "y1", "x2", "y2"} <= known and "x1" not in fields:
        pairs = (("start", "end"), ("from", "to"), ("start_point", "end_point"), ("start_coordinate", "end_coordinate"))
        for first, second in pairs:
            if first in fields and second in fields:
                a, b = _as_point(fields[first]), _as_point(fields[second])
                if a is not None and b is not None:
                    fields.pop(first)
                    fields.pop(second)
                    (fields["x1"], fields["y1"]), (fields["x2"], fields["y2"]) = a, b
                break
        for src, dst in (("start_x", "x1"), ("start_y", "y1"), ("end_x", "x2"), ("end_y", "y2")):
            if src in fields:
                fields[dst] = fields.pop(src)
    for name in ("x", "y", "x1", "y1", "x2", "y2"):
        if name in fields and name in known:
            fields[name] = _int_like(fields[name])


def _values(kind: str, fields: dict[str, Any], known: set[str]) -> None:
    if "index" in fields:
        fields["index"] = _as_index(fields["index"])
    if isinstance(fields.get("direction"), str):
        fields["direction"] = _DIRECTIONS.get(fields["direction"].strip().lower(), fields["direction"])
    if kind == "finish" and "status" in fields:
        raw = fields["status"]
        raw = ("true" if raw else "false") if isinstance(raw, bool) else raw
        if isinstance(raw, str):
            fields["status"] = _STATUS.get(_canon(raw), raw)
    if kind == "type_text" and "append" in fields and "clear" not in fields and "append" not in known:
        fields["clear"] = not bool(fields.pop("append"))
    if "duration_ms" in known and "duration_ms" not in fields:
        for alias, scale in (("duration", None), ("ms", 1), ("milliseconds", 1), ("seconds", 1000)):
            value = fields.get(alias)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and alias not in known:
                fields.pop(alias)
                # "duration": 2 means seconds, "duration": 800 means milliseconds.
                factor = scale if scale is not None else (1000 if value < 50 else 1)
                fields["duration_ms"] = int(value * factor)
                break
    if kind == "wait" and "seconds" not in fields:
        for alias in ("duration_ms", "ms", "milliseconds"):
            if isinstance(fields.get(alias), (int, float)):
                fields["seconds"] = fields.pop(alias) / 1000
                break
    if kind == "press_key" and isinstance(fields.get("key"), str):
        fields["key"] = fields["key"].strip()


def normalize_action(raw_kind: str, fields: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Map ``raw_kind`` + ``fields`` to a dict for ``action_adapter``; also the dropped field names.

    ``fields`` must not contain the key ``raw_kind`` was read from.

    Raises :class:`UnknownKind` when ``raw_kind`` names no action we know.
    """
    word = _canon(raw_kind)
    if ".intent.action." in raw_kind and "action" not in fields:  # {"action": "android.intent.action.VIEW", ...}
        fields = {**fields, "action": raw_kind.strip()}
        word = "start_intent"
    if word in ("press", "push"):  # "press" means a key when a key is named, else a tap
        word = "press_key" if any(k in fields for k in ("key", "key_name", "keycode", "button")) else "tap"
    if word == "open" or word == "navigate":
        word = "open_url" if any(k in fields for k in ("url", "link", "uri", "href")) else "open_app"
    if word not in _SYNONYMS:
        raise UnknownKind(raw_kind)
    kind, implied = _SYNONYMS[word]
    model = ACTION_MODELS[kind]
    known = set(model.model_fields) - {"kind"}
    out = dict(fields)
    for key, value in implied.items():
        out.setdefault(key, value)
    _apply_aliases(kind, out, known)
    _points(kind, out, known)
    _values(kind, out, known)
    dropped = tuple(sorted(key for key in out if key not in known))
    result = {key: value for key, value in out.items() if key in known}
    result["kind"] = kind
    return result, dropped
