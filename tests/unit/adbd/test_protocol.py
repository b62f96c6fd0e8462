"""The packet codec and the banner: byte-exact against the documented header layout."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from droidpilot.emulator.virtual.protocol import (
    A_CLSE,
    A_CNXN,
    A_OKAY,
    A_OPEN,
    A_WRTE,
    DEVICE_FEATURES,
    HEADER_SIZE,
    MAX_PAYLOAD,
    Packet,
    ProtocolError,
    checksum,
    decode_header,
    device_banner,
    encode,
    parse_banner,
)
from droidpilot.errors import VirtualDeviceError


def test_command_constants_spell_their_names_in_little_endian_ascii():
    for value, name in [(A_CNXN, b"CNXN"), (A_OPEN, b"OPEN"), (A_OKAY, b"OKAY"), (A_CLSE, b"CLSE"), (A_WRTE, b"WRTE")]:
        assert struct.pack("<I", value) == name


def test_encode_lays_out_six_little_endian_words_then_the_payload():
    raw = encode(A_WRTE, 7, 9, b"abc")
    assert len(raw) == HEADER_SIZE + 3
    assert struct.unpack("<6I", raw[:24]) == (A_WRTE, 7, 9, 3, 0, A_WRTE ^ 0xFFFFFFFF)
    assert raw[24:] == b"abc"


def test_encode_can_carry_the_legacy_byte_sum_for_old_hosts():
    raw = encode(A_WRTE, 1, 2, b"\x01\x02\xff", with_checksum=True)
    assert struct.unpack("<6I", raw[:24])[4] == 0x102 == checksum(b"\x01\x02\xff")


@given(
    st.sampled_from([A_CNXN, A_OPEN, A_OKAY, A_CLSE, A_WRTE]),
    st.integers(0, 0xFFFFFFFF),
    st.integers(0, 0xFFFFFFFF),
    st.binary(max_size=300),
)
def test_decode_header_inverts_encode(command, arg0, arg1, data):
    raw = Packet(command, arg0, arg1, data).encode()
    assert decode_header(raw[:HEADER_SIZE], MAX_PAYLOAD) == (command, arg0, arg1, len(data))


def test_bad_magic_is_a_protocol_error():
    raw = bytearray(encode(A_OPEN, 1, 0, b"shell:\0"))
    raw[20] ^= 0x01
    with pytest.raises(ProtocolError, match="bad magic"):
        decode_header(bytes(raw[:24]), MAX_PAYLOAD)


def test_unknown_command_with_consistent_magic_is_a_protocol_error():
    header = struct.pack("<6I", 0x12345678, 0, 0, 0, 0, 0x12345678 ^ 0xFFFFFFFF)
    with pytest.raises(ProtocolError, match="unknown adb command"):
        decode_header(header, MAX_PAYLOAD)


def test_payload_above_the_maximum_is_a_protocol_error():
    header = encode(A_WRTE, 1, 1, b"")[:12] + struct.pack("<I", 4097) + encode(A_WRTE, 1, 1, b"")[16:24]
    with pytest.raises(ProtocolError, match="exceeds"):
        decode_header(header, 4096)


def test_short_header_is_a_protocol_error():
    with pytest.raises(ProtocolError, match="short"):
        decode_header(b"CNXN", MAX_PAYLOAD)


def test_protocol_error_belongs_to_the_virtual_device_error_tree():
    assert issubclass(ProtocolError, VirtualDeviceError)


def test_banner_names_product_model_device_and_features_in_adb_order():
    banner = device_banner({"ro.product.name": "p", "ro.product.model": "m", "ro.product.device": "d"})
    assert banner == (
        b"device::ro.product.name=p;ro.product.model=m;ro.product.device=d;features="
        + ",".join(DEVICE_FEATURES).encode()
    )


def test_banner_advertises_only_implemented_features():
    features = set(device_banner({}).decode().rsplit("features=", 1)[1].split(","))
    assert {"shell_v2", "stat_v2", "ls_v2", "sendrecv_v2"} <= features
    assert not features & {"delayed_ack", "abb", "abb_exec", "sendrecv_v2_zstd", "sendrecv_v2_lz4", "cmd"}


def test_banner_neutralises_separators_in_property_values():
    state, props = parse_banner(device_banner({"ro.product.model": "a;b:c"}))
    assert state == "device"
    assert props["ro.product.model"] == "a_b_c"


def test_banner_longer_than_adb_accepts_is_refused():
    with pytest.raises(VirtualDeviceError, match="banner"):
        device_banner({"ro.product.name": "x" * 5000})


def test_parse_banner_reads_the_host_banner():
    state, props = parse_banner(b"host::features=shell_v2,cmd\0")
    assert state == "host"
    assert props == {"features": "shell_v2,cmd"}
