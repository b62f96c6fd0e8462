"""The package's public names are exactly these; others import nothing else from it."""

import droidpilot.emulator.virtual.u2server as u2server


def test_public_names_are_pinned():
    assert sorted(u2server.__all__) == ["DEFAULT_PORT", "RpcError", "U2Server", "UiObjectNotFound"]
    assert u2server.DEFAULT_PORT == 9008


def test_errors_belong_to_the_project_error_tree():
    from droidpilot.errors import VirtualDeviceError

    assert issubclass(u2server.RpcError, VirtualDeviceError)
    assert issubclass(u2server.UiObjectNotFound, u2server.RpcError)
