"""`python -m droidpilot.cli ...`: how `emulator start --detach` launches its background device."""

from .app import main

main()
