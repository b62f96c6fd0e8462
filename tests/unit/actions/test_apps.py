"""resolve_app turns what a person calls an app into an installed package, on any device."""

from __future__ import annotations

import pytest

from droidpilot.actions.apps import InstalledApp, normalize_app_name, resolve_app
from droidpilot.errors import AppNotFound

PIXEL = [
    InstalledApp(package=package, label=label)
    for package, label in [
        ("com.google.android.apps.messaging", "Messages"),
        ("com.google.android.dialer", "Phone"),
        ("com.google.android.contacts", "Contacts"),
        ("com.android.chrome", "Chrome"),
        ("com.google.android.deskclock", "Clock"),
        ("com.google.android.calendar", "Calendar"),
        ("com.android.settings", "Settings"),
        ("com.google.android.calculator", "Calculator"),
        ("com.android.camera2", "Camera"),
        ("com.google.android.apps.photos", "Photos"),
        ("com.google.android.gm", "Gmail"),
        ("com.android.vending", "Play Store"),
        ("com.spotify.music", "Spotify"),
        ("com.example.todo", "Todo List"),
    ]
]
# Many real phones list launcher packages without labels over adb.
PIXEL_NO_LABELS = [InstalledApp(package=app.package) for app in PIXEL]

SAMSUNG = [
    InstalledApp(package="com.samsung.android.messaging"),
    InstalledApp(package="com.samsung.android.dialer"),
    InstalledApp(package="com.sec.android.gallery3d"),
    InstalledApp(package="com.sec.android.app.clockpackage"),
    InstalledApp(package="com.sec.android.app.sbrowser"),
    InstalledApp(package="com.android.settings"),
]


@pytest.mark.parametrize("installed", [PIXEL, PIXEL_NO_LABELS], ids=["labels", "no-labels"])
@pytest.mark.parametrize(
    "query, package",
    [
        ("Messages", "com.google.android.apps.messaging"),
        ("texts", "com.google.android.apps.messaging"),
        ("SMS", "com.google.android.apps.messaging"),
        ("the calendar", "com.google.android.calendar"),
        ("Calendar app", "com.google.android.calendar"),
        ("camera", "com.android.camera2"),
        ("the dialer", "com.google.android.dialer"),
        ("pictures", "com.google.android.apps.photos"),
        ("alarm", "com.google.android.deskclock"),
        ("browser", "com.android.chrome"),
        ("mail", "com.google.android.gm"),
        ("play store", "com.android.vending"),
        ("Spotify", "com.spotify.music"),
        ("com.android.settings", "com.android.settings"),
    ],
)
def test_common_names_resolve_with_or_without_labels(installed, query, package):
    assert resolve_app(query, installed).package == package


@pytest.mark.parametrize(
    "query, package",
    [
        ("Messages", "com.samsung.android.messaging"),
        ("phone", "com.samsung.android.dialer"),
        ("gallery", "com.sec.android.gallery3d"),
        ("clock", "com.sec.android.app.clockpackage"),
        ("internet", "com.sec.android.app.sbrowser"),
    ],
)
def test_maker_packages_are_known(query, package):
    assert resolve_app(query, SAMSUNG).package == package


@pytest.mark.parametrize("typo, package", [("calender", "com.google.android.calendar"), ("Spotfy", "com.spotify.music"), ("Mesages", "com.google.android.apps.messaging")])
def test_typos_are_tolerated(typo, package):
    assert resolve_app(typo, PIXEL).package == package


def test_unique_label_prefix_resolves():
    assert resolve_app("calc", PIXEL).package == "com.google.android.calculator"
    assert resolve_app("Todo", PIXEL).package == "com.example.todo"


def test_label_on_the_device_beats_the_table():
    installed = [*PIXEL, InstalledApp(package="org.fossify.messages", label="Texts")]
    assert resolve_app("texts", installed).package == "org.fossify.messages"


def test_unlisted_maker_app_found_by_role_label():
    installed = [InstalledApp(package="com.oneplus.mms", label="Messages"), *SAMSUNG[1:]]
    assert resolve_app("sms", installed).package == "com.oneplus.mms"


def test_launcher_activity_is_kept():
    installed = [InstalledApp(package="com.android.settings", label="Settings", activity=".Settings")]
    assert resolve_app("settings", installed).activity == ".Settings"


def test_nothing_fits_lists_near_matches():
    with pytest.raises(AppNotFound) as info:
        resolve_app("Calculus", PIXEL)
    assert "Calculator (com.google.android.calculator)" in str(info.value)
    assert "Calculator (com.google.android.calculator)" in info.value.candidates


def test_nothing_near_lists_some_installed_apps():
    with pytest.raises(AppNotFound, match="installed apps include .*Calculator"):
        resolve_app("weather", PIXEL)


def test_missing_package_id_says_so():
    with pytest.raises(AppNotFound, match="'com.whatsapp' is not installed"):
        resolve_app("com.whatsapp", PIXEL)


def test_app_absent_from_the_device_is_not_invented():
    with pytest.raises(AppNotFound):
        resolve_app("YouTube", SAMSUNG)


def test_empty_inputs_are_refused():
    with pytest.raises(AppNotFound):
        resolve_app("  ", PIXEL)
    with pytest.raises(AppNotFound, match="no launchable apps"):
        resolve_app("Settings", [])


@pytest.mark.parametrize(
    "text, name",
    [("the Calendar app", "calendar"), ("My Files", "files"), ("open the camera!", "camera"), ("Play Store", "play store")],
)
def test_normalize_app_name(text, name):
    assert normalize_app_name(text) == name


# The built-in virtual device's apps, listed the way `cmd package query-activities` gives them (no labels).
VIRTUAL = [
    InstalledApp(package=p, activity=".Main")
    for p in [
        "com.android.calendar", "com.android.camera2", "com.android.chrome", "com.android.contacts",
        "com.android.deskclock", "com.android.dialer", "com.android.documentsui", "com.android.gallery3d",
        "com.android.messaging", "com.android.notes", "com.android.settings", "com.droidpilot.sketch",
    ]
]  # fmt: skip


@pytest.mark.parametrize(
    "query, package",
    [
        ("Messages", "com.android.messaging"),
        ("my texts", "com.android.messaging"),
        ("the calendar", "com.android.calendar"),
        ("notes", "com.android.notes"),
        ("Keep", "com.android.notes"),
        ("file manager", "com.android.documentsui"),
        ("pictures", "com.android.gallery3d"),
        ("the sketch app", "com.droidpilot.sketch"),
        ("timer", "com.android.deskclock"),
        ("web browser", "com.android.chrome"),
        ("Contacts", "com.android.contacts"),
    ],
)
def test_virtual_device_apps_resolve_without_labels(query, package):
    assert resolve_app(query, VIRTUAL).package == package


def test_several_words_pick_the_app_most_of_them_name():
    installed = [*VIRTUAL[1:], InstalledApp(package="com.simplemobiletools.calendar.pro")]
    assert resolve_app("simple calendar", installed).package == "com.simplemobiletools.calendar.pro"
