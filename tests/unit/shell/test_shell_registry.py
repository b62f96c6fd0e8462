"""The command registry and its loader: decorator, basename lookup, OS command package import."""

from __future__ import annotations

import sys
import textwrap

import pytest

from droidpilot.emulator.virtual.shell import registry
from droidpilot.emulator.virtual.shell.registry import command, lookup
from droidpilot.errors import VirtualDeviceError


def test_decorator_registers_sync_and_async_with_aliases(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))

    @command("testsync", "testalias")
    def f(ctx):
        return 0

    @command("testasync")
    async def g(ctx):
        return 0

    assert lookup("testsync").func is f and not lookup("testsync").is_async
    assert lookup("testalias").func is f
    assert lookup("testasync").is_async


def test_lookup_by_basename_of_absolute_path():
    assert lookup("/system/bin/ls") is lookup("ls")
    assert lookup("/vendor/bin/echo").name == "echo"
    assert lookup("nosuchthing") is None


@pytest.mark.parametrize("bad", ["", "a b", "a/b"])
def test_invalid_names_are_rejected(bad):
    with pytest.raises(VirtualDeviceError):
        command(bad)


def test_loader_imports_the_os_command_package_when_present(tmp_path, monkeypatch):
    pkg = tmp_path / "fakeos_cmds"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "hello.py").write_text(textwrap.dedent("""
        from droidpilot.emulator.virtual.shell.registry import command

        @command("testfakeoscmd")
        def hello(ctx):
            ctx.out("from os package\\n")
            return 0
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "SYSTEM_COMMANDS_PACKAGE", "fakeos_cmds")
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    registry.load_builtin_commands()
    assert lookup("testfakeoscmd") is not None
    sys.modules.pop("fakeos_cmds.hello", None)
    sys.modules.pop("fakeos_cmds", None)


def test_loader_tolerates_a_missing_os_package_but_not_a_broken_one(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "SYSTEM_COMMANDS_PACKAGE", "no_such_pkg_for_droidpilot.commands")
    registry.load_builtin_commands()  # absent: fine

    pkg = tmp_path / "brokenos_cmds"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import no_such_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "SYSTEM_COMMANDS_PACKAGE", "brokenos_cmds")
    with pytest.raises(ModuleNotFoundError):
        registry.load_builtin_commands()
    sys.modules.pop("brokenos_cmds", None)


def test_builtin_commands_are_all_registered():
    registry.load_builtin_commands()
    names = set(registry.names())
    expected = {"echo", "cat", "ls", "rm", "mkdir", "touch", "cp", "mv", "md5sum", "toybox", "id", "whoami", "date",
                "sleep", "grep", "head", "tail", "wc", "sh", "getprop", "setprop", "uname", "which", "env", "printenv",
                "true", "false", "test", "[", "exit", "cd", "pwd", "export", "chmod", "ln", "stat", "df", "su"}
    assert expected <= names


def test_public_names_are_pinned():
    import droidpilot.emulator.virtual.fs as fs_module
    import droidpilot.emulator.virtual.shell as shell_package

    assert sorted(shell_package.__all__) == sorted(
        ["Shell", "ShellIO", "BufferIO", "Ctx", "command", "load_builtin_commands", "ShellSyntaxError"])
    assert sorted(fs_module.__all__) == ["FSError", "FileStat", "VirtualFS"]
    for name in shell_package.__all__:
        assert getattr(shell_package, name) is not None
