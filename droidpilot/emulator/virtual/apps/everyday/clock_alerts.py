"""Alarms going off and timers running out, whatever app is in front.

The Clock registers ``ClockAlerts.check`` as a ticker of ``system.faults`` (run before each
frame). An alarm whose time passed since the last check starts the full-screen
``AlarmActivity`` (Dismiss / Snooze, as DeskClock's ringing screen) above the current app; a
one-time alarm then switches itself off. A timer reaching zero posts a heads-up "Time's up".
"""

from __future__ import annotations

import time

from ...system.intents import Intent
from ...ui.geometry import MATCH
from ...ui.views import Row, Spacer
from ...ui.widgets import Button, Image, Text
from .base import Screen, page
from .clock_data import ClockStore

PKG = "com.android.deskclock"
SNOOZE_S = 10 * 60
CHECK_EVERY_S = 1.0
MAX_GAP_S = 24 * 3600  # after a long pause (a stopped device), don't replay a day of alarms


class ClockAlerts:
    def __init__(self, app) -> None:
        self.app = app
        self.last_check = app.system.now()
        self.snoozed: dict[int, float] = {}  # alarm id -> when it rings again
        self.timer_announced: float | None = None

    def check(self) -> None:
        system = self.app.system
        now = system.now()
        if now - self.last_check < CHECK_EVERY_S:
            return  # alarms have minute precision; no need to read the store every frame
        since = max(self.last_check, now - MAX_GAP_S)
        self.last_check = now
        store = ClockStore(self.app)
        for alarm in store.alarms():
            snooze = self.snoozed.get(alarm.id)
            if snooze is not None and since < snooze <= now:
                del self.snoozed[alarm.id]
                self.ring(alarm.id)
                continue
            if alarm.enabled and alarm.next_trigger(since).timestamp() <= now:
                if not alarm.days:
                    alarm.enabled = False  # a one-time alarm is spent once it rings
                    store.update(alarm)
                self.ring(alarm.id)
        remaining = store.timer_remaining_ms(system.now_ms())
        timer = store.timer()
        if remaining is not None and remaining <= 0 and timer.get("started_ms") is not None:
            stamp = float(timer["started_ms"])
            if self.timer_announced != stamp:
                self.timer_announced = stamp
                system.notifications.post(PKG, "Time's up", timer.get("label") or "Timer", heads_up=True, notification_id=2,
                                          icon="clock", intent=Intent(component=f"{PKG}/.DeskClock", extras={"tab": "timer"},
                                                                      flags=0x10000000))

    def ring(self, alarm_id: int) -> None:
        system = self.app.system
        front = system.am.front_task
        back_to = front.task_id if front is not None and front.package != PKG else None
        system.am.start(Intent(component=f"{PKG}/.alarms.AlarmActivity", extras={"alarm_id": alarm_id, "return_task": back_to},
                               flags=0x10000000 | 0x00008000), uid=1000)

    def snooze(self, alarm_id: int) -> None:
        self.snoozed[alarm_id] = self.app.system.now() + SNOOZE_S


class AlarmActivity(Screen):
    """The ringing alarm: the time, its label, Snooze and Dismiss."""

    def on_create(self) -> None:
        self.alarm_id = int(self.intent.extras.get("alarm_id", 0))

    def build(self):
        alarm = next((a for a in ClockStore(self.app).alarms() if a.id == self.alarm_id), None)
        label = (alarm.label if alarm else "") or "Alarm"
        return page(
            Spacer(height=96),
            Image("alarm", size=64),
            Text(time.strftime("%H:%M", time.localtime(self.system.now())), id="digital_clock", text_size=64, margin=(0, 24, 0, 0)),
            Text(label, id="alarm_label", text_size=22, color="on_surface_variant"),
            Spacer(weight=1, height=1),
            Row(
                Button("Snooze", id="snooze", style="outlined", on_click=self.snooze_alarm, weight=1),
                Button("Dismiss", id="dismiss", on_click=self.dismiss, weight=1, margin=(16, 0, 0, 0)),
                width=MATCH, padding=32,
            ),
            id="alarm_alert", background="primary_container",
        )

    def dismiss(self) -> None:
        self.toast("Alarm dismissed")
        self.close()

    def snooze_alarm(self) -> None:
        self.app.alerts.snooze(self.alarm_id)
        self.toast("Alarm snoozed for 10 minutes")
        self.close()

    def close(self) -> None:
        """Finish and give the screen back to the app the alarm interrupted."""
        self.finish()
        back_to = self.intent.extras.get("return_task")
        if back_to is not None:
            self.system.am.move_task_to_front(int(back_to))

    def on_back(self) -> bool:
        return True  # a ringing alarm must be answered
