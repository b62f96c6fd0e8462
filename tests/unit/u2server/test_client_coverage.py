"""Every JSON-RPC method the installed uiautomator2 client can send is served (or knowingly not)."""

from __future__ import annotations

import re
from pathlib import Path

import uiautomator2

from droidpilot.emulator.virtual.u2server.methods import U2Methods

# Sent by the client but absent from the u2.jar it pushes (the real server answers -32601 too),
# or needing multi-touch, which the virtual device's input has no API for.
NOT_SERVED = {"makeToast", "getParent", "gesture", "pinchIn", "pinchOut"}


def client_methods() -> set[str]:
    root = Path(uiautomator2.__file__).parent
    names: set[str] = set()
    for path in root.rglob("*.py"):
        names |= set(re.findall(r"jsonrpc\.([A-Za-z]\w*)\(", path.read_text(encoding="utf-8")))
    return names


def test_client_source_was_found():
    assert {"dumpWindowHierarchy", "objInfo", "waitForExists"} <= client_methods()


def test_every_client_method_is_served():
    table = U2Methods(None).table()
    missing = client_methods() - set(table) - NOT_SERVED
    assert not missing, f"uiautomator2 sends {sorted(missing)} but the server has no such method"


def test_not_served_list_is_not_stale():
    table = U2Methods(None).table()
    assert not (NOT_SERVED & set(table))
    assert NOT_SERVED <= client_methods()
