"""The Settings pages: top level, Network & internet, Wi-Fi, Connected devices, Display,
Sound, Apps, App info and About phone."""

from __future__ import annotations

from ...system.intents import Intent
from ...ui.composite import DialogContent, ListItem
from ...ui.geometry import MATCH
from ...ui.views import Column, Row
from ...ui.widgets import Button, Image, SeekBar, Text
from .base import SettingsPage

WIFI_NETWORKS = (("HomeNetwork", "Connected"), ("CoffeeShop-Guest", "Saved"), ("Neighbour_5G", "Secured"), ("AndroidWifi", ""))

TIMEOUTS = [
    ("15 seconds", "15000"),
    ("30 seconds", "30000"),
    ("1 minute", "60000"),
    ("2 minutes", "120000"),
    ("5 minutes", "300000"),
    ("10 minutes", "600000"),
    ("30 minutes", "1800000"),
]


def timeout_label(ms: str | None) -> str:
    for label, value in TIMEOUTS:
        if value == ms:
            return f"After {label} of inactivity"
    return f"After {int(ms or 0) // 1000} seconds of inactivity"


class TopLevel(SettingsPage):
    title = "Settings"
    top_level = True

    def rows(self):
        wifi = self.settings.get("global", "wifi_on") == "1"
        airplane = self.settings.get("global", "airplane_mode_on") == "1"
        bt = self.settings.get("global", "bluetooth_on") == "1"
        net_summary = "Airplane mode" if airplane else ("Wi-Fi, mobile, data usage, and hotspot" if wifi else "Mobile, data usage, and hotspot")
        return [
            Row(
                Image("search", size=24, margin=(0, 0, 16, 0)),
                Text("Search settings", text_size=16, color="on_surface_variant"),
                id="search_action_bar",
                desc="Search settings",
                width=MATCH,
                height=56,
                margin=(16, 8),
                padding=(16, 0),
                gravity="center_vertical",
                background="surface_container",
                radius=28,
                clickable=True,
                on_click=lambda: None,
            ),
            self.link_row("Network & internet", net_summary, icon="wifi", target=".Settings$NetworkDashboardActivity"),
            self.link_row(
                "Connected devices",
                "Bluetooth, pairing" if bt else "Bluetooth off",
                icon="bluetooth",
                target=".Settings$ConnectedDeviceDashboardActivity",
            ),
            self.link_row("Apps", "Recent apps, default apps", icon="apps", target=".Settings$ManageApplicationsActivity"),
            self.link_row("Notifications", "Notification history, conversations", icon="notifications", on_click=lambda: None),
            self.link_row("Battery", f"{self.system.power.battery_level}%", icon="battery", on_click=lambda: None),
            self.link_row("Display", "Dark theme, font size, brightness", icon="display", target=".Settings$DisplaySettingsActivity"),
            self.link_row("Sound & vibration", "Volume, haptics, Do Not Disturb", icon="sound", target=".Settings$SoundSettingsActivity"),
            self.link_row("Security & privacy", "App security, device lock, permissions", icon="security", on_click=lambda: None),
            self.link_row("Location", "On - 3 apps have access to location", icon="location", on_click=lambda: None),
            self.link_row("About phone", self.settings.get("global", "device_name") or "Pixel", icon="info", target=".Settings$MyDeviceInfoActivity"),
        ]


class NetworkDashboard(SettingsPage):
    title = "Network & internet"

    def rows(self):
        wifi = self.settings.get("global", "wifi_on") == "1"
        airplane = self.settings.get("global", "airplane_mode_on") == "1"
        return [
            self.switch_row("Wi-Fi", "global", "wifi_on", summary=WIFI_NETWORKS[0][0] if wifi else "Off", id="wifi_row", icon="wifi"),
            self.link_row("Internet", WIFI_NETWORKS[0][0] if wifi and not airplane else ("Airplane mode" if airplane else "T-Mobile"), icon="wifi", target=".Settings$WifiSettingsActivity"),
            self.link_row("SIMs", "T-Mobile", icon="sim", on_click=lambda: None),
            self.switch_row("Airplane mode", "global", "airplane_mode_on", id="airplane_row", icon="airplane", after=self._airplane_changed),
            self.switch_row("Mobile data", "global", "mobile_data", summary="T-Mobile", id="mobile_data_row", icon="sim"),
            self.link_row("Hotspot & tethering", "Off", icon="hotspot", on_click=lambda: None),
            self.link_row("Data Saver", "Off", icon="data_saver", on_click=lambda: None),
        ]

    def _airplane_changed(self, on: bool) -> None:
        # Airplane mode turns the radios off (Wi-Fi and Bluetooth are remembered and restored).
        s = self.settings
        if on:
            s.put("global", "airplane_mode_wifi_was_on", s.get("global", "wifi_on") or "0")
            s.put("global", "wifi_on", "0")
            s.put("global", "bluetooth_on", "0")
        else:
            if s.get("global", "airplane_mode_wifi_was_on") == "1":
                s.put("global", "wifi_on", "1")


