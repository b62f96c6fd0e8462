"""One self-contained HTML page per run: what the agent saw, decided and did, step by step.

``write_report(run_dir)`` reads the run directory (the same files the recorder writes while the
run goes on) and writes ``report.html`` beside them, atomically, so it can be refreshed after
every step and is complete once ``result.json`` exists. Images are embedded as ``data:`` URIs,
so the file opens from disk, by mail or as a CI artifact with no server and no other files.

For every step: the marked screenshot with the action drawn on a copy (a ring on the tap point,
an arrow for a swipe, the typed text in a banner; coordinates come from what the actuator
reports it sent), where the decision came from, the reasoning (collapsed), what changed on
screen and a line diff of the screen text, tokens, cost and time. At the top: goal, outcome,
totals and a timeline.

Everything that came from the screen or the model is escaped with ``html.escape``: the page has
no script at all, so a ``<script>`` in an SMS is text, not code.
"""

from __future__ import annotations

import base64
import difflib
import html
import io
import json
import os
import re
from collections import OrderedDict
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..steps import RunResult, Step
from .load import Trajectory, load

__all__ = ["REPORT_NAME", "annotate_screenshot", "render_report", "write_report"]

REPORT_NAME = "report.html"
IMAGE_WIDTH = 432
_POINT = re.compile(r"^(tap|long_press|double_tap) (\d+) (\d+)")
_SWIPE = re.compile(r"^swipe (\d+),(\d+) -> (\d+),(\d+)")
_ACTION_COLOUR = (230, 30, 90, 255)


