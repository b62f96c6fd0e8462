"""The public API of ``import droidpilot``: exactly these names, each importable, none loaded early."""

from __future__ import annotations

import subprocess
import sys

import droidpilot
from droidpilot import errors

PUBLIC = {
    "__version__",
    # the error tree
    *errors.__all__,
    # devices
    "connect", "Device", "AdbDevice", "Observation",
    # the agent and its records
    "Agent", "AgentConfig", "RunResult", "Step",
    # perception and actions
    "perceive", "ScreenState", "Element", "Action", "Actuator", "ActionResult",
    "ConfirmationPolicy", "parse_action_command", "terminal_ask",
    # planning and settings
    "R1Planner", "TieredPlanner", "build_planner", "Settings", "load_settings",
    # runs on disk
    "Recorder", "Trajectory", "load_trajectory", "write_report", "export_examples",
    # environments
    "VirtualDevice", "AdbServer", "list_avds", "boot_avd",
}


def test_all_is_exactly_the_public_api():
    assert set(droidpilot.__all__) == PUBLIC
    assert len(droidpilot.__all__) == len(PUBLIC)  # no duplicates


def test_every_public_name_resolves_to_the_object_its_module_defines():
    from droidpilot.agent import Agent
    from droidpilot.device import connect
    from droidpilot.emulator.avd import boot
    from droidpilot.trajectory import load

    for name in droidpilot.__all__:
        assert getattr(droidpilot, name) is not None, name
    assert droidpilot.Agent is Agent and droidpilot.connect is connect
    assert droidpilot.load_trajectory is load and droidpilot.boot_avd is boot
    assert droidpilot.DeviceError is errors.DeviceError


def test_an_unknown_name_is_an_attribute_error():
    try:
        droidpilot.NotAThing  # noqa: B018
    except AttributeError as exc:
        assert "NotAThing" in str(exc)
    else:
        raise AssertionError("droidpilot.NotAThing should not exist")


def test_importing_droidpilot_loads_no_heavy_layer_and_configures_no_logging():
    code = (
        "import logging, sys, droidpilot\n"
        "heavy = [m for m in ('droidpilot.agent', 'droidpilot.planner', 'droidpilot.device', 'openai', 'uiautomator2') if m in sys.modules]\n"
        "print(heavy, logging.getLogger().handlers)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[] []", proc.stdout + proc.stderr
