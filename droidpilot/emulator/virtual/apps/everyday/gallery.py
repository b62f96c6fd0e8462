"""Gallery (com.android.gallery3d): a grid of the pictures on /sdcard, a photo view with
Share (ACTION_SEND ``image/jpeg`` with ``android.intent.extra.STREAM``; Messages takes it) and
Delete. ACTION_VIEW ``file://...`` with an ``image/*`` type opens a picture directly."""

from __future__ import annotations

import posixpath
import time
from urllib.parse import unquote, urlsplit

from ...system.intents import ACTION_SEND, ACTION_VIEW, Intent
from ...ui.composite import DialogContent, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List
from ...ui.views import Column, Row, Spacer
from ...ui.widgets import Image, Text
from .base import EverydayApp, Screen, action_filter, page
from .media import Thumbnails, list_photos

PKG = "com.android.gallery3d"
THUMBS = Thumbnails(limit=96)
COLUMNS = 3


class GalleryActivity(Screen):
    def build(self):
        photos = list_photos(self.system.fs)
        rows = (len(photos) + COLUMNS - 1) // COLUMNS

        def row(i: int):
            cells = []
            for path in photos[i * COLUMNS:(i + 1) * COLUMNS]:
                cells.append(Image(image=THUMBS.get(self.system.fs, path, 256), id="photo_thumbnail",
                                   desc=posixpath.basename(path), width=0, height=MATCH, weight=1, margin=2,
                                   clickable=True, on_click=lambda p=path: self.open(".app.PhotoPage", path=p)))
            cells += [Spacer(weight=1, height=1) for _ in range(COLUMNS - len(cells))]
            return Row(*cells, width=MATCH, height=MATCH)

        return page(
            Toolbar("Gallery", nav=None, id="toolbar", subtitle=f"{len(photos)} photos"),
            List(count=rows, row=row, row_height=128, id="photo_grid", width=MATCH, weight=1) if photos else
            Text("No photos yet", id="empty_view", padding=32, width=MATCH, gravity="center"),
        )


class PhotoPage(Screen):
    def on_create(self) -> None:
        path = self.intent.extras.get("path")
        if not path and self.intent.data:
            parts = urlsplit(self.intent.data)
            path = unquote(parts.path) if parts.scheme in ("file", "") else None
        self.path = str(path or "")

    def build(self):
        fs = self.system.fs
        if not fs.is_file(self.path):
            return page(Toolbar("Photo", on_nav=self.finish, id="toolbar"),
                        Text("This photo is no longer available", id="empty_view", padding=24), background="black")
        st = fs.stat(self.path)
        taken = time.strftime("%b %-d, %Y %H:%M", time.localtime(st.mtime)) if st else ""
        picture = THUMBS.get(fs, self.path, 1024)
        # Fit the picture to the screen width keeping its aspect ratio (ImageView fitCenter).
        width_dp = self.system.wm.width * 160 / self.system.wm.density
        height_dp = width_dp * picture.height / picture.width if picture is not None and picture.width else width_dp
        return page(
            Toolbar(posixpath.basename(self.path), on_nav=self.finish, id="toolbar", subtitle=taken, actions=[
                ("share", "Share", self.share), ("delete", "Delete", self.confirm_delete), ("info", "Details", self.details),
            ]),
            Column(Image(image=picture, id="photo_view", desc=posixpath.basename(self.path), width=MATCH, height=height_dp),
                   width=MATCH, weight=1, gravity="center", background="black"),
        )

    def share(self) -> None:
        self.start(Intent(action=ACTION_SEND, mime_type="image/jpeg", flags=0x10000000,
                          extras={"android.intent.extra.STREAM": f"file://{self.path}"}))

    def details(self) -> None:
        st = self.system.fs.stat(self.path)
        size = st.size if st else 0
        self.show_dialog(lambda: DialogContent("Details", f"{self.path}\n{size} bytes",
                                               positive=("Close", self.dismiss_dialog)))

    def confirm_delete(self) -> None:
        def delete() -> None:
            if self.system.fs.exists(self.path):
                self.system.fs.remove(self.path)
            self.dialog = None
            self.toast("Deleted")
            self.finish()

        self.show_dialog(lambda: DialogContent("Delete this photo?", posixpath.basename(self.path),
                                               positive=("Delete", delete), negative=("Cancel", self.dismiss_dialog)))


class GalleryApp(EverydayApp):
    package = PKG
    label = "Gallery"
    icon = "gallery"
    version_name = "1.1.40030"

    def declare(self) -> None:
        self.activity(".app.GalleryActivity", GalleryActivity, launcher=True)
        self.activity(".app.PhotoPage", PhotoPage, filters=[
            action_filter(ACTION_VIEW, schemes=("file",), mime_types=("image/*",)),
            action_filter(ACTION_VIEW, mime_types=("image/*",)),
        ])
