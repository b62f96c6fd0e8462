"""droidpilot: a cross-application Android device-control agent.

    import droidpilot as dp

    device = dp.connect()                          # $ANDROID_SERIAL or the only attached device
    result = dp.Agent(device).run("turn Wi-Fi off")
    print(result.status, result.trajectory_path)

    agent = dp.Agent(device, config=dp.AgentConfig(max_steps=10), confirm=my_confirm, on_step=print)
    for step in agent.steps("text Alice that I'm late"):
        print(step.index, step.action_text, step.result)

The names below are the public API (pinned by tests/unit/test_public_api.py). The error classes
are imported eagerly; everything else loads on first use, so `import droidpilot` (and every CLI
command) stays fast and has no side effects.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import *  # noqa: F401,F403
from .errors import __all__ as _error_names

__version__ = "0.1.0"

# public name -> (module, attribute)
_LAZY: dict[str, tuple[str, str]] = {
    "connect": (".device", "connect"),
    "Device": (".device", "Device"),
    "AdbDevice": (".device", "AdbDevice"),
    "Observation": (".device", "Observation"),
    "Agent": (".agent", "Agent"),
    "AgentConfig": (".agent", "AgentConfig"),
    "RunResult": (".steps", "RunResult"),
    "Step": (".steps", "Step"),
    "perceive": (".perception", "perceive"),
    "ScreenState": (".perception", "ScreenState"),
    "Element": (".perception", "Element"),
    "Action": (".actions", "Action"),
    "Actuator": (".actions", "Actuator"),
    "ActionResult": (".actions", "ActionResult"),
    "ConfirmationPolicy": (".actions", "ConfirmationPolicy"),
    "parse_action_command": (".actions", "parse_action_command"),
    "terminal_ask": (".actions", "terminal_ask"),
    "R1Planner": (".planner", "R1Planner"),
    "TieredPlanner": (".planner", "TieredPlanner"),
    "build_planner": (".planner", "build_planner"),
    "Settings": (".config", "Settings"),
    "load_settings": (".config", "load_settings"),
    "Recorder": (".trajectory", "Recorder"),
    "Trajectory": (".trajectory", "Trajectory"),
    "load_trajectory": (".trajectory", "load"),
    "write_report": (".trajectory.report", "write_report"),
    "export_examples": (".trajectory.export", "export_examples"),
    "VirtualDevice": (".emulator.virtual.device", "VirtualDevice"),
    "AdbServer": (".emulator.virtual.adbserver", "AdbServer"),
    "list_avds": (".emulator.avd", "list_avds"),
    "boot_avd": (".emulator.avd", "boot"),
}

__all__ = ["__version__", *_error_names, *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'droidpilot' has no attribute {name!r}") from None
    value = getattr(import_module(module_name, __name__), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .actions import Action, ActionResult, Actuator, ConfirmationPolicy, parse_action_command, terminal_ask
    from .agent import Agent, AgentConfig
    from .config import Settings, load_settings
    from .device import AdbDevice, Device, Observation, connect
    from .emulator.avd import boot as boot_avd
    from .emulator.avd import list_avds
    from .emulator.virtual.adbserver import AdbServer
    from .emulator.virtual.device import VirtualDevice
    from .perception import Element, ScreenState, perceive
    from .planner import R1Planner, TieredPlanner, build_planner
    from .steps import RunResult, Step
    from .trajectory import Recorder, Trajectory
    from .trajectory import load as load_trajectory
    from .trajectory.export import export_examples
    from .trajectory.report import write_report
