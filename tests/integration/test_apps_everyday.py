"""The everyday apps end to end: uiautomator2 selectors to act, adb (content, dumpsys, ls) to check.

Each test clears the data of the apps it uses first (``pm clear``), so the session device's
other users are not disturbed and no test depends on another.
"""

from __future__ import annotations

import time

import pytest
import uiautomator2 as u2

CONTACTS, DIALER, MESSAGING = "com.android.contacts", "com.android.dialer", "com.android.messaging"
CLOCK, GALLERY, CAMERA, CHROME = "com.android.deskclock", "com.android.gallery3d", "com.android.camera2", "com.android.chrome"
CALENDAR, NOTES, SKETCH = "com.android.calendar", "com.android.notes", "com.droidpilot.sketch"
ALLOW = "com.android.permissioncontroller:id/permission_allow_button"


@pytest.fixture(scope="module")
def d(adb_device):
    return u2.connect(adb_device)


@pytest.fixture
def sh(adb_device):
    def run(*argv: str) -> str:
        return adb_device.shell(list(argv), timeout=20)

    return run


@pytest.fixture(autouse=True)
def clean(sh):
    for pkg in (CONTACTS, DIALER, MESSAGING, CLOCK, GALLERY, CAMERA, CHROME, CALENDAR, SKETCH):
        sh("pm", "clear", pkg)
    sh("rm", "-rf", "/sdcard/DCIM/Camera", "/sdcard/Documents/Notes/Groceries.txt")
    yield
    sh("droidpilot-fault", "popup", "off")
    sh("input", "keyevent", "HOME")


def rid(pkg: str, name: str) -> str:
    return f"{pkg}:id/{name}"


def test_add_a_contact_by_tapping_and_find_it_with_content_query(d, sh):
    d.app_start(CONTACTS, stop=True)
    d(description="Create contact").click(timeout=5)
    d(resourceId=rid(CONTACTS, "name")).set_text("Ada Lovelace")
    d(resourceId=rid(CONTACTS, "phone_0")).set_text("+1 555 0100")
    d(text="Save").click()
    assert d(resourceId=rid(CONTACTS, "large_title"), text="Ada Lovelace").wait(timeout=5)
    out = sh("content", "query", "--uri", "content://com.android.contacts/data", "--projection", "mimetype:data1")
    assert "mimetype=vnd.android.cursor.item/name, data1=Ada Lovelace" in out
    assert "mimetype=vnd.android.cursor.item/phone_v2, data1=+1 555 0100" in out


def test_send_an_sms_from_messages_and_find_it_in_sms_sent(d, sh):
    d.app_start(MESSAGING, stop=True)
    d(description="Start chat").click(timeout=5)
    d(resourceId=rid(MESSAGING, "recipient_text_view")).set_text("5550123")
    d(resourceId=rid(MESSAGING, "send_to_number")).click(timeout=5)
    d(resourceId=rid(MESSAGING, "compose_message_text")).set_text("On my way")
    d(description="Send SMS").click()
    assert d(resourceId=rid(MESSAGING, "message_text"), text="On my way").wait(timeout=5)
    out = sh("content", "query", "--uri", "content://sms/sent", "--projection", "address:body:type")
    assert "address=5550123, body=On my way, type=2" in out


def test_an_alarm_set_through_set_alarm_shows_in_the_clock_list(d, sh):
    sh("am", "start", "-a", "android.intent.action.SET_ALARM", "--ei", "android.intent.extra.alarm.HOUR", "7",
       "--ei", "android.intent.extra.alarm.MINUTES", "30", "--es", "android.intent.extra.alarm.MESSAGE", "Gym")
    assert d(resourceId=rid(CLOCK, "digital_clock"), text="07:30").wait(timeout=5)
    assert d(resourceId=rid(CLOCK, "label"), text="Gym").exists
    dump = sh("dumpsys", "alarm")
    assert "Pending alarms: 1" in dump and "com.android.deskclock" in dump


def test_dial_a_number_from_a_contact(d, sh):
    sh("am", "start", "-a", "android.intent.action.INSERT", "-t", "vnd.android.cursor.dir/contact",
       "--es", "name", "Grace Hopper", "--es", "phone", "5550142")
    d(text="Save").click(timeout=5)
    d(resourceId=rid(CONTACTS, "call_button")).click(timeout=5)
    d(resourceId=ALLOW).click(timeout=5)
    assert d(resourceId=rid(DIALER, "contactgrid_contact_name"), text="Grace Hopper").wait(timeout=5)
    d(description="End call").click()
    out = sh("content", "query", "--uri", "content://call_log/calls", "--projection", "number:type:name")
    assert "number=5550142, type=2, name=Grace Hopper" in out


