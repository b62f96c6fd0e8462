"""What every group of server methods shares: the device, the screen cache, the stored UiObjects.

Methods are ``async def name(self, args: list) -> result`` marked with ``@rpc("jsonName")``; the
server's method table is collected from the marks, so a method exists exactly when it is written.
Synchronous work on the ``System`` happens under ``system.lock`` and never across an ``await``.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from .jsonrpc import Handler, InvalidParams, UiObjectNotFound
from .screen import ScreenCache, centre_of
from .selector import Chain, compile_selector, describe, find

__all__ = ["rpc", "MethodBase", "ObjectStore", "MS_PER_STEP", "POLL_S"]

F = TypeVar("F", bound=Callable[..., Any])

MS_PER_STEP = 5  # UiAutomator throttles each swipe step to 5 ms: duration = steps * 5 ms
POLL_S = 0.05  # how often waiting methods look at the screen again
_RPC_NAMES = "_u2_rpc_names"


def rpc(*names: str) -> Callable[[F], F]:
    """Publish the decorated method under the given JSON-RPC names."""

    def mark(func: F) -> F:
        setattr(func, _RPC_NAMES, names)
        return func

    return mark


class ObjectStore:
    """UiObjects the client refers to by name (``childByText`` and friends return names).

    A stored object is its selector chain, resolved again on every use, as a UiObject is. Old
    names are dropped past ``limit`` so a long session cannot grow the store without bound.
    """

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Chain] = OrderedDict()

    def add(self, chain: Chain) -> str:
        name = str(uuid.uuid4())
        self._items[name] = chain
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return name

    def get(self, name: str) -> Chain | None:
        return self._items.get(name)

    def remove(self, name: str) -> None:
        self._items.pop(name, None)

    def names(self) -> list[str]:
        return list(self._items)


class MethodBase:
    """Shared state and helpers; subclasses add ``@rpc`` methods."""

    def __init__(self, system: Any, *, screen: ScreenCache | None = None, objects: ObjectStore | None = None) -> None:
        self.system = system
        self.screen = screen if screen is not None else ScreenCache(system)
        self.objects = objects if objects is not None else ObjectStore()

    # -- the table --------------------------------------------------------------------------------
    def table(self) -> dict[str, Handler]:
        methods: dict[str, Handler] = {}
        for cls in reversed(type(self).__mro__):
            for attr, func in vars(cls).items():
                for name in getattr(func, _RPC_NAMES, ()):
                    methods[name] = getattr(self, attr)
        return methods

    # -- selectors --------------------------------------------------------------------------------
    def chain_of(self, ref: Any) -> Chain:
        """A selector dict, or the name of a stored UiObject, as a chain."""
        if isinstance(ref, str):
            chain = self.objects.get(ref)
            if chain is None:
                raise UiObjectNotFound(f"UiObject {ref} not found!")
            return chain
        if isinstance(ref, dict):
            return compile_selector(ref)
        raise InvalidParams(f"expected a selector or a UiObject name, got {ref!r}")

    def find_node(self, chain: Chain) -> Any | None:
        return find(chain, self.screen.root())

    def must_find(self, chain: Chain) -> Any:
        node = self.find_node(chain)
        if node is None:
            raise UiObjectNotFound(describe(chain))
        return node

    # -- the device -------------------------------------------------------------------------------
    def locked(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.system.lock:
            return func(*args, **kwargs)

    def display_size(self) -> tuple[int, int]:
        with self.system.lock:
            width, height = self.system.wm.size
        return int(width), int(height)

    def tap(self, x: int, y: int) -> None:
        self.locked(self.system.input.tap, x, y)

    def long_press(self, x: int, y: int, ms: int) -> None:
        self.locked(self.system.input.long_press, x, y, ms)

    def swipe(self, x1: int, y1: int, x2: int, y2: int, ms: int) -> None:
        self.locked(self.system.input.swipe, x1, y1, x2, y2, ms)

    def set_node_text(self, node: Any, text: str) -> bool:
        """Replace the text of the editor ``node``; the InputManager focuses the field at its centre.

        Like ACTION_SET_TEXT this succeeds when the field now holds ``text``: it changed, or it
        already said so.
        """
        x, y = centre_of(node)
        outcome = self.locked(self.system.input.set_text, x, y, text)
        return bool(getattr(outcome, "changed", False)) or (node.get("text") or "") == text

    def clear_node_text(self, node: Any) -> None:
        x, y = centre_of(node)
        self.locked(self.system.input.clear_text, x, y)
