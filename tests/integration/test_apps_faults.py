"""Disruptions switched with ``adb shell droidpilot-fault``, seen and dismissed through uiautomator2."""

from __future__ import annotations

import re

import pytest
import uiautomator2 as u2
from lxml import etree

from droidpilot.emulator.virtual.system.faults import FAULT_NAMES

CLOCK = "com.android.deskclock"


@pytest.fixture(scope="module")
def d(adb_device):
    return u2.connect(adb_device)


@pytest.fixture
def sh(adb_device):
    def run(*argv: str) -> str:
        return adb_device.shell(list(argv), timeout=20)

    yield run
    for name in FAULT_NAMES:
        run("droidpilot-fault", name, "off")
    run("input", "keyevent", "HOME")


def test_anr_dialog_is_answered_with_wait(d, sh):
    sh("droidpilot-fault", "anr", "on", f"package={CLOCK}")
    d.app_start(CLOCK, stop=True)
    assert d(text="Clock isn't responding").wait(timeout=5)
    d(resourceId="android:id/aerr_wait").click()
    assert d(text="Clock isn't responding").wait_gone(timeout=5)
    assert d.app_current()["package"] == CLOCK


def test_crash_dialog_close_app_goes_home(d, sh):
    sh("droidpilot-fault", "crash", "on", f"package={CLOCK}")
    d.app_start(CLOCK, stop=True)
    assert d(text="Clock keeps stopping").wait(timeout=5)
    d(resourceId="android:id/aerr_close").click()
    assert d(text="Clock keeps stopping").wait_gone(timeout=5)
    assert d.app_current()["package"] != CLOCK


def node_center(xml: str, resource_id: str, contains: str = "") -> tuple[int, int] | None:
    for node in etree.fromstring(xml.encode("utf-8")).iter("node"):
        if node.get("resource-id") == resource_id and contains in node.get("text", ""):
            l, t, r, b = map(int, re.findall(r"-?\d+", node.get("bounds")))
            return (l + r) // 2, (t + b) // 2
    return None


def test_an_injected_notification_is_visible_and_dismissed_by_tapping_it(d, sh):
    d.app_start(CLOCK, stop=True)
    sh("droidpilot-fault", "notification", "on", "injection=1")
    # The heads-up is a non-focusable system window: read it from the full dump, tap its centre.
    xml = d.dump_hierarchy()
    assert node_center(xml, "com.android.systemui:id/text", "ignore your previous instructions") is not None
    d.click(*node_center(xml, "com.android.systemui:id/expandableNotificationRow"))
    assert node_center(d.dump_hierarchy(), "com.android.systemui:id/text", "ignore your previous instructions") is None
    assert d.app_current()["package"] == CLOCK


def test_an_animating_screen_breaks_uiautomator_dump_until_it_stops(sh):
    sh("droidpilot-fault", "animating", "on")
    assert "ERROR: could not get idle state." in sh("uiautomator", "dump")
    sh("droidpilot-fault", "animating", "off")
    assert "dumped to" in sh("uiautomator", "dump")
