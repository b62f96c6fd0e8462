"""The planner's public surface is exactly what other parts and users import."""

from __future__ import annotations

import droidpilot.planner as planner
from droidpilot.planner import Planner, R1Planner, ScriptedChatModel, TieredPlanner
from droidpilot.planner.client import ChatModel, OpenAIChatModel


def test_exported_names_are_pinned():
    assert sorted(planner.__all__) == sorted(
        [
            "ChatMessage", "ChatModel", "ChatReply", "Decision", "DecisionSource", "HistoryEntry",
            "OpenAIChatModel", "PROFILES", "ParsedReply", "PlanItem", "PlanRejected", "Planner", "Profile",
            "Prompt", "R1Planner", "ScriptedChatModel", "StepModelError", "TieredPlanner", "Usage", "build_planner",
            "build_prompt", "parse_reply", "profile_for", "split_reasoning",
        ]
    )
    for name in planner.__all__:
        assert hasattr(planner, name)


def test_planners_and_models_satisfy_their_protocols(server):
    model = ScriptedChatModel([])
    r1 = R1Planner(chat_model=model)
    assert isinstance(model, ChatModel)
    assert isinstance(r1, Planner)
    assert isinstance(TieredPlanner(r1, R1Planner(chat_model=ScriptedChatModel([]))), Planner)
    from droidpilot.config import ModelConfig

    with OpenAIChatModel(ModelConfig(name="m", base_url=server.base_url)) as http_model:
        assert isinstance(http_model, ChatModel)

