"""The Settings app (com.android.settings): pages, switches and sliders bound to the
settings provider in both directions."""

from .app import SettingsApp

__all__ = ["SettingsApp"]