def test_share_a_photo_from_gallery_to_messages(d, sh):
    d.app_start(CAMERA, stop=True)
    d(resourceId=ALLOW).click(timeout=5)
    d(description="Shutter").click(timeout=5)
    photo = sh("ls", "/sdcard/DCIM/Camera").split()[0]
    assert photo.startswith("IMG_") and photo.endswith(".jpg")
    d.app_start(GALLERY, stop=True)
    d(description=photo).click(timeout=5)
    d(description="Share").click(timeout=5)
    d(resourceId=rid(MESSAGING, "recipient_text_view")).set_text("5550100")
    d(resourceId=rid(MESSAGING, "send_to_number")).click(timeout=5)
    assert d(resourceId=rid(MESSAGING, "attachment_name"), text=photo).wait(timeout=5)
    d(description="Send SMS").click()
    out = sh("content", "query", "--uri", "content://mms/sent", "--projection", "address:attachment")
    assert f"address=5550100, attachment=/sdcard/DCIM/Camera/{photo}" in out


def test_open_a_url_from_an_sms_in_chrome(d, sh):
    sh("content", "insert", "--uri", "content://sms/inbox", "--bind", "thread_id:i:1", "--bind", "address:s:5550100",
       "--bind", "body:s:Read https://en.wikipedia.org/wiki/Mount_Everest", "--bind", f"date:l:{int(time.time() * 1000)}",
       "--bind", "read:i:0")
    d.app_start(MESSAGING, stop=True)
    d(resourceId=rid(MESSAGING, "conversation_name"), text="5550100").click(timeout=5)
    d(resourceId=rid(MESSAGING, "message_link")).click(timeout=5)
    assert d(resourceId="firstHeading", text="Mount Everest").wait(timeout=5)
    assert d.app_current()["package"] == CHROME


def test_a_popup_ad_is_in_the_hierarchy_and_the_screenshot_and_closes_by_touch(d, sh):
    d.app_start(CLOCK, stop=True)
    assert d(resourceId=rid(CLOCK, "toolbar")).wait(timeout=5)
    calm = d.screenshot(format="pillow").tobytes()
    assert "popup: on" in sh("droidpilot-fault", "popup", "on")
    assert d(resourceId=rid(CLOCK, "ad_headline")).wait(timeout=5)
    assert d.screenshot(format="pillow").tobytes() != calm
    d(description="Close ad").click()
    assert d(resourceId=rid(CLOCK, "ad_headline")).wait_gone(timeout=5)


def test_a_note_written_by_touch_is_readable_with_cat(d, sh):
    d.app_start(NOTES, stop=True)
    d(description="New note").click(timeout=5)
    d(resourceId=rid(NOTES, "note_title_edit")).set_text("Groceries")
    d(resourceId=rid(NOTES, "note_body")).set_text("apples, rice")
    d(description="Save").click()
    assert sh("cat", "/sdcard/Documents/Notes/Groceries.txt") == "apples, rice"


def test_an_event_inserted_by_intent_and_saved_by_touch_is_in_the_provider(d, sh):
    begin = 1_798_200_000_000
    sh("am", "start", "-a", "android.intent.action.INSERT", "-t", "vnd.android.cursor.dir/event", "--es", "title", "Dinner",
       "--el", "beginTime", str(begin), "--el", "endTime", str(begin + 3_600_000), "--es", "eventLocation", "Cafe Roma")
    d(resourceId=rid(CALENDAR, "save")).click(timeout=5)
    out = sh("content", "query", "--uri", "content://com.android.calendar/events", "--projection", "title:dtstart:eventLocation")
    assert f"title=Dinner, dtstart={begin}, eventLocation=Cafe Roma" in out


def test_sketch_is_pixels_only_for_uiautomator2(d, sh):
    d.app_start(SKETCH, stop=True)
    surface = d(resourceId=rid(SKETCH, "sketch_surface"))
    assert surface.wait(timeout=5)
    assert surface.info["childCount"] == 0 and surface.info["text"] == ""
    before = d.screenshot(format="pillow").tobytes()
    bounds = surface.info["bounds"]
    d.click(bounds["left"] + 60, bounds["top"] + 60)
    assert d.screenshot(format="pillow").tobytes() != before
