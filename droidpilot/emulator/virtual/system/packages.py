"""The package manager: installed apps, their activities, permissions and intent resolution."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .app import ActivityInfo, App
from .intents import CATEGORY_LAUNCHER, Intent, matching_filter

if TYPE_CHECKING:  # pragma: no cover
    from .core import System


@dataclass
class PackageState:
    """Per-package runtime state the package manager tracks."""

    enabled: bool = True
    granted: set[str] = field(default_factory=set)
    denied: set[str] = field(default_factory=set)  # answered "Don't allow"
    stopped: bool = False


class PackageManager:
    def __init__(self, system: "System") -> None:
        self.system = system
        self._apps: dict[str, App] = {}
        self.state: dict[str, PackageState] = {}
        self._uids: dict[str, int] = {}

    # -- install ---------------------------------------------------------------------------
    def install(self, app: App, *, fresh: bool = True) -> None:
        self._apps[app.package] = app
        self.state.setdefault(app.package, PackageState())
        self._uids.setdefault(app.package, 10000 + 100 + len(self._uids))
        if fresh or not self.system.fs.exists(app.data_dir):
            app.on_install()

    def uninstall(self, package: str) -> bool:
        app = self._apps.pop(package, None)
        if app is None:
            return False
        self.state.pop(package, None)
        self.system.am.force_stop(package)
        if self.system.fs.exists(app.data_dir):
            self.system.fs.remove(app.data_dir, recursive=True)
        return True

    # -- queries ---------------------------------------------------------------------------
    def all(self) -> list[App]:
        return sorted(self._apps.values(), key=lambda a: a.package)

    def get(self, package: str) -> App | None:
        return self._apps.get(package)

    def require(self, package: str) -> App:
        app = self._apps.get(package)
        if app is None:
            raise KeyError(package)
        return app

    def uid(self, package: str) -> int:
        return self._uids.get(package, 10000)

    def user_name(self, package: str) -> str:
        return f"u0_a{self.uid(package) - 10000}"

    def activity_info(self, package: str, name: str) -> ActivityInfo | None:
        app = self._apps.get(package)
        if app is None:
            return None
        if name.startswith("."):
            name = package + name
        return app.activities.get(name)

    def resolve(self, intent: Intent) -> list[ActivityInfo]:
        """Activities that can handle ``intent``, explicit component first."""
        parts = intent.component_parts()
        if parts:
            info = self.activity_info(*parts)
            return [info] if info else []
        found: list[ActivityInfo] = []
        for app in self.all():
            if intent.package and app.package != intent.package:
                continue
            if not self.state[app.package].enabled:
                continue
            for info in app.activities.values():
                if matching_filter(info, intent):
                    found.append(info)
        return found

    def launcher_activities(self) -> list[ActivityInfo]:
        result = []
        for app in self.all():
            if app.launcher_activity and self.state[app.package].enabled:
                result.append(app.activities[app.launcher_activity])
        return result

    def launch_intent(self, package: str) -> Intent | None:
        app = self._apps.get(package)
        if app is None or app.launcher_activity is None:
            return None
        info = app.activities[app.launcher_activity]
        return Intent(
            action="android.intent.action.MAIN",
            categories=[CATEGORY_LAUNCHER],
            component=info.component,
            flags=0x10200000,
        )

    # -- permissions -------------------------------------------------------------------------
    def grant(self, package: str, permission: str) -> None:
        st = self.state[package]
        st.granted.add(permission)
        st.denied.discard(permission)

    def revoke(self, package: str, permission: str) -> None:
        st = self.state[package]
        st.granted.discard(permission)

    def deny(self, package: str, permission: str) -> None:
        st = self.state[package]
        st.granted.discard(permission)
        st.denied.add(permission)

    def has_permission(self, package: str, permission: str) -> bool:
        return permission in self.state[package].granted

    def to_dict(self) -> dict:
        return {
            pkg: {"enabled": st.enabled, "granted": sorted(st.granted), "denied": sorted(st.denied)}
            for pkg, st in self.state.items()
        }

    def load(self, data: dict) -> None:
        """Replace every package's runtime state with ``data`` (defaults where it says nothing)."""
        for pkg in self.state:
            st = data.get(pkg) if isinstance(data.get(pkg), dict) else {}
            self.state[pkg].enabled = bool(st.get("enabled", True))
            self.state[pkg].granted = set(st.get("granted", []))
            self.state[pkg].denied = set(st.get("denied", []))
