"""The one exception tree of droidpilot.

    DroidpilotError
    ├── DeviceError
    │   ├── DeviceNotFound        no device matches (or more than one and none chosen)
    │   ├── DeviceOffline         the device went away or never answered
    │   ├── DeviceUnauthorized    the phone has not accepted this computer's adb key
    │   ├── AdbError              adb itself failed (server, protocol, command)
    │   ├── UiAutomationError     the uiautomator2 server cannot start or answer
    │   └── DeviceTimeout         a device call ran past its deadline
    ├── PerceptionError           a hierarchy or screenshot could not be understood
    ├── PlannerError
    │   ├── ModelError            the model endpoint failed (after bounded retries)
    │   └── PlanParseError        the model's reply holds no valid action
    ├── ActionError
    │   ├── ElementNotFound       the action names an element that is not on the screen
    │   ├── InvalidAction         the action cannot be done (off-screen, bad value)
    │   ├── AppNotFound           no installed app matches a name
    │   └── UnsafeActionDenied    the safety policy refused the action
    ├── ScenarioError             a scenario file or check is wrong
    ├── ConfigError               configuration is missing or invalid
    └── VirtualDeviceError        the built-in virtual device could not start or serve

Lower-layer exceptions (adbutils, uiautomator2, openai, lxml, OS errors) are translated once, at
the boundary of the layer that calls them, and chained with ``raise ... from exc``. Every
message says what happened and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "DroidpilotError",
    "DeviceError",
    "DeviceNotFound",
    "DeviceOffline",
    "DeviceUnauthorized",
    "AdbError",
    "UiAutomationError",
    "DeviceTimeout",
    "PerceptionError",
    "PlannerError",
    "ModelError",
    "PlanParseError",
    "ActionError",
    "ElementNotFound",
    "InvalidAction",
    "AppNotFound",
    "UnsafeActionDenied",
    "ScenarioError",
    "ConfigError",
    "VirtualDeviceError",
]


class DroidpilotError(Exception):
    """Base of every error droidpilot raises on purpose."""


class DeviceError(DroidpilotError):
    """Talking to the Android device failed."""


class DeviceNotFound(DeviceError):
    """No device matches the request."""


class DeviceOffline(DeviceError):
    """The device disconnected or stopped answering."""


class DeviceUnauthorized(DeviceError):
    """The device has not authorised this computer's adb key."""


class AdbError(DeviceError):
    """adb (the server, the protocol or a device command) failed."""


class UiAutomationError(DeviceError):
    """The uiautomator2 server on the device cannot be started or reached."""


class DeviceTimeout(DeviceError):
    """A device call did not finish before its deadline."""


class PerceptionError(DroidpilotError):
    """A screen (hierarchy XML or screenshot) could not be turned into a screen state."""


class PlannerError(DroidpilotError):
    """The planner could not produce a decision."""


class ModelError(PlannerError):
    """The model endpoint failed, after bounded retries."""


class PlanParseError(PlannerError):
    """The model's reply does not contain one valid action.

    ``reply`` keeps the raw text so the loop can show the model what went wrong.
    """

    def __init__(self, message: str, reply: str = "") -> None:
        super().__init__(message)
        self.reply = reply


class ActionError(DroidpilotError):
    """An action could not be executed."""


class ElementNotFound(ActionError):
    """The action refers to an element that is not on the current screen."""


class InvalidAction(ActionError):
    """The action is impossible as given (off-screen point, negative duration, unknown key)."""


class AppNotFound(ActionError):
    """No installed app matches the requested name."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = list(candidates or [])


class UnsafeActionDenied(ActionError):
    """The safety policy refused a risky action; ``reason`` is shown to the planner."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class ScenarioError(DroidpilotError):
    """A scenario definition or its check is invalid."""


class ConfigError(DroidpilotError):
    """Configuration is missing or invalid; the message names what to set."""


class VirtualDeviceError(DroidpilotError):
    """The built-in virtual device could not start or serve."""
