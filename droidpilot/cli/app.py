"""The `droidpilot` command: typer + rich; the one place in droidpilot that configures logging.

``main()`` runs the command and turns droidpilot's errors into one line on stderr and an exit
code (see common.py), so a user never sees a traceback for a mistake they can fix.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from enum import Enum

import typer

from ..errors import DroidpilotError
from . import device_cmds, emulator_cmds, misc_cmds, run_cmd
from .common import EXIT_INTERRUPTED, EXIT_USAGE, doc, err, report_error

app = typer.Typer(
    name="droidpilot",
    help="""Carry out plain-language goals on Android devices with a reasoning model.

\b
Examples:
  droidpilot run "turn Wi-Fi off"
  droidpilot devices
  droidpilot observe --marked screen.png
  droidpilot act 'tap 3'
  droidpilot emulator start --detach
  droidpilot doctor
""",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LogLevel(str, Enum):
    debug = "debug"
    info = "info"
    warning = "warning"
    error = "error"


def configure_logging(level: str) -> None:
    """Library modules only create loggers; the CLI decides where records go and how loud."""
    from rich.logging import RichHandler

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = RichHandler(console=err, show_path=False, rich_tracebacks=False, markup=False)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper()))
    # adbutils/urllib3/httpx chatter stays quiet unless debugging.
    for noisy in ("urllib3", "httpx", "httpcore", "adbutils", "uiautomator2", "openai", "PIL"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if level == "debug" else logging.WARNING)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"droidpilot {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    log_level: LogLevel = typer.Option(LogLevel.warning, "--log-level", help="how much droidpilot logs to stderr"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="print the version and exit"),
) -> None:
    configure_logging(log_level.value)


app.command("run", help=doc(run_cmd.RUN_HELP))(run_cmd.run)
app.command("devices", help=doc(device_cmds.DEVICES_HELP))(device_cmds.devices)
app.command("observe", help=doc(device_cmds.OBSERVE_HELP))(device_cmds.observe)
app.command("act", help=doc(device_cmds.ACT_HELP))(device_cmds.act)
app.command("report", help=doc(misc_cmds.REPORT_HELP))(misc_cmds.report)
app.command("export", help=doc(misc_cmds.EXPORT_HELP))(misc_cmds.export)
app.command("doctor", help=doc(misc_cmds.DOCTOR_HELP))(misc_cmds.doctor)
app.add_typer(emulator_cmds.app, name="emulator")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script; exits with the command's code."""
    command = typer.main.get_command(app)
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = command.main(args=args, prog_name="droidpilot", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        err.print("droidpilot: interrupted", markup=False)
        code = EXIT_INTERRUPTED
    except typer.TyperException as exc:  # usage errors: bad option, missing argument (typer's own click)
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            err.print(f"droidpilot: {exc}", markup=False)
        code = getattr(exc, "exit_code", EXIT_USAGE) or EXIT_USAGE
    except KeyboardInterrupt:
        err.print("droidpilot: interrupted", markup=False)
        code = EXIT_INTERRUPTED
    except DroidpilotError as exc:
        code = report_error(exc)
    sys.exit(code if isinstance(code, int) else 0)
