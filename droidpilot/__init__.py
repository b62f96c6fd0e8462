"""droidpilot: a cross-application Android device-control agent."""

from __future__ import annotations

from .errors import *  # noqa: F401,F403
from .errors import __all__ as _error_names

__version__ = "0.1.0"

__all__ = ["__version__", *_error_names]
