"""Messages (com.android.messaging): conversation list, thread view, compose with a recipient
picker, incoming SMS with a heads-up notification, pictures shared from Gallery.

Storage is in ``messaging_data`` (``content://sms``, ``content://mms``). Intents:
SENDTO/VIEW ``smsto:N``/``sms:N`` (extra ``sms_body``) open the thread with the text typed;
SEND ``text/plain`` (``android.intent.extra.TEXT``) and SEND ``image/*``
(``android.intent.extra.STREAM``: a path or ``file://`` URI) open the recipient picker carrying
the text or picture. ``system.sms_handler`` is set at install, so the console's ``sms send``
lands in the inbox and posts a notification that opens the thread.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from ...system.intents import ACTION_SEND, ACTION_SENDTO, ACTION_VIEW, Intent
from ...ui.composite import DialogContent, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List
from ...ui.views import Column, Row
from ...ui.widgets import Edit, Image, ImageButton, Text
from .base import EverydayApp, Screen, action_filter, clock_text, date_text, fab, page, with_fab
from .contacts_data import AUTHORITY as CONTACTS, ContactsStore
from .messaging_data import URL_RE, MessageStore, mms_provider, sms_provider

PKG = "com.android.messaging"
EXTRA_TEXT = "android.intent.extra.TEXT"
EXTRA_STREAM = "android.intent.extra.STREAM"


def _contacts(system) -> ContactsStore | None:
    p = system.providers.get(CONTACTS)
    return ContactsStore(p) if p else None


def display_name(system, address: str) -> str:
    store = _contacts(system)
    return (store.name_for(address) if store else "") or address


def stream_path(value) -> str | None:
    """A shared picture's path from ``EXTRA_STREAM`` (a path, ``file://`` URI or MediaStore-like id)."""
    if not value:
        return None
    value = str(value)
    if value.startswith("file://"):
        return unquote(urlsplit(value).path)
    return value if value.startswith("/") else None


class ConversationListActivity(Screen):
    def build(self):
        threads = MessageStore(self.system).threads()

        def row(i: int):
            t = threads[i]
            name = display_name(self.system, t.address)
            snippet = ("You: " if not t.last.incoming else "") + (t.last.body or ("Photo" if t.last.attachment else ""))
            bold = t.unread > 0
            return Row(
                Text(name[:1].upper(), width=40, height=40, gravity="center", background="primary_container", radius=20,
                     margin=(0, 0, 16, 0), id="conversation_icon"),
                Column(
                    Text(name, id="conversation_name", text_size=16, bold=bold, max_lines=1),
                    Text(snippet, id="conversation_snippet", text_size=14, bold=bold, max_lines=1,
                         color="on_surface" if bold else "on_surface_variant"),
                    weight=1,
                ),
                Text(date_text(t.last.date), id="conversation_timestamp", text_size=12, color="on_surface_variant"),
                width=MATCH, padding=(16, 8), gravity="center_vertical", clickable=True,
                on_click=lambda tid=t.thread_id: self.open(".ui.conversation.ConversationActivity", thread_id=tid),
            )

        body = page(
            Toolbar("Messages", nav=None, id="toolbar"),
            List(count=len(threads), row=row, row_height=72, id="conversation_list", width=MATCH, weight=1) if threads
            else Text("No conversations yet", id="empty_text", padding=32, width=MATCH, gravity="center"),
        )
        return with_fab(body, fab("message", "Start chat", lambda: self.open(".ui.conversationlist.NewConversationActivity"),
                                  id="start_chat_fab"))


