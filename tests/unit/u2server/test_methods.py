"""The method table against a recorded device: results, shapes and what the device was told."""

from __future__ import annotations

import asyncio
import base64
import io
import json

import pytest
from lxml import etree
from PIL import Image

from droidpilot.emulator.virtual.u2server.jsonrpc import dispatch
from droidpilot.emulator.virtual.u2server.methods import U2Methods

from .conftest import SCREEN, hierarchy, node
from .test_selector import sel


def call(system, method, *params):
    """One JSON-RPC round trip through the real dispatcher; one server per device, as in use."""
    if not hasattr(system, "u2_table"):
        system.u2_table = U2Methods(system).table()
    table = system.u2_table
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    return asyncio.run(dispatch(body, table))


def result(system, method, *params):
    reply = call(system, method, *params)
    assert "error" not in reply, reply
    return reply["result"]


def error(system, method, *params):
    reply = call(system, method, *params)
    assert "error" in reply, reply
    return reply["error"]


def test_device_info_has_every_key_the_client_reads(system):
    info = result(system, "deviceInfo")
    assert info == {
        "currentPackageName": "com.example",
        "displayHeight": 2400,
        "displayRotation": 0,
        "displaySizeDpX": 411,
        "displaySizeDpY": 914,
        "displayWidth": 1080,
        "productName": "sdk_gphone64_x86_64",
        "screenOn": True,
        "sdkInt": 34,
        "naturalOrientation": True,
    }


def test_device_info_follows_rotation(system):
    system.wm.size, system.wm.rotation = (2400, 1080), 1
    info = result(system, "deviceInfo")
    assert (info["displayWidth"], info["displayRotation"], info["naturalOrientation"]) == (2400, 1, False)


def test_dump_returns_the_window_manager_xml_untouched(system):
    assert result(system, "dumpWindowHierarchy", False, 50) == SCREEN
    assert result(system, "dumpWindowHierarchy", False) == SCREEN


def test_parsed_screen_is_reused_until_the_xml_changes(system):
    methods = U2Methods(system)
    first = methods.screen.snapshot()
    first_root = first.root
    assert methods.screen.snapshot() is first
    system.wm.invalidate()  # a new generation with the same XML: nothing to re-parse
    assert methods.screen.snapshot().root is first_root
    system.wm.set_xml(hierarchy(node(text="new")))
    changed = methods.screen.snapshot()
    assert changed is not first
    assert changed.root.find("node").get("text") == "new"


def test_dump_max_depth_trims_deeper_nodes(system):
    xml = result(system, "dumpWindowHierarchy", False, 2)
    root = etree.fromstring(xml.encode())
    assert xml.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")
    assert max(len(list(n.iterancestors("node"))) + 1 for n in root.iter("node")) == 2


def test_dump_compressed_hoists_unimportant_containers(system):
    root = etree.fromstring(result(system, "dumpWindowHierarchy", True, 50).encode())
    window = root[0]
    # the bare list container is scrollable (kept); the plain rows are clickable (kept)
    assert window[0].get("resource-id") == "com.example:id/list"
    xml = hierarchy(node(children=node(class_="android.widget.LinearLayout", children=node(index="0", text="A") + node(index="1", text="B"))))
    system.wm.set_xml(xml)
    root = etree.fromstring(result(system, "dumpWindowHierarchy", True, 50).encode())
    assert [(n.get("text"), n.get("index")) for n in root[0]] == [("A", "0"), ("B", "1")]


def test_screenshot_is_base64_jpeg_of_the_screen_size(system):
    data = result(system, "takeScreenshot", 1, 80)
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert (image.format, image.size) == ("JPEG", (1080, 2400))
    half = Image.open(io.BytesIO(base64.b64decode(result(system, "takeScreenshot", 0.5, 50))))
    assert half.size == (540, 1200)


def test_click_truncates_float_coordinates(system):
    assert result(system, "click", 540.7, 1200.2) is True
    assert system.input.calls == [("tap", 540, 1200)]


