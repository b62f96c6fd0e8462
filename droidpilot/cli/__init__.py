"""The `droidpilot` command line (``droidpilot = "droidpilot.cli:main"``)."""

from .app import app, configure_logging, main

__all__ = ["app", "configure_logging", "main"]
