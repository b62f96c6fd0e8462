"""Network introspection: ``ip addr`` and ``ifconfig`` with the Android emulator's addresses.

uiautomator2's ``wlan_ip`` parses these (``inet 10.0.2.16/24`` from ``ip``, ``inet addr:`` from
ifconfig); the virtual device has no real interfaces, so the emulator's well-known ones are shown.
"""

from __future__ import annotations

from ..io import Ctx
from ..registry import command

_IFACES = {
    "lo": ("127.0.0.1", 8, "00:00:00:00:00:00", "LOOPBACK,UP,LOWER_UP", 65536),
    "wlan0": ("10.0.2.16", 24, "02:15:b2:00:00:00", "BROADCAST,MULTICAST,UP,LOWER_UP", 1500),
}


def _ip_block(idx: int, name: str) -> str:
    addr, prefix, mac, flags, mtu = _IFACES[name]
    kind = "loopback" if name == "lo" else "ether"
    brd = " brd 10.0.2.255" if name != "lo" else ""
    return (f"{idx}: {name}: <{flags}> mtu {mtu} qdisc mq state UP group default qlen 1000\n"
            f"    link/{kind} {mac} brd ff:ff:ff:ff:ff:ff\n"
            f"    inet {addr}/{prefix}{brd} scope {'host' if name == 'lo' else 'global'} {name}\n"
            f"       valid_lft forever preferred_lft forever\n")


@command("ip")
def ip(ctx: Ctx) -> int:
    args = ctx.argv[1:]
    if not args or args[0] not in ("addr", "a", "address", "link", "route", "r"):
        ctx.err("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n")
        return 1
    if args[0] in ("route", "r"):
        ctx.out("10.0.2.0/24 dev wlan0 proto kernel scope link src 10.0.2.16\n")
        return 0
    names = list(_IFACES)
    if "dev" in args:
        i = args.index("dev")
        wanted = args[i + 1] if i + 1 < len(args) else ""
        if wanted not in _IFACES:
            ctx.err(f'Device "{wanted}" does not exist.\n')
            return 1
        names = [wanted]
    ctx.out("".join(_ip_block(list(_IFACES).index(n) + 1, n) for n in names))
    return 0


@command("ifconfig")
def ifconfig(ctx: Ctx) -> int:
    names = [a for a in ctx.argv[1:] if not a.startswith("-")][:1] or list(_IFACES)
    for name in names:
        if name not in _IFACES:
            ctx.error(f"{name}: No such device")
            return 1
        addr, prefix, mac, _flags, mtu = _IFACES[name]
        mask = ".".join(str((0xFFFFFFFF << (32 - prefix) >> (24 - 8 * i)) & 0xFF) for i in range(4))
        encap = "Local Loopback" if name == "lo" else f"UNSPEC    Driver virtio_net\n          HWaddr {mac}"
        ctx.out(f"{name:<10}Link encap:{encap}\n"
                f"          inet addr:{addr}  Mask:{mask}\n"
                f"          UP RUNNING  MTU:{mtu}  Metric:1\n\n")
    return 0
