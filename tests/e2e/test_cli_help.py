"""Every command documents itself with examples, and --help works from the installed entry point."""

from __future__ import annotations

import typer.main

from droidpilot.cli import app


def all_commands():
    root = typer.main.get_command(app)
    stack = [((), root)]
    while stack:
        path, command = stack.pop()
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            stack.append(((*path, name), sub))


def test_every_command_has_help_with_examples_of_itself():
    seen = set()
    for path, command in all_commands():
        seen.add(path)
        text = command.help or ""
        assert "Examples:" in text, f"`droidpilot {' '.join(path)}` has no examples in its help"
        assert f"droidpilot {' '.join(path)}".strip() in text, f"`droidpilot {' '.join(path)}` examples do not show it"
    expected = {("run",), ("devices",), ("observe",), ("act",), ("report",), ("export",), ("doctor",),
                ("emulator",), ("emulator", "start"), ("emulator", "stop"), ("emulator", "status"),
                ("emulator", "avds"), ("emulator", "boot")}
    assert expected <= seen


def test_help_runs_from_the_entry_point_for_a_nested_command(cli):
    proc = cli("emulator", "start", "--help")
    assert proc.returncode == 0 and "--detach" in proc.stdout and "droidpilot emulator start --detach" in proc.stdout
    assert cli("--version").stdout.startswith("droidpilot ")
