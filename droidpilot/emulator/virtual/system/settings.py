"""The settings provider: ``settings get/put/delete/list`` and ``content://settings/...``.

Keys and defaults follow a stock Android 14 phone. Changes notify listeners so that
screens (Settings switches, the status bar) and services (Wi-Fi, airplane mode) follow
``settings put`` the same way they follow taps.
"""

from __future__ import annotations

from collections.abc import Callable

NAMESPACES = ("system", "secure", "global")

DEFAULTS: dict[str, dict[str, str]] = {
    "system": {
        "screen_brightness": "102",
        "screen_brightness_mode": "0",
        "screen_off_timeout": "60000",
        "accelerometer_rotation": "1",
        "user_rotation": "0",
        "font_scale": "1.0",
        "haptic_feedback_enabled": "1",
        "sound_effects_enabled": "1",
        "volume_music": "8",
        "volume_ring": "5",
        "volume_alarm": "6",
        "volume_notification": "5",
        "time_12_24": "24",
        "vibrate_when_ringing": "0",
        "dtmf_tone": "1",
    },
    "secure": {
        "android_id": "5c9d0f3e8a1b2c47",
        "default_input_method": "com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME",
        "enabled_input_methods": "com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME",
        "location_mode": "3",
        "ui_night_mode": "1",
        "doze_enabled": "1",
        "screensaver_enabled": "0",
        "accessibility_enabled": "0",
        "show_ime_with_hard_keyboard": "0",
        "lock_screen_show_notifications": "1",
        "bluetooth_name": "Pixel 7",
    },
    "global": {
        "wifi_on": "1",
        "bluetooth_on": "0",
        "airplane_mode_on": "0",
        "mobile_data": "1",
        "data_roaming": "0",
        "auto_time": "1",
        "auto_time_zone": "1",
        "adb_enabled": "1",
        "development_settings_enabled": "1",
        "stay_on_while_plugged_in": "0",
        "device_provisioned": "1",
        "window_animation_scale": "1.0",
        "transition_animation_scale": "1.0",
        "animator_duration_scale": "1.0",
        "zen_mode": "0",
        "nfc_on": "1",
        "device_name": "Pixel 7",
        "wifi_sleep_policy": "2",
        "package_verifier_enable": "1",
    },
}

# Which namespace Android keeps a key in when a client uses the wrong one is not our
# problem: like Android, a key lives where it was put.

Listener = Callable[[str, str, str | None], None]


class SettingsProvider:
    """Three string→string tables persisted by the system's store."""

    def __init__(self, on_change: Listener | None = None) -> None:
        self._tables: dict[str, dict[str, str]] = {ns: dict(DEFAULTS[ns]) for ns in NAMESPACES}
        self._listeners: list[Listener] = []
        if on_change:
            self._listeners.append(on_change)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @staticmethod
    def check_namespace(namespace: str) -> str:
        if namespace not in NAMESPACES:
            raise KeyError(namespace)
        return namespace

    def get(self, namespace: str, key: str) -> str | None:
        return self._tables[self.check_namespace(namespace)].get(key)

    def get_int(self, namespace: str, key: str, default: int = 0) -> int:
        value = self.get(namespace, key)
        try:
            return int(float(value)) if value is not None else default
        except ValueError:
            return default

    def put(self, namespace: str, key: str, value: str) -> None:
        table = self._tables[self.check_namespace(namespace)]
        if table.get(key) == value:
            return
        table[key] = value
        for listener in list(self._listeners):
            listener(namespace, key, value)

    def delete(self, namespace: str, key: str) -> bool:
        table = self._tables[self.check_namespace(namespace)]
        if key not in table:
            return False
        del table[key]
        for listener in list(self._listeners):
            listener(namespace, key, None)
        return True

    def items(self, namespace: str) -> list[tuple[str, str]]:
        return sorted(self._tables[self.check_namespace(namespace)].items())

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {ns: dict(t) for ns, t in self._tables.items()}

    def load(self, data: dict[str, dict[str, str]]) -> None:
        for ns in NAMESPACES:
            self._tables[ns] = dict(DEFAULTS[ns])
            self._tables[ns].update({str(k): str(v) for k, v in data.get(ns, {}).items()})