class WifiSettings(SettingsPage):
    title = "Internet"

    def rows(self):
        wifi = self.settings.get("global", "wifi_on") == "1"
        rows = [self.switch_row("Wi-Fi", "global", "wifi_on", id="wifi_switch_row")]
        if wifi:
            for i, (name, status) in enumerate(WIFI_NETWORKS):
                rows.append(ListItem(name, subtitle=status, icon="wifi", id=f"network_{i}", on_click=lambda: None))
            rows.append(ListItem("Add network", icon="add", id="add_network", on_click=lambda: None))
        else:
            rows.append(Text("To see available networks, turn Wi-Fi on", id="wifi_off_hint", padding=16, width=MATCH))
        return rows


class ConnectedDevices(SettingsPage):
    title = "Connected devices"

    def rows(self):
        on = self.settings.get("global", "bluetooth_on") == "1"
        return [
            self.switch_row("Bluetooth", "global", "bluetooth_on", summary=f"Visible as \u201c{self.settings.get('secure', 'bluetooth_name')}\u201d" if on else "Off", id="bluetooth_row", icon="bluetooth"),
            self.link_row("Pair new device", icon="add", on_click=lambda: None),
            self.switch_row("NFC", "global", "nfc_on", summary="Use NFC", id="nfc_row", icon="nfc"),
        ]


class DisplaySettings(SettingsPage):
    title = "Display"

    def rows(self):
        brightness = self.settings.get_int("system", "screen_brightness", 102)
        dark = self.settings.get("secure", "ui_night_mode") == "2"
        timeout = self.settings.get("system", "screen_off_timeout")
        return [
            Column(
                Text("Brightness level", id="android:id/title", text_size=16, color="on_surface"),
                Text(f"{round(brightness * 100 / 255)}%", id="android:id/summary", text_size=14, color="on_surface_variant"),
                SeekBar(
                    value=brightness,
                    max=255,
                    id="seekbar",
                    desc="Brightness level",
                    on_change=lambda v: self.settings.put("system", "screen_brightness", str(int(v))),
                ),
                id="brightness_pref",
                width=MATCH,
                padding=(16, 8),
            ),
            self.switch_row("Adaptive brightness", "system", "screen_brightness_mode", summary="Optimize brightness for the environment", id="auto_brightness_row"),
            self.switch_row("Dark theme", "secure", "ui_night_mode", on="2", off="1", summary="Will turn on automatically at sunset" if not dark else "On", id="dark_ui_mode_row", icon="dark_mode"),
            self.link_row(
                "Screen timeout",
                timeout_label(timeout),
                id="screen_timeout_row",
                on_click=lambda: self.choice_dialog(
                    "Screen timeout",
                    TIMEOUTS,
                    timeout or "60000",
                    lambda value: self.settings.put("system", "screen_off_timeout", value),
                ),
            ),
            self.switch_row("Auto-rotate screen", "system", "accelerometer_rotation", id="auto_rotate_row"),
            self.link_row("Font size", "Default", on_click=lambda: None),
        ]


VOLUMES = (("Media volume", "volume_music", 15), ("Call volume", "volume_voice", 5), ("Ring volume", "volume_ring", 7), ("Notification volume", "volume_notification", 7), ("Alarm volume", "volume_alarm", 7))


