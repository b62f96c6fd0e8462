"""com.android.settings: activity names and intent actions as on a Pixel with Android 14."""

from __future__ import annotations

from ...system.app import App
from .pages import (
    AboutPhone,
    AppInfo,
    ConnectedDevices,
    DisplaySettings,
    ManageApplications,
    NetworkDashboard,
    SoundSettings,
    TopLevel,
    WifiSettings,
)

DEFAULT = "android.intent.category.DEFAULT"


def _action(*actions: str, schemes: tuple[str, ...] = ()) -> list[dict]:
    flt: dict = {"actions": list(actions), "categories": [DEFAULT]}
    if schemes:
        flt["schemes"] = list(schemes)
    return [flt]


class SettingsApp(App):
    package = "com.android.settings"
    label = "Settings"
    icon = "settings"
    version_name = "14"
    version_code = 34

    def declare(self) -> None:
        self.activity(".Settings", TopLevel, launcher=True, filters=_action("android.settings.SETTINGS"))
        self.activity(
            ".Settings$NetworkDashboardActivity",
            NetworkDashboard,
            filters=_action("android.settings.WIRELESS_SETTINGS", "android.settings.AIRPLANE_MODE_SETTINGS", "android.settings.DATA_ROAMING_SETTINGS"),
        )
        self.activity(
            ".Settings$WifiSettingsActivity",
            WifiSettings,
            filters=_action("android.settings.WIFI_SETTINGS", "android.net.wifi.PICK_WIFI_NETWORK", "android.settings.panel.action.INTERNET_CONNECTIVITY"),
        )
        self.activity(
            ".Settings$ConnectedDeviceDashboardActivity",
            ConnectedDevices,
            filters=_action("android.settings.BLUETOOTH_SETTINGS", "android.settings.NFC_SETTINGS"),
        )
        self.activity(
            ".Settings$DisplaySettingsActivity",
            DisplaySettings,
            filters=_action("android.settings.DISPLAY_SETTINGS", "android.settings.DARK_THEME_SETTINGS"),
        )
        self.activity(
            ".Settings$SoundSettingsActivity",
            SoundSettings,
            filters=_action("android.settings.SOUND_SETTINGS", "android.settings.ZEN_MODE_SETTINGS"),
        )
        self.activity(
            ".Settings$ManageApplicationsActivity",
            ManageApplications,
            filters=_action("android.settings.APPLICATION_SETTINGS", "android.settings.MANAGE_APPLICATIONS_SETTINGS", "android.settings.MANAGE_ALL_APPLICATIONS_SETTINGS"),
        )
        self.activity(
            ".applications.InstalledAppDetails",
            AppInfo,
            filters=_action("android.settings.APPLICATION_DETAILS_SETTINGS", schemes=("package",)),
        )
        self.activity(
            ".Settings$MyDeviceInfoActivity",
            AboutPhone,
            filters=_action("android.settings.DEVICE_INFO_SETTINGS"),
        )
