"""Clock data: alarms, the timer and the stopwatch, kept as JSON files of the app.

Where adb reads it:
- ``/data/data/com.android.deskclock/files/alarms.json``: every alarm (``id, hour, minutes,
  label, days`` as Calendar day numbers 1 = Sunday .. 7 = Saturday, ``enabled``).
- ``dumpsys alarm``: each *enabled* alarm as a pending ``RTC_WAKEUP`` alarm of
  ``com.android.deskclock`` with its next trigger time (``system.dump_alarms``).
- ``/data/data/com.android.deskclock/files/timer.json`` and ``stopwatch.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

DAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")  # Calendar.SUNDAY = 1


@dataclass
class Alarm:
    id: int
    hour: int
    minutes: int
    label: str = ""
    days: list[int] = field(default_factory=list)
    enabled: bool = True

    @property
    def time_text(self) -> str:
        return f"{self.hour:02d}:{self.minutes:02d}"

    def repeat_text(self) -> str:
        if not self.days:
            return "Not scheduled" if not self.enabled else "Once"
        if sorted(self.days) == [1, 2, 3, 4, 5, 6, 7]:
            return "Every day"
        if sorted(self.days) == [2, 3, 4, 5, 6]:
            return "Mon, Tue, Wed, Thu, Fri"
        return ", ".join(DAY_NAMES[d - 1] for d in sorted(self.days))

    def next_trigger(self, now_s: float) -> dt.datetime:
        now = dt.datetime.fromtimestamp(now_s)
        for add in range(0, 8):
            day = now + dt.timedelta(days=add)
            when = day.replace(hour=self.hour, minute=self.minutes, second=0, microsecond=0)
            if when <= now:
                continue
            cal_day = (when.isoweekday() % 7) + 1  # Monday=1 iso → Calendar 2
            if not self.days or cal_day in self.days:
                return when
        return (now + dt.timedelta(days=1)).replace(hour=self.hour, minute=self.minutes, second=0, microsecond=0)


class ClockStore:
    def __init__(self, app) -> None:
        self.app = app

    def alarms(self) -> list[Alarm]:
        raw = self.app.read_json("alarms.json", [])
        out = []
        for a in raw:
            try:
                out.append(Alarm(int(a["id"]), int(a["hour"]), int(a["minutes"]), str(a.get("label", "")),
                                 [int(d) for d in a.get("days", [])], bool(a.get("enabled", True))))
            except (KeyError, TypeError, ValueError):
                continue
        out.sort(key=lambda a: (a.hour, a.minutes, a.id))
        return out

    def save_all(self, alarms: list[Alarm]) -> None:
        self.app.write_json("alarms.json", [asdict(a) for a in sorted(alarms, key=lambda a: a.id)])
        self.app.system.wm.invalidate()

    def add(self, hour: int, minutes: int, label: str = "", days: list[int] | None = None) -> Alarm:
        alarms = self.alarms()
        alarm = Alarm(max((a.id for a in alarms), default=0) + 1, hour % 24, minutes % 60, label, sorted(set(days or [])))
        self.save_all(alarms + [alarm])
        return alarm

    def update(self, alarm: Alarm) -> None:
        self.save_all([alarm if a.id == alarm.id else a for a in self.alarms()])

    def delete(self, alarm_id: int) -> None:
        self.save_all([a for a in self.alarms() if a.id != alarm_id])

    # -- timer: {"length_s", "started_ms" (None when paused), "remaining_ms", "label"} ------------
    def timer(self) -> dict:
        return self.app.read_json("timer.json", {})

    def set_timer(self, state: dict) -> None:
        self.app.write_json("timer.json", state)

    def timer_remaining_ms(self, now_ms: int) -> int | None:
        t = self.timer()
        if not t:
            return None
        remaining = int(t.get("remaining_ms", 0))
        if t.get("started_ms") is not None:
            remaining -= now_ms - int(t["started_ms"])
        return remaining

    # -- stopwatch: {"started_ms" (None when paused), "accumulated_ms", "laps": [ms...]} ---------
    def stopwatch(self) -> dict:
        return self.app.read_json("stopwatch.json", {"started_ms": None, "accumulated_ms": 0, "laps": []})

    def set_stopwatch(self, state: dict) -> None:
        self.app.write_json("stopwatch.json", state)

    def stopwatch_ms(self, now_ms: int) -> int:
        s = self.stopwatch()
        total = int(s.get("accumulated_ms", 0))
        if s.get("started_ms") is not None:
            total += now_ms - int(s["started_ms"])
        return total


def dump_alarms_text(store: ClockStore, package: str, now_s: float, elapsed_s: float) -> str:
    """The ``dumpsys alarm`` text: the manager header and one pending RTC_WAKEUP per enabled alarm."""
    now = dt.datetime.fromtimestamp(now_s)
    pending = [(a.next_trigger(now_s), a) for a in store.alarms() if a.enabled]
    pending.sort(key=lambda p: p[0])
    lines = [
        "Current Alarm Manager state:",
        "  Settings:",
        "    min_futurity=+5s0ms",
        "    min_interval=+1m0s0ms",
        "",
        f"  nowRTC={int(now_s * 1000)}={now.strftime('%Y-%m-%d %H:%M:%S')}.{int(now_s * 1000) % 1000:03d} "
        f"nowELAPSED={int(elapsed_s * 1000)}",
    ]
    if pending:
        first = pending[0][0]
        first_ms = int(first.timestamp() * 1000)
        ahead = max(0, first_ms - int(now_s * 1000)) // 1000
        lines.append("")
        lines.append("  Next alarm clock information: ")  # setAlarmClock, as DeskClock schedules alarms
        lines.append(f"    user:0 pendingSend:false time:{first_ms} = {first.strftime('%Y-%m-%d %H:%M:%S')} = "
                     f"+{ahead // 3600}h{ahead // 60 % 60}m{ahead % 60}s0ms")
        lines.append(f"  Next wakeup alarm: {first.strftime('%Y-%m-%d %H:%M:%S')} = {first_ms}")
    lines.append("")
    lines.append(f"  Pending alarms: {len(pending)}")
    for i, (when, a) in enumerate(pending):
        when_ms = int(when.timestamp() * 1000)
        lines.append(f"    RTC_WAKEUP #{i}: Alarm{{{0x5a1a0000 + a.id:x} type 0 origWhen {when_ms} whenElapsed "
                     f"{int(elapsed_s * 1000) + when_ms - int(now_s * 1000)} {package}}}")
        lines.append(f"      tag=*walarm*:{package}.ALARM_ALERT id={a.id} label={a.label}")
        lines.append(f"      type=RTC_WAKEUP origWhen={when.strftime('%Y-%m-%d %H:%M:%S')}.000 window=0 exactAllowReason=policy_permission "
                     f"repeatInterval=0 count=0 flags=0x9")
        lines.append(f"      operation=PendingIntent{{{0x7b0000 + a.id:x}: PendingIntentRecord{{{0x3c0000 + a.id:x} {package} broadcastIntent}}}}")
    return "\n".join(lines) + "\n"
