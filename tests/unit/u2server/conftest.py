"""A small, real stand-in for the device's ``System`` with exactly the seams the server uses.

The window manager serves a hierarchy XML string that tests replace (bumping the generation as
the real one does); input calls are recorded in order so tests can assert what the server
asked the device to do.
"""

from __future__ import annotations

import io
import threading
from types import SimpleNamespace
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

CORPUS = Path("/work/shared/corpus/real-dumps")

DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"


def node(attrs: str = "", children: str = "", **kw: str) -> str:
    """One ``<node>`` with uiautomator's attribute set; keyword overrides, e.g. text="OK"."""
    base = {
        "index": "0", "text": "", "resource-id": "", "class": "android.widget.FrameLayout",
        "package": "com.example", "content-desc": "", "checkable": "false", "checked": "false",
        "clickable": "false", "enabled": "true", "focusable": "false", "focused": "false",
        "scrollable": "false", "long-clickable": "false", "password": "false", "selected": "false",
        "bounds": "[0,0][1080,2400]",
    }
    for key, value in kw.items():
        base[key.rstrip("_").replace("_", "-")] = value
    text = " ".join(f'{k}="{v}"' for k, v in base.items())
    return f"<node {text}{(' ' + attrs) if attrs else ''}>{children}</node>"


def hierarchy(*windows: str, rotation: int = 0) -> str:
    return f'{DECL}<hierarchy rotation="{rotation}">{"".join(windows)}</hierarchy>'


class Wm:
    def __init__(self, xml: str) -> None:
        self.xml = xml
        self.generation = 1
        self.size = (1080, 2400)
        self.rotation = 0
        self.density = 420
        self.frozen = False
        self.dumps = 0

    def set_xml(self, xml: str) -> None:
        self.xml = xml
        self.generation += 1

    def invalidate(self) -> None:
        self.generation += 1

    def hierarchy_xml(self, all_windows: bool = True) -> str:
        """All windows, or (like the real one) only the active one: here the first in the dump."""
        self.dumps += 1
        if all_windows:
            return self.xml
        root = etree.fromstring(self.xml.encode())
        for extra in list(root)[1:]:
            root.remove(extra)
        return DECL + etree.tostring(root, encoding="unicode")

    def screenshot_jpeg(self, quality: int, scale: float = 1.0) -> bytes:
        w, h = self.size
        buf = io.BytesIO()
        Image.new("RGB", (int(w * scale), int(h * scale)), (10, 20, 30)).save(buf, "JPEG", quality=quality)
        return buf.getvalue()

    def set_rotation(self, rotation: int) -> None:
        self.rotation = rotation

    def freeze_rotation(self, frozen: bool) -> None:
        self.frozen = frozen


class Input:
    """Records every call; ``on_call`` lets a test change the screen in reaction."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.on_call = None
        self.no_effect: set[str] = set()  # calls that report changed=False (e.g. not a text field)

    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("calls", "on_call", "no_effect"):
            raise AttributeError(name)

        def record(*args, **kwargs):
            self.calls.append((name, *args, *sorted(kwargs.items())))
            if self.on_call is not None:
                self.on_call(name, *args)
            return SimpleNamespace(changed=name in ("set_text", "clear_text") and name not in self.no_effect)

        return record


class Bag:
    """Simple services: clipboard, toasts, notifications, power, activity manager."""

    def __init__(self) -> None:
        self.clip = None
        self.label = None
        self.toast = None
        self.shade = None
        self.screen_on = True

    # clipboard
    def get(self):
        return self.clip

    def set(self, text, label=None):
        self.clip, self.label = text, label

    # toasts
    def last(self):
        return self.toast

    def clear_last(self):
        self.toast = None

    # notifications
    def open_shade(self):
        self.shade = "notifications"

    def open_quick_settings(self):
        self.shade = "quick"

    # power
    def wake(self):
        self.screen_on = True

    def sleep(self):
        self.screen_on = False


class Settings:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def put(self, namespace: str, key: str, value: str) -> None:
        self.values[(namespace, key)] = value

    def get(self, namespace: str, key: str):
        return self.values.get((namespace, key))


class Am:
    def __init__(self) -> None:
        self.top = ("com.example", "com.example.MainActivity")

    def current(self):
        return self.top


class FakeSystem:
    def __init__(self, xml: str) -> None:
        self.lock = threading.RLock()
        self.wm = Wm(xml)
        self.input = Input()
        bag = Bag()
        self.clipboard = self.toasts = self.notifications = self.power = bag
        self.am = Am()
        self.settings = Settings()
        self.props = {"ro.product.name": "sdk_gphone64_x86_64", "ro.build.version.sdk": "34"}


SCREEN = hierarchy(
    node(
        children=node(
            index="0", class_="android.widget.LinearLayout", resource_id="com.example:id/list",
            scrollable="true", bounds="[0,100][1080,2000]",
            children=(
                node(index="0", class_="android.widget.LinearLayout", clickable="true", bounds="[0,100][1080,300]",
                     children=node(index="0", class_="android.widget.TextView", text="Wi-Fi", bounds="[40,120][500,280]")
                     + node(index="1", class_="android.widget.Switch", checkable="true", checked="true",
                            resource_id="android:id/switch_widget", bounds="[900,150][1040,250]"))
                + node(index="1", class_="android.widget.LinearLayout", clickable="true", bounds="[0,300][1080,500]",
                       children=node(index="0", class_="android.widget.TextView", text="Bluetooth", bounds="[40,320][500,480]")
                       + node(index="1", class_="android.widget.Switch", checkable="true", checked="false",
                              resource_id="android:id/switch_widget", bounds="[900,350][1040,450]"))
                + node(index="2", class_="android.widget.EditText", text="hello", focusable="true", focused="true",
                       resource_id="com.example:id/edit", content_desc="Message", bounds="[0,500][1080,700]")
                + node(index="3", class_="android.widget.TextView", text="Hidden", visible_to_user="false",
                       bounds="[0,0][0,0]")
            ),
        )
    ),
    node(class_="android.widget.FrameLayout", package="com.android.systemui", index="0",
         bounds="[0,2300][1080,2400]",
         children=node(class_="android.widget.ImageView", content_desc="Back", clickable="true",
                       package="com.android.systemui", bounds="[100,2300][300,2400]")),
)


@pytest.fixture
def system() -> FakeSystem:
    return FakeSystem(SCREEN)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.xml"))
