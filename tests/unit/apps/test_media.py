"""Camera writes real JPEGs; Gallery views, deletes and shares them to Messages; Sketch is pixels only."""

import io
import json
import re

from PIL import Image

from .helpers import find, find_all, launch, nodes, query, tap

CAMERA_DIR = "/sdcard/DCIM/Camera"


def take_photo(s) -> str:
    launch(s, "com.android.camera2")
    if find(s, rid="com.android.permissioncontroller:id/permission_allow_button") is not None:
        tap(s, rid="com.android.permissioncontroller:id/permission_allow_button")
    tap(s, desc="Shutter")
    names = s.fs.listdir(CAMERA_DIR)
    return f"{CAMERA_DIR}/{names[-1]}"


def test_the_shutter_writes_a_real_jpeg_with_a_camera_name(system):
    path = take_photo(system)
    assert re.fullmatch(r"/sdcard/DCIM/Camera/IMG_\d{8}_\d{6}\.jpg", path)
    img = Image.open(io.BytesIO(system.fs.read(path)))
    assert img.format == "JPEG" and img.size[0] > 100


def test_camera_asks_for_permission_and_stays_disabled_when_denied(system):
    launch(system, "com.android.camera2")
    assert find(system, rid="permission_message") is not None
    tap(system, rid="com.android.permissioncontroller:id/permission_deny_button")
    assert find(system, desc="Shutter").get("enabled") == "false"
    assert not system.fs.exists(CAMERA_DIR) or system.fs.listdir(CAMERA_DIR) == []


def test_gallery_shows_deletes_photos(system):
    path = take_photo(system)
    launch(system, "com.android.gallery3d")
    name = path.rsplit("/", 1)[1]
    tap(system, desc=name)
    assert find(system, rid="photo_view", desc=name) is not None
    tap(system, desc="Delete")
    tap(system, text="Delete")
    assert not system.fs.exists(path)


def test_sharing_a_photo_from_gallery_to_messages(system):
    path = take_photo(system)
    name = path.rsplit("/", 1)[1]
    launch(system, "com.android.gallery3d")
    tap(system, desc=name)
    tap(system, desc="Share")
    assert system.am.current()[0] == "com.android.messaging"
    system.input.text("5550100")
    tap(system, rid="send_to_number")
    assert find(system, rid="attachment_name", text=name) is not None
    tap(system, rid="compose_message_text")
    system.input.text("Look at this")
    tap(system, desc="Send SMS")
    rows = query(system, "content://mms/sent")
    assert [(r["address"], r["attachment"], r["body"]) for r in rows] == [("5550100", path, "Look at this")]


def test_sketch_exposes_no_accessibility_children_but_takes_taps(system):
    launch(system, "com.droidpilot.sketch")
    surface = find(system, rid="sketch_surface")
    assert surface is not None and len(surface) == 0 and surface.get("text") == ""
    app_nodes = [n for n in nodes(system) if n.get("package") == "com.droidpilot.sketch" and n.get("text")]
    assert app_nodes == []
    before = system.wm.frame().copy()
    l, t = map(int, re.match(r"\[(\d+),(\d+)\]", surface.get("bounds")).groups())
    system.input.tap(l + 60, t + 60)  # the top-left cell of the grid
    grid = json.loads(system.fs.read("/data/data/com.droidpilot.sketch/files/sketch.json"))
    assert grid[0][0] == 1
    assert system.wm.frame().tobytes() != before.tobytes()  # the change shows only in the pixels
    assert len(find_all(system, rid="sketch_surface")[0]) == 0
