"""App-name resolution: "Messages", "the calendar", "texts", "chrom" → an installed package.

People (and models) name apps the way they appear on the home screen, by what they do ("the
camera", "my texts"), or by a brand that varies by phone maker (Google Messages, AOSP Messaging,
Samsung Messages). Real devices often do not expose labels over adb at all, so resolution cannot
rely on labels alone: it combines the labels the device does give, a table of well-known packages
per role, synonyms, package-name segments and typo tolerance.

It is a pure function over the launchable apps the device layer lists, so it is the same on a
phone, an emulator and the virtual device, and testable without any of them. When nothing fits it
raises ``AppNotFound`` naming the nearest installed apps, so the planner can pick one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field

from ..errors import AppNotFound

__all__ = ["InstalledApp", "resolve_app", "near_matches", "WELL_KNOWN_APPS", "APP_SYNONYMS", "normalize_app_name"]

_PACKAGE = re.compile(r"^[A-Za-z][\w]*(\.[A-Za-z_][\w]*)+$")


class InstalledApp(BaseModel):
    """A launchable app as the device layer reports it (label only where the device exposes it)."""

    model_config = ConfigDict(frozen=True)

    package: str = Field(..., min_length=1)
    label: str | None = None
    activity: str | None = Field(None, description="launcher activity, if known")

    def name(self) -> str:
        return self.label or self.package


# Role → packages in order of preference (stock Google, AOSP, then major makers).
WELL_KNOWN_APPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "messages": (
            "com.google.android.apps.messaging",
            "com.android.mms",
            "com.samsung.android.messaging",
            "com.android.messaging",
        ),
        "phone": ("com.google.android.dialer", "com.android.dialer", "com.samsung.android.dialer"),
        "contacts": (
            "com.google.android.contacts",
            "com.android.contacts",
            "com.samsung.android.app.contacts",
        ),
        "camera": (
            "com.google.android.GoogleCamera",
            "com.android.camera2",
            "com.android.camera",
            "com.sec.android.app.camera",
        ),
        "gallery": (
            "com.google.android.apps.photos",
            "com.android.gallery3d",
            "com.sec.android.gallery3d",
            "com.miui.gallery",
        ),
        "clock": ("com.google.android.deskclock", "com.android.deskclock", "com.sec.android.app.clockpackage"),
        "calendar": ("com.google.android.calendar", "com.android.calendar", "com.samsung.android.calendar"),
        "chrome": ("com.android.chrome",),
        "browser": (
            "com.android.chrome",
            "com.sec.android.app.sbrowser",
            "com.android.browser",
            "org.mozilla.firefox",
        ),
        "settings": ("com.android.settings",),
        "files": (
            "com.google.android.apps.nbu.files",
            "com.google.android.documentsui",
            "com.android.documentsui",
            "com.sec.android.app.myfiles",
        ),
        "notes": ("com.google.android.keep", "com.samsung.android.app.notes", "com.miui.notes", "com.android.notes"),
        "gmail": ("com.google.android.gm",),
        "email": ("com.google.android.gm", "com.android.email", "com.samsung.android.email.provider"),
        "maps": ("com.google.android.apps.maps",),
        "youtube": ("com.google.android.youtube",),
        "play store": ("com.android.vending",),
        "calculator": (
            "com.google.android.calculator",
            "com.android.calculator2",
            "com.sec.android.app.popupcalculator",
        ),
        "music": ("com.google.android.apps.youtube.music", "com.android.music", "com.sec.android.app.music"),
        "recorder": ("com.google.android.apps.recorder", "com.android.soundrecorder"),
        "drive": ("com.google.android.apps.docs",),
    }
)

# What people say → the role in WELL_KNOWN_APPS.
APP_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "message": "messages",
        "messaging": "messages",
        "texts": "messages",
        "text": "messages",
        "text messages": "messages",
        "sms": "messages",
        "mms": "messages",
        "dialer": "phone",
        "dialler": "phone",
        "calls": "phone",
        "call": "phone",
        "phone dialer": "phone",
        "people": "contacts",
        "address book": "contacts",
        "contact": "contacts",
        "photos": "gallery",
        "photo": "gallery",
        "pictures": "gallery",
        "picture": "gallery",
        "pics": "gallery",
        "images": "gallery",
        "google photos": "gallery",
        "alarm": "clock",
        "alarms": "clock",
        "timer": "clock",
        "stopwatch": "clock",
        "deskclock": "clock",
        "alarm clock": "clock",
        "agenda": "calendar",
        "schedule": "calendar",
        "google chrome": "chrome",
        "internet": "browser",
        "web": "browser",
        "web browser": "browser",
        "samsung internet": "browser",
        "setting": "settings",
        "preferences": "settings",
        "file manager": "files",
        "file": "files",
        "my files": "files",
        "downloads": "files",
        "documents": "files",
        "keep": "notes",
        "google keep": "notes",
        "keep notes": "notes",
        "note": "notes",
        "memo": "notes",
        "mail": "email",
        "e-mail": "email",
        "inbox": "email",
        "google mail": "gmail",
        "google maps": "maps",
        "map": "maps",
        "navigation": "maps",
        "yt": "youtube",
        "store": "play store",
        "app store": "play store",
        "google play": "play store",
        "play": "play store",
        "market": "play store",
        "calc": "calculator",
        "youtube music": "music",
        "voice recorder": "recorder",
        "sound recorder": "recorder",
        "google drive": "drive",
    }
)

_FILLER_PREFIXES = ("the ", "a ", "an ", "my ", "open ", "launch ", "start ")
_FILLER_SUFFIXES = (" app", " application", " apps")


def normalize_app_name(text: str) -> str:
    """Lower-case, drop articles, "app"/"application" and punctuation: "the Calendar app" → "calendar"."""
    name = re.sub(r"[^\w\s+\-]", " ", text.lower()).replace("_", " ")
    name = re.sub(r"\s+", " ", name).strip()
    changed = True
    while changed:
        changed = False
        for prefix in _FILLER_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name, changed = name[len(prefix) :], True
        for suffix in _FILLER_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name, changed = name[: -len(suffix)], True
    return name.strip()


def _role(name: str) -> str | None:
    if name in WELL_KNOWN_APPS:
        return name
    return APP_SYNONYMS.get(name) or APP_SYNONYMS.get(name.replace("-", " "))


def _package_words(package: str) -> list[str]:
    """Meaningful segments of a package name: com.google.android.deskclock → ["deskclock"]."""
    noise = {"com", "org", "net", "android", "google", "apps", "app", "sec", "samsung", "miui", "provider"}
    return [part.lower() for part in package.split(".") if part.lower() not in noise]


def _rank_key(app: InstalledApp) -> tuple[int, str]:
    """Well-known packages first (in table order), then alphabetical: a stable tie-break."""
    for role_packages in WELL_KNOWN_APPS.values():
        if app.package in role_packages:
            return (role_packages.index(app.package), app.package)
    return (99, app.package)


def _unique(found: list[InstalledApp]) -> InstalledApp | None:
    if not found:
        return None
    return sorted(found, key=_rank_key)[0]


def _by_role(role: str, installed: Sequence[InstalledApp]) -> InstalledApp | None:
    by_package = {app.package: app for app in installed}
    for package in WELL_KNOWN_APPS[role]:
        if package in by_package:
            return by_package[package]
    # A maker's app we do not list: fall back to its label naming the role ("Messages").
    role_names = {role} | {word for word, target in APP_SYNONYMS.items() if target == role}
    return _unique([app for app in installed if app.label and normalize_app_name(app.label) in role_names])


def _choices(installed: Sequence[InstalledApp]) -> dict[str, list[InstalledApp]]:
    """Every name an installed app answers to (label, package words, role names) → apps."""
    names: dict[str, list[InstalledApp]] = {}
    for app in installed:
        keys = set(_package_words(app.package))
        if app.label:
            keys.add(normalize_app_name(app.label))
        for role, packages in WELL_KNOWN_APPS.items():
            if app.package in packages:
                keys.add(role)
                keys.update(word for word, target in APP_SYNONYMS.items() if target == role)
        for key in keys:
            names.setdefault(key, []).append(app)
    return names


def near_matches(query: str, installed: Sequence[InstalledApp], limit: int = 5) -> list[str]:
    """Names of installed apps closest to the query, for error messages and suggestions."""
    name = normalize_app_name(query)
    choices = _choices(installed)
    close = difflib.get_close_matches(name, list(choices), n=limit * 2, cutoff=0.6)
    result: list[str] = []
    for key in close:
        for app in choices[key]:
            label = f"{app.label} ({app.package})" if app.label else app.package
            if label not in result:
                result.append(label)
    return result[:limit]


def _fuzzy(name: str, installed: Sequence[InstalledApp]) -> InstalledApp | None:
    """The app whose closest name is a near-typo of the query, if exactly one app is closest."""
    scored: dict[str, float] = {}
    apps: dict[str, InstalledApp] = {}
    for key, key_apps in _choices(installed).items():
        ratio = difflib.SequenceMatcher(None, name, key).ratio()
        if ratio < 0.8:
            continue
        for app in key_apps:
            if ratio > scored.get(app.package, 0.0):
                scored[app.package], apps[app.package] = ratio, app
    if not scored:
        return None
    best = max(scored.values())
    winners = [apps[p] for p, ratio in scored.items() if ratio == best]
    return winners[0] if len(winners) == 1 else None


def _by_words(name: str, installed: Sequence[InstalledApp]) -> InstalledApp | None:
    """For several words ("simple calendar", "google keep notes"): the one app most words name."""
    words = name.split()
    if len(words) < 2:
        return None
    choices = _choices(installed)
    score: dict[str, int] = {}
    apps: dict[str, InstalledApp] = {}
    for word in words:
        targets = {app.package: app for app in choices.get(word, [])}
        role = _role(word)
        if role is not None and (by_role := _by_role(role, installed)) is not None:
            targets[by_role.package] = by_role
        for package, app in targets.items():
            score[package] = score.get(package, 0) + 1
            apps[package] = app
    if not score:
        return None
    best = max(score.values())
    winners = [apps[p] for p, n in score.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def resolve_app(query: str, installed: Sequence[InstalledApp]) -> InstalledApp:
    """The installed app a human name means; AppNotFound listing near matches when none fits.

    Order: exact package id; exact label; role via the well-known table and synonyms; a
    package-name word ("chrome", "deskclock"); a unique label prefix ("calc" → Calculator); the
    app most words of a longer name point to ("simple calendar"); then a typo-tolerant match. Earlier steps win, so a label the device shows beats a guess.
    """
    raw = query.strip()
    if not raw:
        raise AppNotFound("open_app needs an app name", candidates=[])
    if not installed:
        raise AppNotFound(f"no launchable apps were listed, so {raw!r} cannot be opened", candidates=[])
    by_package = {app.package: app for app in installed}
    if _PACKAGE.match(raw):
        if raw in by_package:
            return by_package[raw]
        near = difflib.get_close_matches(raw, list(by_package), n=5, cutoff=0.6)
        raise AppNotFound(
            f"package {raw!r} is not installed" + (f"; similar: {', '.join(near)}" if near else ""),
            candidates=near,
        )

    name = normalize_app_name(raw)
    if found := _unique([app for app in installed if app.label and normalize_app_name(app.label) == name]):
        return found
    role = _role(name)
    if role is not None and (found := _by_role(role, installed)):
        return found
    if found := _unique([app for app in installed if name in _package_words(app.package)]):
        return found
    if len(name) >= 3:
        prefixed = [app for app in installed if app.label and normalize_app_name(app.label).startswith(name)]
        if len(prefixed) == 1:
            return prefixed[0]
    if found := _by_words(name, installed):
        return found
    if found := _fuzzy(name, installed):
        return found

    near = near_matches(raw, installed)
    if near:
        raise AppNotFound(f"no installed app matches {raw!r}; did you mean {', '.join(near)}?", candidates=near)
    some = [app.name() for app in sorted(installed, key=lambda a: a.name().lower())][:8]
    more = ", ..." if len(installed) > len(some) else ""
    raise AppNotFound(
        f"no installed app matches {raw!r}; installed apps include {', '.join(some)}{more}"
        " (give one of these names or a package id)",
        candidates=[],
    )