class SoundSettings(SettingsPage):
    title = "Sound & vibration"

    def rows(self):
        rows = []
        for label, key, maximum in VOLUMES:
            value = self.settings.get_int("system", key, maximum // 2)
            rows.append(
                Column(
                    Text(label, id="android:id/title", text_size=16, color="on_surface"),
                    SeekBar(
                        value=value,
                        max=maximum,
                        id=f"{key}_seekbar",
                        desc=label,
                        on_change=lambda v, k=key: self.settings.put("system", k, str(int(v))),
                    ),
                    id=f"{key}_pref",
                    width=MATCH,
                    padding=(16, 8),
                )
            )
        rows.append(self.switch_row("Do Not Disturb", "global", "zen_mode", id="zen_row"))
        rows.append(self.switch_row("Vibrate for calls", "system", "vibrate_when_ringing", id="vibrate_row"))
        rows.append(self.switch_row("Touch sounds", "system", "sound_effects_enabled", id="touch_sounds_row"))
        return rows


class ManageApplications(SettingsPage):
    title = "All apps"

    def rows(self):
        rows = []
        for app in sorted(self.system.packages.all(), key=lambda a: a.label.lower()):
            if not app.label or app.package in ("android",):
                continue
            rows.append(
                ListItem(
                    app.label,
                    subtitle=app.package,
                    icon=app.icon,
                    id=f"app_{app.package}",
                    on_click=lambda pkg=app.package: self.start(
                        Intent(
                            action="android.settings.APPLICATION_DETAILS_SETTINGS",
                            data=f"package:{pkg}",
                        )
                    ),
                )
            )
        return rows


class AppInfo(SettingsPage):
    title = "App info"

    @property
    def target(self) -> str | None:
        data = self.intent.data or ""
        if data.startswith("package:"):
            return data[len("package:"):]
        return self.intent.extras.get("package")

    def rows(self):
        pkg = self.target
        app = self.system.packages.get(pkg) if pkg else None
        if app is None:
            return [Text("App not found", id="empty", padding=16)]
        running = self.system.am.pid(app.package) is not None
        storage = self._storage_size(app)
        return [
            Column(
                Image(app.icon, size=64),
                Text(app.label, id="entity_header_title", text_size=22, color="on_surface"),
                Text(f"version {app.version_name}", id="entity_header_summary", text_size=14, color="on_surface_variant"),
                width=MATCH,
                gravity="center_horizontal",
                padding=16,
            ),
            Row(
                Button("Open", id="button1", style="outlined", weight=1, margin=8, on_click=lambda: self._open(app.package)),
                Button(
                    "Force stop",
                    id="button2",
                    style="outlined",
                    weight=1,
                    margin=8,
                    enabled=running,
                    on_click=lambda: self._confirm_force_stop(app.package),
                ),
                width=MATCH,
                padding=(8, 0),
            ),
            ListItem("Notifications", subtitle="On", id="notifications_row", on_click=lambda: None),
            ListItem("Permissions", subtitle=self._permissions_summary(app), id="permissions_row", on_click=lambda: None),
            ListItem("Storage & cache", subtitle=f"{storage} used in internal storage", id="storage_row", on_click=None),
            Row(
                Button("Clear storage", id="clear_storage_button", style="outlined", weight=1, margin=8, on_click=lambda: self._confirm_clear(app.package)),
                Button("Clear cache", id="clear_cache_button", style="outlined", weight=1, margin=8, on_click=lambda: None),
                width=MATCH,
                padding=(8, 0),
            ),
        ]

    def _storage_size(self, app) -> str:
        fs = self.system.fs
        total = 0
        stack = [app.data_dir]
        while stack:
            path = stack.pop()
            if not fs.exists(path):
                continue
            if fs.is_dir(path):
                stack.extend(f"{path}/{name}" for name in fs.listdir(path))
            else:
                st = fs.stat(path)
                total += st.size if st else 0
        return f"{total / 1024:.1f} kB" if total >= 1024 else f"{total} B"

    def _permissions_summary(self, app) -> str:
        granted = self.system.packages.state[app.package].granted
        if not app.permissions:
            return "No permissions requested"
        names = [p.rsplit(".", 1)[-1].replace("_", " ").title() for p in sorted(granted)]
        return ", ".join(names) if names else "No permissions allowed"

    def _open(self, package: str) -> None:
        intent = self.system.packages.launch_intent(package)
        if intent is not None:
            self.system.am.start(intent, uid=1000)

    def _confirm_force_stop(self, package: str) -> None:
        def do() -> None:
            self.dialog = None
            self.system.am.force_stop(package)

        self.dialog = lambda: DialogContent(
            "Force stop?",
            "If you force stop an app, it may misbehave.",
            positive=("OK", do),
            negative=("Cancel", self.dismiss_dialog),
        )

    def _confirm_clear(self, package: str) -> None:
        def do() -> None:
            self.dialog = None
            app = self.system.packages.get(package)
            if app is not None:
                self.system.am.force_stop(package)
                self.system.packages.state[package].granted.clear()
                app.on_clear_data()
                self.system.save_packages()

        self.dialog = lambda: DialogContent(
            "Delete app data?",
            "All this app\u2019s data will be deleted permanently. This includes all files, settings, accounts, databases, etc.",
            positive=("Delete", do),
            negative=("Cancel", self.dismiss_dialog),
        )


class AboutPhone(SettingsPage):
    title = "About phone"

    def rows(self):
        p = self.system.props
        return [
            ListItem("Device name", subtitle=self.settings.get("global", "device_name") or "", id="device_name"),
            ListItem("Phone number", subtitle="+1 650-555-0100", id="phone_number"),
            ListItem("Model", subtitle=p.get("ro.product.model", ""), id="device_model"),
            ListItem("Android version", subtitle=p.get("ro.build.version.release", ""), id="firmware_version"),
            ListItem("Android security update", subtitle=p.get("ro.build.version.security_patch", ""), id="security_patch"),
            ListItem("IP address", subtitle="10.0.2.16" if self.settings.get("global", "wifi_on") == "1" else "Unavailable", id="wifi_ip_address"),
            ListItem("Build number", subtitle=p.get("ro.build.display.id", ""), id="build_number"),
        ]
