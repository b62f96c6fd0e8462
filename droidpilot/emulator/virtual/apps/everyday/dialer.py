"""Phone (com.android.dialer): keypad, in-call screen with End, call log.

The call log is the provider ``call_log`` (``content://call_log/calls``: ``_id, number, date,
duration, type`` 1 incoming / 2 outgoing / 3 missed, ``name, new``); ending a call writes its
row. ACTION_DIAL ``tel:N`` opens the keypad with N typed; ACTION_CALL ``tel:N`` places the call
once the app holds CALL_PHONE, showing the runtime permission prompt if it was never answered.
"""

from __future__ import annotations

from urllib.parse import unquote

from ...system.faults import request_permission
from ...system.intents import ACTION_CALL, ACTION_DIAL, ACTION_VIEW, Intent
from ...system.providers import Provider, Table
from ...ui.composite import Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List
from ...ui.views import Column, Row, Spacer
from ...ui.widgets import Button, Image, ImageButton, Text
from .base import EverydayApp, Screen, action_filter, clock_text, date_text, page
from .contacts_data import AUTHORITY as CONTACTS, ContactsStore

PKG = "com.android.dialer"
CALL_LOG = "call_log"
CALLS_URI = "content://call_log/calls"
TYPE_INCOMING, TYPE_OUTGOING, TYPE_MISSED = 1, 2, 3
CALL_PHONE = "android.permission.CALL_PHONE"
KEYS = (("1", "one", ""), ("2", "two", "ABC"), ("3", "three", "DEF"), ("4", "four", "GHI"), ("5", "five", "JKL"),
        ("6", "six", "MNO"), ("7", "seven", "PQRS"), ("8", "eight", "TUV"), ("9", "nine", "WXYZ"), ("*", "star", ""),
        ("0", "zero", "+"), ("#", "pound", ""))


def call_log_provider(system, package: str) -> Provider:
    return Provider(system, CALL_LOG, package, tables=[Table(
        "calls",
        [("_id", "INTEGER"), ("number", "TEXT"), ("date", "INTEGER"), ("duration", "INTEGER"), ("type", "INTEGER"),
         ("name", "TEXT"), ("new", "INTEGER")],
        ["calls"],
        default_sort="date DESC",
    )])


def log_call(system, number: str, call_type: int, duration: int, date_ms: int | None = None) -> None:
    contacts = system.providers.get(CONTACTS)
    name = ContactsStore(contacts).name_for(number) if contacts else ""
    system.providers.get(CALL_LOG).insert(CALLS_URI, {
        "number": number, "date": system.now_ms() if date_ms is None else date_ms, "duration": int(duration),
        "type": call_type, "name": name or None, "new": 1 if call_type == TYPE_MISSED else 0,
    })


def number_from(intent: Intent) -> str:
    data = intent.data or ""
    if ":" in data:
        return unquote(data.split(":", 1)[1]).strip()
    return ""


class DialtactsActivity(Screen):
    """Keypad and Recents tabs; a typed number is called with the green button."""

    def on_create(self) -> None:
        number = number_from(self.intent)
        self.tab = "keypad" if (number or self.intent.action == ACTION_DIAL) else "recents"
        self.digits = number

    def on_new_intent(self, intent: Intent) -> None:
        super().on_new_intent(intent)
        self.on_create()

    def build(self):
        tabs = Row(
            *[Text(label, id=f"tab_{key}", selected=self.tab == key, clickable=True, weight=1, gravity="center",
                   padding=12, bold=self.tab == key, color="primary" if self.tab == key else "on_surface_variant",
                   on_click=lambda k=key: self.switch(k))
              for key, label in (("recents", "Recents"), ("keypad", "Keypad"))],
            id="tab_layout", width=MATCH,
        )
        body = self.keypad() if self.tab == "keypad" else self.recents()
        return page(Toolbar("Phone", nav=None, id="toolbar"), body, tabs)

    def switch(self, tab: str) -> None:
        self.tab = tab

    def keypad(self):
        rows = []
        for r in range(4):
            cells = []
            for label, rid, letters in KEYS[r * 3:r * 3 + 3]:
                cells.append(Column(
                    Text(label, text_size=30, id="dialpad_key_number"),
                    Text(letters, text_size=11, id="dialpad_key_letters", color="on_surface_variant") if letters else None,
                    id=rid, desc=label, weight=1, gravity="center", padding=8, clickable=True,
                    on_click=lambda d=label: self.press(d),
                ))
            rows.append(Row(*cells, width=MATCH))
        return Column(
            Row(
                Text(self.digits, id="digits", text_size=32, weight=1, gravity="center", max_lines=1),
                ImageButton("backspace", id="deleteButton", desc="backspace", on_click=self.backspace) if self.digits else None,
                width=MATCH, padding=(16, 24), gravity="center_vertical", min_height=96,
            ),
            *rows,
            Row(
                ImageButton("call", id="dialpad_voice_call_button", desc="dial", background="primary", tint="on_primary",
                            radius=32, size=64, on_click=self.dial),
                width=MATCH, gravity="center", padding=16,
            ),
            Spacer(weight=1, height=1),
            id="dialpad_view", width=MATCH, weight=1,
        )

    def press(self, digit: str) -> None:
        self.digits += digit

    def backspace(self) -> None:
        self.digits = self.digits[:-1]

    def dial(self) -> None:
        if not self.digits:
            rows = self.system.providers.get(CALL_LOG).rows("calls", "type = ?", [TYPE_OUTGOING], order="date DESC")
            if rows:  # the call button on an empty keypad recalls the last dialled number
                self.digits = rows[0]["number"]
            return
        self.start(Intent(action=ACTION_CALL, data=f"tel:{self.digits}"))

    def recents(self):
        calls = self.system.providers.get(CALL_LOG).rows("calls", order="date DESC")
        labels = {TYPE_INCOMING: "Incoming", TYPE_OUTGOING: "Outgoing", TYPE_MISSED: "Missed"}

        def row(i: int):
            c = calls[i]
            return Row(
                Column(
                    Text(c["name"] or c["number"], id="primary_text", text_size=16, max_lines=1,
                         color="error" if c["type"] == TYPE_MISSED else "on_surface"),
                    Text(f"{labels.get(c['type'], 'Call')} \u00b7 {date_text(c['date'])}, {clock_text(c['date'])}",
                         id="secondary_text", text_size=13, color="on_surface_variant"),
                    weight=1,
                ),
                ImageButton("call", id="call_button", desc=f"Call {c['name'] or c['number']}",
                            on_click=lambda n=c["number"]: self.start(Intent(action=ACTION_CALL, data=f"tel:{n}"))),
                width=MATCH, padding=(16, 8), gravity="center_vertical", clickable=True,
                on_click=lambda n=c["number"]: self.open_number(n),
            )

        if not calls:
            return Column(Text("No recent calls", id="empty_list_view_message", padding=32), width=MATCH, weight=1, gravity="center")
        return List(count=len(calls), row=row, row_height=72, id="new_call_log_recycler_view", width=MATCH, weight=1)

    def open_number(self, number: str) -> None:
        self.tab = "keypad"
        self.digits = number


