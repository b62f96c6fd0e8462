"""A plausible user's data, generated from a seed: same seed, same bytes.

``seed_user_data(system, seed)`` fills the everyday apps (contacts, SMS threads, call log,
calendar events, notes, photos, browser history) plus noise (spam texts, unknown callers,
cancelled events). Every value comes from ``random.Random(seed)`` and every date from
``anchor_ms`` (default ``SEED_EPOCH_MS``, a fixed instant), never from the host clock, so two
devices seeded alike answer ``content query`` byte for byte the same. Pass
``anchor_ms=system.now_ms()`` for data dated around "now" instead.

The default device is *not* seeded (a fresh phone); ``VirtualDevice(seed=N)`` with N != 0 is
meant to call ``seed_if_requested`` once after the apps are installed.
"""

from __future__ import annotations

import random

from .calendar_app import AUTHORITY as CALENDAR, EVENTS
from .contacts_data import AUTHORITY as CONTACTS, ContactsStore
from .dialer import CALL_LOG, CALLS_URI
from .media import CAMERA_DIR, jpeg_bytes, paint_scene
from .messaging_data import SMS, TYPE_INBOX, TYPE_SENT
from .notes import NOTES_DIR

SEED_EPOCH_MS = 1_767_258_000_000  # 2026-01-01 09:00:00 UTC
SEEDED_MARKER = "/data/system/droidpilot/seeded"
HOUR, DAY = 3_600_000, 86_400_000

FIRST = ("Alice", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hiro", "Isabel", "Jonas", "Kofi", "Lena", "Mateo",
         "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Uma", "Victor", "Wen", "Yusuf", "Zoe")
