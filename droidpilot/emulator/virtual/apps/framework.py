"""Packages with no launcher entry that every image has: the framework, System UI, the
shell, the keyboard and the permission controller. Their windows (status bar, shade,
keyboard, permission prompts) are drawn by the window manager."""

from __future__ import annotations

from ..system.app import App


class AndroidFramework(App):
    package = "android"
    label = "Android System"
    version_name = "14"
    version_code = 34


class SystemUI(App):
    package = "com.android.systemui"
    label = "System UI"
    version_name = "14"
    version_code = 34


class ShellApp(App):
    package = "com.android.shell"
    label = "Shell"
    version_name = "14"
    version_code = 34


class Gboard(App):
    package = "com.google.android.inputmethod.latin"
    label = "Gboard"
    version_name = "13.6.08"
    version_code = 136080


class PermissionController(App):
    package = "com.google.android.permissioncontroller"
    label = "Permission controller"
    version_name = "34"
    version_code = 340000


class AdbKeyboard(App):
    """ADBKeyBoard (com.android.adbkeyboard): an input method that types text sent to it by
    broadcast, base64-encoded, so any script arrives intact. Installed only when asked
    (``System(adb_keyboard=True)``), as on a phone where the user side-loaded it."""

    package = "com.android.adbkeyboard"
    label = "ADB Keyboard"
    version_name = "2.4-dev"
    version_code = 24
    system_app = False
