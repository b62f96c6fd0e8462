"""Fixtures for the planner tests: the scripted OpenAI server and a settings-free environment.

The repository root is put on ``sys.path`` so ``tests.support`` imports the same way under
``pytest`` and ``python -m pytest``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[3]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from droidpilot.perception import ScreenState  # noqa: E402
from tests.support.openai_server import ScriptedOpenAIServer  # noqa: E402
from tests.unit.planner.planner_helpers import load_screen  # noqa: E402


@pytest.fixture(scope="session")
def screen() -> ScreenState:
    return load_screen()


@pytest.fixture
def server() -> Iterator[ScriptedOpenAIServer]:
    with ScriptedOpenAIServer() as running:
        yield running


@pytest.fixture
def no_env(tmp_path: Path) -> dict[str, str]:
    """An environment with nothing configured and a HOME without a config file."""
    return {"HOME": str(tmp_path)}
