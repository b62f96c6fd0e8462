"""Calendar: events by touch and by ACTION_INSERT, in content://com.android.calendar/events."""

import datetime as dt

from .helpers import find, launch, query, scroll_to, start, tap, type_into

EVENTS = "content://com.android.calendar/events"


def test_creating_an_event_by_touch(system):
    launch(system, "com.android.calendar")
    tap(system, desc="Create new event")
    type_into(system, "Dentist", rid="title")
    type_into(system, "12 Harbour St", rid="location")
    tap(system, rid="start_date")
    start_date = find(system, rid="start_date").get("text")
    tap(system, text="Save")
    rows = query(system, EVENTS)
    assert [(r["title"], r["eventLocation"], r["allDay"], r["deleted"]) for r in rows] == [("Dentist", "12 Harbour St", 0, 0)]
    start = dt.datetime.fromtimestamp(rows[0]["dtstart"] / 1000)
    assert start.strftime("%Y-%m-%d") == start_date and start.hour == 9
    assert rows[0]["dtend"] - rows[0]["dtstart"] == 3_600_000
    assert find(system, rid="title", text="Dentist") is not None  # in the day's agenda


def test_insert_intent_with_calendar_contract_extras(system):
    begin = int(dt.datetime(2026, 12, 24, 18, 0).timestamp() * 1000)
    start(system, action="android.intent.action.INSERT", mime_type="vnd.android.cursor.dir/event",
          extras={"title": "Dinner", "beginTime": begin, "endTime": begin + 7_200_000, "eventLocation": "Mum's",
                  "description": "Bring dessert"})
    assert find(system, rid="title", text="Dinner") is not None
    assert find(system, rid="start_time", text="18:00") is not None
    tap(system, text="Save")
    row = query(system, EVENTS)[0]
    assert (row["dtstart"], row["dtend"], row["description"]) == (begin, begin + 7_200_000, "Bring dessert")


def test_all_day_event_is_stored_at_utc_midnight(system):
    launch(system, "com.android.calendar")
    tap(system, desc="Create new event")
    type_into(system, "Holiday", rid="title")
    tap(system, text="All-day")
    tap(system, rid="start_date")
    system.input.clear_text()
    system.input.text("2026-12-25")
    tap(system, rid="end_date")
    system.input.clear_text()
    system.input.text("2026-12-25")
    tap(system, text="Save")
    row = query(system, EVENTS)[0]
    assert row["allDay"] == 1
    assert row["dtstart"] == int(dt.datetime(2026, 12, 25, tzinfo=dt.timezone.utc).timestamp() * 1000)
    assert row["dtend"] - row["dtstart"] == 86_400_000


def test_view_edit_and_delete_an_event(system):
    begin = int(dt.datetime(2026, 12, 1, 10, 0).timestamp() * 1000)
    uri = system.providers.get("com.android.calendar").insert(EVENTS, {
        "calendar_id": 1, "title": "Standup", "description": "", "eventLocation": "", "dtstart": begin,
        "dtend": begin + 900_000, "allDay": 0, "eventTimezone": "UTC", "deleted": 0})
    event_id = uri.rsplit("/", 1)[1]
    start(system, action="android.intent.action.VIEW", data=f"{EVENTS}/{event_id}")
    assert system.am.current()[0] == "com.android.calendar"
    assert find(system, rid="title", text="Standup") is not None
    tap(system, desc="Edit event")
    tap(system, rid="title")
    system.input.text(" (moved)")
    tap(system, text="Save")
    assert query(system, EVENTS)[0]["title"] == "Standup (moved)"
    tap(system, desc="Delete event")
    tap(system, text="Delete")
    assert query(system, EVENTS) == []


def test_month_view_selects_a_day(system):
    launch(system, "com.android.calendar")
    today = dt.date.fromtimestamp(system.now())
    other = today.replace(day=2 if today.day != 2 else 3)
    tap(system, rid=f"day_{other.isoformat()}")
    assert find(system, rid="day_title", text=other.strftime("%A, %B %-d")) is not None


def test_day_view_shows_events_at_their_hour(system):
    today = dt.date.fromtimestamp(system.now())
    begin = int(dt.datetime.combine(today, dt.time(14, 0)).timestamp() * 1000)
    system.providers.get("com.android.calendar").insert(EVENTS, {
        "calendar_id": 1, "title": "Haircut", "description": "", "eventLocation": "", "dtstart": begin,
        "dtend": begin + 1_800_000, "allDay": 0, "eventTimezone": "UTC", "deleted": 0})
    launch(system, "com.android.calendar")
    tap(system, desc="Day view")
    scroll_to(system, rid="event_chip")
    assert find(system, rid="event_chip").get("text").startswith("Haircut")
    tap(system, rid="event_chip")
    assert find(system, rid="title", text="Haircut") is not None