def test_click_with_duration_is_a_long_press(system):
    assert result(system, "click", 100, 200, 500) is True
    assert system.input.calls == [("long_press", 100, 200, 500)]


def test_click_off_screen_is_refused(system):
    assert result(system, "click", 1080, 10) is False
    assert result(system, "click", -1, 10) is False
    assert system.input.calls == []


def test_swipe_steps_become_milliseconds(system):
    assert result(system, "swipe", 10, 20, 30, 40, 110) is True
    assert system.input.calls == [("swipe", 10, 20, 30, 40, 550)]


def test_swipe_points_and_drag(system):
    assert result(system, "swipePoints", [1, 2, 3, 4, 5, 6], 100) is True
    assert result(system, "drag", 1, 2, 3, 4, 100) is True
    assert system.input.calls == [("swipe_points", [(1, 2), (3, 4), (5, 6)], 1000), ("drag", 1, 2, 3, 4, 500)]


def test_swipe_points_needs_pairs(system):
    assert error(system, "swipePoints", [1, 2, 3], 10)["code"] == -32602


def test_press_key_names_and_unknown_names(system):
    assert result(system, "pressKey", "HOME") is True
    assert result(system, "pressKey", "del") is True
    assert result(system, "pressKey", "teleport") is False
    assert system.input.calls == [("key_name", "home"), ("key_name", "delete")]


def test_press_key_code_with_meta(system):
    result(system, "pressKeyCode", 29)
    result(system, "pressKeyCode", 29, 1)
    assert system.input.calls == [("key", 29, ("meta", 0)), ("key", 29, ("meta", 1))]


def test_inject_input_event(system):
    assert result(system, "injectInputEvent", 0, 10.5, 20.5, 0) is True
    assert result(system, "injectInputEvent", 7, 10, 20, 0) is False
    assert system.input.calls == [("touch", 0, 10, 20)]


def test_clipboard_round_trip(system):
    assert result(system, "setClipboard", None, "héllo") is None
    assert result(system, "getClipboard") == "héllo"
    result(system, "pasteClipboard")
    assert system.input.calls == [("paste",)]


def test_toast_shade_power_and_rotation(system):
    system.toasts.toast = "Saved"
    assert result(system, "getLastToast") == "Saved"
    result(system, "clearLastToast")
    assert result(system, "getLastToast") is None
    assert result(system, "openNotification") is True and system.notifications.shade == "notifications"
    assert result(system, "openQuickSettings") is True and system.notifications.shade == "quick"
    result(system, "sleep")
    assert result(system, "isScreenOn") is False
    result(system, "wakeUp")
    assert result(system, "isScreenOn") is True
    result(system, "setOrientation", "left")
    assert (system.wm.rotation, system.wm.frozen) == (1, True)
    assert system.settings.get("system", "user_rotation") == "1"
    result(system, "freezeRotation", False)
    assert system.wm.frozen is False
    result(system, "freezeRotation", True)  # freezes where it is
    assert (system.wm.rotation, system.wm.frozen, system.settings.get("system", "user_rotation")) == (1, True, "1")
    assert "Invalid orientation" in error(system, "setOrientation", "sideways")["message"]


def test_obj_info_shape(system):
    info = result(system, "objInfo", sel(text="hello"))
    assert info == {
        "bounds": {"bottom": 700, "left": 0, "right": 1080, "top": 500},
        "checkable": False, "checked": False, "childCount": 0, "className": "android.widget.EditText",
        "clickable": False, "contentDescription": "Message", "enabled": True, "focusable": True,
        "focused": True, "longClickable": False, "packageName": "com.example",
        "resourceName": "com.example:id/edit", "scrollable": False, "selected": False, "text": "hello",
        "visibleBounds": {"bottom": 700, "left": 0, "right": 1080, "top": 500},
    }
    assert result(system, "objInfo", sel(text="Wi-Fi"))["resourceName"] is None


