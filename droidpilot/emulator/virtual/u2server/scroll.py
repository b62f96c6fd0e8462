"""UiScrollable methods: scroll and fling a container forward, backward, to either end, or until
a child appears.

A scroll is a swipe across the container's bounds that keeps 10 % of its size clear at each end
(UiScrollable's swipe dead zone), forward meaning content moves up (or left). On a phone the
swipe reports whether the list could still move; here the container's subtree is compared before
and after the swipe, which answers the same question: a list at its end does not change. Loops
are bounded by the caller's ``maxSwipes`` (capped) and yield to the event loop between swipes.
"""

from __future__ import annotations

import asyncio
from typing import Any

from lxml import etree

from .args import as_bool, as_int, expect_arity
from .base import MS_PER_STEP, MethodBase, rpc
from .screen import bounds_of
from .selector import Chain, compile_selector, find

__all__ = ["ScrollMethods", "DEAD_ZONE", "SCROLL_STEPS", "FLING_STEPS", "MAX_SEARCH_SWIPES", "MAX_SWIPES_CAP"]

DEAD_ZONE = 0.1
SCROLL_STEPS = 55
FLING_STEPS = 5
MAX_SEARCH_SWIPES = 30
MAX_SWIPES_CAP = 1000


class ScrollMethods(MethodBase):
    def _content(self, chain: Chain) -> bytes | None:
        node = find(chain, self.screen.root())
        return None if node is None else etree.tostring(node)

    def scroll_once(self, chain: Chain, vertical: bool, forward: bool, steps: int) -> bool:
        """One swipe across the container; True if its content moved."""
        node = self.must_find(chain)
        before = etree.tostring(node)
        left, top, right, bottom = bounds_of(node)
        if vertical:
            adjust = int((bottom - top) * DEAD_ZONE)
            x = (left + right) // 2
            near, far = bottom - adjust, top + adjust
            start, end = ((x, near), (x, far)) if forward else ((x, far), (x, near))
        else:
            adjust = int((right - left) * DEAD_ZONE)
            y = (top + bottom) // 2
            near, far = right - adjust, left + adjust
            start, end = ((near, y), (far, y)) if forward else ((far, y), (near, y))
        self.swipe(start[0], start[1], end[0], end[1], max(1, steps) * MS_PER_STEP)
        return self._content(chain) != before

    async def scroll_to_end(self, chain: Chain, vertical: bool, forward: bool, max_swipes: int, steps: int) -> bool:
        for _ in range(max(0, min(max_swipes, MAX_SWIPES_CAP))):
            if not self.scroll_once(chain, vertical, forward, steps):
                break
            await asyncio.sleep(0)
        return True

    async def scroll_into_view(self, chain: Chain, target: Chain, vertical: bool) -> bool:
        """UiScrollable.scrollIntoView: look, rewind to the beginning, then page forward looking."""
        inside = chain.extend("child", target)
        if find(inside, self.screen.root()) is not None:
            return True
        await self.scroll_to_end(chain, vertical, False, MAX_SEARCH_SWIPES, SCROLL_STEPS)
        if find(inside, self.screen.root()) is not None:
            return True
        for _ in range(MAX_SEARCH_SWIPES):
            moved = self.scroll_once(chain, vertical, True, SCROLL_STEPS)
            if find(inside, self.screen.root()) is not None:
                return True
            if not moved:
                return False
            await asyncio.sleep(0)
        return False

    # -- the RPCs ---------------------------------------------------------------------------------
    @rpc("scrollForward")
    async def scroll_forward(self, args: list[Any]) -> bool:
        expect_arity("scrollForward", args, 3)
        return self.scroll_once(self.chain_of(args[0]), as_bool(args[1], "isVertical"), True, as_int(args[2], "steps"))

    @rpc("scrollBackward")
    async def scroll_backward(self, args: list[Any]) -> bool:
        expect_arity("scrollBackward", args, 3)
        return self.scroll_once(self.chain_of(args[0]), as_bool(args[1], "isVertical"), False, as_int(args[2], "steps"))

    @rpc("scrollToBeginning")
    async def scroll_to_beginning(self, args: list[Any]) -> bool:
        expect_arity("scrollToBeginning", args, 4)
        return await self.scroll_to_end(
            self.chain_of(args[0]), as_bool(args[1], "isVertical"), False,
            as_int(args[2], "maxSwipes"), as_int(args[3], "steps"),
        )

    @rpc("scrollToEnd")
    async def scroll_to_end_rpc(self, args: list[Any]) -> bool:
        expect_arity("scrollToEnd", args, 4)
        return await self.scroll_to_end(
            self.chain_of(args[0]), as_bool(args[1], "isVertical"), True,
            as_int(args[2], "maxSwipes"), as_int(args[3], "steps"),
        )

    @rpc("scrollTo")
    async def scroll_to(self, args: list[Any]) -> bool:
        expect_arity("scrollTo", args, 3)
        chain = self.chain_of(args[0])
        self.must_find(chain)
        return await self.scroll_into_view(chain, compile_selector(args[1]), as_bool(args[2], "isVertical"))

    @rpc("flingForward")
    async def fling_forward(self, args: list[Any]) -> bool:
        expect_arity("flingForward", args, 2)
        return self.scroll_once(self.chain_of(args[0]), as_bool(args[1], "isVertical"), True, FLING_STEPS)

    @rpc("flingBackward")
    async def fling_backward(self, args: list[Any]) -> bool:
        expect_arity("flingBackward", args, 2)
        return self.scroll_once(self.chain_of(args[0]), as_bool(args[1], "isVertical"), False, FLING_STEPS)

    @rpc("flingToBeginning")
    async def fling_to_beginning(self, args: list[Any]) -> bool:
        expect_arity("flingToBeginning", args, 3)
        return await self.scroll_to_end(
            self.chain_of(args[0]), as_bool(args[1], "isVertical"), False, as_int(args[2], "maxSwipes"), FLING_STEPS
        )

    @rpc("flingToEnd")
    async def fling_to_end(self, args: list[Any]) -> bool:
        expect_arity("flingToEnd", args, 3)
        return await self.scroll_to_end(
            self.chain_of(args[0]), as_bool(args[1], "isVertical"), True, as_int(args[2], "maxSwipes"), FLING_STEPS
        )
