"""The planner: decide the next action from the goal and the screen.

``R1Planner`` asks a reasoning model (DeepSeek-R1 or any OpenAI-compatible endpoint) through the
``ChatModel`` seam; ``TieredPlanner`` pairs a planner model with a cheaper executor;
``build_planner`` builds whichever the configuration asks for. Replies are parsed by
``parse_reply``, which returns one valid action or raises ``PlanParseError`` with a one-line
correction for the model.
"""

from __future__ import annotations

from .base import Decision, DecisionSource, HistoryEntry, PlanItem, Planner, PlanRejected, StepModelError
from .client import ChatMessage, ChatModel, ChatReply, OpenAIChatModel
from .factory import build_planner
from .fake import ScriptedChatModel
from .parse import ParsedReply, parse_reply
from .profiles import PROFILES, Profile, profile_for
from .prompts import Prompt, build_prompt
from .r1 import R1Planner
from .reasoning import split_reasoning
from .tiered import TieredPlanner
from .usage import Usage

__all__ = [
    "ChatMessage",
    "ChatModel",
    "ChatReply",
    "Decision",
    "DecisionSource",
    "HistoryEntry",
    "OpenAIChatModel",
    "PROFILES",
    "ParsedReply",
    "PlanItem",
    "PlanRejected",
    "Planner",
    "Profile",
    "Prompt",
    "R1Planner",
    "ScriptedChatModel",
    "StepModelError",
    "TieredPlanner",
    "Usage",
    "build_planner",
    "build_prompt",
    "parse_reply",
    "profile_for",
    "split_reasoning",
]