def test_missing_object_raises_what_the_client_maps(system):
    err = error(system, "objInfo", sel(text="Nope"))
    assert "uiautomator.UiObjectNotFoundException" in err["message"]
    assert "UiSelector[TEXT=Nope]" in err["message"]
    for method in ("getText", "clearTextField", "longClick"):
        assert "UiObjectNotFoundException" in error(system, method, sel(text="Nope"))["message"]


def test_selectors_search_only_the_active_window_but_the_dump_shows_all(system):
    assert 'content-desc="Back"' in result(system, "dumpWindowHierarchy", False, 50)
    assert result(system, "exist", sel(description="Back")) is False
    assert 'content-desc="Back"' not in result(system, "dumpWindowHierarchy", False, 50, True)


def test_exist_count_and_all_instances(system):
    switches = sel(className="android.widget.Switch")
    assert result(system, "exist", switches) is True
    assert result(system, "exist", sel(text="Nope")) is False
    assert result(system, "count", switches) == 2
    assert [i["checked"] for i in result(system, "objInfoOfAllInstances", switches)] == [True, False]
    assert result(system, "count", sel(className="android.widget.Switch", instance=1)) == 1
    assert result(system, "count", sel(className="android.widget.Switch", instance=5)) == 0


def test_get_and_set_text(system):
    assert result(system, "getText", sel(resourceId="com.example:id/edit")) == "hello"
    assert result(system, "setText", sel(resourceId="com.example:id/edit"), "bye") is True
    result(system, "clearTextField", sel(resourceId="com.example:id/edit"))
    assert system.input.calls == [("set_text", 540, 600, "bye"), ("clear_text", 540, 600)]


def test_set_text_on_something_that_is_not_a_field_is_false(system):
    system.input.no_effect.add("set_text")
    assert result(system, "setText", sel(text="Wi-Fi"), "other") is False
    # ACTION_SET_TEXT with the text the view already shows still succeeds
    assert result(system, "setText", sel(text="Wi-Fi"), "Wi-Fi") is True


def test_clear_input_text_clears_the_focused_field(system):
    result(system, "clearInputText")
    assert system.input.calls == [("clear_text", 540, 600)]


def test_click_on_a_selector_taps_the_centre_or_a_corner(system):
    assert result(system, "click", sel(text="Wi-Fi")) is True
    assert result(system, "click", sel(text="Wi-Fi"), "topleft") is True
    assert result(system, "click", sel(text="Wi-Fi"), "br") is True
    assert result(system, "click", sel(text="Wi-Fi"), "middle") is False
    assert result(system, "longClick", sel(text="Wi-Fi")) is True
    assert system.input.calls == [("tap", 270, 200), ("tap", 45, 125), ("tap", 495, 275), ("long_press", 270, 200, 1000)]


def test_drag_to_a_selector_and_to_a_point(system):
    result(system, "dragTo", sel(text="Wi-Fi"), sel(text="Bluetooth"), 20)
    result(system, "dragTo", sel(text="Wi-Fi"), 10, 20, 20)
    assert system.input.calls == [("drag", 270, 200, 270, 400, 100), ("drag", 270, 200, 10, 20, 100)]


def test_element_swipe_keeps_off_the_edges(system):
    assert result(system, "swipe", sel(text="Wi-Fi"), "up", 10) is True
    assert system.input.calls == [("swipe", 270, 275, 270, 125, 50)]


def test_wait_for_exists_sees_a_screen_that_changes_during_the_wait(system):
    table = U2Methods(system).table()
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "waitForExists", "params": [sel(text="Later"), 3000]}).encode()

    async def go():
        async def change():
            await asyncio.sleep(0.1)
            with system.lock:
                system.wm.set_xml(hierarchy(node(text="Later")))

        changer = asyncio.create_task(change())
        start = asyncio.get_running_loop().time()
        reply = await dispatch(body, table)
        await changer
        return reply, asyncio.get_running_loop().time() - start

    reply, elapsed = asyncio.run(go())
    assert reply["result"] is True
    assert elapsed < 2.5


def test_wait_for_exists_times_out_false(system):
    assert result(system, "waitForExists", sel(text="Never"), 150) is False


