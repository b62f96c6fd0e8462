"""Drive a ``System`` the way a user would: find nodes in the uiautomator XML, tap their
centres, type with the input manager. Checks read state the way adb would (providers, files)."""

from __future__ import annotations

import re

from lxml import etree

from droidpilot.emulator.virtual.system.core import System
from droidpilot.emulator.virtual.system.intents import Intent

BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")


def nodes(s: System):
    root = etree.fromstring(s.wm.hierarchy_xml().encode("utf-8"))
    return root.iter("node")


def find(s: System, *, rid: str | None = None, text: str | None = None, desc: str | None = None,
         contains: str | None = None):
    """The first node matching all given criteria (resource-id suffix, exact text/desc, text substring)."""
    for n in nodes(s):
        if rid is not None and not (n.get("resource-id") == rid or n.get("resource-id", "").endswith("/" + rid)):
            continue
        if text is not None and n.get("text") != text:
            continue
        if desc is not None and n.get("content-desc") != desc:
            continue
        if contains is not None and contains not in n.get("text", ""):
            continue
        return n
    return None


def find_all(s: System, *, rid: str | None = None):
    return [n for n in nodes(s) if rid is None or n.get("resource-id", "").endswith("/" + rid) or n.get("resource-id") == rid]


def center(node) -> tuple[int, int]:
    l, t, r, b = map(int, BOUNDS.match(node.get("bounds")).groups())
    return (l + r) // 2, (t + b) // 2


def tap(s: System, **criteria) -> None:
    node = find(s, **criteria)
    assert node is not None, f"no node matches {criteria}; screen: {screen_text(s)}"
    x, y = center(node)
    s.input.tap(x, y)


def type_into(s: System, text: str, **criteria) -> None:
    tap(s, **criteria)
    s.input.text(text)


def screen_text(s: System) -> list[str]:
    return [n.get("text") or n.get("content-desc") for n in nodes(s) if n.get("text") or n.get("content-desc")]


def start(s: System, **intent) -> None:
    intent.setdefault("flags", 0x10000000)
    s.am.start(Intent(**intent))


def launch(s: System, package: str) -> None:
    s.am.start(s.packages.launch_intent(package))


def query(s: System, uri: str, where: str | None = None, args=()) -> list[dict]:
    names, rows = s.providers.for_uri(uri).query(uri, None, where, args)
    return [dict(zip(names, r)) for r in rows]


def scroll_to(s: System, tries: int = 8, **criteria):
    """Swipe up (content moves up) until a node matches; returns it. Bounded, like a user would."""
    w, h = s.wm.size
    for _ in range(tries):
        node = find(s, **criteria)
        if node is not None:
            return node
        s.input.swipe(w // 2, h * 0.7, w // 2, h * 0.35, 300)
    raise AssertionError(f"no node matches {criteria} after {tries} swipes")


def shell(s: System, script: str) -> tuple[int, str, str]:
    """Run a device shell command line as ``adb shell`` would (uid 2000); (rc, stdout, stderr)."""
    import asyncio

    from droidpilot.emulator.virtual.shell import BufferIO, Shell

    io = BufferIO(b"")

    async def go() -> int:
        return await asyncio.wait_for(Shell(s).run(script, io, uid=2000), timeout=10)

    rc = asyncio.run(go())
    return rc, io.out.decode("utf-8", "replace"), io.err.decode("utf-8", "replace")
