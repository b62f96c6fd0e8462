"""Shell commands that talk to the virtual device's OS (am, pm, input, dumpsys, ...).

Importing this package registers every command with the shell's registry.
"""

from . import am, content, dumpsys, input_cmd, pm, settings_cmd, wm_cmd  # noqa: F401
from ...u2server import app_process  # noqa: F401  (registers app_process: the uiautomator2 server)
