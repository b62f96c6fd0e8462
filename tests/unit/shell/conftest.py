"""A small but real device for shell tests: a real VirtualFS, props, a list log and a lock.

The real ``System`` comes from the OS package; the shell only needs these four attributes
(and ``rooted`` for ``su``), so the tests pin exactly that contract.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell import BufferIO, Ctx, Shell, command

FIXED_TIME = 1704110400.0  # 2024-01-01 12:00:00 UTC


class ListLog(list):
    """``system.log``: what the shell ran, as (script, uid) pairs."""

    def append(self, line: str, uid: int) -> None:  # type: ignore[override]
        super().append((line, uid))


@command("testargv")
def _testargv(ctx: Ctx) -> int:
    """Prints its arguments as JSON, so tests see exactly how words were split and unquoted."""
    ctx.out(json.dumps(ctx.argv[1:]) + "\n")
    return 0


@command("testenv")
def _testenv(ctx: Ctx) -> int:
    ctx.out(json.dumps({"env": ctx.env, "cwd": ctx.cwd, "uid": ctx.uid}) + "\n")
    return 0


@dataclass
class Result:
    rc: int
    out: str
    err: str


def make_system(*, rooted: bool = False, state_dir=None) -> SimpleNamespace:
    return SimpleNamespace(
        fs=VirtualFS(state_dir, clock=lambda: FIXED_TIME),
        props={
            "ro.product.device": "emu64xa",
            "ro.build.version.sdk": "34",
            "ro.product.model": "sdk_gphone64_x86_64",
            "ro.product.cpu.abi": "x86_64",
        },
        log=ListLog(),
        lock=threading.RLock(),
        rooted=rooted,
    )


class ShellHarness:
    def __init__(self, system: SimpleNamespace) -> None:
        self.system = system
        self.shell = Shell(system)
        self.fs: VirtualFS = system.fs

    def run(self, script: str, *, uid: int = 2000, stdin: bytes = b"", env: dict | None = None) -> Result:
        io = BufferIO(stdin)

        async def go() -> int:
            return await asyncio.wait_for(self.shell.run(script, io, uid=uid, env=env), timeout=10)

        rc = asyncio.run(go())
        return Result(rc, io.out.decode("utf-8", "replace"), io.err.decode("utf-8", "replace"))

    def out(self, script: str, **kw) -> str:
        result = self.run(script, **kw)
        assert result.rc == 0, result
        return result.out

    def argv(self, words: str) -> list[str]:
        result = self.run("testargv " + words)
        assert result.rc == 0, result
        return json.loads(result.out)


@pytest.fixture
def system() -> SimpleNamespace:
    return make_system()


@pytest.fixture
def sh(system: SimpleNamespace) -> ShellHarness:
    return ShellHarness(system)


@pytest.fixture
def root_sh() -> ShellHarness:
    return ShellHarness(make_system(rooted=True))


@pytest.fixture
def make_harness():
    """``make_harness(rooted=..., state_dir=...)``: a harness on a system built to order."""
    return lambda **options: ShellHarness(make_system(**options))
