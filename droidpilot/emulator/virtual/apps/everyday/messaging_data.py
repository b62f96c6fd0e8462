"""The SMS/MMS store of Messages: providers ``sms`` and ``mms`` with Android's columns.

``content://sms`` (also ``/inbox`` type 1 and ``/sent`` type 2): ``_id, thread_id, address,
person, date, date_sent, read, status, type, body, seen``. Messages with a picture go to
``content://mms`` (``_id, thread_id, address, date, msg_box`` 1 inbox / 2 sent ``, read, body,
attachment, ct``): the attachment is the picture's path on /sdcard, so a checker can read it back.
Threads are numbered per correspondent (numbers compared by their digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...system.providers import Provider, Table
from .contacts_data import normalise_number

SMS = "sms"
MMS = "mms"
TYPE_INBOX, TYPE_SENT = 1, 2
URL_RE = re.compile(r"(https?://[^\s]+|www\.[^\s]+)")


def sms_provider(system, package: str) -> Provider:
    return Provider(system, SMS, package, tables=[Table(
        "sms",
        [("_id", "INTEGER"), ("thread_id", "INTEGER"), ("address", "TEXT"), ("person", "INTEGER"), ("date", "INTEGER"),
         ("date_sent", "INTEGER"), ("read", "INTEGER"), ("status", "INTEGER"), ("type", "INTEGER"), ("body", "TEXT"),
         ("seen", "INTEGER")],
        ["", "inbox", "sent"],
        path_filters={"inbox": {"type": TYPE_INBOX}, "sent": {"type": TYPE_SENT}},
        default_sort="date DESC",
    )])


def mms_provider(system, package: str) -> Provider:
    return Provider(system, MMS, package, tables=[Table(
        "pdu",
        [("_id", "INTEGER"), ("thread_id", "INTEGER"), ("address", "TEXT"), ("date", "INTEGER"), ("msg_box", "INTEGER"),
         ("read", "INTEGER"), ("body", "TEXT"), ("attachment", "TEXT"), ("ct", "TEXT")],
        ["", "inbox", "sent"],
        path_filters={"inbox": {"msg_box": TYPE_INBOX}, "sent": {"msg_box": TYPE_SENT}},
        default_sort="date DESC",
    )])


@dataclass
class Message:
    id: int
    thread_id: int
    address: str
    date: int
    incoming: bool
    body: str
    read: bool
    attachment: str | None = None


@dataclass
class Thread:
    thread_id: int
    address: str
    last: Message
    unread: int


class MessageStore:
    def __init__(self, system) -> None:
        self.system = system
        self.sms: Provider = system.providers.get(SMS)
        self.mms: Provider = system.providers.get(MMS)

    def sync(self) -> None:
        """Give rows inserted over adb without a ``thread_id`` the thread of their address,
        as the telephony provider does."""
        for table, prov, uri in (("sms", self.sms, "content://sms"), ("pdu", self.mms, "content://mms")):
            for r in prov.rows(table, "thread_id IS NULL"):
                tid = self.thread_for(r["address"] or "")
                prov.update(f"{uri}/{r['_id']}", {"thread_id": tid})

    def messages(self, thread_id: int | None = None) -> list[Message]:
        self.sync()
        where, args = ("thread_id = ?", [thread_id]) if thread_id is not None else (None, [])
        out = [Message(r["_id"], r["thread_id"], r["address"] or "", int(r["date"] or 0), r["type"] != TYPE_SENT,
                       r["body"] or "", bool(r["read"])) for r in self.sms.rows("sms", where, args, order="date, _id")]
        out += [Message(r["_id"], r["thread_id"], r["address"] or "", int(r["date"] or 0), r["msg_box"] != TYPE_SENT,
                        r["body"] or "", bool(r["read"]), r["attachment"]) for r in self.mms.rows("pdu", where, args, order="date, _id")]
        out.sort(key=lambda m: (m.date, m.id))
        return out

    def threads(self) -> list[Thread]:
        by_thread: dict[int, list[Message]] = {}
        for m in self.messages():
            by_thread.setdefault(m.thread_id, []).append(m)
        threads = [Thread(tid, msgs[-1].address, msgs[-1], sum(1 for m in msgs if m.incoming and not m.read))
                   for tid, msgs in by_thread.items()]
        threads.sort(key=lambda t: (t.last.date, t.thread_id), reverse=True)
        return threads

    def thread_for(self, address: str, *, create: bool = True) -> int | None:
        want = normalise_number(address) or address.strip().lower()
        top = 0
        for table, prov in (("sms", self.sms), ("pdu", self.mms)):
            for r in prov.rows(table, "thread_id IS NOT NULL"):
                top = max(top, int(r["thread_id"] or 0))
                have = normalise_number(r["address"] or "") or (r["address"] or "").lower()
                if have == want or (len(want) >= 7 and len(have) >= 7 and have[-10:] == want[-10:]):
                    return int(r["thread_id"])
        return top + 1 if create else None

    def address_of(self, thread_id: int) -> str:
        msgs = self.messages(thread_id)
        return msgs[-1].address if msgs else ""

    def send(self, address: str, body: str, attachment: str | None = None) -> int:
        tid = self.thread_for(address)
        now = self.system.now_ms()
        if attachment:
            self.mms.insert("content://mms/sent", {"thread_id": tid, "address": address, "date": now, "read": 1,
                                                   "body": body, "attachment": attachment, "ct": "image/jpeg"})
        else:
            self.sms.insert("content://sms/sent", {
                "thread_id": tid, "address": address, "person": None, "date": now, "date_sent": now, "read": 1,
                "status": -1, "body": body, "seen": 1,
            })
        return tid

    def receive(self, address: str, body: str, date_ms: int | None = None, read: bool = False) -> int:
        tid = self.thread_for(address)
        now = self.system.now_ms() if date_ms is None else date_ms
        self.sms.insert("content://sms/inbox", {
            "thread_id": tid, "address": address, "person": None, "date": now, "date_sent": now,
            "read": int(read), "status": -1, "body": body, "seen": int(read),
        })
        return tid

    def mark_read(self, thread_id: int) -> None:
        if self.sms.rows("sms", "thread_id = ? AND read = 0", [thread_id]):
            self.sms.update("content://sms", {"read": 1, "seen": 1}, "thread_id = ? AND read = 0", [thread_id])
        if self.mms.rows("pdu", "thread_id = ? AND read = 0", [thread_id]):
            self.mms.update("content://mms", {"read": 1}, "thread_id = ? AND read = 0", [thread_id])

    def delete_thread(self, thread_id: int) -> None:
        self.sms.delete("content://sms", "thread_id = ?", [thread_id])
        self.mms.delete("content://mms", "thread_id = ?", [thread_id])
