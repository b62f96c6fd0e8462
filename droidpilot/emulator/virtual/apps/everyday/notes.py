"""Notes (com.android.notes): plain-text notes, one file each under /sdcard/Documents/Notes.

The file name is the note's title plus ``.txt`` and the file holds the body, so ``adb shell ls``
and ``cat`` read exactly what the app shows. Create, edit, rename (the title field), delete and
search (titles and bodies) work by touch. ACTION_SEND ``text/plain`` creates a note from the text.
"""

from __future__ import annotations

import posixpath

from ...system.intents import ACTION_SEND
from ...ui.composite import DialogContent, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List
from ...ui.views import Column
from ...ui.widgets import Edit, Text
from .base import EverydayApp, Screen, action_filter, date_text, fab, page, with_fab

PKG = "com.android.notes"
NOTES_DIR = "/sdcard/Documents/Notes"
BAD_CHARS = '/\\:*?"<>|\n\r\t'


def safe_title(title: str) -> str:
    cleaned = "".join("_" if c in BAD_CHARS else c for c in title).strip().strip(".")
    return cleaned[:80]


def list_notes(fs) -> list[tuple[str, str, float]]:
    """(title, body, mtime) of every note, newest first."""
    if not fs.is_dir(NOTES_DIR):
        return []
    out = []
    for name in fs.listdir(NOTES_DIR):
        path = f"{NOTES_DIR}/{name}"
        if not fs.is_file(path):
            continue
        title = name[:-4] if name.endswith(".txt") else name
        body = fs.read(path).decode("utf-8", "replace")
        st = fs.stat(path)
        out.append((title, body, st.mtime if st else 0.0))
    out.sort(key=lambda n: (-n[2], n[0].lower()))
    return out


def note_path(title: str) -> str:
    return f"{NOTES_DIR}/{title}.txt"


class NotesList(Screen):
    def build(self):
        query = self.field("search_notes").strip().lower()
        notes = [n for n in list_notes(self.system.fs) if not query or query in n[0].lower() or query in n[1].lower()]

        def row(i: int):
            title, body, mtime = notes[i]
            return Column(
                Text(title, id="note_title", text_size=17, bold=True, max_lines=1),
                Text(body.replace("\n", " ")[:120] or "Empty note", id="note_preview", text_size=14, max_lines=2,
                     color="on_surface_variant"),
                Text(date_text(int(mtime * 1000)), id="note_date", text_size=12, color="on_surface_variant"),
                width=MATCH, padding=(16, 10), margin=(12, 4), background="surface_container", radius=16, clickable=True,
                on_click=lambda t=title: self.open(".NoteEditor", title=t),
            )

        body = page(
            Toolbar("Notes", nav=None, id="toolbar"),
            Edit(hint="Search notes", id="search_notes", margin=(16, 0, 16, 8), background="surface_container", radius=28),
            List(count=len(notes), row=row, row_height=104, id="notes_list", width=MATCH, weight=1) if notes else
            Text("No notes" if not query else "No matching notes", id="empty_view", padding=32, width=MATCH, gravity="center"),
        )
        return with_fab(body, fab("add", "New note", lambda: self.open(".NoteEditor")))


class NoteEditor(Screen):
    """Title and body; Save writes the file (renaming it when the title changed)."""

    def on_create(self) -> None:
        self.original = self.intent.extras.get("title")
        text = self.intent.extras.get("android.intent.extra.TEXT")
        subject = self.intent.extras.get("android.intent.extra.SUBJECT")
        if self.original and self.system.fs.is_file(note_path(self.original)):
            self.set_field("note_title_edit", self.original)
            self.set_field("note_body", self.system.fs.read(note_path(self.original)).decode("utf-8", "replace"))
            self.ui_state["focus"] = "note_body"
        else:
            self.original = None
            self.set_field("note_title_edit", str(subject or ""))
            self.set_field("note_body", str(text or ""))
            self.ui_state["focus"] = "note_title_edit"

    def build(self):
        actions = [("done", "Save", self.save)]
        if self.original:
            actions.append(("delete", "Delete note", self.confirm_delete))
        return page(
            Toolbar("Edit note" if self.original else "New note", on_nav=self.save_and_close, id="toolbar", actions=actions),
            Edit(hint="Title", id="note_title_edit", text_size=22, margin=(16, 8)),
            Edit(hint="Note", id="note_body", multiline=True, margin=(16, 0), weight=1, gravity="top"),
        )

    def on_back(self) -> bool:
        if super().on_back():
            return True
        self.save(quiet=True)
        return False

    def save_and_close(self) -> None:
        if self.save(quiet=True) is not False:
            self.finish()

    def save(self, quiet: bool = False) -> bool | None:
        fs = self.system.fs
        body = self.field("note_body")
        title = safe_title(self.field("note_title_edit"))
        if not title:
            if not body.strip() and not self.original:
                return None  # nothing typed: nothing saved
            title = safe_title(body.strip().splitlines()[0]) if body.strip() else "Untitled"
        if not fs.exists(NOTES_DIR):
            fs.mkdir(NOTES_DIR, parents=True)
        if title != self.original and fs.exists(note_path(title)):
            n = 2
            while fs.exists(note_path(f"{title} ({n})")) and n < 1000:
                n += 1
            title = f"{title} ({n})"
        if self.original and title != self.original and fs.exists(note_path(self.original)):
            fs.rename(note_path(self.original), note_path(title))
        fs.write(note_path(title), body.encode("utf-8"))
        self.original = title
        self.set_field("note_title_edit", title)
        if not quiet:
            self.toast("Note saved")
        self.invalidate()
        return True

    def confirm_delete(self) -> None:
        def delete() -> None:
            if self.original and self.system.fs.exists(note_path(self.original)):
                self.system.fs.remove(note_path(self.original))
            self.original = None
            self.dialog = None
            self.toast("Note deleted")
            self.finish()

        self.show_dialog(lambda: DialogContent("Delete note?", posixpath.basename(note_path(self.original or "")),
                                               positive=("Delete", delete), negative=("Cancel", self.dismiss_dialog)))


class NotesApp(EverydayApp):
    package = PKG
    label = "Notes"
    icon = "notes"
    version_name = "3.1"

    def declare(self) -> None:
        self.activity(".NotesList", NotesList, launcher=True)
        self.activity(".NoteEditor", NoteEditor, filters=[action_filter(ACTION_SEND, mime_types=("text/plain",))])

    def on_install(self) -> None:
        super().on_install()
        if not self.system.fs.exists(NOTES_DIR):
            self.system.fs.mkdir(NOTES_DIR, parents=True)
