"""`droidpilot report`, `export` and `doctor`."""

from __future__ import annotations

import json
import shutil
import sys
import urllib.error
import urllib.request
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import ConfigError, DroidpilotError
from .common import EXIT_FAILED, adb_port, connect_device, err, listed_states, out

REPORT_HELP = """Write (or refresh) the HTML report of a recorded run and print its path.

The report is one self-contained file (images embedded) that opens in any browser.

\b
Examples:
  droidpilot report runs/20260101-120000-turn-wi-fi-off
"""

EXPORT_HELP = """Export recorded runs as chat-format training examples (JSON lines).

Reward: a run's result decides it: `verified` in result.json when a checker wrote one, else
complete = 1.0 and infeasible/failed/out-of-budget/error = 0.0; runs with no result (killed) or
interrupted runs are skipped. `sft` keeps only the model's successful steps of runs with reward
1.0 as {"messages": [system, user, assistant]} with the reasoning in <think> tags; `jsonl` keeps
every decided step with its reward, source and whether it worked.

\b
Examples:
  droidpilot export runs/* --format sft -o train.jsonl
  droidpilot export runs/20260101-120000-turn-wi-fi-off --format jsonl
"""

DOCTOR_HELP = """Check that everything droidpilot needs is in place, one line per check.

Checks: the adb binary and server, attached devices, the uiautomator2 server on the device,
the model endpoint (GET /models, 5 s timeout), tesseract (optional, for pixels-only screens).
Exit code 1 when a check failed.

\b
Examples:
  droidpilot doctor
  droidpilot doctor --device emulator-5554
"""


def report(run_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="a run directory (holds run.json)")) -> None:
    from ..trajectory.report import write_report

    if not (run_dir / "run.json").is_file():
        raise typer.BadParameter(f"{run_dir} holds no run.json: give a directory droidpilot recorded a run into", param_hint="RUN_DIR")
    out.print(str(write_report(run_dir)), markup=False)


class ExportFormat(str, Enum):
    sft = "sft"
    jsonl = "jsonl"


def export(
    run_dirs: list[Path] = typer.Argument(..., exists=True, file_okay=False, help="run directories"),
    fmt: ExportFormat = typer.Option(ExportFormat.sft, "--format", "-f", help="sft: successful model steps as chat examples; jsonl: every step with its reward"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write here instead of stdout"),
) -> None:
    from ..trajectory.export import write_examples

    for run_dir in run_dirs:
        if not (run_dir / "run.json").is_file():
            raise typer.BadParameter(f"{run_dir} holds no run.json", param_hint="RUN_DIRS")
    if output is None:
        count = write_examples(run_dirs, sys.stdout, fmt.value)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            count = write_examples(run_dirs, fh, fmt.value)
    err.print(f"{count} examples from {len(run_dirs)} runs ({fmt.value})", markup=False)


def _check_model() -> tuple[str, str]:
    from ..config import load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        return "FAIL", str(exc)
    cfg = settings.model
    request = urllib.request.Request(f"{cfg.base_url}/models", headers={"Accept": "application/json"})
    key = cfg.api_key_value()
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - the configured endpoint
            body = json.loads(response.read(1_000_000) or b"{}")
    except urllib.error.HTTPError as exc:
        return "FAIL", f"{cfg.base_url}/models answered HTTP {exc.code}: check the URL and the API key"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return "FAIL", f"{cfg.base_url} is not reachable ({reason}): check DROIDPILOT_BASE_URL and that the server runs"
    names = [m.get("id") for m in body.get("data", []) if isinstance(m, dict)] if isinstance(body, dict) else []
    listed = "" if not names or cfg.name in names else f" (it does not list {cfg.name!r}; it has {', '.join(map(str, names[:5]))})"
    return ("ok" if not listed else "warn"), f"{cfg.base_url} answers, model {cfg.name}{listed}"


def doctor(device: Optional[str] = typer.Option(None, "--device", "-s", help="device to check (default: every attached one)")) -> None:
    from ..emulator.virtual.adbserver import wheel_adb_path

    checks: list[tuple[str, str, str]] = []
    adb_path = shutil.which("adb")
    try:
        wheel = wheel_adb_path()
        checks.append(("ok", "adb", f"{adb_path or wheel} (bundled: {wheel})"))
    except DroidpilotError as exc:
        checks.append(("ok" if adb_path else "FAIL", "adb", adb_path or str(exc)))
    states: dict[str, str] = {}
    try:
        states = listed_states(timeout=5)
        checks.append(("ok", "adb server", f"answers on port {adb_port()}"))
    except DroidpilotError as exc:
        checks.append(("FAIL", "adb server", str(exc)))
    ready = [s for s, st in states.items() if st == "device"]
    if not states:
        checks.append(("warn", "devices", "none attached: run `droidpilot emulator start --detach` or plug in a phone"))
    else:
        listing = ", ".join(f"{s} ({st})" for s, st in sorted(states.items()))
        checks.append(("ok" if ready else "FAIL", "devices", listing))
    for serial in [device] if device else ready:
        try:
            dev = connect_device(serial)
            backend = dev.backend
            checks.append(
                ("ok", f"uiautomator2 on {serial}", "server answers")
                if backend == "uiautomator2"
                else ("FAIL", f"uiautomator2 on {serial}", "the server does not start; droidpilot falls back to `uiautomator dump` (slower)")
            )
        except DroidpilotError as exc:
            checks.append(("FAIL", f"uiautomator2 on {serial}", str(exc)))
    status, detail = _check_model()
    checks.append((status, "model endpoint", detail))
    tesseract = shutil.which("tesseract")
    checks.append(
        ("ok", "tesseract", tesseract) if tesseract
        else ("warn", "tesseract", "not found (optional: OCR for screens without accessibility text; apt install tesseract-ocr)")
    )
    styles = {"ok": "green", "warn": "yellow", "FAIL": "bold red"}
    for status, name, detail in checks:
        out.print(f"[{styles[status]}]{status:<4}[/] {name}: ", end="")
        out.print(" ".join(detail.split()), markup=False)
    if any(status == "FAIL" for status, _, _ in checks):
        raise typer.Exit(EXIT_FAILED)
