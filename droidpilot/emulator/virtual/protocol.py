"""The adb transport wire format: 24-byte headers, commands, the banner.

Kept free of I/O so the codec can be tested byte by byte and reused by the daemon, the tests and
the benchmark. The facts (little-endian header, magic = command XOR 0xFFFFFFFF, data_check = plain
byte sum that modern hosts ignore) come from AOSP's ``protocol.md`` and were checked against the
real adb 36 binary.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from droidpilot.errors import VirtualDeviceError

__all__ = [
    "A_CNXN",
    "A_AUTH",
    "A_OPEN",
    "A_OKAY",
    "A_CLSE",
    "A_WRTE",
    "A_STLS",
    "COMMAND_NAMES",
    "HEADER_SIZE",
    "VERSION",
    "VERSION_MIN",
    "MAX_PAYLOAD",
    "DEVICE_FEATURES",
    "ProtocolError",
    "Packet",
    "encode",
    "decode_header",
    "checksum",
    "device_banner",
    "parse_banner",
]

A_CNXN = 0x4E584E43
A_AUTH = 0x48545541
A_OPEN = 0x4E45504F
A_OKAY = 0x59414B4F
A_CLSE = 0x45534C43
A_WRTE = 0x45545257
A_STLS = 0x534C5453

COMMAND_NAMES = {
    A_CNXN: "CNXN",
    A_AUTH: "AUTH",
    A_OPEN: "OPEN",
    A_OKAY: "OKAY",
    A_CLSE: "CLSE",
    A_WRTE: "WRTE",
    A_STLS: "STLS",
}

VERSION_MIN = 0x01000000
VERSION = 0x01000001  # "skip checksum": we send data_check 0
MAX_PAYLOAD = 1024 * 1024  # what this device advertises; the host offers the same
HEADER = struct.Struct("<6I")
HEADER_SIZE = HEADER.size
_BANNER_LIMIT = 4096  # the host rejects a CNXN payload larger than this

DEVICE_FEATURES = (
    "shell_v2",
    "stat_v2",
    "ls_v2",
    "fixed_push_mkdir",
    "fixed_push_symlink_timestamp",
    "sendrecv_v2",
)


class ProtocolError(VirtualDeviceError):
    """The peer sent bytes that are not a valid adb packet; the connection must be dropped."""


@dataclass(frozen=True)
class Packet:
    """One decoded adb message."""

    command: int
    arg0: int
    arg1: int
    data: bytes = b""

    @property
    def name(self) -> str:
        return COMMAND_NAMES.get(self.command, f"0x{self.command:08x}")

    def encode(self) -> bytes:
        return encode(self.command, self.arg0, self.arg1, self.data)


def checksum(data: bytes) -> int:
    """The legacy ``data_check``: the unsigned 32-bit sum of the payload bytes."""
    return sum(data) & 0xFFFFFFFF


def encode(command: int, arg0: int, arg1: int, data: bytes = b"", *, with_checksum: bool = False) -> bytes:
    """Header plus payload, ready for the socket.

    ``with_checksum`` exists for peers at protocol version 0x01000000 (and for tests that play an
    old host); the device itself runs at the skip-checksum version and sends 0.
    """
    check = checksum(data) if with_checksum else 0
    return HEADER.pack(command, arg0 & 0xFFFFFFFF, arg1 & 0xFFFFFFFF, len(data), check, command ^ 0xFFFFFFFF) + data


def decode_header(header: bytes, max_payload: int) -> tuple[int, int, int, int]:
    """Validate a 24-byte header; return ``(command, arg0, arg1, data_length)``.

    Raises ``ProtocolError`` for a wrong size, a bad magic, an unknown command or a payload larger
    than ``max_payload``: each means the stream is no longer framed and the connection is lost.
    """
    if len(header) != HEADER_SIZE:
        raise ProtocolError(f"short adb header: {len(header)} bytes, expected {HEADER_SIZE}")
    command, arg0, arg1, length, _check, magic = HEADER.unpack(header)
    if magic != command ^ 0xFFFFFFFF:
        raise ProtocolError(f"bad magic 0x{magic:08x} for command 0x{command:08x}")
    if command not in COMMAND_NAMES:
        raise ProtocolError(f"unknown adb command 0x{command:08x}")
    if length > max_payload:
        raise ProtocolError(f"payload of {length} bytes exceeds the negotiated maximum of {max_payload}")
    return command, arg0, arg1, length


def device_banner(props: dict[str, str], features: tuple[str, ...] = DEVICE_FEATURES) -> bytes:
    """The CNXN payload: ``device::ro.product.name=..;ro.product.model=..;ro.product.device=..;features=..``.

    ``adb devices -l`` prints product/model/device from it, and the host enables shell v2, stat v2
    and send/recv v2 only for features listed here.
    """
    parts = [
        f"{key}={_clean(props.get(key, ''))}"
        for key in ("ro.product.name", "ro.product.model", "ro.product.device")
    ]
    parts.append("features=" + ",".join(features))
    banner = ("device::" + ";".join(parts)).encode("utf-8")
    if len(banner) > _BANNER_LIMIT:
        raise VirtualDeviceError(
            f"the device banner is {len(banner)} bytes, more than adb accepts ({_BANNER_LIMIT}); "
            "shorten ro.product.* properties"
        )
    return banner


def _clean(value: str) -> str:
    # ';' and ':' would split the banner in the wrong place on the host.
    return value.replace(";", "_").replace(":", "_").replace("\0", "")


def parse_banner(data: bytes) -> tuple[str, dict[str, str]]:
    """Split a CNXN payload into its state (``host``, ``device``) and its ``key=value`` properties."""
    text = data.rstrip(b"\0").decode("utf-8", errors="replace")
    pieces = text.split(":", 2)
    state = pieces[0]
    props: dict[str, str] = {}
    if len(pieces) == 3:
        for item in pieces[2].split(";"):
            if "=" in item:
                key, value = item.split("=", 1)
                props[key] = value
    return state, props
