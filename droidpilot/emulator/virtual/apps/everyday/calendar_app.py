"""Calendar (com.android.calendar): month and day views, event details, create and edit.

Events live in the provider ``com.android.calendar`` (``content://com.android.calendar/events``:
``_id, calendar_id, title, description, eventLocation, dtstart, dtend, allDay, eventTimezone,
deleted``; times in UTC milliseconds, as CalendarContract stores them). ACTION_INSERT (type
``vnd.android.cursor.dir/event`` or data ``content://com.android.calendar/events``) takes the
CalendarContract extras ``title``, ``beginTime``, ``endTime``, ``eventLocation``, ``allDay``,
``description``; ACTION_VIEW ``content://com.android.calendar/events/N`` opens the event.
"""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import time

from ...system.intents import ACTION_EDIT, ACTION_INSERT, ACTION_VIEW, Intent
from ...system.providers import Provider, Table
from ...ui.composite import DialogContent, ListItem, Toolbar
from ...ui.geometry import MATCH, dp_to_px
from ...ui.scroll import List, ScrollView
from ...ui.views import Column, Row
from ...ui.widgets import Button, Edit, Switch, Text
from .base import EverydayApp, Screen, action_filter, fab, forward_foreign_view, page, with_fab

PKG = "com.android.calendar"
AUTHORITY = "com.android.calendar"
EVENTS = f"content://{AUTHORITY}/events"
DAY_MS = 86_400_000
SEP = " \u00b7 "


def calendar_provider(system, package: str) -> Provider:
    return Provider(system, AUTHORITY, package, tables=[
        Table("events", [("_id", "INTEGER"), ("calendar_id", "INTEGER"), ("title", "TEXT"), ("description", "TEXT"),
                         ("eventLocation", "TEXT"), ("dtstart", "INTEGER"), ("dtend", "INTEGER"), ("allDay", "INTEGER"),
                         ("eventTimezone", "TEXT"), ("deleted", "INTEGER")], ["events"], default_sort="dtstart"),
        Table("calendars", [("_id", "INTEGER"), ("name", "TEXT"), ("calendar_displayName", "TEXT"), ("account_name", "TEXT"),
                            ("account_type", "TEXT"), ("visible", "INTEGER")], ["calendars"]),
    ])


def local_tz_name() -> str:
    return time.tzname[0] if time.tzname and time.tzname[0] else "UTC"


def ms_to_local(ms: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000)


def local_to_ms(d: dt.datetime) -> int:
    return int(d.timestamp() * 1000)


def events_between(system, start_ms: int, end_ms: int) -> list[dict]:
    return system.providers.get(AUTHORITY).rows(
        "events", "COALESCE(deleted, 0) = 0 AND dtstart < ? AND COALESCE(dtend, dtstart) >= ?", [end_ms, start_ms], order="allDay DESC, dtstart")


def event_when(e: dict) -> str:
    start = ms_to_local(int(e["dtstart"]))
    if e["allDay"]:
        return start.strftime("%a, %b %-d") + " \u00b7 All day"
    end = ms_to_local(int(e["dtend"] or e["dtstart"]))
    return f"{start.strftime('%a, %b %-d')} \u00b7 {start.strftime('%H:%M')} \u2013 {end.strftime('%H:%M')}"


