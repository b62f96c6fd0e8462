"""Building blocks shared by the Settings pages."""

from __future__ import annotations

from collections.abc import Callable

from ...system.app import Activity
from ...ui.composite import DialogContent, ListItem, Toolbar
from ...ui.geometry import MATCH
from ...ui.scroll import List
from ...ui.views import Column
from ...ui.widgets import RadioButton, RadioGroup, Switch


class SettingsPage(Activity):
    """A Settings screen: a toolbar with Navigate up and a scrolling list of preferences."""

    title = "Settings"
    top_level = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.dialog: Callable[[], object] | None = None

    @property
    def settings(self):
        return self.system.settings

    def rows(self) -> list:
        """The preferences of this page (override)."""
        return []

    def build(self):
        header = (
            Toolbar(self.title, nav=None, id="action_bar")
            if self.top_level
            else Toolbar(self.title, nav="back", on_nav=self.finish, id="action_bar")
        )
        return Column(
            header,
            List(*self.rows(), id="recycler_view", width=MATCH, weight=1, divider=False),
            id="content_parent",
            width=MATCH,
            height=MATCH,
            background="surface",
        )

    def build_dialog(self):
        return self.dialog() if self.dialog else None

    def dismiss_dialog(self) -> None:
        self.dialog = None

    def on_back(self) -> bool:
        if self.dialog is not None:
            self.dialog = None
            return True
        return False

    # -- preference helpers -------------------------------------------------------------------------
    def switch_row(
        self,
        title: str,
        namespace: str,
        key: str,
        *,
        summary: str = "",
        id: str | None = None,
        on: str = "1",
        off: str = "0",
        after: Callable[[bool], None] | None = None,
        enabled: bool = True,
        icon: str | None = None,
    ):
        checked = self.settings.get(namespace, key) == on

        def set_value(value: bool) -> None:
            self.settings.put(namespace, key, on if value else off)
            if after:
                after(value)

        return ListItem(
            title,
            subtitle=summary,
            icon=icon,
            id=id,
            enabled=enabled,
            trailing=Switch(
                checked=checked,
                id="android:id/switch_widget",
                on_change=set_value,
                enabled=enabled,
            ),
            on_click=lambda: set_value(not checked),
        )

    def link_row(self, title: str, summary: str = "", *, icon: str | None = None, target=None, on_click=None, id: str | None = None):
        def go() -> None:
            if on_click is not None:
                on_click()
            elif target is not None:
                self.open_page(target)

        return ListItem(title, subtitle=summary, icon=icon, id=id, on_click=go)

    def open_page(self, activity_name: str, **extras) -> None:
        from ...system.intents import Intent

        self.start(Intent(component=f"com.android.settings/{activity_name}", extras=dict(extras)))

    def choice_dialog(self, title: str, options: list[tuple[str, str]], current: str, on_pick: Callable[[str], None]):
        """A single-choice AlertDialog (e.g. Screen timeout)."""

        def pick(value: str) -> None:
            on_pick(value)
            self.dialog = None

        def content():
            return DialogContent(
                title,
                body=RadioGroup(
                    *[RadioButton(label, value=value, id=f"choice_{i}") for i, (label, value) in enumerate(options)],
                    value=current,
                    on_change=pick,
                    id="android:id/select_dialog_listview",
                ),
                negative=("Cancel", self.dismiss_dialog),
            )

        self.dialog = content
