"""What the everyday apps share: an App base that owns content providers and JSON files, and
an Activity base with in-app dialogs, form fields read from ``ui_state`` and small widgets.

Form fields are *uncontrolled* Edits: their text lives in ``ui_state["text:<id>"]`` (the toolkit
keeps it there across rebuilds), so typing by ``input text``, uiautomator2 ``set_text`` or the
keyboard all land in the same place, and an app reads it back with ``field(id)``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from ...system.app import Activity, App
from ...system.intents import Intent
from ...system.providers import Provider
from ...ui.geometry import MATCH
from ...ui.views import Column, Frame
from ...ui.widgets import ImageButton

DEFAULT = "android.intent.category.DEFAULT"
BROWSABLE = "android.intent.category.BROWSABLE"


def action_filter(*actions: str, schemes: tuple[str, ...] = (), mime_types: tuple[str, ...] = (),
                  categories: tuple[str, ...] = (DEFAULT,)) -> dict[str, Any]:
    """One intent filter in the shape ``App.activity`` takes."""
    flt: dict[str, Any] = {"actions": list(actions), "categories": list(categories)}
    if schemes:
        flt["schemes"] = list(schemes)
    if mime_types:
        flt["mime_types"] = list(mime_types)
    return flt


class EverydayApp(App):
    """An app whose data lives in providers and files of the device, never only in Python.

    Subclasses build their providers in ``make_providers`` (called on every construction, so a
    device restarted on the same state directory reloads them from their JSON stores).
    """

    def __init__(self, system) -> None:
        super().__init__(system)
        self.providers: list[Provider] = []
        for provider, aliases in self.make_providers():
            system.providers.register(provider, *aliases)
            self.providers.append(provider)

    def make_providers(self) -> list[tuple[Provider, tuple[str, ...]]]:
        return []

    def on_clear_data(self) -> None:
        for provider in self.providers:
            provider.clear()
        super().on_clear_data()
        for provider in self.providers:
            provider.save()

    # -- small JSON state files under /data/data/<pkg>/files ------------------------------------
    def read_json(self, name: str, default: Any) -> Any:
        path = f"{self.data_dir}/files/{name}"
        fs = self.system.fs
        if not fs.exists(path):
            return default
        try:
            return json.loads(fs.read(path).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return default

    def write_json(self, name: str, data: Any) -> None:
        directory = f"{self.data_dir}/files"
        fs = self.system.fs
        if not fs.exists(directory):
            fs.mkdir(directory, parents=True)
        fs.write(f"{directory}/{name}", json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


class Screen(Activity):
    """An everyday-app screen: optional in-app dialog, form helpers, toasts."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.dialog: Callable[[], Any] | None = None

    # -- dialogs ----------------------------------------------------------------------------
    def build_dialog(self):
        return self.dialog() if self.dialog else None

    def dismiss_dialog(self) -> None:
        self.dialog = None
        self.invalidate()

    def show_dialog(self, content: Callable[[], Any]) -> None:
        self.dialog = content
        self.system.ime.hide()
        self.invalidate()

    def on_back(self) -> bool:
        if self.dialog is not None:
            self.dialog = None
            return True
        return False

    # -- forms ------------------------------------------------------------------------------
    def field(self, key: str) -> str:
        return str(self.ui_state.get(f"text:{key}", ""))

    def set_field(self, key: str, value: str) -> None:
        self.ui_state[f"text:{key}"] = value
        self.ui_state.pop(f"cursor:{key}", None)

    def checked(self, key: str, default: bool = False) -> bool:
        return bool(self.ui_state.get(f"checked:{key}", default))

    def toast(self, text: str) -> None:
        self.system.toasts.show(text, self.package)

    def open(self, component: str, **extras: Any) -> None:
        """Start another screen of this app (``component`` is ``.ShortName``)."""
        self.start(Intent(component=f"{self.package}/{component}", extras=dict(extras)))

    def now_ms(self) -> int:
        return self.system.now_ms()


def fab(icon: str, desc: str, on_click: Callable[[], Any], id: str = "fab") -> Any:
    """A floating action button, bottom end of the screen."""
    return ImageButton(icon, id=id, desc=desc, on_click=on_click, background="primary_container",
                       tint="on_primary_container", radius=16, size=56, padding=16, margin=16,
                       align="bottom|end")


def with_fab(body: Any, button: Any, id: str = "coordinator") -> Any:
    """A screen body with a floating button above it (a CoordinatorLayout's usual shape)."""
    return Frame(body, button, id=id, width=MATCH, height=MATCH)


def page(*children: Any, id: str = "root", background: str = "surface") -> Any:
    return Column(*children, id=id, width=MATCH, height=MATCH, background=background)


def clock_text(ms: int, fmt: str = "%H:%M") -> str:
    return time.strftime(fmt, time.localtime(ms / 1000))


def date_text(ms: int, fmt: str = "%b %-d") -> str:
    return time.strftime(fmt, time.localtime(ms / 1000))


def content_authority(uri: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(uri or "").netloc


def forward_foreign_view(activity: Activity, own_authority: str) -> bool:
    """Hand an ACTION_VIEW of another app's ``content://`` URI to that app and finish.

    Intent filters here match schemes, not authorities (Android asks the provider for the
    MIME type instead), so every ``content://`` VIEW reaches the first app declaring it; that
    app forwards to the provider's owner. Returns True when the intent was forwarded.
    """
    authority = content_authority(activity.intent.data)
    if not authority or authority == own_authority:
        return False
    provider = activity.system.providers.get(authority)
    app = activity.system.packages.get(provider.package) if provider else None
    if app is None or app.package == activity.package:
        return False
    for info in app.activities.values():
        for flt in info.intent_filters:
            if "android.intent.action.VIEW" in flt.get("actions", []) and "content" in flt.get("schemes", []):
                forwarded = Intent(action=activity.intent.action, data=activity.intent.data,
                                   component=info.component, extras=dict(activity.intent.extras))
                activity.system.am.start(forwarded, uid=1000)
                activity.finish()
                return True
    return False