class NewConversationActivity(Screen):
    """The recipient picker: type a name or number, pick a contact or send to the number typed."""

    def on_create(self) -> None:
        self.ui_state["focus"] = "recipient_text_view"

    def build(self):
        query = self.field("recipient_text_view").strip()
        store = _contacts(self.system)
        contacts = [c for c in (store.all(query) if store else []) if c.phones]

        def row(i: int):
            c = contacts[i]
            return Row(
                Text(c.name[:1].upper(), width=40, height=40, gravity="center", background="primary_container", radius=20,
                     margin=(0, 0, 16, 0)),
                Column(Text(c.name, id="contact_name", text_size=16), Text(c.primary_phone, id="contact_details", text_size=14,
                                                                          color="on_surface_variant"), weight=1),
                width=MATCH, padding=(16, 8), gravity="center_vertical", clickable=True,
                on_click=lambda n=c.primary_phone: self.pick(n),
            )

        typed_number = query and any(ch.isdigit() for ch in query) and all(ch in "+0123456789 -()" for ch in query)
        return page(
            Toolbar("New conversation", on_nav=self.finish, id="toolbar"),
            Row(
                Text("To", margin=(16, 0, 8, 0), color="on_surface_variant"),
                Edit(hint="Type name, phone number, or email", id="recipient_text_view", weight=1, width=0,
                     on_submit=lambda *_: self.pick(query) if query else None),
                width=MATCH, gravity="center_vertical",
            ),
            Row(Image("send", size=24, margin=(0, 0, 16, 0)), Text(f"Send to {query}", id="send_to_number"),
                width=MATCH, padding=16, clickable=True, on_click=lambda: self.pick(query)) if typed_number else None,
            List(count=len(contacts), row=row, row_height=72, id="contact_list", width=MATCH, weight=1),
        )

    def pick(self, address: str) -> None:
        address = address.strip()
        if not address:
            return
        extras = {k: v for k, v in self.intent.extras.items() if k in ("sms_body", EXTRA_TEXT, EXTRA_STREAM)}
        self.finish()
        self.start(Intent(component=f"{PKG}/.ui.conversation.ConversationActivity", extras={"address": address, **extras}))


