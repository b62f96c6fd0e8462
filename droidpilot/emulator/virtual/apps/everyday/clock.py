"""Clock (com.android.deskclock): alarms, timer, stopwatch; the AlarmClock intents.

Alarms ring through ``clock_alerts`` (a ticker of ``system.faults``). Alarm data: see ``clock_data`` (``/data/data/com.android.deskclock/files/alarms.json`` and
``dumpsys alarm``, which lists each enabled alarm as a pending RTC_WAKEUP alarm of the package).
Intents (``HandleApiCalls``): SET_ALARM (``android.intent.extra.alarm.HOUR`` / ``MINUTES`` /
``MESSAGE`` / ``DAYS`` / ``SKIP_UI``), SET_TIMER (``LENGTH`` seconds, ``MESSAGE``, ``SKIP_UI``),
SHOW_ALARMS, SHOW_TIMERS.
"""

from __future__ import annotations

from ...system.intents import ACTION_SET_ALARM, ACTION_SET_TIMER, ACTION_SHOW_ALARMS, Intent
from ...ui.composite import DialogContent, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List
from ...ui.views import Column, Row, Spacer
from ...ui.widgets import Button, Edit, ImageButton, Switch, Text
from .base import EverydayApp, Screen, action_filter, fab, page, with_fab
from .clock_alerts import AlarmActivity, ClockAlerts
from .clock_data import DAY_NAMES, Alarm, ClockStore, dump_alarms_text

PKG = "com.android.deskclock"
EXTRA = "android.intent.extra.alarm."
SHOW_TIMERS = "android.intent.action.SHOW_TIMERS"
TABS = (("alarm", "Alarm"), ("clock", "Clock"), ("timer", "Timer"), ("stopwatch", "Stopwatch"))


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _days(value) -> list[int]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in value.replace(" ", "").split(",") if v]
    return sorted({_int(v) for v in value if 1 <= _int(v) <= 7})


