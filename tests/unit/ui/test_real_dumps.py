"""Our dump next to real ``uiautomator dump`` files: same attribute order and value formats.

The real dumps live in the shared corpus beside the repository (they are third-party files and
are never copied in); the test skips where that folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CORPUS = Path("/work/shared/corpus/real-dumps")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared real-dump corpus not present")


def attr_order(xml: str) -> list[list[str]]:
    out = []
    for tag in re.findall(r"<node [^>]*>", xml):
        out.append(re.findall(r'([\w-]+)="', tag))
    return out


def test_attribute_order_matches_real_dumps(harness):
    ours = attr_order(harness.xml())[0]
    for path in sorted(CORPUS.glob("*.xml")):
        for names in attr_order(path.read_text(encoding="utf-8"))[:5]:
            names = [n for n in names if n != "NAF"]
            shared = [n for n in ours if n in names]
            assert shared == names, path.name  # real attributes appear in our order, none missing


def test_declaration_and_bounds_format_match_real_dumps(harness):
    xml = harness.xml()
    real = (CORPUS / "07-pixel-launcher-home.xml").read_text(encoding="utf-8")
    head = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\"><node "
    assert real.startswith(head) and xml.startswith(head)
    assert re.fullmatch(r"\[\d+,\d+\]\[\d+,\d+\]", re.search(r'bounds="([^"]+)"', xml).group(1))
    assert " />" in xml and " />" in real
