"""``pm`` and ``cmd`` (package, statusbar, settings passthrough)."""

from __future__ import annotations

from ...shell.registry import command
from ..intents import Intent
from .am import parse_intent
from ._args import UsageError


def apk_path(app) -> str:
    if app.system_app:
        folder = "priv-app" if app.package.startswith(("com.android.settings", "com.android.systemui", "com.android.launcher")) else "app"
        name = app.label.replace(" ", "") or app.package.rsplit(".", 1)[-1]
        return f"/system/{folder}/{name}/{name}.apk"
    return f"/data/app/~~dp{abs(hash(app.package)) % 10**6:06d}==/{app.package}-1/base.apk"


def list_packages(ctx, args: list[str]) -> int:
    flags = {a for a in args if a.startswith("-")}
    filt = next((a for a in args if not a.startswith("-")), None)
    system = ctx.system
    lines = []
    with system.lock:
        for app in system.packages.all():
            st = system.packages.state[app.package]
            if "-3" in flags and app.system_app:
                continue
            if "-s" in flags and not app.system_app:
                continue
            if "-e" in flags and not st.enabled:
                continue
            if "-d" in flags and st.enabled:
                continue
            if filt and filt not in app.package:
                continue
            line = "package:"
            if "-f" in flags:
                line += apk_path(app) + "="
            line += app.package
            if "-U" in flags:
                line += f" uid:{system.packages.uid(app.package)}"
            lines.append(line)
    ctx.out("".join(l + "\n" for l in lines))
    return 0


@command("pm")
def pm(ctx) -> int:
    args = list(ctx.argv[1:])
    if not args:
        ctx.err("usage: pm [list|path|clear|grant|revoke|dump|enable|disable-user] ...\n")
        return 1
    return package_command(ctx, args[0], args[1:])


def package_command(ctx, verb: str, rest: list[str]) -> int:
    system = ctx.system
    rest = [a for i, a in enumerate(rest) if not (a == "--user" or (i > 0 and rest[i - 1] == "--user"))]
    if verb == "list" and rest[:1] == ["packages"]:
        return list_packages(ctx, rest[1:])
    if verb == "list" and rest[:1] == ["users"]:
        ctx.out("Users:\n\tUserInfo{0:Owner:c13} running\n")
        return 0
    if not rest and verb in ("path", "clear", "grant", "revoke", "dump", "enable", "disable", "disable-user", "uninstall"):
        ctx.err(f"Error: no package specified\n")
        return 1
    with system.lock:
        if verb == "path":
            app = system.packages.get(rest[0])
            if app is None:
                return 1
            ctx.out(f"package:{apk_path(app)}\n")
            return 0
        if verb == "clear":
            app = system.packages.get(rest[0])
            if app is None:
                ctx.out("Failed\n")
                return 1
            system.am.force_stop(app.package)
            system.packages.state[app.package].granted.clear()
            system.packages.state[app.package].denied.clear()
            app.on_clear_data()
            system.save_packages()
            ctx.out("Success\n")
            return 0
        if verb in ("grant", "revoke"):
            if len(rest) < 2:
                ctx.err("Error: no permission specified\n")
                return 1
            pkg, perm = rest[0], rest[1]
            app = system.packages.get(pkg)
            if app is None:
                ctx.err(f"Exception occurred while executing '{verb}':\njava.lang.IllegalArgumentException: Unknown package: {pkg}\n")
                return 255
            if perm not in app.permissions:
                ctx.err(
                    f"Exception occurred while executing '{verb}':\njava.lang.SecurityException: Package {pkg} has not requested permission {perm}\n"
                )
                return 255
            (system.packages.grant if verb == "grant" else system.packages.revoke)(pkg, perm)
            system.save_packages()
            return 0
        if verb in ("enable", "disable", "disable-user"):
            app = system.packages.get(rest[0])
            if app is None:
                ctx.err(f"Error: Unknown package: {rest[0]}\n")
                return 1
            enabled = verb == "enable"
            system.packages.state[app.package].enabled = enabled
            if not enabled:
                system.am.force_stop(app.package)
            system.save_packages()
            state = "enabled" if enabled else ("disabled-user" if verb == "disable-user" else "disabled")
            ctx.out(f"Package {app.package} new state: {state}\n")
            return 0
        if verb == "uninstall":
            pkg = rest[-1]
            app = system.packages.get(pkg)
            if app is None or app.system_app:
                ctx.out("Failure [DELETE_FAILED_INTERNAL_ERROR]\n")
                return 1
            system.packages.uninstall(pkg)
            ctx.out("Success\n")
            return 0
        if verb == "install":
            ctx.out("Failure [INSTALL_FAILED_INVALID_APK: the virtual device runs built-in apps only]\n")
            return 1
        if verb == "dump":
            from .dumpsys import dump_package

            return dump_package(ctx, rest[0])
    ctx.err(f"Unknown command: {verb}\n")
    return 1


