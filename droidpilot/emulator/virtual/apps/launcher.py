"""The home screen (AOSP Launcher3 look and ids): favourites, hotseat, search, and the
all-apps drawer opened by swiping up or tapping the apps button."""

from __future__ import annotations

from ..system.app import Activity, App
from ..system.intents import CATEGORY_HOME, Intent
from ..ui.geometry import MATCH
from ..ui.scroll import List
from ..ui.views import Column, Frame, Row, Spacer
from ..ui.widgets import Edit, Image, Text

FAVOURITES = (
    "com.android.settings",
    "com.android.contacts",
    "com.android.deskclock",
    "com.android.calendar",
    "com.android.documentsui",
    "com.android.notes",
    "com.android.gallery3d",
    "com.android.chrome",
)
HOTSEAT = ("com.android.dialer", "com.android.messaging", "com.android.chrome", "com.android.camera2")


class Home(Activity):
    title = "Home"

    def on_resume(self) -> None:
        # Returning home closes the drawer, as Launcher3 does on HOME.
        self.ui_state.pop("drawer", None)
        self.ui_state.pop("text:apps_search", None)
        self.ui_state.pop("focus", None)

    def on_back(self) -> bool:
        if self.ui_state.get("drawer"):
            self.ui_state.pop("drawer", None)
            return True
        return True  # BACK on home stays home

    def on_swipe(self, dx: float, dy: float) -> bool:
        if dy < -100 and abs(dy) > abs(dx) and not self.ui_state.get("drawer"):
            self.ui_state["drawer"] = True
            return True
        if dy > 100 and self.ui_state.get("drawer"):
            self.ui_state.pop("drawer", None)
            return True
        return False

    # -- building -------------------------------------------------------------------------------
    def _launchable(self):
        return [
            (info, self.system.packages.get(info.package))
            for info in self.system.packages.launcher_activities()
        ]

    def _icon(self, info, app, *, id: str = "icon", show_label: bool = True):
        label = info.label or app.label
        return Column(
            Image(app.icon, size=56),
            Text(label if show_label else "", text_size=12, max_lines=1, gravity="center", color="on_surface")
            if show_label
            else None,
            id=id,
            desc=label,
            width=MATCH,
            weight=1,
            padding=(0, 8),
            gravity="center_horizontal",
            clickable=True,
            on_click=lambda pkg=info.package: self.launch(pkg),
        )

    def launch(self, package: str) -> None:
        intent = self.system.packages.launch_intent(package)
        if intent is not None:
            self.ui_state.pop("drawer", None)
            self.system.am.start(intent, uid=1000)

    def build(self):
        if self.ui_state.get("drawer"):
            return self._build_drawer()
        apps = {info.package: (info, app) for info, app in self._launchable()}
        favourites = [apps[p] for p in FAVOURITES if p in apps]
        rows = []
        for start in range(0, len(favourites), 4):
            chunk = favourites[start : start + 4]
            cells = [self._icon(info, app) for info, app in chunk]
            cells += [Spacer(weight=1, height=1) for _ in range(4 - len(chunk))]
            rows.append(Row(*cells, width=MATCH, padding=(8, 4)))
        hotseat = [self._icon(info, app, show_label=False) for p in HOTSEAT if p in apps for info, app in [apps[p]]]
        return Frame(
            Column(
                Column(
                    Text(self._date_text(), id="clock", text_size=22, color="on_surface", bold=True),
                    id="smartspace",
                    padding=(24, 24, 24, 8),
                    width=MATCH,
                ),
                Spacer(weight=1, height=1),
                Column(*rows, id="workspace", width=MATCH),
                Row(
                    Text("Apps", text_size=14, color="on_surface_variant"),
                    id="all_apps_handle",
                    desc="Apps list",
                    width=MATCH,
                    gravity="center",
                    padding=8,
                    clickable=True,
                    on_click=self._open_drawer,
                ),
                Row(*hotseat, id="hotseat", width=MATCH, padding=(8, 4)),
                Row(
                    Image("search", size=24, margin=(0, 0, 12, 0)),
                    Text("Search", text_size=16, color="on_surface_variant", weight=1),
                    id="search_container_hotseat",
                    desc="Search",
                    width=MATCH,
                    height=56,
                    margin=(16, 8, 16, 16),
                    padding=(16, 0),
                    gravity="center_vertical",
                    background="surface_container",
                    radius=28,
                    clickable=True,
                    on_click=self._search,
                ),
                width=MATCH,
                height=MATCH,
            ),
            id="launcher",
            width=MATCH,
            height=MATCH,
        )

    def _date_text(self) -> str:
        import time

        return time.strftime("%a, %b %-d", time.gmtime(self.system.now()))

    def _open_drawer(self) -> None:
        self.ui_state["drawer"] = True

    def _search(self) -> None:
        self.ui_state["drawer"] = True
        self.ui_state["focus"] = "apps_search"
        self.ui_state["ime_action"] = "search"
        self.system.ime.show()

    def _build_drawer(self):
        query = str(self.ui_state.get("text:apps_search", "")).strip().lower()
        entries = sorted(self._launchable(), key=lambda e: (e[0].label or e[1].label).lower())
        if query:
            entries = [e for e in entries if query in (e[0].label or e[1].label).lower()]
        rows = []
        for start in range(0, len(entries), 4):
            chunk = entries[start : start + 4]
            cells = [self._icon(info, app) for info, app in chunk]
            cells += [Spacer(weight=1, height=1) for _ in range(4 - len(chunk))]
            rows.append(Row(*cells, width=MATCH, padding=(8, 4)))
        return Column(
            Edit(
                hint="Search apps",
                id="apps_search",
                margin=(16, 16, 16, 8),
                on_submit=lambda _text: self.launch(entries[0][0].package) if entries else None,
            ),
            List(*rows, id="apps_list_view", width=MATCH, weight=1),
            Text("No apps found", id="empty_text", gravity="center", width=MATCH, padding=24) if not entries else None,
            id="apps_view",
            width=MATCH,
            height=MATCH,
            background="surface",
        )


class Launcher(App):
    package = "com.android.launcher3"
    label = "Quickstep"
    version_name = "14"
    version_code = 34

    def declare(self) -> None:
        self.activity(
            "com.android.launcher3.uioverrides.QuickstepLauncher",
            Home,
            filters=[
                {
                    "actions": ["android.intent.action.MAIN"],
                    "categories": [CATEGORY_HOME, "android.intent.category.DEFAULT"],
                }
            ],
        )


__all__ = ["Launcher", "Home", "Intent"]
