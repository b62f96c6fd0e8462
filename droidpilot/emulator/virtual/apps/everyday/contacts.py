"""Contacts (com.android.contacts): list with search, contact details, editor, favourites.

Data lives in the contacts provider (see ``contacts_data``), so ``content query --uri
content://com.android.contacts/data`` shows what the screens show. Intents: ACTION_INSERT of
``vnd.android.cursor.dir/contact`` (extras ``name``, ``phone``, ``email``, ``phone_type``) opens
the editor pre-filled; ACTION_VIEW ``content://com.android.contacts/contacts/N`` opens details.
"""

from __future__ import annotations

from ...system.intents import ACTION_CALL, ACTION_EDIT, ACTION_INSERT, ACTION_SENDTO, ACTION_VIEW, Intent
from ...ui.composite import DialogContent, ListItem, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List, ScrollView
from ...ui.views import Column, Row
from ...ui.widgets import Button, CheckBox, Edit, Image, ImageButton, RadioButton, RadioGroup, Text
from .base import EverydayApp, Screen, action_filter, fab, forward_foreign_view, page, with_fab
from .contacts_data import AUTHORITY, EMAIL_TYPES, PHONE_TYPES, Contact, ContactsStore, contacts_provider

PKG = "com.android.contacts"


def store(activity) -> ContactsStore:
    return ContactsStore(activity.system.providers.get(AUTHORITY))


class PeopleActivity(Screen):
    """The contact list: search bar, favourites first, then everyone A-Z; + adds."""

    def build(self):
        query = self.field("search_view")
        contacts = store(self).all(query)
        favourites = [c for c in contacts if c.starred] if not query else []
        items: list[tuple[str, Contact | None]] = []
        if favourites:
            items.append(("Favorites", None))
            items += [("", c) for c in favourites]
            items.append(("Contacts", None))
        items += [("", c) for c in contacts]

        def row(i: int):
            header, c = items[i]
            if c is None:
                return Text(header, id="header", text_size=14, color="primary", bold=True, padding=(16, 16, 16, 4), width=MATCH)
            return Row(
                Text(c.name[:1].upper(), id="avatar", width=40, height=40, gravity="center", background="primary_container",
                     color="on_primary_container", radius=20, margin=(0, 0, 16, 0)),
                Text(c.name, id="cliv_name_textview", text_size=16, max_lines=1, weight=1),
                Image("star", size=20, desc="Favorite", tint="primary") if c.starred else None,
                width=MATCH, padding=(16, 8), gravity="center_vertical", clickable=True,
                on_click=lambda cid=c.id: self.open(".activities.QuickContactActivity", contact_id=cid),
            )

        body = page(
            Toolbar("Contacts", nav=None, id="toolbar"),
            Edit(hint="Search contacts", id="search_view", margin=(16, 0, 16, 8), background="surface_container", radius=28),
            List(count=len(items), row=row, row_height=64, id="contact_list", width=MATCH, weight=1) if items else
            Text("No contacts" if not query else f"No results for \u201c{query}\u201d", id="empty_view", padding=24, width=MATCH, gravity="center"),
        )
        return with_fab(body, fab("add", "Create contact", lambda: self.open(".activities.ContactEditorActivity"), id="floating_action_button"))


class QuickContactActivity(Screen):
    """One contact: name, phones (call and message buttons), emails, favourite, edit, delete."""

    def on_create(self) -> None:
        if forward_foreign_view(self, AUTHORITY):
            return
        self.contact_id = _contact_id(self.intent)

    def build(self):
        c = store(self).get(self.contact_id) if getattr(self, "contact_id", None) else None
        if c is None:
            return page(Toolbar("Contact", on_nav=self.finish), Text("Contact not found", id="empty_view", padding=24))
        rows = []
        for i, (number, typ) in enumerate(c.phones):
            rows.append(ListItem(
                number, subtitle=PHONE_TYPES.get(typ, "Other"), icon="phone", id=f"phone_{i}", title_id="header", subtitle_id="sub_header",
                on_click=lambda n=number: self.call(n),
                trailing=ImageButton("message", id="icon_alternate", desc=f"Text {number}", on_click=lambda n=number: self.text(n)),
            ))
        for i, (email, typ) in enumerate(c.emails):
            rows.append(ListItem(email, subtitle=EMAIL_TYPES.get(typ, "Other"), icon="email", id=f"email_{i}",
                                 title_id="header", subtitle_id="sub_header"))
        return page(
            Toolbar("", on_nav=self.finish, actions=[
                ("star", "Remove from favorites" if c.starred else "Add to favorites", lambda: self.toggle_star(c)),
                ("edit", "Edit contact", lambda: self.open(".activities.ContactEditorActivity", contact_id=c.id)),
                ("delete", "Delete", lambda: self.confirm_delete(c)),
            ], id="toolbar"),
            Column(
                Text(c.name[:1].upper(), id="photo", width=96, height=96, gravity="center", text_size=40,
                     background="primary_container", radius=48),
                Text(c.name, id="large_title", text_size=28, margin=(0, 12, 0, 0)),
                Row(
                    Button("Call", id="call_button", style="outlined", on_click=lambda: self.call(c.primary_phone), enabled=bool(c.phones)),
                    Button("Text", id="text_button", style="outlined", on_click=lambda: self.text(c.primary_phone), enabled=bool(c.phones),
                           margin=(12, 0, 0, 0)),
                    margin=(0, 16, 0, 0),
                ),
                width=MATCH, gravity="center_horizontal", padding=16,
            ),
            List(*rows, id="communication_card", width=MATCH, weight=1),
        )

    def call(self, number: str) -> None:
        if number:
            self.start(Intent(action=ACTION_CALL, data=f"tel:{number}", flags=0x10000000))

    def text(self, number: str) -> None:
        if number:
            self.start(Intent(action=ACTION_SENDTO, data=f"smsto:{number}", flags=0x10000000))

    def toggle_star(self, c: Contact) -> None:
        store(self).set_starred(c.id, not c.starred)
        self.toast("Added to favorites" if not c.starred else "Removed from favorites")

    def confirm_delete(self, c: Contact) -> None:
        def delete() -> None:
            store(self).delete(c.id)
            self.dialog = None
            self.toast(f"{c.name} deleted")
            self.finish()

        self.show_dialog(lambda: DialogContent("Delete this contact?", f"{c.name} will be removed from this device.",
                                               positive=("Delete", delete), negative=("Cancel", self.dismiss_dialog)))


