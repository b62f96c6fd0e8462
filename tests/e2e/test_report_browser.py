"""The HTML run report in a real headless Chromium (Debian's package, installed here when missing).

Checks: the page loads from disk with no console message at all (it has no script, so any
message means something went wrong, e.g. a blocked injected script), every step is shown, and
hostile strings from the screen and from the model render as text. Also takes the screenshot of
a report that the README shows (docs/report.png; written when missing or with
DROIDPILOT_UPDATE_DOCS=1, so test runs do not rewrite a tracked file).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from droidpilot.trajectory import load
from droidpilot.trajectory.report import write_report
from tests.e2e.report_support import GOAL, HOSTILE_REASONING, HOSTILE_SMS, HOSTILE_TYPED, record_hostile_run

DOCS = Path(__file__).resolve().parents[2] / "docs"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
]


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip("Chromium is not installed and cannot be installed here (needs apt-get as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    proc = subprocess.run([apt, "install", "-y", "chromium"], capture_output=True, text=True, timeout=300, env=env)
    if proc.returncode != 0:  # a fresh machine has no package lists yet
        subprocess.run([apt, "update"], capture_output=True, text=True, timeout=300, env=env)
        proc = subprocess.run([apt, "install", "-y", "chromium"], capture_output=True, text=True, timeout=600, env=env)
    found = shutil.which("chromium")
    if found is None:
        pytest.skip(f"`apt-get install -y chromium` failed: {proc.stderr.strip()[-300:]}")
    return found


@pytest.fixture(scope="module")
def chromium():
    return find_chromium()


def browse(chromium: str, page: Path, profile: Path, *extra: str) -> tuple[str, list[str]]:
    """Load ``page``; return the DOM Chromium built and every console message it logged."""
    proc = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return proc.stdout, console


@pytest.fixture(scope="module")
def hostile_report(e2e_adb, e2e_device, tmp_path_factory):
    run_dir = record_hostile_run(e2e_device, e2e_adb.port, tmp_path_factory.mktemp("runs"))
    return write_report(run_dir)


def test_the_console_check_catches_a_page_that_logs(chromium, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><body><script>missingFunction()</script></body></html>")
    _, console = browse(chromium, broken, tmp_path / "profile", "--dump-dom")
    assert any("missingFunction" in line for line in console)


def test_the_report_loads_without_console_messages_and_shows_every_step(chromium, hostile_report, tmp_path):
    dom, console = browse(chromium, hostile_report, tmp_path / "profile", "--dump-dom")
    assert console == []
    steps = load(hostile_report.parent).steps
    assert len(steps) == 5
    for step in steps:
        assert f'id="step-{step.index}"' in dom
    assert dom.count('<img alt="screen of step') == 5
    assert dom.count('class="tl ') == 5  # the timeline has every step
    assert 'id="status">complete<' in dom


def test_hostile_screen_text_and_model_output_render_as_text(chromium, hostile_report, tmp_path):
    dom, _ = browse(chromium, hostile_report, tmp_path / "profile", "--dump-dom")
    assert f"<title>droidpilot: {GOAL}</title>" in dom
    assert len(re.findall(r"<script", dom, re.IGNORECASE)) == 0
    assert "pwned" not in dom.split("<title>")[1].split("</title>")[0]
    for hostile in (HOSTILE_SMS, HOSTILE_REASONING):
        assert html.escape(hostile, quote=False) in dom, hostile
    assert html.escape(HOSTILE_TYPED[:20], quote=False) in dom and "pwned-by-typing" in dom
    assert "<b>bold?</b>" not in dom and "<img src=x" not in dom
    assert len(re.findall(r"<img\b", dom)) == 5  # the five screenshots, nothing injected


def test_a_screenshot_of_a_report_for_the_readme(chromium, hostile_report, tmp_path):
    DOCS.mkdir(exist_ok=True)
    target = DOCS / "report.png"
    shot = tmp_path / "report.png"
    _, console = browse(chromium, hostile_report, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1100,1400",
                        "--hide-scrollbars")
    assert console == []
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if not target.exists() or os.environ.get("DROIDPILOT_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, target)