class ConversationActivity(Screen):
    """One thread: the messages, a compose box and Send."""

    def on_create(self) -> None:
        ex = self.intent.extras
        store = MessageStore(self.system)
        address = str(ex.get("address") or "")
        if not address and self.intent.data:
            address = unquote(self.intent.data.split(":", 1)[-1]).split("?", 1)[0].strip().lstrip("/")
        if ex.get("thread_id") is not None and not address:
            self.thread_id = int(ex["thread_id"])
            self.address = store.address_of(self.thread_id)
        else:
            self.address = address
            self.thread_id = store.thread_for(address, create=False) if address else None
        body = ex.get("sms_body") or ex.get(EXTRA_TEXT) or ""
        if body:
            self.set_field("compose_message_text", str(body))
        self.attachment = stream_path(ex.get(EXTRA_STREAM))
        self.ui_state["focus"] = "compose_message_text"
        if self.thread_id is not None:
            store.mark_read(self.thread_id)

    def on_resume(self) -> None:
        if getattr(self, "thread_id", None) is not None:
            MessageStore(self.system).mark_read(self.thread_id)

    def build(self):
        store = MessageStore(self.system)
        msgs = store.messages(self.thread_id) if self.thread_id is not None else []
        rows = [self.bubble(m) for m in msgs]
        can_send = bool(self.field("compose_message_text").strip() or self.attachment)
        return page(
            Toolbar(display_name(self.system, self.address), subtitle=self.address, on_nav=self.finish, id="toolbar",
                    actions=[("call", "Call", self.call), ("delete", "Delete conversation", self.confirm_delete)]),
            List(*rows, id="message_list", width=MATCH, weight=1, padding=(0, 8)),
            Row(
                Image("gallery", size=48, id="attachment_preview", desc="Attached photo"),
                Text(self.attachment.rsplit("/", 1)[-1], id="attachment_name", weight=1, margin=(8, 0)),
                ImageButton("close", id="remove_attachment", desc="Remove attachment", on_click=self.remove_attachment),
                width=MATCH, padding=(16, 4), gravity="center_vertical", background="surface_container",
            ) if self.attachment else None,
            Row(
                Edit(hint="Text message", id="compose_message_text", weight=1, width=0, multiline=True, max_lines=4,
                     background="surface_container", radius=24),
                ImageButton("send", id="send_message_button", desc="Send SMS", on_click=self.send, enabled=can_send),
                width=MATCH, padding=(8, 8), gravity="center_vertical",
            ),
            id="conversation",
        )

    def bubble(self, m):
        links = URL_RE.findall(m.body)
        return Column(
            Image("gallery", size=160, id="message_image", desc=m.attachment.rsplit("/", 1)[-1]) if m.attachment else None,
            Text(m.body, id="message_text", text_size=15, color="on_primary" if not m.incoming else "on_surface") if m.body else None,
            *[Text(url, id="message_link", color="on_primary" if not m.incoming else "primary", clickable=True,
                   on_click=lambda u=url: self.open_url(u)) for url in links],
            Text(clock_text(m.date), id="message_status", text_size=11,
                 color="on_primary" if not m.incoming else "on_surface_variant"),
            id="message_content", padding=12, radius=18, margin=(48 if not m.incoming else 8, 4, 8 if not m.incoming else 48, 4),
            background="primary" if not m.incoming else "surface_container",
            align="end" if not m.incoming else "start", desc=("Received" if m.incoming else "Sent") + " message",
        )

    def open_url(self, url: str) -> None:
        if not url.startswith("http"):
            url = "http://" + url
        self.start(Intent(action=ACTION_VIEW, data=url, categories=["android.intent.category.BROWSABLE"], flags=0x10000000))

    def remove_attachment(self) -> None:
        self.attachment = None

    def send(self) -> None:
        text = self.field("compose_message_text").strip()
        if not (text or self.attachment) or not self.address:
            return
        # ``smsto:A;B`` addresses several people: one message each, as Messages sends a group SMS.
        recipients = [a.strip() for a in self.address.replace(",", ";").split(";") if a.strip()]
        store = MessageStore(self.system)
        for address in reversed(recipients):
            self.thread_id = store.send(address, text, self.attachment)
        self.address = recipients[0]
        self.attachment = None
        self.set_field("compose_message_text", "")

    def call(self) -> None:
        self.start(Intent(action="android.intent.action.DIAL", data=f"tel:{self.address}", flags=0x10000000))

    def confirm_delete(self) -> None:
        def delete() -> None:
            if self.thread_id is not None:
                MessageStore(self.system).delete_thread(self.thread_id)
            self.dialog = None
            self.finish()

        self.show_dialog(lambda: DialogContent("Delete this conversation?", "", positive=("Delete", delete),
                                               negative=("Cancel", self.dismiss_dialog)))


class MessagingApp(EverydayApp):
    package = PKG
    label = "Messages"
    icon = "message"
    version_name = "20240115"
    permissions = ("android.permission.SEND_SMS", "android.permission.READ_SMS", "android.permission.READ_CONTACTS")

    def declare(self) -> None:
        self.activity(".ui.conversationlist.ConversationListActivity", ConversationListActivity, launcher=True)
        self.activity(".ui.conversationlist.NewConversationActivity", NewConversationActivity, filters=[
            action_filter(ACTION_SEND, mime_types=("text/plain", "image/*")),
        ])
        self.activity(".ui.conversation.ConversationActivity", ConversationActivity, filters=[
            action_filter(ACTION_SENDTO, schemes=("smsto", "sms", "mms", "mmsto")),
            action_filter(ACTION_VIEW, schemes=("smsto", "sms", "mms", "mmsto")),
        ])
        self.system.sms_handler = self.receive_sms

    def make_providers(self):
        return [(sms_provider(self.system, self.package), ()), (mms_provider(self.system, self.package), ())]

    def receive_sms(self, number: str, text: str) -> None:
        tid = MessageStore(self.system).receive(number, text)
        top = self.system.am.top()
        if isinstance(top, ConversationActivity) and top.thread_id == tid:
            MessageStore(self.system).mark_read(tid)
            return
        self.system.notifications.post(
            self.package, display_name(self.system, number), text, heads_up=True, notification_id=tid, icon="message",
            intent=Intent(component=f"{PKG}/.ui.conversation.ConversationActivity", extras={"thread_id": tid}, flags=0x10000000),
        )
