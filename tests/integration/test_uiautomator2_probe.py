"""A tiny app the uiautomator2 integration tests install on the virtual device (and its own test).

It gives the tests a button, a long-press target, a text field and a long list whose effects
are visible in the app's own state, so each test can check what really happened on the device
without depending on the bundled apps' screens.
"""

from __future__ import annotations

from droidpilot.emulator.virtual.system.app import Activity, App
from droidpilot.emulator.virtual.ui.geometry import MATCH
from droidpilot.emulator.virtual.ui.scroll import List
from droidpilot.emulator.virtual.ui.views import Column
from droidpilot.emulator.virtual.ui.widgets import Button, Edit, Text

PACKAGE = "org.droidpilot.u2probe"
ACTIVITY = ".ProbeActivity"
ROWS = 80


class ProbeActivity(Activity):
    title = "Probe"

    def _press(self) -> None:
        self.ui_state["presses"] = self.ui_state.get("presses", 0) + 1

    def _hold(self) -> None:
        self.ui_state["holds"] = self.ui_state.get("holds", 0) + 1

    def build(self):
        presses = self.ui_state.get("presses", 0)
        return Column(
            Text(f"Pressed {presses}", id="status", width=MATCH, padding=16),
            Button("Press me", id="press", on_click=self._press),
            Text("Hold me", id="hold", on_long_click=self._hold, padding=16),
            Edit(hint="Type here", id="field"),
            List(count=ROWS, row=lambda i: Text(f"Row {i}", id="row_text", width=MATCH, padding=16),
                 row_height=56, id="rows", width=MATCH, weight=1),
            id="root", width=MATCH, height=MATCH,
        )


class ProbeApp(App):
    package = PACKAGE
    label = "U2 Probe"
    system_app = False

    def declare(self) -> None:
        self.activity(ACTIVITY, ProbeActivity, launcher=True)


def install(system) -> None:
    """Install the probe app once per System (a device reset makes a new one)."""
    with system.lock:
        if system.packages.get(PACKAGE) is None:
            system.packages.install(ProbeApp(system))


def uninstall(system) -> None:
    """Remove the probe again so other tests see the stock package list."""
    with system.lock:
        system.packages.uninstall(PACKAGE)


def probe_state(system) -> dict:
    """The foreground probe activity's widget state (a copy), or {} if it is not in front."""
    with system.lock:
        act = system.am.top()
        if act is None or act.package != PACKAGE:
            return {}
        return dict(act.ui_state)


def test_probe_app_installs_and_starts(vdevice, adb_device):
    install(vdevice.system)
    assert f"package:{PACKAGE}" in adb_device.shell(["pm", "list", "packages"]).split()
    adb_device.shell(["am", "start", "-n", f"{PACKAGE}/{ACTIVITY}"])
    with vdevice.system.lock:
        assert vdevice.system.am.current() == (PACKAGE, ACTIVITY)
    assert "presses" not in probe_state(vdevice.system)
    uninstall(vdevice.system)
    assert f"package:{PACKAGE}" not in adb_device.shell(["pm", "list", "packages"]).split()
