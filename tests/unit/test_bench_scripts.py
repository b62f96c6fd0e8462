"""The benchmark commands the README lists exist and start (their figures come from running them)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def readme_bench_scripts() -> list[str]:
    return re.findall(r"^python (bench/\w+\.py)", README.read_text(), re.MULTILINE)


def test_the_readme_lists_every_benchmark():
    listed = set(readme_bench_scripts())
    present = {f"bench/{p.name}" for p in (ROOT / "bench").glob("*.py")}
    assert listed == present


@pytest.mark.parametrize("script", readme_bench_scripts())
def test_benchmark_script_starts_and_explains_itself(script):
    proc = subprocess.run([sys.executable, str(ROOT / script), "--help"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "usage:" in proc.stdout
