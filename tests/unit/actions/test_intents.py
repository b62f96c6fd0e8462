"""IntentSpec renders to an exact `am start` argv list; the builders fill in what Android expects."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pydantic import ValidationError

from droidpilot.actions import StartIntent, action_adapter
from droidpilot.actions import intent_builders as ib
from droidpilot.actions.intents import IntentExtra, IntentSpec, infer_extra
from droidpilot.errors import InvalidAction


def test_argv_puts_each_part_behind_its_am_flag():
    spec = IntentSpec(
        action="android.intent.action.VIEW",
        data="https://example.com",
        mime_type="text/html",
        categories=("android.intent.category.BROWSABLE", "android.intent.category.DEFAULT"),
        component="com.android.chrome/com.google.android.apps.chrome.Main",
        flags=0x10000000,
        extras=(
            IntentExtra(key="s", type="string", value="hi"),
            IntentExtra(key="i", type="int", value=7),
            IntentExtra(key="b", type="bool", value=True),
            IntentExtra(key="l", type="long", value=1700000000000),
            IntentExtra(key="f", type="float", value=0.5),
            IntentExtra(key="u", type="uri", value="content://x/1"),
            IntentExtra(key="n", type="null"),
        ),
    )
    assert spec.to_am_argv() == [
        "am", "start",
        "-a", "android.intent.action.VIEW",
        "-d", "https://example.com",
        "-t", "text/html",
        "-c", "android.intent.category.BROWSABLE",
        "-c", "android.intent.category.DEFAULT",
        "-n", "com.android.chrome/com.google.android.apps.chrome.Main",
        "-f", "0x10000000",
        "--es", "s", "hi",
        "--ei", "i", "7",
        "--ez", "b", "true",
        "--el", "l", "1700000000000",
        "--ef", "f", "0.5",
        "--eu", "u", "content://x/1",
        "--esn", "n",
    ]  # fmt: skip


def test_hostile_text_stays_one_argv_element():
    body = "ok; rm -rf / && echo $(id) 'quoted' \"double\""
    argv = ib.sms("5551234", body).to_am_argv()
    assert argv[argv.index("sms_body") + 1] == body


def test_string_array_escapes_commas_inside_items():
    extra = IntentExtra(key="k", type="string_array", value=("a,b", "c"))
    assert extra.to_argv() == ["--esa", "k", "a\\,b,c"]


def test_package_without_component_is_the_trailing_positional():
    assert ib.launch_app("com.android.settings").to_am_argv()[-1] == "com.android.settings"


def test_broadcast_verb():
    spec = IntentSpec(action="ADB_KEYBOARD_INPUT_TEXT")
    assert spec.to_am_argv("broadcast")[:2] == ["am", "broadcast"]


@pytest.mark.parametrize(
    "value, kind",
    [("x", "string"), (3, "int"), (2**40, "long"), (True, "bool"), (1.5, "float"), (["a"], "string_array"), (None, "null")],
)
def test_json_values_infer_their_extra_type(value, kind):
    assert infer_extra("k", value).type == kind


@pytest.mark.parametrize(
    "kwargs",
    [
        {"key": "k", "type": "int", "value": 2**40},
        {"key": "k", "type": "int", "value": True},
        {"key": "k", "type": "bool", "value": "yes"},
        {"key": "bad key", "type": "string", "value": "v"},
    ],
)
def test_extra_value_must_match_its_type(kwargs):
    with pytest.raises(ValidationError):
        IntentExtra(**kwargs)


def test_empty_intent_is_refused():
    with pytest.raises(ValidationError, match="needs an action"):
        IntentSpec()


def test_start_intent_action_round_trips_to_the_same_spec_with_types():
    spec = ib.insert_event("Dentist", datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
    action = StartIntent.from_spec(spec)
    again = action_adapter.validate_json(action.model_dump_json())
    assert again.to_spec() == spec


def test_planner_can_spell_an_extra_type_out():
    action = action_adapter.validate_python(
        {"kind": "start_intent", "action": "a.b.C", "extras": {"t": {"type": "long", "value": 3}}}
    )
    assert action.to_spec().to_am_argv()[-3:] == ["--el", "t", "3"]


def test_dial_cleans_punctuation_and_encodes_hash():
    assert ib.dial("+1 (555) 123-4567").data == "tel:+15551234567"
    assert ib.dial("*#06#").data == "tel:*%2306%23"


def test_call_uses_action_call():
    assert ib.call("112").action == "android.intent.action.CALL"


def test_phone_numbers_must_be_numbers():
    with pytest.raises(InvalidAction, match="not a phone number"):
        ib.dial("call mom")


def test_sms_to_several_numbers_with_body():
    spec = ib.sms(["555 1", "555-2"], "late, sorry")
    assert spec.data == "smsto:5551,5552"
    assert spec.extra("sms_body") == "late, sorry"


def test_email_fills_recipients_subject_and_body():
    spec = ib.email("bob@example.com", subject="Hi", body="See you", cc=["c@example.org"])
    assert spec.data == "mailto:bob@example.com"
    assert spec.extra("android.intent.extra.EMAIL") == ("bob@example.com",)
    assert spec.extra("android.intent.extra.CC") == ("c@example.org",)
    assert spec.extra("android.intent.extra.SUBJECT") == "Hi"
    assert spec.extra("android.intent.extra.TEXT") == "See you"


def test_email_refuses_a_non_address():
    with pytest.raises(InvalidAction, match="not an email address"):
        ib.email("bob")


def test_view_url_adds_https_to_bare_domains_and_refuses_javascript():
    assert ib.view_url("example.com/a").data == "https://example.com/a"
    assert ib.view_url("localhost:8080").data == "https://localhost:8080"
    assert ib.view_url("http://x.org").data == "http://x.org"
    with pytest.raises(InvalidAction):
        ib.view_url("javascript:alert(1)")


def test_web_search_puts_query_in_extra():
    assert ib.web_search("weather paris").extra("query") == "weather paris"


def test_set_alarm_uses_alarm_clock_extras():
    argv = ib.set_alarm(7, 30, "Gym").to_am_argv()
    assert argv[:4] == ["am", "start", "-a", "android.intent.action.SET_ALARM"]
    assert ["--ei", "android.intent.extra.alarm.HOUR", "7"] == argv[4:7]
    assert ["--ei", "android.intent.extra.alarm.MINUTES", "30"] == argv[7:10]
    assert ["--es", "android.intent.extra.alarm.MESSAGE", "Gym"] == argv[-3:]


def test_set_alarm_refuses_impossible_times():
    with pytest.raises(InvalidAction, match="hour 0-23"):
        ib.set_alarm(25, 0)


def test_set_timer_length_in_seconds():
    spec = ib.set_timer(300)
    assert spec.extra("android.intent.extra.alarm.LENGTH") == 300
    with pytest.raises(InvalidAction):
        ib.set_timer(0)


def test_insert_contact_prefills_editor():
    spec = ib.insert_contact("Alice", phone="555 0101", email_address="a@x.io")
    assert spec.mime_type == "vnd.android.cursor.dir/contact"
    assert (spec.extra("name"), spec.extra("phone"), spec.extra("email")) == ("Alice", "5550101", "a@x.io")


def test_insert_event_times_are_epoch_millis_longs():
    begin = datetime(2026, 1, 2, 10, 0, tzinfo=timezone.utc)
    end = datetime(2026, 1, 2, 11, 0, tzinfo=timezone.utc)
    spec = ib.insert_event("Standup", begin, end, location="Room 1")
    argv = spec.to_am_argv()
    assert ["--el", "beginTime", str(int(begin.timestamp() * 1000))] == argv[argv.index("beginTime") - 1 : argv.index("beginTime") + 2]
    assert spec.extra("endTime") - spec.extra("beginTime") == 3_600_000
    with pytest.raises(InvalidAction):
        ib.insert_event("x", end, begin)


def test_share_text_is_send_text_plain():
    spec = ib.share_text("hello")
    assert (spec.action, spec.mime_type, spec.extra("android.intent.extra.TEXT")) == (
        "android.intent.action.SEND",
        "text/plain",
        "hello",
    )


@pytest.mark.parametrize(
    "page, action",
    [
        ("wifi", "android.settings.WIFI_SETTINGS"),
        ("Wi-Fi", "android.settings.WIFI_SETTINGS"),
        ("bluetooth settings", "android.settings.BLUETOOTH_SETTINGS"),
        ("airplane mode", "android.settings.AIRPLANE_MODE_SETTINGS"),
        ("settings", "android.settings.SETTINGS"),
    ],
)
def test_open_settings_by_spoken_name(page, action):
    assert ib.open_settings(page).action == action


def test_open_settings_for_an_app_uses_package_uri():
    spec = ib.open_settings(package="com.example.app")
    assert spec.data == "package:com.example.app"


def test_unknown_settings_page_lists_known_pages():
    with pytest.raises(InvalidAction, match="known pages: .*wifi"):
        ib.open_settings("teleporter")


def test_show_location_encodes_query():
    assert ib.show_location("1 Main St, Springfield").data == "geo:0,0?q=1%20Main%20St%2C%20Springfield"


def test_launch_app_with_activity_is_explicit():
    spec = ib.launch_app("com.android.settings", ".Settings")
    assert spec.component == "com.android.settings/.Settings"
    assert spec.categories == ("android.intent.category.LAUNCHER",)
