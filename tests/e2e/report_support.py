"""A recorded run with hostile screen text and hostile model output, for the report tests.

The run is real: the agent on the session's virtual device, a scripted OpenAI-protocol server
answering, the recorder writing the run directory. An SMS carrying a ``<script>`` arrives first
(so it is on the Messages screen the model is shown), the model's reasoning carries markup meant
to break out of the page, and the text typed into a field is an ``<img onerror>``.
"""

from __future__ import annotations

import json
from pathlib import Path

from droidpilot.agent import Agent, AgentConfig
from droidpilot.device import connect
from droidpilot.planner import R1Planner
from tests.support.openai_server import ScriptedOpenAIServer, chat, deepseek
from tests.support.screen_script import act, finish, screen_index

HOSTILE_SMS = "<script>document.title='pwned-by-sms'</script>Your parcel is waiting"
HOSTILE_REASONING = "</pre></details><script>document.title='pwned-by-model'</script><b>bold?</b>"
HOSTILE_TYPED = "<img src=x onerror=\"document.title='pwned-by-typing'\">"
GOAL = "Check my messages, then search contacts for Alice"


def _type_into_search(request):
    index = screen_index(request, r'input hint="Search contacts"')
    return chat(json.dumps({"thought": "type the name", "action": {"kind": "type_text", "index": index, "text": HOSTILE_TYPED}}))


def record_hostile_run(virtual_device, adb_port: int, root: Path) -> Path:
    """Record the run into ``root`` and return its run directory."""
    virtual_device.reset()
    virtual_device.system.sms_receive("5550199", HOSTILE_SMS)
    script = [
        act({"kind": "open_app", "app": "Messages"}, "look at the messages"),
        deepseek(HOSTILE_REASONING, json.dumps({"thought": "now contacts", "action": {"kind": "open_app", "app": "Contacts"}})),
        _type_into_search,
        act({"kind": "swipe", "direction": "up"}, "swipe the list"),
        finish("complete", "read the new message and searched for Alice"),
    ]
    device = connect(virtual_device.serial, adb_port=adb_port)
    with ScriptedOpenAIServer(script) as server:
        planner = R1Planner(model="deepseek-reasoner", base_url=server.base_url, api_key="sk-report-test")
        result = Agent(device, planner, AgentConfig(record_dir=root)).run(GOAL)
    assert result.status == "complete", result
    return Path(result.trajectory_path)
