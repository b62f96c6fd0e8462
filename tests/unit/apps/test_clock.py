"""Clock: alarms by touch and by SET_ALARM, readable in alarms.json and dumpsys alarm."""

import json

from droidpilot.emulator.virtual.system.core import System

from .helpers import find, find_all, launch, start, tap

ALARMS = "/data/data/com.android.deskclock/files/alarms.json"
EXTRA = "android.intent.extra.alarm."


def alarms(s) -> list[dict]:
    return json.loads(s.fs.read(ALARMS)) if s.fs.exists(ALARMS) else []


def test_set_alarm_intent_creates_an_enabled_alarm_shown_in_the_list(system):
    start(system, action="android.intent.action.SET_ALARM",
          extras={EXTRA + "HOUR": 7, EXTRA + "MINUTES": 30, EXTRA + "MESSAGE": "Gym", EXTRA + "DAYS": [2, 4, 6]})
    assert [(a["hour"], a["minutes"], a["label"], a["days"], a["enabled"]) for a in alarms(system)] == [(7, 30, "Gym", [2, 4, 6], True)]
    assert system.am.current() == ("com.android.deskclock", ".DeskClock")
    assert find(system, rid="digital_clock", text="07:30") is not None
    assert find(system, rid="days_of_week", text="Mon, Wed, Fri") is not None
    dump = system.dump_alarms()
    assert "Pending alarms: 1" in dump and "RTC_WAKEUP #0" in dump and "com.android.deskclock" in dump


def test_skip_ui_sets_the_alarm_without_opening_clock(system):
    launch(system, "com.android.notes")
    start(system, action="android.intent.action.SET_ALARM", extras={EXTRA + "HOUR": 6, EXTRA + "MINUTES": 5, EXTRA + "SKIP_UI": True})
    assert alarms(system)[0]["hour"] == 6
    assert system.am.current()[0] == "com.android.notes"


def test_adding_an_alarm_by_touch_with_the_time_picker(system):
    launch(system, "com.android.deskclock")
    tap(system, desc="Add alarm")
    tap(system, rid="input_hour")
    for _ in range(len(find(system, rid="input_hour").get("text"))):
        system.input.key(67)  # KEYCODE_DEL
    system.input.text("9")
    tap(system, desc="Increase minute")
    tap(system, text="OK")
    assert [(a["hour"], a["minutes"]) for a in alarms(system)] == [(9, 1)]
    assert find(system, rid="digital_clock", text="09:01") is not None


def test_switching_an_alarm_off_removes_it_from_dumpsys(system):
    start(system, action="android.intent.action.SET_ALARM", extras={EXTRA + "HOUR": 8, EXTRA + "MINUTES": 0})
    tap(system, rid="onoff")
    assert alarms(system)[0]["enabled"] is False
    assert "Pending alarms: 0" in system.dump_alarms()


def test_repeat_days_label_and_delete(system):
    start(system, action="android.intent.action.SET_ALARM", extras={EXTRA + "HOUR": 8, EXTRA + "MINUTES": 0})
    tap(system, desc="Sat")
    tap(system, desc="Sun")
    assert alarms(system)[0]["days"] == [1, 7]
    tap(system, rid="edit_label")
    system.input.text("Weekend run")
    tap(system, text="OK")
    assert alarms(system)[0]["label"] == "Weekend run"
    tap(system, rid="delete")
    assert alarms(system) == [] and find_all(system, rid="digital_clock") == []


def test_set_timer_and_the_stopwatch(system):
    start(system, action="android.intent.action.SET_TIMER", extras={EXTRA + "LENGTH": 90, EXTRA + "MESSAGE": "Tea"})
    assert find(system, rid="timer_label", text="Tea") is not None
    assert find(system, rid="timer_text").get("text") in ("01:30", "01:29")
    tap(system, text="Stopwatch")
    tap(system, rid="fab")
    state = json.loads(system.fs.read("/data/data/com.android.deskclock/files/stopwatch.json"))
    assert state["started_ms"] is not None


def test_alarms_survive_a_restart(tmp_path):
    s = System(state_dir=tmp_path)
    start(s, action="android.intent.action.SET_ALARM", extras={EXTRA + "HOUR": 7, EXTRA + "MINUTES": 15})
    again = System(state_dir=tmp_path)
    assert "Pending alarms: 1" in again.dump_alarms()
    launch(again, "com.android.deskclock")
    assert find(again, rid="digital_clock", text="07:15") is not None


def test_an_alarm_rings_over_another_app_and_is_dismissed_by_touch(system):
    import datetime as dt

    soon = dt.datetime.fromtimestamp(system.now()) + dt.timedelta(minutes=2)
    start(system, action="android.intent.action.SET_ALARM",
          extras={EXTRA + "HOUR": soon.hour, EXTRA + "MINUTES": soon.minute, EXTRA + "MESSAGE": "Stand up", EXTRA + "SKIP_UI": True})
    launch(system, "com.android.notes")
    system.clock_offset += 180  # three minutes later
    assert find(system, rid="alarm_label", text="Stand up") is not None
    assert system.am.current() == ("com.android.deskclock", ".alarms.AlarmActivity")
    tap(system, text="Dismiss")
    assert system.am.current()[0] == "com.android.notes"
    assert alarms(system)[0]["enabled"] is False  # a one-time alarm is spent


def test_snooze_rings_again_ten_minutes_later(system):
    import datetime as dt

    soon = dt.datetime.fromtimestamp(system.now()) + dt.timedelta(minutes=2)
    start(system, action="android.intent.action.SET_ALARM",
          extras={EXTRA + "HOUR": soon.hour, EXTRA + "MINUTES": soon.minute, EXTRA + "SKIP_UI": True})
    system.clock_offset += 180
    tap(system, text="Snooze")
    assert find(system, rid="alarm_alert") is None
    system.clock_offset += 11 * 60
    assert find(system, rid="alarm_alert") is not None


def test_a_finished_timer_posts_times_up(system):
    start(system, action="android.intent.action.SET_TIMER", extras={EXTRA + "LENGTH": 5, EXTRA + "SKIP_UI": True})
    system.clock_offset += 10
    system.wm.hierarchy_xml()
    assert [n.title for n in system.notifications.list()] == ["Time's up"]