class ContactEditorActivity(Screen):
    """Create or edit a contact: name, phones with types, email, favourite; Save writes the provider."""

    def on_create(self) -> None:
        ex = self.intent.extras
        self.contact_id = ex.get("contact_id") or (_contact_id(self.intent) if self.intent.action == ACTION_EDIT else None)
        existing = store(self).get(int(self.contact_id)) if self.contact_id else None
        self.existing = existing
        if existing is not None:
            self.set_field("name", existing.name)
            phones = existing.phones or [("", 2)]
            for i, (n, t) in enumerate(phones):
                self.set_field(f"phone_{i}", n)
                self.ui_state[f"radio:phone_type_{i}"] = t
            self.phone_count = len(phones)
            if existing.emails:
                self.set_field("email", existing.emails[0][0])
            self.ui_state["checked:favorite"] = existing.starred
        else:
            self.set_field("name", str(ex.get("name", "")))
            self.set_field("phone_0", str(ex.get("phone", "")))
            self.ui_state["radio:phone_type_0"] = int(ex.get("phone_type", 2) or 2)
            self.set_field("email", str(ex.get("email", "")))
            self.phone_count = 1
        self.ui_state["focus"] = "name"

    def build(self):
        phone_rows = []
        for i in range(self.phone_count):
            phone_rows.append(Edit(hint="Phone", id=f"phone_{i}", margin=(16, 8, 16, 0)))
            phone_rows.append(RadioGroup(
                Row(*[RadioButton(label, value=code, id=f"type_{label.lower()}") for code, label in
                      ((2, "Mobile"), (1, "Home"), (3, "Work"))]),
                id=f"phone_type_{i}", initial=2, padding=(16, 0),
            ))
        title = "Edit contact" if self.existing else "Create contact"
        return page(
            Toolbar(title, nav="close", on_nav=self.finish, id="toolbar", actions=[]),
            ScrollView(
                Edit(hint="Name", id="name", margin=(16, 8, 16, 0)),
                *phone_rows,
                Button("Add phone", id="add_phone", style="text", on_click=self.add_phone, margin=(8, 0)),
                Edit(hint="Email", id="email", margin=(16, 8, 16, 0)),
                CheckBox("Add to favorites", id="favorite", padding=(16, 0), width=MATCH),
                id="editors", width=MATCH, weight=1,
            ),
            Row(
                Button("Cancel", id="cancel_button", style="text", on_click=self.finish),
                Button("Save", id="editor_menu_save_button", on_click=self.save, margin=(8, 0, 0, 0)),
                width=MATCH, gravity="end", padding=16,
            ),
        )

    def add_phone(self) -> None:
        self.phone_count += 1
        self.ui_state["focus"] = f"phone_{self.phone_count - 1}"

    def save(self) -> None:
        name = self.field("name").strip()
        phones = [(self.field(f"phone_{i}").strip(), int(self.ui_state.get(f"radio:phone_type_{i}", 2)))
                  for i in range(self.phone_count)]
        phones = [(n, t) for n, t in phones if n]
        email = self.field("email").strip()
        if not name and not phones and not email:
            self.toast("Can't save an empty contact")
            return
        if not name:
            name = phones[0][0] if phones else email
        cid = store(self).save(self.existing, name, phones, [(email, 1)] if email else [], self.checked("favorite"), self.now_ms())
        self.toast(f"{name} saved")
        self.finish()
        if self.existing is None:
            self.start(Intent(component=f"{PKG}/.activities.QuickContactActivity", extras={"contact_id": cid}))


def _contact_id(intent: Intent) -> int | None:
    if intent.extras.get("contact_id"):
        return int(intent.extras["contact_id"])
    data = intent.data or ""
    tail = data.rstrip("/").rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else None


class ContactsApp(EverydayApp):
    package = PKG
    label = "Contacts"
    icon = "contacts"
    version_name = "4.24.24"
    permissions = ("android.permission.READ_CONTACTS", "android.permission.WRITE_CONTACTS", "android.permission.CALL_PHONE")

    def declare(self) -> None:
        self.activity(".activities.PeopleActivity", PeopleActivity, launcher=True)
        self.activity(".activities.QuickContactActivity", QuickContactActivity, filters=[
            action_filter(ACTION_VIEW, schemes=("content",)),
        ])
        self.activity(".activities.ContactEditorActivity", ContactEditorActivity, filters=[
            action_filter(ACTION_INSERT, mime_types=("vnd.android.cursor.dir/contact", "vnd.android.cursor.dir/raw_contact")),
            action_filter(ACTION_EDIT, schemes=("content",)),
        ])

    def make_providers(self):
        return [(contacts_provider(self.system, self.package), ("contacts",))]
