"""Apps and activities of the virtual device.

An ``App`` is what the package manager knows about a package (label, version, activities,
permissions); an ``Activity`` is one screen of it, alive in a task of the activity manager.
Activities are declarative: ``build()`` returns a fresh view tree from the activity's state
each time the screen is needed, and widget state that must survive rebuilds (an EditText's
text, a list's scroll offset) lives in ``ui_state`` keyed by resource id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # pragma: no cover
    from .core import System
    from .intents import Intent


@dataclass
class ActivityInfo:
    """A declared activity: what ``pm``/``cmd package query-activities`` and intent resolution see."""

    package: str
    name: str  # fully qualified class name, e.g. com.android.settings.Settings
    cls: type["Activity"]
    exported: bool = True
    intent_filters: list[dict[str, Any]] = field(default_factory=list)
    # each filter: {"actions": [...], "categories": [...], "schemes": [...], "mime_types": [...]}
    label: str | None = None

    @property
    def component(self) -> str:
        return f"{self.package}/{self.short_name}"

    @property
    def short_name(self) -> str:
        if self.name.startswith(self.package + "."):
            return self.name[len(self.package):]
        return self.name


class App:
    """A package installed on the virtual device.

    Subclasses set the class attributes and register activities with ``activity()``.
    App-wide data (contacts, alarms, notes) lives in the device's file system or content
    providers, never only in Python memory, so adb reads it back as on a phone.
    """

    package: ClassVar[str] = ""
    label: ClassVar[str] = ""
    version_name: ClassVar[str] = "1.0"
    version_code: ClassVar[int] = 1
    system_app: ClassVar[bool] = True
    permissions: ClassVar[tuple[str, ...]] = ()
    icon: ClassVar[str] = "app"  # icon name understood by the painter
    first_install_time: ClassVar[str] = "2024-01-01 00:00:00"

    def __init__(self, system: "System") -> None:
        self.system = system
        self.activities: dict[str, ActivityInfo] = {}
        self.launcher_activity: str | None = None
        self.declare()

    # -- declaration -------------------------------------------------------------------
    def declare(self) -> None:
        """Register activities (override)."""

    def activity(
        self,
        name: str,
        cls: type["Activity"],
        *,
        launcher: bool = False,
        exported: bool = True,
        filters: list[dict[str, Any]] | None = None,
        label: str | None = None,
    ) -> ActivityInfo:
        full = self.package + name if name.startswith(".") else name
        filters = list(filters or [])
        if launcher:
            filters.append(
                {"actions": ["android.intent.action.MAIN"], "categories": ["android.intent.category.LAUNCHER"]}
            )
            self.launcher_activity = full
        info = ActivityInfo(self.package, full, cls, exported or launcher, filters, label)
        self.activities[full] = info
        return info

    # -- life cycle hooks --------------------------------------------------------------
    def on_install(self) -> None:
        """Create the app's data directories and default data (override and call super)."""
        self.system.fs.mkdir(self.data_dir, parents=True)

    def on_clear_data(self) -> None:
        """``pm clear``: wipe the app's data and recreate defaults."""
        if self.system.fs.exists(self.data_dir):
            self.system.fs.remove(self.data_dir, recursive=True)
        self.on_install()

    def on_force_stop(self) -> None:
        """``am force-stop``: drop any in-memory caches (override)."""

    @property
    def data_dir(self) -> str:
        return f"/data/data/{self.package}"


class Activity:
    """One screen of an app. Override ``build``; use ``self.ui_state`` for widget state."""

    title: ClassVar[str] = ""

    def __init__(self, app: App, info: ActivityInfo, intent: "Intent") -> None:
        self.app = app
        self.info = info
        self.intent = intent
        self.ui_state: dict[str, Any] = {}
        self.finished = False
        self.result: tuple[int, "Intent | None"] | None = None

    @property
    def system(self) -> "System":
        return self.app.system

    @property
    def package(self) -> str:
        return self.app.package

    @property
    def name(self) -> str:
        return self.info.name

    def build(self):  # -> ui.View
        """Return the view tree of this screen; the default is an empty frame (override)."""
        from ..ui.views import Frame

        return Frame(width=-1, height=-1)

    def on_create(self) -> None:
        """Called once when the activity is started."""

    def on_resume(self) -> None:
        """Called when the activity comes to the foreground."""

    def on_pause(self) -> None:
        """Called when another activity covers this one."""

    def on_new_intent(self, intent: "Intent") -> None:
        """Called when an intent is delivered to an existing instance (singleTop)."""
        self.intent = intent

    def on_back(self) -> bool:
        """Handle BACK; return True when consumed (the activity is not finished)."""
        return False

    def on_key(self, code: int) -> bool:
        """Handle a key other than BACK/HOME; return True when consumed."""
        return False

    def on_swipe(self, dx: float, dy: float) -> bool:
        """A swipe no scrollable view took (e.g. the launcher's swipe up to all apps)."""
        return False

    def build_dialog(self):  # -> ui.View | None
        """The content of an in-app dialog shown above this screen, or None (override)."""
        return None

    def dismiss_dialog(self) -> None:
        """A tap outside the app's dialog or BACK while it shows (override to close it)."""

    # -- helpers for apps ----------------------------------------------------------------
    def finish(self) -> None:
        self.system.am.finish(self)

    def start(self, intent: "Intent") -> None:
        self.system.am.start(intent, caller=self)

    def invalidate(self) -> None:
        """Tell the window manager the screen changed."""
        self.system.wm.invalidate()
