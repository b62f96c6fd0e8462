"""The contacts provider (``content://com.android.contacts``, alias ``contacts``).

Android keeps contacts in three tables seen through several URIs; the ones agents and
checkers read are modelled with Android's column names:
- ``/raw_contacts``: one row per contact (``_id, contact_id, display_name, starred, deleted``);
- ``/contacts``: the aggregate (``_id, display_name, starred, has_phone_number, lookup``);
- ``/data`` (also ``/data/phones``, ``/data/emails``): one row per datum with ``mimetype``
  (``vnd.android.cursor.item/name``, ``/phone_v2``, ``/email_v2``), ``data1`` (the value) and
  ``data2`` (the type: 1 home, 2 mobile, 3 work for phones; 1 home, 2 work for email).
``ContactsStore`` keeps the three in step for the app (the provider stays writable over adb).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...system.providers import Provider, Table

AUTHORITY = "com.android.contacts"
MIME_NAME = "vnd.android.cursor.item/name"
MIME_PHONE = "vnd.android.cursor.item/phone_v2"
MIME_EMAIL = "vnd.android.cursor.item/email_v2"
PHONE_TYPES = {1: "Home", 2: "Mobile", 3: "Work", 7: "Other"}
EMAIL_TYPES = {1: "Home", 2: "Work", 3: "Other"}


def contacts_provider(system, package: str) -> Provider:
    return Provider(
        system,
        AUTHORITY,
        package,
        tables=[
            Table(
                "contacts",
                [("_id", "INTEGER"), ("display_name", "TEXT"), ("starred", "INTEGER"),
                 ("has_phone_number", "INTEGER"), ("lookup", "TEXT"), ("times_contacted", "INTEGER"),
                 ("contact_last_updated_timestamp", "INTEGER")],
                ["contacts"],
                default_sort="display_name COLLATE NOCASE",
            ),
            Table(
                "raw_contacts",
                [("_id", "INTEGER"), ("contact_id", "INTEGER"), ("display_name", "TEXT"), ("starred", "INTEGER"),
                 ("deleted", "INTEGER"), ("account_type", "TEXT"), ("account_name", "TEXT")],
                ["raw_contacts"],
            ),
            Table(
                "data",
                [("_id", "INTEGER"), ("raw_contact_id", "INTEGER"), ("contact_id", "INTEGER"), ("mimetype", "TEXT"),
                 ("display_name", "TEXT"), ("data1", "TEXT"), ("data2", "TEXT"), ("data3", "TEXT"),
                 ("is_primary", "INTEGER"), ("starred", "INTEGER")],
                ["data", "data/phones", "data/emails"],
                path_filters={"data/phones": {"mimetype": MIME_PHONE}, "data/emails": {"mimetype": MIME_EMAIL}},
            ),
        ],
    )


@dataclass
class Contact:
    id: int
    name: str
    starred: bool = False
    phones: list[tuple[str, int]] = field(default_factory=list)  # (number, type)
    emails: list[tuple[str, int]] = field(default_factory=list)

    @property
    def primary_phone(self) -> str:
        return self.phones[0][0] if self.phones else ""


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def normalise_number(number: str) -> str:
    """Digits (and a leading +) only, for matching numbers written differently."""
    number = number.strip()
    digits = "".join(c for c in number if c.isdigit())
    return ("+" if number.startswith("+") else "") + digits


class ContactsStore:
    """Reads and writes contacts through the provider, keeping its three tables consistent."""

    def __init__(self, provider: Provider) -> None:
        self.p = provider

    def sync(self) -> None:
        """Aggregate rows written the Android way over adb (``content insert`` into
        ``raw_contacts`` then ``data`` with ``raw_contact_id``) into ``/contacts``, as the
        contacts provider's aggregator does, so the app shows them."""
        p = self.p
        for raw in p.rows("raw_contacts", "contact_id IS NULL OR contact_id NOT IN (SELECT _id FROM contacts)"):
            if raw["deleted"]:
                continue
            cid = int(raw["contact_id"] or raw["_id"])
            if not p.rows("contacts", "_id = ?", [cid]):
                p.insert(f"content://{AUTHORITY}/contacts", {"_id": cid, "display_name": raw["display_name"] or "",
                                                              "starred": int(raw["starred"] or 0), "has_phone_number": 0,
                                                              "lookup": f"0r{cid}", "times_contacted": 0,
                                                              "contact_last_updated_timestamp": 0})
            p.update(f"content://{AUTHORITY}/raw_contacts/{raw['_id']}", {"contact_id": cid})
        orphans = p.rows("data", "contact_id IS NULL AND raw_contact_id IS NOT NULL")
        for row in orphans:
            raw = p.rows("raw_contacts", "_id = ?", [row["raw_contact_id"]])
            cid = int(raw[0]["contact_id"] or raw[0]["_id"]) if raw else int(row["raw_contact_id"])
            p.update(f"content://{AUTHORITY}/data/{row['_id']}", {"contact_id": cid})
        for c in p.rows("contacts", "display_name IS NULL OR display_name = '' OR has_phone_number IS NULL"):
            names = p.rows("data", "contact_id = ? AND mimetype = ?", [c["_id"], MIME_NAME])
            phones = p.rows("data", "contact_id = ? AND mimetype = ?", [c["_id"], MIME_PHONE])
            name = c["display_name"] or (names[0]["data1"] if names else "") or (phones[0]["data1"] if phones else "")
            if name or c["has_phone_number"] is None:
                p.update(f"content://{AUTHORITY}/contacts/{c['_id']}", {"display_name": name, "has_phone_number": int(bool(phones))})
                p.update(f"content://{AUTHORITY}/data", {"display_name": name}, "contact_id = ? AND display_name IS NULL", [c["_id"]])
        for c in p.rows("contacts", "has_phone_number = 0"):
            if p.rows("data", "contact_id = ? AND mimetype = ?", [c["_id"], MIME_PHONE]):
                p.update(f"content://{AUTHORITY}/contacts/{c['_id']}", {"has_phone_number": 1})

    def all(self, query: str = "") -> list[Contact]:
        self.sync()
        contacts = [self._load(row) for row in self.p.rows("contacts", order="display_name COLLATE NOCASE")]
        if query:
            q = query.lower().strip()
            qd = normalise_number(q)
            contacts = [
                c for c in contacts
                if q in c.name.lower() or (qd.strip("+") and any(qd.strip("+") in normalise_number(n) for n, _ in c.phones))
                or any(q in e.lower() for e, _ in c.emails)
            ]
        return contacts

    def get(self, contact_id: int) -> Contact | None:
        self.sync()
        rows = self.p.rows("contacts", "_id = ?", [contact_id])
        return self._load(rows[0]) if rows else None

    def find_by_number(self, number: str) -> Contact | None:
        want = normalise_number(number)
        if not want:
            return None
        for row in self.p.rows("data", "mimetype = ?", [MIME_PHONE]):
            have = normalise_number(row["data1"] or "")
            if have and (have == want or have.endswith(want[-10:]) and len(want) >= 7):
                return self.get(int(row["contact_id"]))
        return None

    def name_for(self, number: str) -> str:
        c = self.find_by_number(number)
        return c.name if c else ""

    def _load(self, row: dict) -> Contact:
        cid = int(row["_id"])
        c = Contact(cid, row["display_name"] or "", bool(row["starred"]))
        for d in self.p.rows("data", "contact_id = ? AND data1 IS NOT NULL AND data1 != ''", [cid]):
            if d["mimetype"] == MIME_PHONE:
                c.phones.append((str(d["data1"]), _int(d["data2"], 2)))
            elif d["mimetype"] == MIME_EMAIL:
                c.emails.append((str(d["data1"]), _int(d["data2"], 1)))
        return c

    def save(self, contact: Contact | None, name: str, phones: list[tuple[str, int]], emails: list[tuple[str, int]],
             starred: bool, now_ms: int) -> int:
        """Insert (``contact`` None) or replace a contact; returns its id."""
        has_phone = 1 if phones else 0
        if contact is None:
            uri = self.p.insert(f"content://{AUTHORITY}/contacts", {
                "display_name": name, "starred": int(starred), "has_phone_number": has_phone,
                "lookup": "", "times_contacted": 0, "contact_last_updated_timestamp": now_ms,
            })
            cid = int(uri.rsplit("/", 1)[1])
            self.p.update(f"content://{AUTHORITY}/contacts/{cid}", {"lookup": f"0r{cid}-{name[:12].replace(' ', '')}"})
            self.p.insert(f"content://{AUTHORITY}/raw_contacts", {
                "_id": cid, "contact_id": cid, "display_name": name, "starred": int(starred), "deleted": 0,
                "account_type": None, "account_name": None,
            })
        else:
            cid = contact.id
            self.p.update(f"content://{AUTHORITY}/contacts/{cid}", {
                "display_name": name, "starred": int(starred), "has_phone_number": has_phone,
                "contact_last_updated_timestamp": now_ms,
            })
            self.p.update(f"content://{AUTHORITY}/raw_contacts/{cid}", {"display_name": name, "starred": int(starred)})
            self.p.delete(f"content://{AUTHORITY}/data", "contact_id = ?", [cid])
        rows = [(MIME_NAME, name, None)] + [(MIME_PHONE, n, t) for n, t in phones] + [(MIME_EMAIL, e, t) for e, t in emails]
        for i, (mime, value, typ) in enumerate(rows):
            self.p.insert(f"content://{AUTHORITY}/data", {
                "raw_contact_id": cid, "contact_id": cid, "mimetype": mime, "display_name": name,
                "data1": value, "data2": None if typ is None else str(typ),
                "data3": None, "is_primary": 1 if i == 1 else 0, "starred": int(starred),
            })
        return cid

    def set_starred(self, contact_id: int, starred: bool) -> None:
        for table in ("contacts", "raw_contacts"):
            self.p.update(f"content://{AUTHORITY}/{table}/{contact_id}", {"starred": int(starred)})
        self.p.update(f"content://{AUTHORITY}/data", {"starred": int(starred)}, "contact_id = ?", [contact_id])

    def delete(self, contact_id: int) -> None:
        self.p.delete(f"content://{AUTHORITY}/data", "contact_id = ?", [contact_id])
        self.p.delete(f"content://{AUTHORITY}/raw_contacts/{contact_id}")
        self.p.delete(f"content://{AUTHORITY}/contacts/{contact_id}")
