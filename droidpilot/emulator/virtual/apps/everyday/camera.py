"""Camera (com.android.camera2): a pixels-only viewfinder and a shutter that writes a JPEG.

The photo goes to ``/sdcard/DCIM/Camera/IMG_YYYYMMDD_HHMMSS.jpg`` (see ``media``). The first
use asks for the CAMERA permission; without it the shutter stays disabled. IMAGE_CAPTURE takes
one picture and returns to the caller.
"""

from __future__ import annotations

from ...system.faults import request_permission
from ...system.intents import ACTION_IMAGE_CAPTURE, ACTION_VIEW, Intent
from ...ui.geometry import MATCH
from ...ui.views import Column, Frame, Row, Spacer
from ...ui.widgets import Canvas, Image, ImageButton, Text
from .base import EverydayApp, Screen, action_filter
from .media import Thumbnails, list_photos, take_photo

PKG = "com.android.camera2"
CAMERA = "android.permission.CAMERA"


def _viewfinder(draw, rect, theme) -> None:
    """A dim scene with a focus square: the preview has no accessibility nodes, like a SurfaceView."""
    l, t, r, b = rect
    h = max(1, b - t)
    for y in range(t, b, 6):
        shade = int(40 + 60 * (y - t) / h)
        draw.rectangle([l, y, r, min(b, y + 6)], fill=(shade // 2, shade, shade + 20))
    cx, cy = (l + r) // 2, (t + b) // 2
    s = min(r - l, b - t) // 8
    draw.rectangle([cx - s, cy - s, cx + s, cy + s], outline=(255, 255, 255), width=3)


class CameraActivity(Screen):
    thumbs = Thumbnails(limit=4)

    def on_create(self) -> None:
        self.allowed = False
        self.ask()

    def on_resume(self) -> None:
        self.ask()

    def ask(self) -> None:
        """Ask for CAMERA unless answered or already asking (again after the prompt went away
        unanswered, e.g. when HOME was pressed)."""
        pending = any(d.kind == "permission" and d.about_package == PKG for d in self.system.dialogs.stack)
        if not self.allowed and not pending:
            request_permission(self.system, PKG, CAMERA, self._answer)

    def _answer(self, granted: bool) -> None:
        self.allowed = granted
        if not granted:
            self.toast("Camera needs permission to take photos")
        self.invalidate()

    def build(self):
        photos = list_photos(self.system.fs)
        last = photos[0] if photos else None
        thumb = self.thumbs.get(self.system.fs, last, 128) if last else None
        return Column(
            Frame(Canvas(_viewfinder, id="preview_surface", width=MATCH, height=MATCH), id="preview_frame",
                  width=MATCH, weight=1),
            Text("" if self.allowed else "Camera permission needed", id="permission_hint", color="white", padding=8)
            if not self.allowed else None,
            Row(
                Image(image=thumb, id="thumbnail", desc="Open last photo", size=56, clickable=True,
                      on_click=lambda: self.view(last)) if last else Spacer(width=56, height=56),
                Spacer(weight=1, height=1),
                ImageButton("camera", id="shutter_button", desc="Shutter", size=80, radius=40, background="white",
                            enabled=self.allowed, on_click=self.shoot),
                Spacer(weight=1, height=1),
                Spacer(width=56, height=56),
                width=MATCH, padding=24, gravity="center_vertical", background="black",
            ),
            id="camera_root", width=MATCH, height=MATCH, background="black",
        )

    def shoot(self) -> None:
        if not self.allowed:
            return
        path = take_photo(self.system)
        self.toast("Photo saved")
        if self.intent.action == ACTION_IMAGE_CAPTURE:
            self.result = (-1, Intent(data=f"file://{path}"))
            self.finish()

    def view(self, path: str | None) -> None:
        if path:
            self.start(Intent(action=ACTION_VIEW, data=f"file://{path}", mime_type="image/jpeg", flags=0x10000000))


class CameraApp(EverydayApp):
    package = PKG
    label = "Camera"
    icon = "camera"
    version_name = "2.0.002"
    permissions = (CAMERA,)

    def declare(self) -> None:
        self.activity("com.android.camera.CameraLauncher", CameraActivity, launcher=True, filters=[
            action_filter(ACTION_IMAGE_CAPTURE), action_filter("android.media.action.STILL_IMAGE_CAMERA"),
        ])
