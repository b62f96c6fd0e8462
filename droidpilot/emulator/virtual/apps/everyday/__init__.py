"""The everyday apps of the virtual device: Contacts, Phone, Messages, Clock, Calendar,
Chrome, Notes, Files, Camera, Gallery and the pixels-only Sketch pad.

``APP_CLASSES`` is what ``apps.install_default_apps`` installs; ``seed_user_data`` fills them
with a plausible user's data (see ``seed``). Importing this package also registers the
``droidpilot-fault`` shell command.
"""

from __future__ import annotations

from . import fault_cmd  # noqa: F401  (registers the shell command)
from .browser import ChromeApp
from .calendar_app import CalendarApp
from .camera import CameraApp
from .clock import ClockApp
from .contacts import ContactsApp
from .dialer import DialerApp
from .files import FilesApp
from .gallery import GalleryApp
from .messaging import MessagingApp
from .notes import NotesApp
from .seed import seed_user_data
from .sketch import SketchApp

APP_CLASSES = [
    ContactsApp,
    DialerApp,
    MessagingApp,
    ClockApp,
    CalendarApp,
    ChromeApp,
    NotesApp,
    FilesApp,
    CameraApp,
    GalleryApp,
    SketchApp,
]

__all__ = ["APP_CLASSES", "seed_user_data"]
