"""The apps installed on the virtual device.

``install_default_apps`` installs the system packages every Android image has (framework,
System UI, launcher, Settings, keyboard, permission controller) and the everyday apps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..system.core import System


def default_app_classes() -> list[type]:
    from .framework import AndroidFramework, Gboard, PermissionController, ShellApp, SystemUI
    from .launcher import Launcher
    from .settings import SettingsApp

    classes: list[type] = [AndroidFramework, SystemUI, ShellApp, Gboard, PermissionController, Launcher, SettingsApp]
    try:
        from . import everyday
    except ImportError:  # the everyday apps are optional while they are being built
        return classes
    return classes + list(getattr(everyday, "APP_CLASSES", ()))


def install_default_apps(system: "System", which: str = "default") -> None:
    """Install the app set named ``which`` ("default": everything; "minimal": system apps)."""
    classes = default_app_classes()
    if which == "minimal":
        classes = classes[:7]
    for cls in classes:
        app = cls(system)
        system.packages.install(app, fresh=not system.fs.exists(app.data_dir))
