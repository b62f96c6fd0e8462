"""Build the configured planner: R1 alone, or two-tier when an executor model is configured."""

from __future__ import annotations

from collections.abc import Mapping

from ..config import Settings, load_settings
from .base import Planner
from .client import OpenAIChatModel
from .r1 import R1Planner
from .tiered import TieredPlanner

__all__ = ["build_planner"]


def build_planner(settings: Settings | None = None, *, env: Mapping[str, str] | None = None) -> Planner:
    """The planner the Agent uses when none is given.

    Reads settings from the environment and the config file when ``settings`` is None, and
    raises ``ConfigError`` saying what to set when no model is configured.
    """
    settings = settings or load_settings(env=env)
    planner = R1Planner(settings=settings)
    if settings.executor is None:
        return planner
    executor = R1Planner(
        settings=settings,
        chat_model=OpenAIChatModel(settings.executor, prices=settings.prices),
        source="executor",
    )
    return TieredPlanner(planner, executor, every=settings.planner_every)