class InCallActivity(Screen):
    """The call screen: who, the elapsed time, and End (which writes the call-log row)."""

    def on_create(self) -> None:
        self.number = number_from(self.intent)
        self.started_ms = 0
        self.ended = False
        if not self.number:
            self.finish()
            return
        request_permission(self.system, PKG, CALL_PHONE, self._answer)

    def _answer(self, granted: bool) -> None:
        if self.finished:
            return
        if granted:
            self.started_ms = self.now_ms()
            self.invalidate()
        else:
            self.toast("Phone needs permission to make calls")
            self.finish()

    def build(self):
        contacts = self.system.providers.get(CONTACTS)
        name = ContactsStore(contacts).name_for(self.number) if contacts else ""
        if not self.started_ms:
            status = "Waiting for permission"
        else:
            secs = max(0, (self.now_ms() - self.started_ms) // 1000)
            status = "Calling\u2026" if secs < 2 else f"{secs // 60:02d}:{secs % 60:02d}"
        body = page(
            Spacer(height=64),
            Image("person", size=96, id="contactgrid_avatar"),
            Text(name or self.number, id="contactgrid_contact_name", text_size=30, margin=(0, 16, 0, 0)),
            Text(self.number if name else "Mobile", id="contactgrid_location", text_size=16, color="on_surface_variant"),
            Text(status, id="contactgrid_status_text", text_size=16, margin=(0, 8, 0, 0)),
            Spacer(weight=1, height=1),
            Row(
                Button("Mute", id="incall_mute", style="outlined"),
                Button("Speaker", id="incall_speaker", style="outlined", margin=(12, 0, 0, 0)),
                gravity="center", width=MATCH,
            ),
            ImageButton("call", id="incall_end_call", desc="End call", background="error", tint="white", radius=36, size=72,
                        margin=32, on_click=self.end),
            id="incall_screen",
        )
        body.gravity = "center_horizontal"
        return body

    def end(self) -> None:
        if not self.ended and self.started_ms:
            self.ended = True
            log_call(self.system, self.number, TYPE_OUTGOING, max(0, (self.now_ms() - self.started_ms) // 1000))
        self.toast("Call ended")
        self.finish()

    def on_back(self) -> bool:
        return True  # BACK does not hang up, as on a phone


class DialerApp(EverydayApp):
    package = PKG
    label = "Phone"
    icon = "phone"
    version_name = "124.0"
    permissions = (CALL_PHONE, "android.permission.READ_CONTACTS")

    def declare(self) -> None:
        self.activity(".main.impl.MainActivity", DialtactsActivity, launcher=True, filters=[
            action_filter(ACTION_DIAL),
            action_filter(ACTION_DIAL, schemes=("tel",)),
            action_filter(ACTION_VIEW, schemes=("tel",)),
        ])
        self.activity(".incallui.InCallActivity", InCallActivity, filters=[
            action_filter(ACTION_CALL, schemes=("tel",)),
        ])

    def make_providers(self):
        return [(call_log_provider(self.system, self.package), ())]


__all__ = ["DialerApp", "log_call", "CALLS_URI"]
