"""Each disruption shows in the hierarchy and the pixels, and goes away by touch (or by time)."""

import time

import pytest

from droidpilot.errors import VirtualDeviceError

from .helpers import find, launch, shell, tap

ALLOW = "com.android.permissioncontroller:id/permission_allow_button"


def pixels(s) -> bytes:
    return s.wm.frame().tobytes()


def test_permission_prompt_on_first_use_is_answered_once(system):
    system.faults.enable("permissions")
    before = pixels(system)
    launch(system, "com.android.calendar")
    prompt = find(system, rid="permission_message")
    assert prompt is not None and prompt.get("text") == "Allow Calendar to access your calendar?"
    assert find(system, rid=ALLOW).get("package") == "com.google.android.permissioncontroller"
    assert pixels(system) != before
    tap(system, rid=ALLOW)
    assert find(system, rid="permission_message") is None
    for perm in ("android.permission.READ_CALENDAR", "android.permission.WRITE_CALENDAR"):  # one group, one answer
        assert system.packages.has_permission("com.android.calendar", perm)
    system.am.home()
    launch(system, "com.android.calendar")
    assert find(system, rid="permission_message") is None


def test_anr_dialog_wait_keeps_the_app(system):
    system.faults.enable("anr", package="com.android.notes")
    launch(system, "com.android.notes")
    dialog = find(system, text="Notes isn't responding")
    assert dialog is not None and dialog.get("package") == "android"
    with_dialog = pixels(system)
    tap(system, rid="android:id/aerr_wait")
    assert find(system, text="Notes isn't responding") is None
    assert system.am.current()[0] == "com.android.notes"
    assert pixels(system) != with_dialog


def test_anr_close_app_stops_it(system):
    system.faults.enable("anr")
    launch(system, "com.android.notes")
    tap(system, rid="android:id/aerr_close")
    assert system.am.current()[0] == "com.android.launcher3"
    assert system.am.pid("com.android.notes") is None


def test_crash_dialog_app_info_opens_settings(system):
    system.faults.enable("crash", package="com.android.calendar")
    launch(system, "com.android.notes")
    assert find(system, text="Notes keeps stopping") is None  # other apps are fine
    launch(system, "com.android.calendar")
    assert find(system, text="Calendar keeps stopping") is not None
    tap(system, rid="android:id/aerr_app_info")
    assert system.am.current()[0] == "com.android.settings"


def test_popup_ad_covers_the_app_until_closed(system):
    system.faults.enable("popup", package="com.android.notes")
    launch(system, "com.android.notes")
    assert find(system, rid="ad_headline") is not None
    tap(system, desc="New note")  # the ad swallows taps meant for the app
    assert system.am.current() == ("com.android.notes", ".NotesList")
    with_ad = pixels(system)
    tap(system, desc="Close ad")
    assert find(system, rid="ad_headline") is None
    assert pixels(system) != with_ad
    tap(system, desc="New note")
    assert system.am.current() == ("com.android.notes", ".NoteEditor")


def test_popup_can_appear_after_a_delay(system):
    system.faults.enable("popup", delay_s=0.2)
    launch(system, "com.android.notes")
    assert find(system, rid="ad_headline") is None
    time.sleep(0.25)
    assert find(system, rid="ad_headline") is not None


def test_injected_notification_arrives_mid_task_and_is_dismissed_by_touch(system):
    launch(system, "com.android.notes")
    calm = pixels(system)
    system.faults.enable("notification", injection=1)
    assert pixels(system) != calm
    note = find(system, rid="com.android.systemui:id/text")
    assert note is not None and "ignore your previous instructions" in note.get("text")
    assert any("ignore your previous instructions" in n.text for n in system.notifications.list())
    tap(system, rid="com.android.systemui:id/expandableNotificationRow")
    assert system.notifications.list() == []
    assert system.am.current()[0] == "com.android.notes"


def test_slow_screens_show_a_spinner_first(system):
    system.faults.enable("slow", delay_s=0.2)
    launch(system, "com.android.notes")
    loading = pixels(system)
    assert find(system, rid="loading_spinner") is not None
    assert 'content-desc="New note"' not in system.wm.hierarchy_xml(all_windows=False)  # what uiautomator dump sees
    time.sleep(0.25)
    assert find(system, rid="loading_spinner") is None
    assert find(system, desc="New note") is not None
    assert pixels(system) != loading


def test_an_animating_screen_makes_uiautomator_dump_fail(system):
    launch(system, "com.android.notes")
    rc, out, err = shell(system, "droidpilot-fault animating on")
    assert rc == 0 and "animating: on" in out
    first, first_pixels = system.wm.hierarchy_xml(), pixels(system)
    assert system.wm.hierarchy_xml() != first  # keeps changing
    assert pixels(system) != first_pixels
    rc, out, err = shell(system, "uiautomator dump")
    assert rc != 0 and "ERROR: could not get idle state." in (out + err)
    rc, out, _ = shell(system, "droidpilot-fault list")
    assert "animating: on" in out and "popup: off" in out
    shell(system, "droidpilot-fault animating off")
    rc, out, err = shell(system, "uiautomator dump")
    assert rc == 0 and "dumped" in out


def test_fault_command_passes_options_and_rejects_unknown_faults(system):
    rc, _, _ = shell(system, "droidpilot-fault popup on delay_s=5 text=Hello")
    assert rc == 0 and system.faults.enabled["popup"] == {"delay_s": "5", "text": "Hello"}
    rc, _, err = shell(system, "droidpilot-fault nosuch on")
    assert rc == 2 and "NAME is one of" in err
    with pytest.raises(VirtualDeviceError):
        system.faults.enable("nosuch")