class DeskClock(Screen):
    def on_create(self) -> None:
        self.tab = self.intent.extras.get("tab", "alarm")
        self.expanded: int | None = self.intent.extras.get("alarm_id")

    def on_new_intent(self, intent: Intent) -> None:
        super().on_new_intent(intent)
        self.on_create()

    @property
    def store(self) -> ClockStore:
        return ClockStore(self.app)

    def build(self):
        body = {"alarm": self.alarms, "clock": self.world_clock, "timer": self.timer, "stopwatch": self.stopwatch}[self.tab]()
        tabs = Row(
            *[Text(label, id=f"tab_{key}", desc=label, selected=self.tab == key, weight=1, gravity="center", padding=(4, 12),
                   text_size=13, max_lines=1,
                   clickable=True, bold=self.tab == key, color="primary" if self.tab == key else "on_surface_variant",
                   on_click=lambda k=key: self.switch(k)) for key, label in TABS],
            id="tabs", width=MATCH,
        )
        return page(Toolbar(dict(TABS)[self.tab], nav=None, id="toolbar"), Column(body, width=MATCH, weight=1), tabs,
                    id="desk_clock_pager")

    def switch(self, tab: str) -> None:
        self.tab = tab
        self.dialog = None

    # -- alarms ------------------------------------------------------------------------------
    def alarms(self):
        alarms = self.store.alarms()
        rows = [self.alarm_row(a) for a in alarms]
        body = List(*rows, id="alarm_recycler_view", width=MATCH, height=MATCH) if alarms else \
            Text("No alarms", id="alarms_empty_view", gravity="center", width=MATCH, padding=48)
        return with_fab(body, fab("add", "Add alarm", self.new_alarm))

    def alarm_row(self, a: Alarm):
        expanded = self.expanded == a.id
        return Column(
            Row(
                Column(
                    Text(a.label, id="label", text_size=14, color="on_surface_variant") if a.label else None,
                    Text(a.time_text, id="digital_clock", text_size=48, clickable=True, on_click=lambda: self.edit_time(a),
                         color="on_surface" if a.enabled else "on_surface_variant"),
                    Text(a.repeat_text(), id="days_of_week", text_size=13, color="on_surface_variant"),
                    weight=1, clickable=True, on_click=lambda: self.toggle_expand(a),
                ),
                Switch(checked=a.enabled, id="onoff", desc=f"{a.time_text} alarm", on_change=lambda v: self.set_enabled(a, v)),
                width=MATCH, gravity="center_vertical",
            ),
            Column(
                Row(*[Text(DAY_NAMES[d - 1][:1], id=f"day_button_{d - 1}", desc=DAY_NAMES[d - 1], width=40, height=40,
                           gravity="center", radius=20, selected=d in a.days, checkable=True, checked=d in a.days,
                           background="primary" if d in a.days else None, color="on_primary" if d in a.days else "on_surface",
                           clickable=True, on_click=lambda d=d: self.toggle_day(a, d), margin=(0, 0, 6, 0))
                      for d in (2, 3, 4, 5, 6, 7, 1)], id="repeat_days"),
                Row(Text("Label", color="on_surface_variant", margin=(0, 0, 12, 0)),
                    Text(a.label or "Add label", id="edit_label", clickable=True, on_click=lambda: self.edit_label(a), weight=1),
                    width=MATCH, padding=(0, 12), gravity="center_vertical"),
                Button("Delete", id="delete", style="text", on_click=lambda: self.delete(a)),
                width=MATCH, padding=(0, 8, 0, 0),
            ) if expanded else None,
            ImageButton("more" if not expanded else "up", id="arrow", desc="Collapse alarm" if expanded else "Expand alarm",
                        on_click=lambda: self.toggle_expand(a), size=32, padding=4) if not expanded else None,
            id="alarm_item", width=MATCH, padding=16, margin=(12, 6), background="surface_container", radius=20,
        )

    def toggle_expand(self, a: Alarm) -> None:
        self.expanded = None if self.expanded == a.id else a.id

    def set_enabled(self, a: Alarm, on: bool) -> None:
        a.enabled = bool(on)
        self.store.update(a)
        if on:
            self.toast(f"Alarm set for {a.time_text}")

    def toggle_day(self, a: Alarm, day: int) -> None:
        a.days = sorted(set(a.days) ^ {day})
        self.store.update(a)

    def delete(self, a: Alarm) -> None:
        self.store.delete(a.id)
        self.expanded = None
        self.toast("Alarm deleted")

    def edit_label(self, a: Alarm) -> None:
        self.set_field("label_input", a.label)
        self.ui_state["focus"] = "label_input"

        def ok() -> None:
            a.label = self.field("label_input").strip()
            self.store.update(a)
            self.dialog = None

        self.show_dialog(lambda: DialogContent("Label", body=Edit(hint="Label", id="label_input"),
                                               positive=("OK", ok), negative=("Cancel", self.dismiss_dialog)))
        self.ui_state["focus"] = "label_input"

    def new_alarm(self) -> None:
        self.time_dialog(None, 7, 0)

    def edit_time(self, a: Alarm) -> None:
        self.time_dialog(a, a.hour, a.minutes)

    def time_dialog(self, alarm: Alarm | None, hour: int, minute: int) -> None:
        """The time picker in keyboard mode: hour and minute fields, OK / Cancel."""
        self.set_field("input_hour", f"{hour:02d}")
        self.set_field("input_minute", f"{minute:02d}")

        def step(field: str, delta: int, mod: int) -> None:
            self.set_field(field, f"{(_int(self.field(field)) + delta) % mod:02d}")

        def ok() -> None:
            h, m = _int(self.field("input_hour"), -1), _int(self.field("input_minute"), -1)
            if not (0 <= h <= 23 and 0 <= m <= 59):
                self.toast("Enter a valid time")
                return
            if alarm is None:
                new = self.store.add(h, m)
                self.expanded = new.id
            else:
                alarm.hour, alarm.minutes, alarm.enabled = h, m, True
                self.store.update(alarm)
            self.dialog = None
            self.toast(f"Alarm set for {h:02d}:{m:02d}")

        def content():
            def column(field: str, mod: int, label: str):
                return Column(
                    ImageButton("up", desc=f"Increase {label}", on_click=lambda: step(field, 1, mod), id=f"{field}_up"),
                    Edit(hint=label, id=field, width=88, text_size=32, gravity="center"),
                    ImageButton("more", desc=f"Decrease {label}", on_click=lambda: step(field, -1, mod), id=f"{field}_down"),
                    gravity="center_horizontal",
                )
            return DialogContent(
                "Set alarm",
                body=Row(column("input_hour", 24, "hour"), Text(":", text_size=32, padding=(8, 0)),
                         column("input_minute", 60, "minute"), id="time_picker", width=MATCH, gravity="center"),
                positive=("OK", ok), negative=("Cancel", self.dismiss_dialog),
            )

        self.show_dialog(content)

    # -- world clock ---------------------------------------------------------------------------
    def world_clock(self):
        import time

        now = self.system.now()
        return Column(
            Text(time.strftime("%H:%M", time.localtime(now)), id="digital_clock", text_size=64),
            Text(time.strftime("%a, %b %-d", time.localtime(now)), id="date", text_size=16, color="on_surface_variant"),
            width=MATCH, gravity="center_horizontal", padding=48,
        )

    # -- timer --------------------------------------------------------------------------------
    def timer(self):
        now = self.now_ms()
        remaining = self.store.timer_remaining_ms(now)
        if remaining is None:
            digits = str(self.ui_state.get("timer_digits", ""))[-6:].rjust(6, "0")
            keys = [Row(*[Button(k, id=f"timer_setup_digit_{k}", style="text", weight=1, text_size=24,
                                 on_click=lambda k=k: self.timer_key(k)) for k in row], width=MATCH)
                    for row in (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("00", "0"))]
            return Column(
                Row(Text(f"{digits[0:2]}h {digits[2:4]}m {digits[4:6]}s", id="timer_setup_time", text_size=40, weight=1,
                         gravity="center"),
                    ImageButton("backspace", id="timer_setup_delete", desc="Delete", on_click=self.timer_delete),
                    width=MATCH, padding=24, gravity="center_vertical"),
                *keys,
                Spacer(weight=1, height=1),
                Button("Start", id="fab", on_click=self.timer_start, enabled=int(digits) > 0, margin=16),
                width=MATCH, height=MATCH, gravity="center_horizontal",
            )
        t = self.store.timer()
        running = t.get("started_ms") is not None
        secs = max(0, (remaining + 999) // 1000)
        text = f"{secs // 3600:d}:{secs // 60 % 60:02d}:{secs % 60:02d}" if secs >= 3600 else f"{secs // 60:02d}:{secs % 60:02d}"
        return Column(
            Text(t.get("label") or "Timer", id="timer_label", color="on_surface_variant"),
            Text("Time's up" if remaining <= 0 else text, id="timer_text", text_size=56),
            Row(
                Button("Reset", id="reset", style="outlined", on_click=self.timer_reset),
                Button("Pause" if running else "Resume", id="fab", on_click=self.timer_toggle, margin=(12, 0, 0, 0)),
                gravity="center",
            ),
            width=MATCH, height=MATCH, gravity="center",
        )

    def timer_key(self, key: str) -> None:
        self.ui_state["timer_digits"] = (str(self.ui_state.get("timer_digits", "")) + key).lstrip("0")[-6:]

    def timer_delete(self) -> None:
        self.ui_state["timer_digits"] = str(self.ui_state.get("timer_digits", ""))[:-1]

    def timer_start(self) -> None:
        d = str(self.ui_state.get("timer_digits", "")).rjust(6, "0")
        length = int(d[0:2]) * 3600 + int(d[2:4]) * 60 + int(d[4:6])
        if length > 0:
            start_timer(self.app, length, "")
            self.ui_state.pop("timer_digits", None)

    def timer_toggle(self) -> None:
        t = self.store.timer()
        now = self.now_ms()
        if t.get("started_ms") is not None:
            t["remaining_ms"] = int(t["remaining_ms"]) - (now - int(t["started_ms"]))
            t["started_ms"] = None
        else:
            t["started_ms"] = now
        self.store.set_timer(t)

    def timer_reset(self) -> None:
        self.store.set_timer({})

    # -- stopwatch ------------------------------------------------------------------------------
    def stopwatch(self):
        s = self.store.stopwatch()
        ms = self.store.stopwatch_ms(self.now_ms())
        running = s.get("started_ms") is not None
        laps = [Text(f"Lap {i + 1}   {_fmt_sw(lap)}", id="lap_time") for i, lap in enumerate(s.get("laps", []))]
        return Column(
            Text(_fmt_sw(ms), id="stopwatch_time_text", text_size=56, margin=(0, 48, 0, 24)),
            Row(
                Button("Reset" if not running else "Lap", id="stopwatch_left", style="outlined",
                       on_click=self.sw_lap_or_reset, enabled=running or ms > 0),
                Button("Pause" if running else "Start", id="fab", on_click=self.sw_toggle, margin=(12, 0, 0, 0)),
                gravity="center",
            ),
            List(*laps, id="laps_list", width=MATCH, weight=1, padding=(32, 16)),
            width=MATCH, height=MATCH, gravity="center_horizontal",
        )

    def sw_toggle(self) -> None:
        s = self.store.stopwatch()
        now = self.now_ms()
        if s.get("started_ms") is not None:
            s["accumulated_ms"] = int(s.get("accumulated_ms", 0)) + now - int(s["started_ms"])
            s["started_ms"] = None
        else:
            s["started_ms"] = now
        self.store.set_stopwatch(s)

    def sw_lap_or_reset(self) -> None:
        s = self.store.stopwatch()
        if s.get("started_ms") is not None:
            s.setdefault("laps", []).append(self.store.stopwatch_ms(self.now_ms()))
            self.store.set_stopwatch(s)
        else:
            self.store.set_stopwatch({"started_ms": None, "accumulated_ms": 0, "laps": []})


def _fmt_sw(ms: int) -> str:
    return f"{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms // 10 % 100:02d}"


def start_timer(app, length_s: int, label: str) -> None:
    ClockStore(app).set_timer({"length_s": int(length_s), "remaining_ms": int(length_s) * 1000,
                               "started_ms": app.system.now_ms(), "label": label})


class HandleApiCalls(Screen):
    """The AlarmClock intents: act, then show the Clock tab (unless SKIP_UI) and finish."""

    def on_create(self) -> None:
        ex = self.intent.extras
        action = self.intent.action
        store = ClockStore(self.app)
        tab, extras = "alarm", {}
        skip = bool(ex.get(EXTRA + "SKIP_UI", False))
        if action == ACTION_SET_ALARM:
            if EXTRA + "HOUR" in ex:
                alarm = store.add(_int(ex.get(EXTRA + "HOUR")), _int(ex.get(EXTRA + "MINUTES")),
                                  str(ex.get(EXTRA + "MESSAGE") or ""), _days(ex.get(EXTRA + "DAYS")))
                self.toast(f"Alarm set for {alarm.time_text}")
                extras["alarm_id"] = alarm.id
            else:
                skip = False
        elif action == ACTION_SET_TIMER:
            tab = "timer"
            length = _int(ex.get(EXTRA + "LENGTH"), 0)
            if length > 0:
                start_timer(self.app, length, str(ex.get(EXTRA + "MESSAGE") or ""))
            else:
                skip = False
        elif action == SHOW_TIMERS:
            tab = "timer"
        own = self.system.am.task_of(self)
        behind = [t for t in self.system.am.tasks if t is not own]
        self.finish()
        if not skip:
            self.start(Intent(component=f"{PKG}/.DeskClock", extras={"tab": tab, **extras},
                              flags=0x10000000 | 0x04000000))
        elif behind:  # SKIP_UI: the caller's screen stays in front, as on a phone
            self.system.am.move_task_to_front(behind[-1].task_id)


class ClockApp(EverydayApp):
    package = PKG
    label = "Clock"
    icon = "clock"
    version_name = "7.7"
    permissions = ("android.permission.POST_NOTIFICATIONS",)

    def declare(self) -> None:
        self.activity(".DeskClock", DeskClock, launcher=True)
        self.activity(".HandleApiCalls", HandleApiCalls, filters=[
            action_filter(ACTION_SET_ALARM), action_filter(ACTION_SET_TIMER), action_filter(ACTION_SHOW_ALARMS),
            action_filter(SHOW_TIMERS),
        ])
        self.activity(".alarms.AlarmActivity", AlarmActivity, exported=False)
        self.system.dump_alarms = self.dump_alarms
        self.alerts = ClockAlerts(self)
        self.system.faults.add_ticker(self.alerts.check)

    def dump_alarms(self) -> str:
        return dump_alarms_text(ClockStore(self), self.package, self.system.now(), self.system.uptime())
