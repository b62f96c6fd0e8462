"""Messages: compose by touch into content://sms/sent, incoming SMS, links, threads."""

from droidpilot.emulator.virtual.system.core import System

from .helpers import find, find_all, launch, query, start, tap, type_into


def test_sending_an_sms_by_touch_lands_in_sms_sent(system):
    launch(system, "com.android.messaging")
    tap(system, desc="Start chat")
    system.input.text("+1 555 0100")
    tap(system, rid="send_to_number")
    type_into(system, "Running late, sorry!", rid="compose_message_text")
    tap(system, desc="Send SMS")
    rows = query(system, "content://sms/sent")
    assert [(r["address"], r["body"], r["type"]) for r in rows] == [("+1 555 0100", "Running late, sorry!", 2)]
    assert find(system, rid="message_text", text="Running late, sorry!") is not None
    assert find(system, rid="compose_message_text", text="Text message") is not None  # box emptied


def test_picking_a_contact_as_recipient(system):
    start(system, action="android.intent.action.INSERT", mime_type="vnd.android.cursor.dir/contact",
          extras={"name": "Alice Martin", "phone": "555 0111"})
    tap(system, text="Save")
    launch(system, "com.android.messaging")
    tap(system, desc="Start chat")
    system.input.text("Alice")
    tap(system, rid="contact_name", text="Alice Martin")
    type_into(system, "Hi Alice", rid="compose_message_text")
    tap(system, desc="Send SMS")
    assert query(system, "content://sms/sent")[0]["address"] == "555 0111"
    system.am.back()
    assert find(system, rid="conversation_name", text="Alice Martin") is not None


def test_smsto_intent_prefills_the_body(system):
    start(system, action="android.intent.action.SENDTO", data="smsto:5550100", extras={"sms_body": "See you at 7"})
    assert find(system, rid="compose_message_text", text="See you at 7") is not None
    tap(system, desc="Send SMS")
    assert query(system, "content://sms/sent")[0]["body"] == "See you at 7"


def test_incoming_sms_is_stored_unread_and_its_notification_opens_the_thread(system):
    system.sms_receive("+15550142", "Your table is ready")
    rows = query(system, "content://sms/inbox")
    assert [(r["address"], r["body"], r["read"], r["type"]) for r in rows] == [("+15550142", "Your table is ready", 0, 1)]
    note = system.notifications.list()[0]
    assert note.package == "com.android.messaging" and note.text == "Your table is ready"
    system.notifications.click(note.key)
    assert find(system, rid="message_text", text="Your table is ready") is not None
    assert query(system, "content://sms/inbox")[0]["read"] == 1


def test_replies_join_the_same_thread(system):
    system.sms_receive("+1 555 0142", "ping")
    start(system, action="android.intent.action.SENDTO", data="smsto:+15550142", extras={"sms_body": "pong"})
    tap(system, desc="Send SMS")
    rows = query(system, "content://sms")
    assert len({r["thread_id"] for r in rows}) == 1 and len(rows) == 2


def test_a_link_in_a_message_opens_chrome(system):
    system.sms_receive("5550100", "Look: https://en.wikipedia.org/wiki/Paris")
    system.notifications.click(system.notifications.list()[0].key)
    tap(system, rid="message_link")
    assert system.am.current()[0] == "com.android.chrome"
    assert find(system, rid="firstHeading", text="Paris") is not None


def test_messages_survive_a_restart(tmp_path):
    s = System(state_dir=tmp_path)
    s.sms_receive("5550100", "hello")
    again = System(state_dir=tmp_path)
    launch(again, "com.android.messaging")
    assert find(again, rid="conversation_snippet", text="hello") is not None


def test_sms_inserted_over_adb_without_a_thread_joins_the_address_thread(system):
    from .helpers import shell

    system.sms_receive("5550100", "first")
    rc, _, err = shell(system, "content insert --uri content://sms/inbox --bind address:s:5550100 --bind body:s:second --bind date:l:1")
    assert rc == 0, err
    launch(system, "com.android.messaging")
    assert len(find_all(system, rid="conversation_name")) == 1
    assert {r["thread_id"] for r in query(system, "content://sms")} == {1}


def test_an_smsto_with_several_recipients_sends_one_message_to_each(system):
    start(system, action="android.intent.action.SENDTO", data="smsto:5550100;5550101", extras={"sms_body": "Party at 8"})
    tap(system, desc="Send SMS")
    assert sorted(r["address"] for r in query(system, "content://sms/sent")) == ["5550100", "5550101"]
