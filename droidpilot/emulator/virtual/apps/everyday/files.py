"""Files (com.android.documentsui): browse /sdcard, open, rename, delete, move, new folder.

Everything acts on the device's file system directly, so ``adb shell ls`` sees each change at
once. Long-press selects an item (then Rename / Delete / Move to from the action bar); Move
switches to a folder picker ("Move here"). Opening a picture shows it in Gallery; a text file
opens in a read-only viewer.
"""

from __future__ import annotations

import posixpath

from ...system.intents import ACTION_VIEW, Intent
from ...ui.composite import DialogContent, ListItem, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List, ScrollView
from ...ui.views import Row
from ...ui.widgets import Button, Edit, Text
from .base import EverydayApp, Screen, page

PKG = "com.android.documentsui"
ROOT = "/sdcard"
IMAGE_EXT = (".jpg", ".jpeg", ".png", ".gif", ".webp")
TEXT_EXT = (".txt", ".md", ".csv", ".json", ".log", ".xml", ".html")


def human_size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


class FilesActivity(Screen):
    def on_create(self) -> None:
        self.cwd = str(self.intent.extras.get("path") or ROOT)
        self.selected: str | None = None
        self.moving: str | None = None

    @property
    def fs(self):
        return self.system.fs

    def entries(self) -> list[tuple[str, bool]]:
        if not self.fs.is_dir(self.cwd):
            self.cwd = ROOT
        names = [n for n in self.fs.listdir(self.cwd) if not n.startswith(".")]
        items = [(n, self.fs.is_dir(f"{self.cwd}/{n}")) for n in names]
        items.sort(key=lambda e: (not e[1], e[0].lower()))
        if self.moving:
            items = [e for e in items if e[1] and f"{self.cwd}/{e[0]}" != self.moving]
        return items

    def build(self):
        items = self.entries()
        title = "Internal storage" if self.cwd == ROOT else posixpath.basename(self.cwd)
        if self.selected:
            bar = Toolbar("1 selected", nav="close", on_nav=self.clear_selection, id="toolbar", actions=[
                ("edit", "Rename", self.rename), ("folder", "Move to", self.start_move), ("delete", "Delete", self.confirm_delete),
            ])
        elif self.moving:
            at_root = self.cwd == ROOT
            bar = Toolbar(f"Move {posixpath.basename(self.moving)}", nav="close" if at_root else "back",
                          on_nav=self.cancel_move if at_root else self.up, id="toolbar", subtitle=title)
        else:
            bar = Toolbar(title, nav="back" if self.cwd != ROOT else None, on_nav=self.up, id="toolbar",
                          actions=[("add", "New folder", self.new_folder)])

        def row(i: int):
            name, is_dir = items[i]
            path = f"{self.cwd}/{name}"
            st = self.fs.stat(path)
            sub = "Folder" if is_dir else human_size(st.size if st else 0)
            return ListItem(name, subtitle=sub, icon="folder" if is_dir else ("image" if name.lower().endswith(IMAGE_EXT) else "files"),
                            id="item_root", title_id="android:id/title", subtitle_id="size",
                            on_click=lambda p=path, d=is_dir: self.tap(p, d),
                            on_long_click=lambda p=path: self.select(p),
                            selected=self.selected == path,
                            background="secondary_container" if self.selected == path else None)

        crumbs = "Internal storage" + self.cwd[len(ROOT):].replace("/", " \u203a ")
        return page(
            bar,
            Text(crumbs, id="breadcrumb", text_size=13, color="on_surface_variant", padding=(16, 4)),
            List(count=len(items), row=row, row_height=64, id="dir_list", width=MATCH, weight=1) if items else
            Text("No items", id="message", padding=32, width=MATCH, gravity="center"),
            Row(Button("Cancel", id="cancel_move", style="text", on_click=self.cancel_move),
                Button("Move here", id="move_here", on_click=self.move_here, margin=(8, 0, 0, 0)),
                width=MATCH, gravity="end", padding=16) if self.moving else None,
        )

    def tap(self, path: str, is_dir: bool) -> None:
        if self.selected:
            self.selected = path
            return
        if is_dir:
            self.cwd = path
            self.ui_state.pop("scroll:dir_list", None)
        else:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        low = path.lower()
        if low.endswith(IMAGE_EXT):
            self.start(Intent(action=ACTION_VIEW, data=f"file://{path}", mime_type="image/jpeg", flags=0x10000000))
        else:
            self.open(".viewer.TextViewer", path=path)

    def up(self) -> None:
        if self.cwd != ROOT:
            self.cwd = posixpath.dirname(self.cwd)

    def on_back(self) -> bool:
        if super().on_back():
            return True
        if self.selected:
            self.selected = None
            return True
        if self.cwd != ROOT:
            self.up()
            return True
        return False

    def select(self, path: str) -> None:
        self.selected = path

    def clear_selection(self) -> None:
        self.selected = None

    def name_dialog(self, title: str, initial: str, ok_label: str, on_ok) -> None:
        self.set_field("name_input", initial)
        self.ui_state["focus"] = "name_input"

        def ok() -> None:
            name = self.field("name_input").strip()
            if not name or "/" in name or name in (".", ".."):
                self.toast("Enter a valid name")
                return
            if self.fs.exists(f"{self.cwd}/{name}"):
                self.toast(f"\u201c{name}\u201d already exists")
                return
            on_ok(name)
            self.dialog = None

        self.show_dialog(lambda: DialogContent(title, body=Edit(hint="Name", id="name_input"), positive=(ok_label, ok),
                                               negative=("Cancel", self.dismiss_dialog)))
        self.ui_state["focus"] = "name_input"

    def new_folder(self) -> None:
        self.name_dialog("New folder", "", "OK", lambda name: self.fs.mkdir(f"{self.cwd}/{name}"))

    def rename(self) -> None:
        path = self.selected
        if not path:
            return

        def do(name: str) -> None:
            self.fs.rename(path, f"{posixpath.dirname(path)}/{name}")
            self.selected = None

        self.name_dialog("Rename", posixpath.basename(path), "OK", do)

    def confirm_delete(self) -> None:
        path = self.selected
        if not path:
            return

        def delete() -> None:
            self.fs.remove(path, recursive=self.fs.is_dir(path))
            self.selected = None
            self.dialog = None
            self.toast("Deleted 1 item")

        self.show_dialog(lambda: DialogContent("Delete?", f"Delete \u201c{posixpath.basename(path)}\u201d?",
                                               positive=("OK", delete), negative=("Cancel", self.dismiss_dialog)))

    def start_move(self) -> None:
        self.moving, self.selected = self.selected, None

    def cancel_move(self) -> None:
        self.moving = None

    def move_here(self) -> None:
        src = self.moving
        if not src:
            return
        dst = f"{self.cwd}/{posixpath.basename(src)}"
        if dst == src or self.cwd.startswith(src + "/"):
            self.toast("Can't move an item into itself")
            return
        if self.fs.exists(dst):
            self.toast(f"\u201c{posixpath.basename(src)}\u201d already exists here")
            return
        self.fs.rename(src, dst)
        self.moving = None
        self.toast("Moved 1 item")


class TextViewer(Screen):
    def build(self):
        path = str(self.intent.extras.get("path", ""))
        fs = self.system.fs
        text = fs.read(path).decode("utf-8", "replace") if fs.is_file(path) else "File not found"
        return page(Toolbar(posixpath.basename(path), on_nav=self.finish, id="toolbar"),
                    ScrollView(Text(text[:20000], id="text_content", padding=16, width=MATCH), id="scroll", weight=1))


class FilesApp(EverydayApp):
    package = PKG
    label = "Files"
    icon = "files"
    version_name = "14"

    def declare(self) -> None:
        self.activity(".files.FilesActivity", FilesActivity, launcher=True)
        self.activity(".viewer.TextViewer", TextViewer, exported=False)
