"""Element methods: find, wait for, read, click, type into and drag the objects a selector names.

Every method takes a selector object or the name of a stored UiObject (what ``childByText``,
``getUiObject`` and ``getChild`` return). Methods that need the element raise
UiObjectNotFoundException when it is not on screen, exactly where UiObject would.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .args import as_bool, as_int, as_str, expect_arity, is_number
from .base import MS_PER_STEP, POLL_S, MethodBase, rpc
from .jsonrpc import InvalidParams, UiObjectNotFound
from .screen import bounds_of, centre_of, obj_info
from .selector import Chain, compile_selector, find, find_all, has_instance

__all__ = ["UiObjectMethods", "LONG_CLICK_MS", "CORNER_INSET"]

LONG_CLICK_MS = 1000
CORNER_INSET = 5  # UiObject.clickTopLeft / clickBottomRight tap 5 px inside the corner
SWIPE_MARGIN = 5  # UiObject.swipeUp & co. keep 5 px from the edges


def _text_selector(field: str, value: str) -> Chain:
    bit = {"text": 0x01, "description": 0x40}[field]
    return compile_selector({"mask": bit, field: value})


class UiObjectMethods(MethodBase):
    # -- existence and waiting --------------------------------------------------------------------
    @rpc("exist")
    async def exist(self, args: list[Any]) -> bool:
        expect_arity("exist", args, 1)
        return self.find_node(self.chain_of(args[0])) is not None

    async def _wait(self, args: list[Any], method: str, want_present: bool) -> bool:
        expect_arity(method, args, 2)
        chain = self.chain_of(args[0])
        timeout = max(0, as_int(args[1], "timeout")) / 1000.0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        seen: Any = None
        while True:
            snap = self.screen.snapshot(all_windows=False)
            if snap is not seen:  # the same snapshot object means the same screen
                seen = snap
                if (find(chain, snap.root) is not None) == want_present:
                    return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await asyncio.sleep(min(POLL_S, remaining))

    @rpc("waitForExists")
    async def wait_for_exists(self, args: list[Any]) -> bool:
        return await self._wait(args, "waitForExists", True)

    @rpc("waitUntilGone")
    async def wait_until_gone(self, args: list[Any]) -> bool:
        return await self._wait(args, "waitUntilGone", False)

    # -- reading ----------------------------------------------------------------------------------
    @rpc("objInfo")
    async def obj_info(self, args: list[Any]) -> dict[str, Any]:
        expect_arity("objInfo", args, 1)
        return obj_info(self.must_find(self.chain_of(args[0])))

    @rpc("objInfoOfAllInstances")
    async def obj_info_of_all_instances(self, args: list[Any]) -> list[dict[str, Any]]:
        expect_arity("objInfoOfAllInstances", args, 1)
        return [obj_info(node) for node in find_all(self.chain_of(args[0]), self.screen.root())]

    @rpc("count")
    async def count(self, args: list[Any]) -> int:
        expect_arity("count", args, 1)
        chain = self.chain_of(args[0])
        if has_instance(chain):
            return 1 if self.find_node(chain) is not None else 0
        return len(find_all(chain, self.screen.root()))

    @rpc("getText")
    async def get_text(self, args: list[Any]) -> str:
        expect_arity("getText", args, 1)
        return self.must_find(self.chain_of(args[0])).get("text") or ""

    # -- text -------------------------------------------------------------------------------------
    @rpc("setText")
    async def set_text(self, args: list[Any]) -> bool:
        expect_arity("setText", args, 2)
        node = self.must_find(self.chain_of(args[0]))
        text = as_str(args[1], "text") or ""
        return self.set_node_text(node, text)

    @rpc("clearTextField")
    async def clear_text_field(self, args: list[Any]) -> None:
        expect_arity("clearTextField", args, 1)
        self.clear_node_text(self.must_find(self.chain_of(args[0])))

    # -- clicking ---------------------------------------------------------------------------------
    def _corner_point(self, node: Any, corner: str | None) -> tuple[int, int] | None:
        left, top, right, bottom = bounds_of(node)
        word = (corner or "center").lower()
        if word in ("c", "center"):
            return centre_of(node)
        if word in ("tl", "topleft"):
            return left + CORNER_INSET, top + CORNER_INSET
        if word in ("br", "bottomright"):
            return right - CORNER_INSET, bottom - CORNER_INSET
        return None

    @rpc("click")
    async def click(self, args: list[Any]) -> bool:
        """``click(x, y[, ms])`` on the screen, or ``click(selector|name[, corner])`` on an element."""
        if args and is_number(args[0]):
            return await self.click_point(args)  # type: ignore[attr-defined]
        n = expect_arity("click", args, 1, 2)
        node = self.must_find(self.chain_of(args[0]))
        point = self._corner_point(node, as_str(args[1], "corner") if n == 2 else None)
        if point is None:
            return False
        self.tap(*point)
        return True

    @rpc("longClick")
    async def long_click(self, args: list[Any]) -> bool:
        n = expect_arity("longClick", args, 1, 2)
        node = self.must_find(self.chain_of(args[0]))
        point = self._corner_point(node, as_str(args[1], "corner") if n == 2 else None)
        if point is None:
            return False
        self.long_press(point[0], point[1], LONG_CLICK_MS)
        return True

    @rpc("clickAndWaitForNewWindow")
    async def click_and_wait_for_new_window(self, args: list[Any]) -> bool:
        """Click the element, then report whether the foreground window changed within the timeout."""
        expect_arity("clickAndWaitForNewWindow", args, 2)
        node = self.must_find(self.chain_of(args[0]))
        timeout = max(0, as_int(args[1], "timeout")) / 1000.0
        with self.system.lock:
            before = self.system.am.current()
        self.tap(*centre_of(node))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            with self.system.lock:
                now = self.system.am.current()
            if now != before:
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await asyncio.sleep(min(POLL_S, remaining))

    # -- swiping and dragging elements ---------------------------------------------------------------
    @rpc("swipe")
    async def swipe_rpc(self, args: list[Any]) -> bool:
        """``swipe(x1, y1, x2, y2, steps)``, or an element swipe ``swipe(sel, dir[, percent], steps)``."""
        if args and is_number(args[0]):
            return await self.swipe_points_xy(args)  # type: ignore[attr-defined]
        n = expect_arity("swipe", args, 3, 4)
        node = self.must_find(self.chain_of(args[0]))
        direction = (as_str(args[1], "direction") or "").lower()
        steps = max(1, as_int(args[-1], "steps"))
        left, top, right, bottom = bounds_of(node)
        cx, cy = (left + right) // 2, (top + bottom) // 2
        if n == 4:
            percent = float(args[2]) if is_number(args[2]) else -1.0
            if not 0 <= percent <= 1:
                raise InvalidParams(f"swipe percent must be between 0 and 1, got {args[2]!r}")
            half_w, half_h = int((right - left) * percent / 2), int((bottom - top) * percent / 2)
            ends = {
                "up": (cx, cy + half_h, cx, cy - half_h), "down": (cx, cy - half_h, cx, cy + half_h),
                "left": (cx + half_w, cy, cx - half_w, cy), "right": (cx - half_w, cy, cx + half_w, cy),
            }
        else:
            if (bottom - top) <= 2 * SWIPE_MARGIN or (right - left) <= 2 * SWIPE_MARGIN:
                return False
            m = SWIPE_MARGIN
            ends = {
                "up": (cx, bottom - m, cx, top + m), "down": (cx, top + m, cx, bottom - m),
                "left": (right - m, cy, left + m, cy), "right": (left + m, cy, right - m, cy),
            }
        if direction not in ends:
            return False
        self.swipe(*ends[direction], steps * MS_PER_STEP)
        return True

    @rpc("dragTo")
    async def drag_to(self, args: list[Any]) -> bool:
        """``dragTo(sel, destSel, steps)`` or ``dragTo(sel, x, y, steps)``: from the element's centre."""
        n = expect_arity("dragTo", args, 3, 4)
        start = centre_of(self.must_find(self.chain_of(args[0])))
        if n == 3:
            if not isinstance(args[1], dict):
                raise InvalidParams("dragTo(selector, destination, steps) needs a destination selector")
            end = centre_of(self.must_find(compile_selector(args[1])))
        else:
            end = (as_int(args[1], "x"), as_int(args[2], "y"))
        steps = max(1, as_int(args[-1], "steps"))
        self.locked(self.system.input.drag, start[0], start[1], end[0], end[1], steps * MS_PER_STEP)
        return True

    # -- named objects ----------------------------------------------------------------------------
    @rpc("getUiObject")
    async def get_ui_object(self, args: list[Any]) -> str:
        expect_arity("getUiObject", args, 1)
        return self.objects.add(self.chain_of(args[0]))

    @rpc("getChild")
    async def get_child(self, args: list[Any]) -> str:
        expect_arity("getChild", args, 2)
        return self.objects.add(self.chain_of(as_str(args[0], "name", nullable=False)).extend("child", compile_selector(args[1])))

    @rpc("getFromParent")
    async def get_from_parent(self, args: list[Any]) -> str:
        expect_arity("getFromParent", args, 2)
        return self.objects.add(self.chain_of(as_str(args[0], "name", nullable=False)).extend("sibling", compile_selector(args[1])))

    @rpc("removeUiObject")
    async def remove_ui_object(self, args: list[Any]) -> None:
        expect_arity("removeUiObject", args, 1)
        self.objects.remove(as_str(args[0], "name", nullable=False) or "")

    @rpc("getUiObjects")
    async def get_ui_objects(self, args: list[Any]) -> list[str]:
        return self.objects.names()

    async def _child_by(self, args: list[Any], method: str, field: str) -> str:
        """UiCollection.getChildByText/Description: the first row under ``sel`` matching
        ``childSel`` whose own text (description) is the value or that holds a descendant with it."""
        n = expect_arity(method, args, 3, 4)
        container = self.chain_of(args[0])
        rows = compile_selector(args[1])
        value = as_str(args[2], field, nullable=False) or ""
        if n == 4 and as_bool(args[3], "allowScrollSearch"):
            await self.scroll_into_view(container, _text_selector(field, value), True)  # type: ignore[attr-defined]
        attr = "text" if field == "text" else "content-desc"
        root = self.screen.root()
        probe = _text_selector(field, value)
        under = container.extend("child", rows)
        for instance, row in enumerate(find_all(under, root)):
            if row.get(attr) == value or find(probe, row) is not None:
                return self.objects.add(under.with_leaf_instance(instance))
        raise UiObjectNotFound(f'for {field}= "{value}"')

    @rpc("childByText")
    async def child_by_text(self, args: list[Any]) -> str:
        return await self._child_by(args, "childByText", "text")

    @rpc("childByDescription")
    async def child_by_description(self, args: list[Any]) -> str:
        return await self._child_by(args, "childByDescription", "description")

    @rpc("childByInstance")
    async def child_by_instance(self, args: list[Any]) -> str:
        expect_arity("childByInstance", args, 3)
        container = self.chain_of(args[0])
        rows = compile_selector(args[1])
        instance = as_int(args[2], "instance")
        if instance < 0:
            raise InvalidParams(f"instance must be >= 0, got {instance}")
        return self.objects.add(container.extend("child", rows).with_leaf_instance(instance))