def test_wait_until_gone(system):
    assert result(system, "waitUntilGone", sel(text="Never"), 1000) is True
    assert result(system, "waitUntilGone", sel(text="Wi-Fi"), 100) is False


def test_child_by_text_returns_a_name_usable_as_a_selector(system):
    rows = sel(className="android.widget.LinearLayout", clickable=True)
    name = result(system, "childByText", sel(resourceId="com.example:id/list"), rows, "Bluetooth")
    assert isinstance(name, str)
    assert result(system, "objInfo", name)["bounds"] == {"bottom": 500, "left": 0, "right": 1080, "top": 300}
    switch = result(system, "getChild", name, sel(className="android.widget.Switch"))
    assert result(system, "objInfo", switch)["checked"] is False
    assert "not found" in error(system, "objInfo", "no-such-name")["message"]
    assert "UiObjectNotFoundException" in error(system, "childByText", sel(resourceId="com.example:id/list"), rows, "NFC")["message"]


def test_child_by_instance(system):
    name = result(system, "childByInstance", sel(resourceId="com.example:id/list"), sel(className="android.widget.Switch"), 1)
    assert result(system, "objInfo", name)["checked"] is False


def test_scroll_forward_reports_whether_content_moved(system):
    moved = hierarchy(node(children=node(resource_id="com.example:id/list", scrollable="true",
                                         bounds="[0,100][1080,2000]", children=node(text="Row 9"))))

    def on_swipe(name, *args):
        if name == "swipe":
            system.wm.set_xml(moved)

    system.input.on_call = on_swipe
    assert result(system, "scrollForward", sel(resourceId="com.example:id/list"), True, 55) is True
    # vertical forward: from 10 % above the bottom to 10 % below the top, steps*5 ms
    assert system.input.calls[-1] == ("swipe", 540, 1810, 540, 290, 275)
    assert result(system, "scrollForward", sel(resourceId="com.example:id/list"), True, 55) is False


def test_scroll_to_end_stops_when_nothing_moves(system):
    assert result(system, "scrollToEnd", sel(resourceId="com.example:id/list"), True, 500, 20) is True
    assert len(system.input.calls) == 1


def test_scroll_to_finds_a_child_by_paging(system):
    pages = [
        hierarchy(node(children=node(resource_id="com.example:id/list", scrollable="true", bounds="[0,100][1080,2000]",
                                     children=node(text=f"Row {i}")))) for i in range(5)
    ]
    state = {"page": 0}
    system.wm.set_xml(pages[0])

    def on_swipe(name, x1, y1, x2, y2, ms):
        state["page"] = max(0, min(4, state["page"] + (1 if y2 < y1 else -1)))
        system.wm.set_xml(pages[state["page"]])

    system.input.on_call = on_swipe
    assert result(system, "scrollTo", sel(resourceId="com.example:id/list"), sel(text="Row 3"), True) is True
    assert state["page"] == 3
    assert result(system, "scrollTo", sel(resourceId="com.example:id/list"), sel(text="Row 99"), True) is False


def test_fling_horizontal_direction(system):
    result(system, "flingForward", sel(resourceId="com.example:id/list"), False)
    assert system.input.calls == [("swipe", 972, 1050, 108, 1050, 25)]


@pytest.mark.parametrize("method, params", [("click", []), ("click", ["a", "b", "c"]), ("swipe", [1, 2]), ("pressKeyCode", [])])
def test_wrong_arity_is_invalid_params(system, method, params):
    assert error(system, method, *params)["code"] == -32602


def test_unknown_method(system):
    err = error(system, "makeToast", "hi", 1000)
    assert err["code"] == -32601


def test_configurator_round_trip(system):
    assert result(system, "getConfigurator")["waitForSelectorTimeout"] == 10000
    assert result(system, "setConfigurator", {"waitForIdleTimeout": 50})["waitForIdleTimeout"] == 50


def test_ping_method(system):
    assert result(system, "ping") == "pong"
