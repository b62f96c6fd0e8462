"""System properties (``getprop``) of a plausible Android 14 emulator image."""

from __future__ import annotations


def default_props(*, width: int, height: int, density: int, rooted: bool, serial: str) -> dict[str, str]:
    build_type = "userdebug" if rooted else "user"
    return {
        "ro.build.version.sdk": "34",
        "ro.build.version.release": "14",
        "ro.build.version.release_or_codename": "14",
        "ro.build.version.security_patch": "2024-08-05",
        "ro.build.version.incremental": "12170197",
        "ro.build.id": "AP2A.240805.005",
        "ro.build.display.id": f"sdk_gphone64_x86_64-{build_type} 14 AP2A.240805.005 12170197 release-keys",
        "ro.build.type": build_type,
        "ro.build.tags": "release-keys",
        "ro.build.fingerprint": f"google/sdk_gphone64_x86_64/emu64xa:14/AP2A.240805.005/12170197:{build_type}/release-keys",
        "ro.product.name": "sdk_gphone64_x86_64",
        "ro.product.model": "sdk_gphone64_x86_64",
        "ro.product.device": "emu64xa",
        "ro.product.brand": "google",
        "ro.product.manufacturer": "Google",
        "ro.product.board": "goldfish_x86_64",
        "ro.product.cpu.abi": "x86_64",
        "ro.product.cpu.abilist": "x86_64,arm64-v8a",
        "ro.product.locale": "en-US",
        "ro.hardware": "ranchu",
        "ro.kernel.qemu": "1",
        "ro.boot.qemu": "1",
        "ro.serialno": serial,
        "ro.boot.serialno": serial,
        "ro.sf.lcd_density": str(density),
        "ro.secure": "0" if rooted else "1",
        "ro.debuggable": "1" if rooted else "0",
        "ro.adb.secure": "0",
        "service.adb.root": "0",
        "sys.boot_completed": "1",
        "dev.bootcomplete": "1",
        "init.svc.bootanim": "stopped",
        "persist.sys.timezone": "UTC",
        "persist.sys.locale": "en-US",
        "gsm.sim.operator.alpha": "T-Mobile",
        "gsm.operator.alpha": "T-Mobile",
        "gsm.network.type": "LTE",
        "net.hostname": "localhost",
        "droidpilot.virtual": "1",
        "droidpilot.display.size": f"{width}x{height}",
    }