class AllInOneActivity(Screen):
    """Month view (a grid; tap a day to see its agenda) and day view (the day hour by hour)."""

    def on_create(self) -> None:
        today = ms_to_local(self.now_ms()).date()
        self.day = today
        self.month = today.replace(day=1)
        self.mode = getattr(self, "mode", "month")

    def view_switch(self):
        return Row(*[Text(label, id=f"view_{key}", desc=f"{label} view", selected=self.mode == key, weight=1, gravity="center",
                          padding=10, clickable=True, bold=self.mode == key,
                          color="primary" if self.mode == key else "on_surface_variant",
                          on_click=lambda k=key: self.set_mode(k)) for key, label in (("month", "Month"), ("day", "Day"))],
                   id="view_switcher", width=MATCH)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        if mode == "day":
            self.scroll_day_to_first_event()

    def scroll_day_to_first_event(self) -> None:
        """Open the day at its first timed event (or 08:00), as calendar apps do."""
        day_start = dt.datetime.combine(self.day, dt.time())
        timed = [e for e in events_between(self.system, local_to_ms(day_start), local_to_ms(day_start) + DAY_MS - 1)
                 if not e["allDay"]]
        hour = min((ms_to_local(int(e["dtstart"])).hour for e in timed), default=8)
        if timed and ms_to_local(int(timed[0]["dtstart"])).date() != self.day:
            hour = 0
        row_px = dp_to_px(64, self.system.wm.density)
        self.ui_state["scroll:day_view"] = max(0, hour - 1) * row_px

    def build(self):
        if self.mode == "day":
            return self.build_day()
        return self.build_month()

    def build_day(self):
        day_start = dt.datetime.combine(self.day, dt.time())
        events = events_between(self.system, local_to_ms(day_start), local_to_ms(day_start) + DAY_MS - 1)
        all_day = [e for e in events if e["allDay"]]
        by_hour: dict[int, list[dict]] = {}
        for e in events:
            if not e["allDay"]:
                start = ms_to_local(int(e["dtstart"]))
                by_hour.setdefault(start.hour if start.date() == self.day else 0, []).append(e)

        def chip(e: dict):
            when = event_when(e).split(SEP)[-1]
            return Text(f"{e['title'] or '(No title)'}  {when}", id="event_chip", max_lines=1,
                        background="primary_container", color="on_primary_container", radius=8, padding=(8, 4),
                        margin=(0, 2), width=MATCH, clickable=True,
                        on_click=lambda eid=e["_id"]: self.open(".EventInfoActivity", event_id=eid))

        def hour_row(h: int):
            return Row(Text(f"{h:02d}:00", id="hour_label", width=56, text_size=12, color="on_surface_variant"),
                       Column(*[chip(e) for e in by_hour.get(h, [])], weight=1, width=0),
                       width=MATCH, padding=(8, 4), min_height=56)

        body = page(
            Toolbar(self.day.strftime("%a, %b %-d, %Y"), nav=None, id="toolbar", actions=[
                ("back", "Previous day", lambda: self.step_day(-1)), ("send", "Next day", lambda: self.step_day(1)),
                ("calendar", "Today", self.today),
            ]),
            self.view_switch(),
            Column(*[chip(e) for e in all_day], id="all_day_events", width=MATCH, padding=(64, 0, 8, 0)) if all_day else None,
            List(count=24, row=hour_row, row_height=64, id="day_view", width=MATCH, weight=1),
        )
        return with_fab(body, fab("add", "Create new event", self.create, id="floating_action_button"))

    def step_day(self, days: int) -> None:
        self.pick(self.day + dt.timedelta(days=days))
        self.scroll_day_to_first_event()

    def build_month(self):
        month_start = dt.datetime.combine(self.month, dt.time())
        next_month = (self.month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        events = events_between(self.system, local_to_ms(month_start), local_to_ms(dt.datetime.combine(next_month, dt.time())))
        busy = {ms_to_local(int(e["dtstart"])).date() for e in events}
        weeks = pycal.Calendar(firstweekday=6).monthdatescalendar(self.month.year, self.month.month)
        grid = [Row(*[Text(d, weight=1, gravity="center", text_size=12, color="on_surface_variant") for d in "SMTWTFS"],
                    width=MATCH)]
        for week in weeks:
            cells = []
            for d in week:
                selected = d == self.day
                cells.append(Column(
                    Text(str(d.day), text_size=15, bold=selected, color="on_primary" if selected else (
                        "on_surface" if d.month == self.month.month else "disabled")),
                    Text("\u2022" if d in busy else " ", text_size=10, color="on_primary" if selected else "primary"),
                    id=f"day_{d.isoformat()}", desc=d.strftime("%A, %B %-d") + (", has events" if d in busy else ""),
                    weight=1, gravity="center", padding=4, radius=18, background="primary" if selected else None,
                    clickable=True, selected=selected, on_click=lambda d=d: self.pick(d),
                ))
            grid.append(Row(*cells, width=MATCH))
        day_start = dt.datetime.combine(self.day, dt.time())
        todays = events_between(self.system, local_to_ms(day_start), local_to_ms(day_start) + DAY_MS - 1)
        agenda = [ListItem(e["title"] or "(No title)", subtitle=event_when(e) + (f" \u00b7 {e['eventLocation']}" if e["eventLocation"] else ""),
                           id="agenda_item", title_id="title", subtitle_id="when",
                           on_click=lambda eid=e["_id"]: self.open(".EventInfoActivity", event_id=eid)) for e in todays]
        body = page(
            Toolbar(self.month.strftime("%B %Y"), nav=None, id="toolbar", actions=[
                ("back", "Previous month", lambda: self.shift(-1)), ("send", "Next month", lambda: self.shift(1)),
                ("calendar", "Today", self.today),
            ]),
            self.view_switch(),
            Column(*grid, id="month_view", width=MATCH, padding=(8, 0)),
            Text(self.day.strftime("%A, %B %-d"), id="day_title", bold=True, padding=(16, 12, 16, 4)),
            List(*agenda, id="agenda_list", width=MATCH, weight=1) if agenda else
            Text("No events", id="no_events", padding=16, color="on_surface_variant"),
        )
        return with_fab(body, fab("add", "Create new event", self.create, id="floating_action_button"))

    def pick(self, d: dt.date) -> None:
        self.day = d
        if d.month != self.month.month or d.year != self.month.year:
            self.month = d.replace(day=1)

    def shift(self, months: int) -> None:
        y, m = self.month.year, self.month.month + months
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        self.month = dt.date(y, m, 1)
        self.day = self.month

    def today(self) -> None:
        self.on_create()

    def create(self) -> None:
        start = dt.datetime.combine(self.day, dt.time(9, 0))
        self.open(".EditEventActivity", beginTime=local_to_ms(start), endTime=local_to_ms(start) + 3_600_000)


class EventInfoActivity(Screen):
    def on_create(self) -> None:
        if forward_foreign_view(self, AUTHORITY):
            return
        data = (self.intent.data or "").rstrip("/").rsplit("/", 1)[-1]
        self.event_id = int(self.intent.extras.get("event_id") or (data if data.isdigit() else 0))

    def build(self):
        rows = self.system.providers.get(AUTHORITY).rows("events", "_id = ? AND COALESCE(deleted, 0) = 0", [getattr(self, "event_id", 0)])
        if not rows:
            return page(Toolbar("Event", on_nav=self.finish), Text("Event not found", id="empty_view", padding=24))
        e = rows[0]
        return page(
            Toolbar("", on_nav=self.finish, id="toolbar", actions=[
                ("edit", "Edit event", lambda: self.open(".EditEventActivity", event_id=e["_id"])),
                ("delete", "Delete event", lambda: self.confirm_delete(e)),
            ]),
            Column(
                Text(e["title"] or "(No title)", id="title", text_size=26),
                Text(event_when(e), id="when_datetime", margin=(0, 8, 0, 0)),
                Text(e["eventLocation"], id="where", margin=(0, 8, 0, 0), color="on_surface_variant") if e["eventLocation"] else None,
                Text(e["description"], id="description", margin=(0, 16, 0, 0)) if e["description"] else None,
                width=MATCH, padding=24,
            ),
        )

    def confirm_delete(self, e: dict) -> None:
        def delete() -> None:
            self.system.providers.get(AUTHORITY).delete(f"{EVENTS}/{e['_id']}")
            self.dialog = None
            self.toast("Event deleted")
            self.finish()

        self.show_dialog(lambda: DialogContent("Delete this event?", e["title"] or "", positive=("Delete", delete),
                                               negative=("Cancel", self.dismiss_dialog)))


class EditEventActivity(Screen):
    """The event editor: title, all-day, start/end date (YYYY-MM-DD) and time (HH:MM), place, notes."""

    def on_create(self) -> None:
        ex = self.intent.extras
        self.event_id = ex.get("event_id")
        if self.intent.action == ACTION_EDIT and self.intent.data:
            tail = self.intent.data.rstrip("/").rsplit("/", 1)[-1]
            self.event_id = int(tail) if tail.isdigit() else None
        now = self.now_ms()
        top = (now // 3_600_000 + 1) * 3_600_000
        values = {"title": ex.get("title", ""), "eventLocation": ex.get("eventLocation", ""),
                  "description": ex.get("description", ""), "dtstart": ex.get("beginTime") or top,
                  "dtend": ex.get("endTime"), "allDay": ex.get("allDay", False)}
        if self.event_id:
            rows = self.system.providers.get(AUTHORITY).rows("events", "_id = ?", [int(self.event_id)])
            if rows:
                values = dict(rows[0])
        start = int(values["dtstart"])
        end = int(values["dtend"] or start + 3_600_000)
        all_day = str(values["allDay"] or 0).lower() in ("1", "true")
        if all_day:  # all-day events are stored at UTC midnight
            s, e = dt.datetime.utcfromtimestamp(start / 1000), dt.datetime.utcfromtimestamp(end / 1000) - dt.timedelta(days=1)
            s_time, e_time = "09:00", "10:00"
        else:
            s, e = ms_to_local(start), ms_to_local(end)
            s_time, e_time = s.strftime("%H:%M"), e.strftime("%H:%M")
        for key, value in (("title", values["title"] or ""), ("location", values["eventLocation"] or ""),
                           ("description", values["description"] or ""), ("start_date", s.strftime("%Y-%m-%d")),
                           ("end_date", max(e, s).strftime("%Y-%m-%d")), ("start_time", s_time), ("end_time", e_time)):
            self.set_field(key, str(value))
        self.ui_state["checked:is_all_day"] = all_day
        self.ui_state["focus"] = "title"

    def build(self):
        all_day = self.checked("is_all_day")
        return page(
            Toolbar("Edit event" if self.event_id else "New event", nav="close", on_nav=self.finish, id="toolbar"),
            ScrollView(
                Edit(hint="Add title", id="title", text_size=22, margin=(16, 8)),
                Switch("All-day", id="is_all_day", padding=(16, 0), width=MATCH),
                Row(Text("Starts", width=72), Edit(hint="YYYY-MM-DD", id="start_date", weight=1, width=0),
                    Edit(hint="HH:MM", id="start_time", width=110) if not all_day else None,
                    width=MATCH, padding=(16, 4), gravity="center_vertical"),
                Row(Text("Ends", width=72), Edit(hint="YYYY-MM-DD", id="end_date", weight=1, width=0),
                    Edit(hint="HH:MM", id="end_time", width=110) if not all_day else None,
                    width=MATCH, padding=(16, 4), gravity="center_vertical"),
                Edit(hint="Add location", id="location", margin=(16, 8)),
                Edit(hint="Add description", id="description", multiline=True, margin=(16, 8)),
                id="editor_scroll", width=MATCH, weight=1,
            ),
            Row(Button("Cancel", id="cancel", style="text", on_click=self.finish),
                Button("Save", id="save", on_click=self.save, margin=(8, 0, 0, 0)),
                width=MATCH, gravity="end", padding=16),
        )

    def save(self) -> None:
        title = self.field("title").strip()
        all_day = self.checked("is_all_day")
        try:
            sd = dt.date.fromisoformat(self.field("start_date").strip())
            ed = dt.date.fromisoformat(self.field("end_date").strip() or self.field("start_date").strip())
            if all_day:
                start = int(dt.datetime(sd.year, sd.month, sd.day, tzinfo=dt.timezone.utc).timestamp() * 1000)
                end = int(dt.datetime(ed.year, ed.month, ed.day, tzinfo=dt.timezone.utc).timestamp() * 1000) + DAY_MS
                tz = "UTC"
            else:
                st = dt.time.fromisoformat(self.field("start_time").strip())
                et = dt.time.fromisoformat(self.field("end_time").strip())
                start, end = local_to_ms(dt.datetime.combine(sd, st)), local_to_ms(dt.datetime.combine(ed, et))
                tz = local_tz_name()
        except ValueError:
            self.toast("Check the dates (YYYY-MM-DD) and times (HH:MM)")
            return
        if end < start:
            self.toast("The event can't end before it starts")
            return
        values = {"title": title, "description": self.field("description").strip(), "eventLocation": self.field("location").strip(),
                  "dtstart": start, "dtend": end, "allDay": int(all_day), "eventTimezone": tz}
        provider = self.system.providers.get(AUTHORITY)
        if self.event_id:
            provider.update(f"{EVENTS}/{int(self.event_id)}", values)
        else:
            provider.insert(EVENTS, {"calendar_id": 1, "deleted": 0, **values})
        self.toast("Event saved")
        self.finish()


class CalendarApp(EverydayApp):
    package = PKG
    label = "Calendar"
    icon = "calendar"
    version_name = "2024.02"
    permissions = ("android.permission.READ_CALENDAR", "android.permission.WRITE_CALENDAR")

    def declare(self) -> None:
        self.activity(".AllInOneActivity", AllInOneActivity, launcher=True)
        self.activity(".EventInfoActivity", EventInfoActivity, filters=[action_filter(ACTION_VIEW, schemes=("content",))])
        self.activity(".EditEventActivity", EditEventActivity, filters=[
            action_filter(ACTION_INSERT, mime_types=("vnd.android.cursor.dir/event", "vnd.android.cursor.item/event")),
            action_filter(ACTION_INSERT, schemes=("content",)),
            action_filter(ACTION_EDIT, schemes=("content",)),
        ])

    def make_providers(self):
        return [(calendar_provider(self.system, self.package), ())]

    def on_install(self) -> None:
        super().on_install()
        provider = self.system.providers.get(AUTHORITY)
        if provider is not None and not provider.rows("calendars"):
            provider.insert(f"content://{AUTHORITY}/calendars", {"name": "Personal", "calendar_displayName": "Personal",
                                                                 "account_name": "user@example.com", "account_type": "LOCAL",
                                                                 "visible": 1})


__all__ = ["CalendarApp", "EVENTS", "Intent"]
