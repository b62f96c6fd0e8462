"""The report page's content and the action drawing, from run directories the Recorder wrote."""

from __future__ import annotations

import io

from PIL import Image

from droidpilot.actions import Swipe, Tap, TypeText
from droidpilot.trajectory.report import annotate_screenshot, write_report
from tests.e2e.run_fixtures import SCREEN_0, SCREEN_1, complete_run, model_step, record, white_png


def pixel(png: bytes, x: int, y: int) -> tuple[int, int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB").getpixel((x, y))


def is_accent(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 180 and g < 120 and b < 170


def test_a_tap_is_drawn_as_a_ring_on_the_point_it_hit(tmp_path):
    step = model_step(0, Tap(index=1), SCREEN_0, sent=["tap 540 1200"])
    drawn = annotate_screenshot(white_png(), step, width=1080)
    assert is_accent(pixel(drawn, 540, 1200))  # the dot in the middle
    assert pixel(drawn, 100, 100) == (255, 255, 255)


def test_a_swipe_is_drawn_as_an_arrow_from_start_to_end(tmp_path):
    step = model_step(0, Swipe(direction="up"), SCREEN_0, sent=["swipe 540,1700 -> 540,700 300ms"])
    drawn = annotate_screenshot(white_png(), step, width=1080)
    assert all(is_accent(pixel(drawn, 540, y)) for y in (1600, 1200, 800, 705))
    assert pixel(drawn, 540, 1900) == (255, 255, 255)


def test_typed_text_gets_a_banner_and_images_are_scaled_down(tmp_path):
    step = model_step(0, TypeText(text="hello"), SCREEN_1, sent=["setText (5 chars)"])
    drawn = annotate_screenshot(white_png(), step)
    with Image.open(io.BytesIO(drawn)) as image:
        assert image.size == (432, 960)
        banner_row = [image.convert("RGB").getpixel((x, 845)) for x in range(0, 432, 20)]  # the banner sits above the nav bar
    assert sum(1 for rgb in banner_row if max(rgb) < 80) > len(banner_row) // 2


def test_the_report_has_totals_a_timeline_and_every_step(tmp_path):
    run = complete_run(tmp_path, screenshots=True)
    page = write_report(run).read_text()
    assert 'id="status">complete<' in page and "Turn Wi-Fi off" in page
    assert page.count('class="tl ') == 7 and page.count('<section class="step') == 7
    assert page.count("data:image/png;base64,") == 7
    assert '<section class="step bad" id="step-1">' in page  # the failed step stands out
    assert "<summary>reasoning</summary><pre>Settings holds Wi-Fi.</pre>" in page
    assert "screen diff vs. step 0" in page and "change after 2" in page
    assert "<script" not in page.lower()


def test_a_run_still_going_gets_a_partial_report_that_refreshes(tmp_path):
    run = record(tmp_path, "Still going", [model_step(0, Tap(index=0), SCREEN_0)], None)
    first = write_report(run).read_text()
    assert 'id="status">running<' in first and first.count('<section class="step') == 1
    with open(run / "steps.jsonl", "a") as fh:
        fh.write(model_step(1, Tap(index=1), SCREEN_1).model_dump_json() + "\n")
    assert write_report(run).read_text().count('<section class="step') == 2


def test_cli_report_prints_the_path_and_rejects_a_directory_without_a_run(cli, tmp_path):
    run = complete_run(tmp_path / "runs")
    proc = cli("report", str(run))
    assert proc.returncode == 0 and proc.stdout.strip() == str(run / "report.html")
    assert (run / "report.html").is_file()
    bad = cli("report", str(tmp_path))
    assert bad.returncode == 2 and "run.json" in bad.stderr


def test_the_goal_and_the_outcome_are_escaped_too(tmp_path):
    goal = "Search contacts for <b>Alice</b> & <script>alert(1)</script>"
    run = record(tmp_path, goal, [model_step(0, Tap(index=0), SCREEN_0)], "complete")
    page = write_report(run).read_text()
    assert "<title>droidpilot: Search contacts for &lt;b&gt;Alice&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "<b>Alice</b>" not in page and "<script" not in page.lower()
