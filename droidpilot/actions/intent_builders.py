"""Builders for the intents agents use most, each returning an ``IntentSpec``.

These are the zero-token paths the skills use (and that the planner can ask for by name): they
know the actions, URI schemes and extra keys Android's own apps answer to, so nobody has to
remember that an alarm's minutes go in ``android.intent.extra.alarm.MINUTES`` or that an SMS body
is ``sms_body``. Inputs are checked here, so a malformed number or an hour of 25 is refused
before a device ever sees it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from urllib.parse import quote

from ..errors import InvalidAction
from .intents import IntentExtra, IntentSpec

__all__ = [
    "dial",
    "call",
    "sms",
    "email",
    "view_url",
    "web_search",
    "set_alarm",
    "set_timer",
    "insert_contact",
    "insert_event",
    "share_text",
    "open_settings",
    "show_location",
    "take_photo",
    "launch_app",
    "SETTINGS_PAGES",
]

ACTION_VIEW = "android.intent.action.VIEW"
ACTION_DIAL = "android.intent.action.DIAL"
ACTION_CALL = "android.intent.action.CALL"
ACTION_SENDTO = "android.intent.action.SENDTO"
ACTION_SEND = "android.intent.action.SEND"
ACTION_INSERT = "android.intent.action.INSERT"
ACTION_MAIN = "android.intent.action.MAIN"
ACTION_WEB_SEARCH = "android.intent.action.WEB_SEARCH"
ACTION_SET_ALARM = "android.intent.action.SET_ALARM"
ACTION_SET_TIMER = "android.intent.action.SET_TIMER"
ACTION_STILL_IMAGE_CAMERA = "android.media.action.STILL_IMAGE_CAMERA"
CATEGORY_BROWSABLE = "android.intent.category.BROWSABLE"
CATEGORY_LAUNCHER = "android.intent.category.LAUNCHER"

EXTRA_TEXT = "android.intent.extra.TEXT"
EXTRA_SUBJECT = "android.intent.extra.SUBJECT"
EXTRA_EMAIL = "android.intent.extra.EMAIL"
EXTRA_CC = "android.intent.extra.CC"
EXTRA_ALARM_HOUR = "android.intent.extra.alarm.HOUR"
EXTRA_ALARM_MINUTES = "android.intent.extra.alarm.MINUTES"
EXTRA_ALARM_MESSAGE = "android.intent.extra.alarm.MESSAGE"
EXTRA_ALARM_LENGTH = "android.intent.extra.alarm.LENGTH"
EXTRA_ALARM_SKIP_UI = "android.intent.extra.alarm.SKIP_UI"

# Settings pages by the words people use for them; values are android.provider.Settings actions.
SETTINGS_PAGES: Mapping[str, str] = MappingProxyType(
    {
        "settings": "android.settings.SETTINGS",
        "wifi": "android.settings.WIFI_SETTINGS",
        "wireless": "android.settings.WIRELESS_SETTINGS",
        "bluetooth": "android.settings.BLUETOOTH_SETTINGS",
        "airplane": "android.settings.AIRPLANE_MODE_SETTINGS",
        "mobile_data": "android.settings.DATA_ROAMING_SETTINGS",
        "nfc": "android.settings.NFC_SETTINGS",
        "vpn": "android.settings.VPN_SETTINGS",
        "display": "android.settings.DISPLAY_SETTINGS",
        "night_light": "android.settings.NIGHT_DISPLAY_SETTINGS",
        "sound": "android.settings.SOUND_SETTINGS",
        "location": "android.settings.LOCATION_SOURCE_SETTINGS",
        "security": "android.settings.SECURITY_SETTINGS",
        "privacy": "android.settings.PRIVACY_SETTINGS",
        "accessibility": "android.settings.ACCESSIBILITY_SETTINGS",
        "apps": "android.settings.APPLICATION_SETTINGS",
        "battery": "android.settings.BATTERY_SAVER_SETTINGS",
        "storage": "android.settings.INTERNAL_STORAGE_SETTINGS",
        "date": "android.settings.DATE_SETTINGS",
        "language": "android.settings.LOCALE_SETTINGS",
        "keyboard": "android.settings.INPUT_METHOD_SETTINGS",
        "developer": "android.settings.APPLICATION_DEVELOPMENT_SETTINGS",
        "about": "android.settings.DEVICE_INFO_SETTINGS",
        "sync": "android.settings.SYNC_SETTINGS",
        "cast": "android.settings.CAST_SETTINGS",
    }
)

_SETTINGS_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "wi_fi": "wifi",
        "network": "wireless",
        "internet": "wireless",
        "airplane_mode": "airplane",
        "flight_mode": "airplane",
        "data": "mobile_data",
        "cellular": "mobile_data",
        "brightness": "display",
        "screen": "display",
        "volume": "sound",
        "ringtone": "sound",
        "gps": "location",
        "applications": "apps",
        "power": "battery",
        "battery_saver": "battery",
        "time": "date",
        "date_time": "date",
        "locale": "language",
        "input": "keyboard",
        "developer_options": "developer",
        "about_phone": "about",
        "device_info": "about",
        "main": "settings",
    }
)

_PHONE_CHARS = re.compile(r"^\+?[0-9*#,;]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PACKAGE = re.compile(r"^[A-Za-z][\w]*(\.[A-Za-z_][\w]*)+$")


def _phone(number: str) -> str:
    """Strip the punctuation people write in numbers; refuse anything that is not a number."""
    compact = re.sub(r"[\s().\-/]", "", number)
    if not compact or not _PHONE_CHARS.match(compact):
        raise InvalidAction(f"{number!r} is not a phone number; use digits, optionally with a leading +")
    return compact


def _tel_uri(number: str) -> str:
    # '#' ends a URI's path, so Android apps expect it encoded in tel: URIs.
    return "tel:" + quote(_phone(number), safe="+*,;")


def dial(number: str) -> IntentSpec:
    """Open the dialer with the number filled in; the user (or agent) still has to press call."""
    return IntentSpec(action=ACTION_DIAL, data=_tel_uri(number))


def call(number: str) -> IntentSpec:
    """Place a call at once (needs CALL_PHONE; the safety policy treats it as risky)."""
    return IntentSpec(action=ACTION_CALL, data=_tel_uri(number))


def sms(number: str | Sequence[str], body: str = "") -> IntentSpec:
    """Open a new message to one or more numbers with the body filled in (not sent)."""
    numbers = [number] if isinstance(number, str) else list(number)
    if not numbers:
        raise InvalidAction("sms needs at least one recipient number")
    recipients = ",".join(quote(_phone(n), safe="+*#") for n in numbers)
    extras = (IntentExtra(key="sms_body", type="string", value=body),) if body else ()
    return IntentSpec(action=ACTION_SENDTO, data="smsto:" + recipients, extras=extras)


def email(
    to: str | Sequence[str],
    subject: str = "",
    body: str = "",
    cc: Sequence[str] = (),
) -> IntentSpec:
    """Open a mail draft (mailto:) with recipients, subject and body; the mail app sends it."""
    recipients = [to] if isinstance(to, str) else list(to)
    for address in [*recipients, *cc]:
        if not _EMAIL.match(address):
            raise InvalidAction(f"{address!r} is not an email address")
    if not recipients:
        raise InvalidAction("email needs at least one recipient")
    extras = [IntentExtra(key=EXTRA_EMAIL, type="string_array", value=tuple(recipients))]
    if cc:
        extras.append(IntentExtra(key=EXTRA_CC, type="string_array", value=tuple(cc)))
    if subject:
        extras.append(IntentExtra(key=EXTRA_SUBJECT, type="string", value=subject))
    if body:
        extras.append(IntentExtra(key=EXTRA_TEXT, type="string", value=body))
    data = "mailto:" + ",".join(quote(a, safe="@+") for a in recipients)
    return IntentSpec(action=ACTION_SENDTO, data=data, extras=tuple(extras))


def view_url(url: str) -> IntentSpec:
    """Open a web link in the default browser (bare domains get https://)."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        raise InvalidAction(f"{url!r} is not a URL")
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", url) or re.match(r"^[\w.-]+:\d", url):
        url = "https://" + url
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("javascript", "file"):
        raise InvalidAction(f"{scheme}: URLs are not opened")
    return IntentSpec(action=ACTION_VIEW, data=url, categories=(CATEGORY_BROWSABLE,))


def web_search(query: str) -> IntentSpec:
    """Search the web for a phrase with the device's search provider."""
    if not query.strip():
        raise InvalidAction("web search needs a query")
    return IntentSpec(action=ACTION_WEB_SEARCH, extras=(IntentExtra(key="query", type="string", value=query),))


def set_alarm(
    hour: int, minute: int = 0, message: str = "", *, skip_ui: bool = True
) -> IntentSpec:
    """Create an alarm through the clock app (AlarmClock.ACTION_SET_ALARM), 24-hour time."""
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        raise InvalidAction(f"{hour}:{minute:02d} is not a time; hour 0-23, minute 0-59")
    extras = [
        IntentExtra(key=EXTRA_ALARM_HOUR, type="int", value=hour),
        IntentExtra(key=EXTRA_ALARM_MINUTES, type="int", value=minute),
        IntentExtra(key=EXTRA_ALARM_SKIP_UI, type="bool", value=skip_ui),
    ]
    if message:
        extras.append(IntentExtra(key=EXTRA_ALARM_MESSAGE, type="string", value=message))
    return IntentSpec(action=ACTION_SET_ALARM, extras=tuple(extras))


def set_timer(seconds: int, message: str = "", *, skip_ui: bool = True) -> IntentSpec:
    """Start a countdown timer (AlarmClock.ACTION_SET_TIMER); 1 s to 24 h."""
    if not 1 <= seconds <= 86_400:
        raise InvalidAction(f"a timer of {seconds} s is out of range; use 1 to 86400 seconds")
    extras = [
        IntentExtra(key=EXTRA_ALARM_LENGTH, type="int", value=seconds),
        IntentExtra(key=EXTRA_ALARM_SKIP_UI, type="bool", value=skip_ui),
    ]
    if message:
        extras.append(IntentExtra(key=EXTRA_ALARM_MESSAGE, type="string", value=message))
    return IntentSpec(action=ACTION_SET_TIMER, extras=tuple(extras))


def insert_contact(name: str, phone: str = "", email_address: str = "") -> IntentSpec:
    """Open the new-contact editor pre-filled (ContactsContract.Intents.Insert keys)."""
    if not name.strip():
        raise InvalidAction("a contact needs a name")
    extras = [IntentExtra(key="name", type="string", value=name)]
    if phone:
        extras.append(IntentExtra(key="phone", type="string", value=_phone(phone)))
    if email_address:
        if not _EMAIL.match(email_address):
            raise InvalidAction(f"{email_address!r} is not an email address")
        extras.append(IntentExtra(key="email", type="string", value=email_address))
    return IntentSpec(
        action=ACTION_INSERT, mime_type="vnd.android.cursor.dir/contact", extras=tuple(extras)
    )


def insert_event(
    title: str,
    begin: datetime,
    end: datetime | None = None,
    *,
    location: str = "",
    description: str = "",
    all_day: bool = False,
) -> IntentSpec:
    """Open the new-event editor pre-filled (CalendarContract extras; times in epoch ms)."""
    if not title.strip():
        raise InvalidAction("an event needs a title")
    if end is not None and end < begin:
        raise InvalidAction("an event cannot end before it begins")
    extras = [
        IntentExtra(key="title", type="string", value=title),
        IntentExtra(key="beginTime", type="long", value=int(begin.timestamp() * 1000)),
    ]
    if end is not None:
        extras.append(IntentExtra(key="endTime", type="long", value=int(end.timestamp() * 1000)))
    if location:
        extras.append(IntentExtra(key="eventLocation", type="string", value=location))
    if description:
        extras.append(IntentExtra(key="description", type="string", value=description))
    if all_day:
        extras.append(IntentExtra(key="allDay", type="bool", value=True))
    return IntentSpec(
        action=ACTION_INSERT, data="content://com.android.calendar/events", extras=tuple(extras)
    )


def share_text(text: str, subject: str = "") -> IntentSpec:
    """Share plain text (ACTION_SEND text/plain); Android asks which app to share with."""
    extras = [IntentExtra(key=EXTRA_TEXT, type="string", value=text)]
    if subject:
        extras.append(IntentExtra(key=EXTRA_SUBJECT, type="string", value=subject))
    return IntentSpec(action=ACTION_SEND, mime_type="text/plain", extras=tuple(extras))


def open_settings(page: str = "settings", *, package: str | None = None) -> IntentSpec:
    """Open a Settings page by name ("wifi", "bluetooth", "display"...), or an app's info page."""
    if package is not None:
        if not _PACKAGE.match(package):
            raise InvalidAction(f"{package!r} is not a package name")
        return IntentSpec(
            action="android.settings.APPLICATION_DETAILS_SETTINGS", data="package:" + package
        )
    key = re.sub(r"[\s\-]+", "_", page.strip().lower())
    for suffix in ("_settings", "_page"):
        key = key.removesuffix(suffix)
    key = _SETTINGS_SYNONYMS.get(key, key)
    if key not in SETTINGS_PAGES:
        raise InvalidAction(
            f"unknown settings page {page!r}; known pages: {', '.join(sorted(SETTINGS_PAGES))}"
        )
    return IntentSpec(action=SETTINGS_PAGES[key])


def show_location(query: str) -> IntentSpec:
    """Show a place or address in the maps app (geo: URI with a query)."""
    if not query.strip():
        raise InvalidAction("show_location needs a place or address")
    return IntentSpec(action=ACTION_VIEW, data="geo:0,0?q=" + quote(query, safe=""))


def take_photo() -> IntentSpec:
    """Open the camera app ready to take a still picture."""
    return IntentSpec(action=ACTION_STILL_IMAGE_CAMERA)


def launch_app(package: str, activity: str | None = None) -> IntentSpec:
    """Start an app's launcher activity (explicit when the activity is known)."""
    if not _PACKAGE.match(package):
        raise InvalidAction(f"{package!r} is not a package name")
    if activity:
        component = f"{package}/{activity}"
        return IntentSpec(
            action=ACTION_MAIN, categories=(CATEGORY_LAUNCHER,), component=component
        )
    return IntentSpec(action=ACTION_MAIN, categories=(CATEGORY_LAUNCHER,), package=package)
