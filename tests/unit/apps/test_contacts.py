"""Contacts by touch, checked through content://com.android.contacts as adb reads it."""

from droidpilot.emulator.virtual.system.core import System

from .helpers import find, launch, query, start, tap, type_into

DATA = "content://com.android.contacts/data"


def add_contact_by_touch(s, name: str, phone: str, email: str = "") -> None:
    launch(s, "com.android.contacts")
    for _ in range(3):  # back to the list if an earlier save left the details open
        if find(s, desc="Create contact") is not None:
            break
        s.am.back()
    tap(s, desc="Create contact")
    type_into(s, name, rid="name")
    type_into(s, phone, rid="phone_0")
    if email:
        type_into(s, email, rid="email")
    tap(s, text="Save")


def test_adding_a_contact_by_touch_writes_name_phone_and_email_rows(system):
    add_contact_by_touch(system, "Ada Lovelace", "+1 555 0100", "ada@example.com")
    rows = query(system, DATA, "display_name = ?", ["Ada Lovelace"])
    by_mime = {r["mimetype"]: r for r in rows}
    assert by_mime["vnd.android.cursor.item/phone_v2"]["data1"] == "+1 555 0100"
    assert by_mime["vnd.android.cursor.item/phone_v2"]["data2"] == "2"  # mobile
    assert by_mime["vnd.android.cursor.item/email_v2"]["data1"] == "ada@example.com"
    assert by_mime["vnd.android.cursor.item/name"]["data1"] == "Ada Lovelace"
    assert find(system, rid="large_title", text="Ada Lovelace") is not None


def test_the_list_searches_and_opens_details(system):
    add_contact_by_touch(system, "Ada Lovelace", "555 0100")
    add_contact_by_touch(system, "Alan Turing", "555 0199")
    system.am.back()  # leave the details screen the save opened
    type_into(system, "turing", rid="search_view")
    assert find(system, rid="cliv_name_textview", text="Alan Turing") is not None
    assert find(system, rid="cliv_name_textview", text="Ada Lovelace") is None
    tap(system, rid="cliv_name_textview", text="Alan Turing")
    assert find(system, rid="large_title", text="Alan Turing") is not None


def test_editing_favourite_and_deleting_a_contact(system):
    add_contact_by_touch(system, "Grace Hopper", "555 0142")
    tap(system, desc="Add to favorites")
    assert query(system, "content://com.android.contacts/contacts")[0]["starred"] == 1
    tap(system, desc="Edit contact")
    tap(system, rid="name")
    system.input.text(" Jr")
    tap(system, rid="type_work")
    tap(system, text="Save")
    phone = query(system, DATA, "mimetype = ?", ["vnd.android.cursor.item/phone_v2"])[0]
    assert phone["display_name"] == "Grace Hopper Jr" and phone["data2"] == "3"
    tap(system, desc="Delete")
    tap(system, text="Delete")
    assert query(system, "content://com.android.contacts/raw_contacts") == []
    assert query(system, DATA) == []


def test_insert_intent_prefills_the_editor(system):
    start(system, action="android.intent.action.INSERT", mime_type="vnd.android.cursor.dir/contact",
          extras={"name": "Katherine Johnson", "phone": "555 0177", "email": "kj@example.com"})
    assert find(system, rid="name", text="Katherine Johnson") is not None
    tap(system, text="Save")
    assert {r["data1"] for r in query(system, DATA)} == {"Katherine Johnson", "555 0177", "kj@example.com"}


def test_view_intent_opens_a_contact_by_uri(system):
    add_contact_by_touch(system, "Ada Lovelace", "555 0100")
    system.am.home()
    cid = query(system, "content://com.android.contacts/contacts")[0]["_id"]
    start(system, action="android.intent.action.VIEW", data=f"content://com.android.contacts/contacts/{cid}")
    assert system.am.current()[0] == "com.android.contacts"
    assert find(system, rid="large_title", text="Ada Lovelace") is not None


def test_contacts_survive_a_device_restart(tmp_path):
    s = System(state_dir=tmp_path)
    add_contact_by_touch(s, "Ada Lovelace", "555 0100")
    again = System(state_dir=tmp_path)
    assert [r["display_name"] for r in query(again, "content://contacts/contacts")] == ["Ada Lovelace"]
    launch(again, "com.android.contacts")
    assert find(again, rid="cliv_name_textview", text="Ada Lovelace") is not None


def test_contacts_inserted_over_adb_the_android_way_show_in_the_app(system):
    from .helpers import shell

    rc, _, err = shell(system, "content insert --uri content://com.android.contacts/raw_contacts --bind account_type:n: --bind account_name:n:")
    assert rc == 0, err
    raw_id = query(system, "content://com.android.contacts/raw_contacts")[0]["_id"]
    for mime, value in (("name", "Rosa Parks"), ("phone_v2", "555 0155")):
        rc, _, err = shell(system, f"content insert --uri content://com.android.contacts/data --bind raw_contact_id:i:{raw_id} "
                                   f"--bind mimetype:s:vnd.android.cursor.item/{mime} --bind data1:s:'{value}' --bind data2:i:2")
        assert rc == 0, err
    launch(system, "com.android.contacts")
    tap(system, rid="cliv_name_textview", text="Rosa Parks")
    assert find(system, rid="header", text="555 0155") is not None