LAST = ("Anderson", "Brown", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kim",
        "Lopez", "Martin", "Nowak", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Walsh")
CHAT = (
    ("Are we still on for lunch tomorrow?", "Yes! 12:30 at the usual place?", "Perfect, see you there"),
    ("Can you send me the photos from Saturday?", "Sure, give me a minute", "Thanks!"),
    ("Running 10 minutes late, sorry", "No worries", "Here now"),
    ("Happy birthday!! \U0001F389", "Thank you so much!"),
    ("Did you see the game last night?", "What a finish", "Unbelievable"),
    ("Don't forget the meeting moved to 3pm", "Got it, thanks for the heads up"),
    ("Here's the article I mentioned: https://news.example.com/bike-lanes", "Interesting, thanks"),
    ("Can you pick up milk on the way home?", "Will do", "And bread please"),
)
SPAM = ("Your parcel is waiting. Confirm delivery at http://bit.ly/pkg-confirm",
        "WINNER! You have been selected for a $1000 gift card. Reply YES to claim",
        "Your verification code is 482913. Do not share it with anyone.")
EVENT_TITLES = (("Dentist appointment", "12 Harbour St"), ("Team standup", "Zoom"), ("Lunch with {name}", "Cafe Roma"),
                ("Gym", "FitHub"), ("Project review", "Room 4B"), ("{name}'s birthday party", "{name}'s place"),
                ("Flight to Berlin", "Airport T2"), ("Parent-teacher meeting", "Lincoln School"), ("Yoga class", "Studio 9"))
NOTES = (("Shopping list", "- eggs\n- milk\n- coffee beans\n- tomatoes\n- pasta"),
         ("Wifi password", "HomeNetwork: correct-horse-battery\nGuest: welcome2024"),
         ("Gift ideas", "Mum: scarf\nDad: book about bridges\n{name}: concert tickets"),
         ("Books to read", "1. The Left Hand of Darkness\n2. Piranesi\n3. A Psalm for the Wild-Built"),
         ("Meeting notes", "Decisions:\n- ship v2 on Friday\n- {name} owns the release notes"),
         ("Packing list", "passport, charger, adapter, toothbrush, jacket"))
HISTORY = (("https://www.google.com/", "Google"), ("https://en.wikipedia.org/wiki/Eiffel_Tower", "Eiffel Tower - Wikipedia"),
           ("https://news.example.com/", "Example News"), ("https://weather.example.com/today", "Weather today - Forecast"),
           ("https://www.allrecipes.com/recipe/pancakes", "Fluffy Pancakes | Allrecipes"),
           ("https://en.wikipedia.org/wiki/Mount_Everest", "Mount Everest - Wikipedia"))


def _number(rnd: random.Random) -> str:
    return f"+1 555-{rnd.randint(200, 999):03d}-{rnd.randint(0, 9999):04d}"


def seed_user_data(system, seed: int, *, anchor_ms: int = SEED_EPOCH_MS, contacts: int = 24) -> dict[str, int]:
    """Fill the apps with seeded data; returns how many items of each kind were written."""
    rnd = random.Random(seed)
    counts: dict[str, int] = {}
    with system.lock:
        people = _seed_contacts(system, rnd, anchor_ms, contacts)
        counts["contacts"] = len(people)
        counts["sms"] = _seed_sms(system, rnd, anchor_ms, people)
        counts["calls"] = _seed_calls(system, rnd, anchor_ms, people)
        counts["events"] = _seed_events(system, rnd, anchor_ms, people)
        counts["notes"] = _seed_notes(system, rnd, anchor_ms, people)
        counts["photos"] = _seed_photos(system, rnd, anchor_ms)
        counts["history"] = _seed_history(system, rnd, anchor_ms)
        _write(system, SEEDED_MARKER, f"{seed}\n".encode())
    return counts


def seed_if_requested(system) -> bool:
    """Seed once per device when ``system.seed`` is non-zero; True when it seeded now."""
    if not getattr(system, "seed", 0) or system.fs.exists(SEEDED_MARKER):
        return False
    seed_user_data(system, system.seed)
    return True


def _write(system, path: str, data: bytes, mtime: float | None = None) -> None:
    directory = path.rsplit("/", 1)[0]
    if not system.fs.exists(directory):
        system.fs.mkdir(directory, parents=True)
    system.fs.write(path, data, mtime=mtime)


def _seed_contacts(system, rnd, anchor, n) -> list[tuple[str, str]]:
    store = ContactsStore(system.providers.get(CONTACTS))
    names = sorted({f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" for _ in range(n * 2)})
    rnd.shuffle(names)
    people = []
    for name in sorted(names[:n]):
        number = _number(rnd)
        phones = [(number, 2)] + ([(_number(rnd), rnd.choice((1, 3)))] if rnd.random() < 0.3 else [])
        first = name.split()[0].lower()
        emails = [(f"{first}.{name.split()[1].lower()}@{rnd.choice(('example.com', 'mail.example.org'))}", 1)] \
            if rnd.random() < 0.6 else []
        store.save(None, name, phones, emails, rnd.random() < 0.15, anchor - rnd.randint(30, 400) * DAY)
        people.append((name, number))
    return people


def _seed_sms(system, rnd, anchor, people) -> int:
    provider = system.providers.get(SMS)
    rows = []
    partners = rnd.sample(people, min(8, len(people)))
    for tid, (name, number) in enumerate(partners, start=1):
        convo = rnd.choice(CHAT)
        t = anchor - rnd.randint(1, 240) * HOUR
        incoming = rnd.random() < 0.5
        for text in convo:
            rows.append((tid, number, t, TYPE_INBOX if incoming else TYPE_SENT, text))
            t += rnd.randint(1, 45) * 60_000
            incoming = not incoming
    for i, text in enumerate(SPAM):  # noise: short codes and strangers
        rows.append((len(partners) + 1 + i, rnd.choice(("72975", "+1 555-010-0199", "33221")), anchor - rnd.randint(1, 72) * HOUR,
                     TYPE_INBOX, text))
    rows.sort(key=lambda r: r[2])
    for tid, number, t, typ, body in rows:
        last_read = typ == TYPE_SENT or rnd.random() < 0.7
        provider.insert("content://sms", {"thread_id": tid, "address": number, "person": None, "date": t, "date_sent": t,
                                          "read": int(last_read), "status": -1, "type": typ, "body": body,
                                          "seen": int(last_read)})
    return len(rows)


def _seed_calls(system, rnd, anchor, people) -> int:
    provider = system.providers.get(CALL_LOG)
    n = 20
    for _ in range(n):
        if rnd.random() < 0.8:
            name, number = rnd.choice(people)
        else:
            name, number = None, _number(rnd)
        typ = rnd.choices((1, 2, 3), weights=(4, 4, 2))[0]
        provider.insert(CALLS_URI, {"number": number, "date": anchor - rnd.randint(1, 500) * 600_000,
                                    "duration": 0 if typ == 3 else rnd.randint(15, 1800), "type": typ, "name": name,
                                    "new": 1 if typ == 3 and rnd.random() < 0.5 else 0})
    return n


def _seed_events(system, rnd, anchor, people) -> int:
    provider = system.providers.get(CALENDAR)
    n = 0
    for day in range(-7, 21):
        if rnd.random() < 0.45:
            title, place = rnd.choice(EVENT_TITLES)
            who = rnd.choice(people)[0].split()[0]
            start = anchor - 9 * HOUR + day * DAY + rnd.randint(8, 19) * HOUR
            provider.insert(EVENTS, {"calendar_id": 1, "title": title.format(name=who), "description": "",
                                     "eventLocation": place.format(name=who), "dtstart": start,
                                     "dtend": start + rnd.choice((1, 1, 2)) * HOUR, "allDay": 0, "eventTimezone": "UTC",
                                     "deleted": 1 if rnd.random() < 0.08 else 0})
            n += 1
    return n


def _seed_notes(system, rnd, anchor, people) -> int:
    chosen = rnd.sample(NOTES, 4)
    for i, (title, body) in enumerate(chosen):
        who = rnd.choice(people)[0].split()[0]
        _write(system, f"{NOTES_DIR}/{title}.txt", body.format(name=who).encode(), mtime=(anchor - (i + 1) * DAY) / 1000)
    return len(chosen)


def _seed_photos(system, rnd, anchor) -> int:
    import time as _time

    n = 5
    for i in range(n):
        when = (anchor - rnd.randint(1, 60) * DAY - i * 1000) / 1000
        stamp = _time.strftime("%Y%m%d_%H%M%S", _time.gmtime(when))
        img = paint_scene(rnd.randint(0, 2**31), size=(800, 600))
        _write(system, f"{CAMERA_DIR}/IMG_{stamp}.jpg", jpeg_bytes(img, 80), mtime=when)
    return n


def _seed_history(system, rnd, anchor) -> int:
    app = system.packages.get("com.android.chrome")
    if app is None:
        return 0
    visits = sorted(((anchor - rnd.randint(1, 300) * 600_000, url, title) for url, title in
                     (rnd.choice(HISTORY) for _ in range(10))))
    app.write_json("history.json", [{"url": u, "title": t, "time": w} for w, u, t in visits])
    return len(visits)