def _font(size: int) -> ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _arrow(draw: ImageDraw.ImageDraw, start: tuple[int, int], end: tuple[int, int], width: int) -> None:
    draw.line([start, end], fill=_ACTION_COLOUR, width=width)
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = max(1.0, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    head = width * 5
    left = (end[0] - ux * head - uy * head * 0.6, end[1] - uy * head + ux * head * 0.6)
    right = (end[0] - ux * head + uy * head * 0.6, end[1] - uy * head - ux * head * 0.6)
    draw.polygon([end, left, right], fill=_ACTION_COLOUR)


def annotate_screenshot(png: bytes, step: Step, *, width: int = IMAGE_WIDTH) -> bytes:
    """A copy of ``png`` with the step's action drawn on it, scaled to ``width`` pixels."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    scale = max(1, image.width // 270)
    for sent in step.sent:
        point = _POINT.match(sent)
        swipe = _SWIPE.match(sent)
        if point:
            x, y = int(point.group(2)), int(point.group(3))
            r = 14 * scale
            draw.ellipse([x - r, y - r, x + r, y + r], outline=_ACTION_COLOUR, width=3 * scale)
            draw.ellipse([x - 3 * scale, y - 3 * scale, x + 3 * scale, y + 3 * scale], fill=_ACTION_COLOUR)
            if point.group(1) == "double_tap":
                draw.ellipse([x - 2 * r, y - 2 * r, x + 2 * r, y + 2 * r], outline=_ACTION_COLOUR, width=2 * scale)
        elif swipe:
            x1, y1, x2, y2 = (int(v) for v in swipe.groups())
            _arrow(draw, (x1, y1), (x2, y2), 3 * scale)
    typed = getattr(step.action, "text", None) if step.action is not None and step.action.kind == "type_text" else None
    if typed is not None:
        font = _font(14 * scale)
        label = f"type: {typed[:60]}" + ("…" if len(typed) > 60 else "")
        box_h = 24 * scale
        top = image.height - box_h - 60 * scale
        draw.rectangle([0, top, image.width, top + box_h], fill=(20, 20, 20, 210))
        draw.text((8 * scale, top + 4 * scale), label, fill=(255, 255, 255, 255), font=font)
    combined = Image.alpha_composite(image, overlay).convert("RGB")
    if combined.width > width:
        combined = combined.resize((width, max(1, round(combined.height * width / combined.width))), Image.LANCZOS)
    out = io.BytesIO()
    combined.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


# The CLI refreshes the report after every step; without this, step n would redraw n images.
_DRAWN: OrderedDict[tuple, str] = OrderedDict()
_DRAWN_MAX = 256


def _image_for(root: Path, step: Step) -> str:
    for name in (step.marked_screenshot, step.screenshot):
        path = root / name if name else None
        if path is None or not path.is_file():
            continue
        try:
            stat = path.stat()
            key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, tuple(step.sent), getattr(step.action, "text", None))
            if key in _DRAWN:
                _DRAWN.move_to_end(key)
                return _DRAWN[key]
            uri = _data_uri(annotate_screenshot(path.read_bytes(), step))
        except (OSError, ValueError):
            continue
        _DRAWN[key] = uri
        while len(_DRAWN) > _DRAWN_MAX:
            _DRAWN.popitem(last=False)
        return uri
    return ""


def _screen_diff(previous: Step | None, step: Step) -> str:
    if previous is None or not previous.screen or not step.screen:
        return ""
    lines = difflib.unified_diff(previous.screen.splitlines(), step.screen.splitlines(), lineterm="", n=0)
    kept = [line for line in lines if not line.startswith(("---", "+++", "@@"))]
    return "\n".join(kept[:80])


def _status_class(step: Step) -> str:
    if step.kind in ("rejected", "blocked", "error") or not step.ok:
        return "bad"
    if step.kind == "final":
        return "final"
    return "good"


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:.4f}"


def _step_html(root: Path, step: Step, previous: Step | None) -> str:
    image = _image_for(root, step)
    usage = step.usage
    facts = [
        ("source", step.source or step.kind),
        ("app", step.package or "?"),
        ("tokens", f"{usage.total_tokens} ({usage.prompt_tokens} in, {usage.completion_tokens} out)"),
        ("cost", _money(usage.cost_usd)),
        ("time", f"{step.timings.total_ms / 1000:.2f} s (model {step.timings.model_ms / 1000:.2f} s)"),
    ]
    if step.model:
        facts.append(("model", step.model))
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts)
    parts = [
        f'<section class="step {_status_class(step)}" id="step-{step.index}">',
        f"<h2>Step {step.index}: {_e(step.action_text or step.kind)}</h2>",
        '<div class="cols">',
        f'<div class="shot"><img alt="screen of step {step.index}" src="{image}"></div>' if image else '<div class="shot none">no screenshot</div>',
        '<div class="info">',
        f'<p class="thought">{_e(step.thought)}</p>' if step.thought else "",
        f'<p class="result">{_e(step.result or ("ok" if step.ok else "failed"))}</p>',
        f'<p class="error">{_e(step.error_type or "")} {_e(step.error)}</p>' if step.error and step.ok is False else "",
        f"<table>{rows}</table>",
        f'<p class="changed">screen change: {_e(step.changed or "none seen")}</p>',
    ]
    if step.action is not None:
        action_json = json.dumps(step.action.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1)
        parts.append(f'<details class="action"><summary>action</summary><pre>{_e(action_json)}</pre></details>')
    if step.reasoning:
        parts.append(f'<details class="reasoning"><summary>reasoning</summary><pre>{_e(step.reasoning)}</pre></details>')
    diff = _screen_diff(previous, step)
    if diff:
        parts.append(f'<details class="diff"><summary>screen diff vs. step {previous.index}</summary><pre>{_e(diff)}</pre></details>')
    if step.screen:
        parts.append(f'<details class="screen"><summary>screen as the model saw it</summary><pre>{_e(step.screen)}</pre></details>')
    if step.sent:
        parts.append(f'<details class="sent"><summary>sent to the device</summary><pre>{_e(chr(10).join(step.sent))}</pre></details>')
    parts.append("</div></div></section>")
    return "\n".join(p for p in parts if p)


def _timeline(steps: list[Step]) -> str:
    total = sum(max(step.timings.total_ms, 1.0) for step in steps) or 1.0
    cells = []
    for step in steps:
        share = max(1.5, 100.0 * max(step.timings.total_ms, 1.0) / total)
        title = f"step {step.index}: {step.action_text or step.kind} ({step.timings.total_ms / 1000:.2f} s)"
        cells.append(
            f'<a class="tl {_status_class(step)}" style="flex-basis:{share:.2f}%" href="#step-{step.index}" title="{_e(title)}">{step.index}</a>'
        )
    return f'<nav class="timeline">{"".join(cells)}</nav>'


def _summary(trajectory: Trajectory) -> str:
    result: RunResult | None = trajectory.result
    steps = trajectory.steps
    tokens = sum(step.usage.total_tokens for step in steps)
    if result is None:
        status, reason = "running", "the run has not finished (or was killed); this page shows the steps so far"
        rows = [("steps so far", len(steps)), ("tokens", tokens)]
    else:
        status, reason = result.status, result.reason
        rows = [
            ("steps", result.steps),
            ("model calls", result.model_calls),
            ("tokens", f"{result.usage.total_tokens} ({result.usage.prompt_tokens} in, {result.usage.completion_tokens} out)"),
            ("cost", _money(result.cost_usd)),
            ("time", f"{result.wall_time_s:.1f} s"),
            ("started", result.started.isoformat(timespec="seconds")),
        ]
        if result.answer:
            rows.insert(0, ("answer", result.answer))
    run = trajectory.run
    rows += [("device", run.get("device", "")), ("planner", run.get("planner", ""))]
    table = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return (
        f'<header><h1>{_e(trajectory.goal)}</h1>'
        f'<p class="outcome status-{_e(status)}"><b id="status">{_e(status)}</b>: {_e(reason)}</p>'
        f"<table class=\"totals\">{table}</table></header>"
    )


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#1b1b1b;background:#fafafa}
h1{font-size:22px;margin:0 0 6px} h2{font-size:16px;margin:0 0 8px}
table{border-collapse:collapse} th{text-align:left;padding:1px 10px 1px 0;color:#555;font-weight:600} td{padding:1px 0}
.outcome{font-size:16px}.status-complete b{color:#157a2e}.status-running b{color:#8a6d00}
.outcome b{color:#b3261e}.status-complete b{color:#157a2e}
.timeline{display:flex;gap:2px;margin:14px 0;height:26px}
.tl{display:block;text-align:center;color:#fff;text-decoration:none;border-radius:3px;font-size:11px;line-height:26px;overflow:hidden}
.tl.good{background:#2e7d32}.tl.bad{background:#c62828}.tl.final{background:#1565c0}
.step{background:#fff;border:1px solid #ddd;border-left:5px solid #2e7d32;border-radius:6px;margin:12px 0;padding:12px}
.step.bad{border-left-color:#c62828}.step.final{border-left-color:#1565c0}
.cols{display:flex;gap:16px;align-items:flex-start}.shot img{width:216px;border:1px solid #ccc;border-radius:4px}
.shot.none{width:216px;color:#888}.info{flex:1;min-width:0}
pre{white-space:pre-wrap;word-break:break-word;background:#f3f3f3;padding:8px;border-radius:4px;max-height:420px;overflow:auto}
.thought{font-style:italic}.error{color:#b3261e}
"""


def render_report(trajectory: Trajectory) -> str:
    """The report page for a loaded trajectory, as a string."""
    root = Path(trajectory.path)
    sections = []
    previous: Step | None = None
    for step in trajectory.steps:
        sections.append(_step_html(root, step, previous))
        previous = step
    body = "\n".join(sections) or "<p>No steps were recorded.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
        f"<title>droidpilot: {_e(trajectory.goal)}</title><style>{_CSS}</style></head><body>"
        f"{_summary(trajectory)}{_timeline(trajectory.steps)}<main>{body}</main>"
        "<footer><p>droidpilot run report</p></footer></body></html>\n"
    )


def write_report(run_dir: str | Path, out: str | Path | None = None) -> Path:
    """Write (or refresh) the report of the run in ``run_dir``; returns the file's path."""
    trajectory = load(run_dir)
    target = Path(out) if out is not None else Path(run_dir) / REPORT_NAME
    page = render_report(trajectory)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, target)
    return target
