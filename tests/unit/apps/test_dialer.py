"""Phone: keypad, permission prompt for CALL, in-call End writing content://call_log/calls."""

from .helpers import find, launch, query, start, tap

CALLS = "content://call_log/calls"


def allow(s) -> None:
    tap(s, rid="com.android.permissioncontroller:id/permission_allow_button")


def test_dialling_from_the_keypad_places_and_logs_a_call(system):
    launch(system, "com.android.dialer")
    tap(system, text="Keypad")
    for key in ("five", "five", "five", "one", "two"):
        tap(system, rid=key)
    assert find(system, rid="digits", text="55512") is not None
    tap(system, desc="dial")
    allow(system)
    assert find(system, rid="contactgrid_contact_name", text="55512") is not None
    tap(system, desc="End call")
    rows = query(system, CALLS)
    assert [(r["number"], r["type"]) for r in rows] == [("55512", 2)]
    assert system.am.current()[0] == "com.android.dialer"


def test_call_intent_asks_for_permission_once_and_deny_is_remembered(system):
    start(system, action="android.intent.action.CALL", data="tel:5550100")
    assert find(system, rid="permission_message") is not None
    tap(system, rid="com.android.permissioncontroller:id/permission_deny_button")
    assert query(system, CALLS) == []
    assert find(system, rid="incall_end_call") is None
    assert "android.permission.CALL_PHONE" in system.packages.state["com.android.dialer"].denied
    start(system, action="android.intent.action.CALL", data="tel:5550100")
    assert find(system, rid="permission_message") is None  # Android stops asking after "Don't allow"


def test_dial_intent_fills_the_keypad_without_calling(system):
    start(system, action="android.intent.action.DIAL", data="tel:+15550123")
    assert find(system, rid="digits", text="+15550123") is not None
    assert query(system, CALLS) == []


def test_calling_a_contact_from_its_details_logs_the_contact_name(system):
    start(system, action="android.intent.action.INSERT", mime_type="vnd.android.cursor.dir/contact",
          extras={"name": "Ada Lovelace", "phone": "555 0100"})
    tap(system, text="Save")
    tap(system, rid="call_button")
    allow(system)
    assert find(system, rid="contactgrid_contact_name", text="Ada Lovelace") is not None
    tap(system, desc="End call")
    assert [(r["number"], r["name"]) for r in query(system, CALLS)] == [("555 0100", "Ada Lovelace")]


def test_recents_lists_logged_calls(system):
    system.providers.get("call_log").insert(CALLS, {"number": "5550999", "date": system.now_ms(), "duration": 0,
                                                    "type": 3, "name": None, "new": 1})
    launch(system, "com.android.dialer")
    assert find(system, rid="primary_text", text="5550999") is not None
    assert find(system, rid="secondary_text").get("text").startswith("Missed")