def query_activities(ctx, args: list[str]) -> int:
    brief = "--brief" in args
    components = "--components" in args
    args = [a for a in args if a not in ("--brief", "--components", "-r") and not a.startswith("--user")]
    try:
        intent, _ = parse_intent(args)
    except UsageError as exc:
        ctx.err(f"{exc}\n")
        return 1
    with ctx.system.lock:
        found = ctx.system.packages.resolve(intent)
    if components:
        ctx.out("".join(f"{info.component}\n" for info in found))
        return 0
    if not found:
        ctx.out("No activities found\n")
        return 0
    ctx.out(f"{len(found)} activities found:\n")
    for n, info in enumerate(found):
        ctx.out(f"  Activity #{n}:\n")
        if brief:
            ctx.out(f"    priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n    {info.component}\n")
        else:
            ctx.out(
                f"    priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n"
                f"    ActivityInfo:\n      name={info.name}\n      packageName={info.package}\n"
                f"      enabled=true exported={'true' if info.exported else 'false'} directBootAware=false\n"
            )
    return 0


@command("cmd")
def cmd(ctx) -> int:
    args = list(ctx.argv[1:])
    if not args:
        ctx.err("cmd: No service specified; use -l to list all running services. Use -w to start and wait for a service.\n")
        return 255
    service, rest = args[0], args[1:]
    system = ctx.system
    if service == "package":
        if rest[:1] == ["query-activities"] or rest[:1] == ["query-intent-activities"]:
            return query_activities(ctx, rest[1:])
        if rest[:1] == ["resolve-activity"]:
            brief = "--brief" in rest
            intent, _ = parse_intent([a for a in rest[1:] if a != "--brief"])
            found = system.packages.resolve(intent)
            if not found:
                ctx.out("No activity found\n")
            elif brief:
                ctx.out(f"priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\n{found[0].component}\n")
            else:
                ctx.out(f"  name={found[0].name}\n  packageName={found[0].package}\n")
            return 0
        if rest:
            return package_command(ctx, rest[0], rest[1:])
    if service == "statusbar" and rest:
        with system.lock:
            if rest[0] == "expand-notifications":
                system.notifications.open_shade()
                return 0
            if rest[0] == "expand-settings":
                system.notifications.open_quick_settings()
                return 0
            if rest[0] == "collapse":
                system.notifications.collapse()
                return 0
    if service == "settings" and rest:
        from .settings_cmd import settings

        ctx.argv = ["settings", *rest]
        return settings(ctx)
    if service == "activity" and rest:
        from .am import am

        ctx.argv = ["am", *rest]
        return am(ctx)
    if service == "input_method" and rest:
        from .input_cmd import ime

        ctx.argv = ["ime", *rest]
        return ime(ctx)
    if service == "wifi" and rest[:1] == ["set-wifi-enabled"] and len(rest) > 1:
        with system.lock:
            system.settings.put("global", "wifi_on", "1" if rest[1] == "enabled" else "0")
        return 0
    if service == "droidpilot" and rest[:1] == ["fault"]:
        # Test harnesses switch disruptions the way Android's own `cmd` services take verbs.
        from ...shell.registry import lookup

        spec = lookup("droidpilot-fault")
        if spec is None or spec.is_async:
            ctx.err("Can't find service: droidpilot (no fault support on this device)\n")
            return 255
        ctx.argv = ["droidpilot-fault", *rest[1:]]
        return spec.func(ctx)
    if service == "-l":
        ctx.out("".join(f"{s}\n" for s in ("activity", "input_method", "package", "settings", "statusbar", "wifi", "window")))
        return 0
    ctx.err(f"Can't find service: {service}\n")
    return 255
