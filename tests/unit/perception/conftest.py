"""Shared loaders: the hand-made corpus beside the tests and the real dumps in /work/shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from droidpilot.perception import ScreenState, perceive

CORPUS = Path(__file__).parent / "corpus"
REAL_DUMPS = Path("/work/shared/corpus/real-dumps")


def read_case(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def perceive_case(name: str, **kwargs) -> ScreenState:
    return perceive(read_case(name), **kwargs)


def real_dump(prefix: str) -> str:
    """The real dump whose file name starts with ``prefix`` (read in place, never copied)."""
    matches = sorted(REAL_DUMPS.glob(f"{prefix}-*.xml")) if REAL_DUMPS.is_dir() else []
    if not matches:
        pytest.skip(f"real dump {prefix} not available in {REAL_DUMPS}")
    return matches[0].read_text(encoding="utf-8")


def labels(state: ScreenState) -> list[str]:
    return [e.label for e in state.elements]


def by_label(state: ScreenState, label: str):
    found = [e for e in state.elements if e.label == label]
    assert found, f"no element labelled {label!r}; have {labels(state)}"
    return found[0]
