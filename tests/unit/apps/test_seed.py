"""Seeded user data: plausible, spread over every app, and byte-identical for the same seed."""

from droidpilot.emulator.virtual.apps.everyday.seed import seed_if_requested, seed_user_data
from droidpilot.emulator.virtual.system.core import System

from .helpers import find, launch, shell

URIS = ("content://com.android.contacts/data", "content://sms", "content://call_log/calls",
        "content://com.android.calendar/events")


def dump(s: System) -> str:
    parts = []
    for uri in URIS:
        rc, out, err = shell(s, f"content query --uri {uri}")
        assert rc == 0, err
        parts.append(out)
    rc, out, _ = shell(s, "ls -l /sdcard/Documents/Notes /sdcard/DCIM/Camera")
    parts.append(out)
    return "".join(parts)


def test_same_seed_gives_byte_identical_content_query_output():
    a, b = System(), System()
    seed_user_data(a, 7)
    seed_user_data(b, 7)
    assert dump(a) == dump(b)
    photos = sorted(a.fs.listdir("/sdcard/DCIM/Camera"))
    assert [a.fs.read(f"/sdcard/DCIM/Camera/{p}") for p in photos] == [b.fs.read(f"/sdcard/DCIM/Camera/{p}") for p in photos]


def test_different_seeds_give_different_users():
    a, b = System(), System()
    seed_user_data(a, 1)
    seed_user_data(b, 2)
    assert dump(a) != dump(b)


def test_seeded_data_fills_every_app_and_shows_on_screen():
    s = System()
    counts = seed_user_data(s, 3)
    assert counts["contacts"] == 24 and counts["sms"] > 10 and counts["calls"] == 20 and counts["photos"] == 5
    assert counts["events"] > 0 and counts["notes"] == 4 and counts["history"] == 10
    rc, out, _ = shell(s, "content query --uri content://sms/inbox --projection address:body")
    assert rc == 0 and out.startswith("Row: 0 address=")
    launch(s, "com.android.messaging")
    assert find(s, rid="conversation_name") is not None
    launch(s, "com.android.contacts")
    assert find(s, rid="cliv_name_textview") is not None


def test_seed_if_requested_seeds_once_only_for_a_nonzero_seed(tmp_path):
    assert seed_if_requested(System()) is False
    s = System(seed=5, state_dir=tmp_path)  # a seeded device fills its apps at first boot
    assert s.providers.for_uri("content://sms").query("content://sms")[1], "seeded at boot"
    assert seed_if_requested(s) is False
    again = System(seed=5, state_dir=tmp_path)  # a restart on the same state does not seed twice
    assert seed_if_requested(again) is False
