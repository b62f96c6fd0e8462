"""Recording runs as they happen, and reading them back."""

from .load import Trajectory, load
from .recorder import Recorder, redact

__all__ = ["Recorder", "Trajectory", "load", "redact"]
