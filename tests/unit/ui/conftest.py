"""A tiny sample app built from the toolkit, shared by the ui tests."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from droidpilot.emulator.virtual import ui

W, H, DPI = 1080, 2400, 420
PKG = "com.example.sample"


class SampleApp:
    """Holds app state like an Activity would; ``build()`` is rebuilt after every change."""

    def __init__(self) -> None:
        self.ui_state: dict[str, Any] = {}
        self.clicks: list[str] = []
        self.airplane = False
        self.name = ""
        self.submitted: list[str] = []
        self.rows = 50

    def build(self) -> ui.View:
        return ui.Column(
            ui.Toolbar("Sample", on_nav=lambda: self.clicks.append("nav"), on_overflow=lambda: self.clicks.append("more")),
            ui.Edit(self.name, id="name", hint="Your name", on_change=self._set_name, on_submit=self.submitted.append),
            ui.Edit(id="secret", hint="Password", password=True),
            ui.Edit(id="notes", hint="Notes", multiline=True),
            ui.Row(
                ui.Text("Airplane mode", weight=1),
                ui.Switch(id="airplane", checked=self.airplane, on_change=self._set_airplane),
                width=ui.MATCH,
                gravity="center_vertical",
                padding=(16, 0),
            ),
            ui.Row(
                ui.Button("OK", id="ok", on_click=lambda: self.clicks.append("ok")),
                ui.Button("Off", id="off", enabled=False, on_click=lambda: self.clicks.append("off")),
                ui.ImageButton("delete", id="trash", on_click=lambda: self.clicks.append("trash")),
                ui.Text("hidden", id="gone", visible=False),
            ),
            ui.List(
                count=self.rows,
                row=lambda i: ui.ListItem(f"Row {i}", id="row", on_click=lambda i=i: self.clicks.append(f"row{i}")),
                row_height=56,
                id="items",
                weight=1,
                height=0,
            ),
            width=ui.MATCH,
            height=ui.MATCH,
        )

    def _set_name(self, text: str) -> None:
        self.name = text

    def _set_airplane(self, on: bool) -> None:
        self.airplane = on


class Harness:
    """Rebuilds windows on demand, like the window manager does after a change."""

    def __init__(self, app: SampleApp, extra: Callable[[], list[ui.Window]] | None = None) -> None:
        self.app = app
        self.extra = extra or (lambda: [])
        self.screen = ui.Screen(W, H, DPI)
        self.dispatcher = ui.InputDispatcher(self.windows)

    def app_window(self) -> ui.Window:
        frame = ui.Rect(0, ui.status_bar_height(DPI), W, H - ui.nav_bar_height(DPI))
        return ui.Window("app", PKG, self.app.build(), frame, state=self.app.ui_state)

    def windows(self) -> list[ui.Window]:
        ws = [ui.status_bar_window(W, DPI, ui.StatusBarState(time="9:41")), self.app_window(), *self.extra()]
        ws.append(ui.nav_bar_window(W, H, DPI))
        return self.screen.layout(ws)

    def find(self, id: str) -> ui.View:
        for w in reversed(self.windows()):
            v = w.find(id)
            if v is not None:
                return v
        raise AssertionError(f"no view with id {id!r}")

    def xml(self, **kw: Any) -> str:
        return self.screen.hierarchy_xml(self.windows(), **kw)


@pytest.fixture
def app() -> SampleApp:
    return SampleApp()


@pytest.fixture
def harness(app: SampleApp) -> Harness:
    return Harness(app)


@pytest.fixture
def make_harness() -> Callable[..., Harness]:
    return Harness
