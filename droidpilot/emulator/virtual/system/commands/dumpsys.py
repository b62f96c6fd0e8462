"""``dumpsys`` sections in the formats Android 14 prints and the clients parse."""

from __future__ import annotations

import time
import zlib

from ...shell.registry import command


def _hash(text: str) -> str:
    return f"{zlib.crc32(text.encode()) & 0xFFFFFFF:07x}"


def _window_title(system) -> tuple[str, str]:
    """(focused window title, focused app component) like WindowManager reports them."""
    dialog = system.dialogs.top()
    act = system.am.top()
    app_component = f"{act.package}/{act.info.name}" if act else ""
    if system.notifications.shade_open:
        return "NotificationShade", app_component
    if dialog is not None:
        return f"{dialog.package}/{dialog.package}.GrantPermissionsActivity" if dialog.kind == "permission" else "Application Not Responding: " + (dialog.about_package or ""), app_component
    return app_component, app_component


def dump_windows(ctx) -> None:
    system = ctx.system
    focus, app = _window_title(system)
    act = system.am.top()
    w, h = system.wm.size
    lines = ["WINDOW MANAGER WINDOWS (dumpsys window windows)"]
    for i, win in enumerate(reversed(system.wm.window_list())):
        title = win.title or win.package
        lines.append(f"  Window #{i} Window{{{_hash(title)} u0 {title}}}:")
        lines.append(f"    mDisplayId=0 rootTaskId=1 mSession=Session{{{_hash(win.package)} 0:1000}} mClient=android.os.BinderProxy@{_hash(title + 'c')}")
        lines.append(f"    mOwnerUid=1000 showForAllUsers=false package={win.package} appop=NONE")
        f = win.frame
        lines.append(f"    mFrame=[{f.left},{f.top}][{f.right},{f.bottom}] isVisible=true")
    lines.append("")
    lines.append(f"  mGlobalConfiguration={{1.0 310mcc260mnc [en_US] ldltr sw411dp w411dp h{int(h * 160 / system.wm.density)}dp {system.wm.density}dpi nrml port finger -keyb/v/h -nav/h winConfig={{ mBounds=Rect(0, 0 - {w}, {h}) mRotation=ROTATION_{system.wm.rotation * 90}}}}}")
    lines.append(f"  mHasPermanentDpad=false")
    if focus:
        lines.append(f"  mCurrentFocus=Window{{{_hash(focus)} u0 {focus}}}")
    else:
        lines.append("  mCurrentFocus=null")
    if act is not None:
        lines.append(
            f"  mFocusedApp=ActivityRecord{{{_hash(app)} u0 {act.package}/{act.info.short_name} t{_task_id(system, act)}}}"
        )
    lines.append(f"  mInputMethodWindow={'Window{' + _hash('ime') + ' u0 InputMethod}' if system.ime.shown else 'null'}")
    ctx.out("\n".join(lines) + "\n")


def _task_id(system, act) -> int:
    task = system.am.task_of(act)
    return task.task_id if task else 0


def dump_activities(ctx) -> None:
    system = ctx.system
    lines = ["ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)", "Display #0 (activities from top to bottom):"]
    for task in reversed(system.am.tasks):
        top = task.top
        if top is None:
            continue
        lines.append(f"  * Task{{{_hash(str(task.task_id))} #{task.task_id} type=standard A={system.packages.uid(task.package)}:{task.package} U=0 visible={'true' if task is system.am.front_task else 'false'} mode=fullscreen translucent=false sz={len(task.stack)}}}")
        for act in reversed(task.stack):
            comp = f"{act.package}/{act.info.short_name}"
            lines.append(f"    * Hist  #{task.stack.index(act)}: ActivityRecord{{{_hash(comp)} u0 {comp} t{task.task_id}}}")
    top = system.am.top()
    if top is not None:
        comp = f"{top.package}/{top.info.short_name}"
        rec = f"ActivityRecord{{{_hash(comp)} u0 {comp} t{_task_id(system, top)}}}"
        lines.append(f"  ResumedActivity: {rec}")
        lines.append(f"  mResumedActivity: {rec}")
        lines.append(f"  mFocusedApp={rec}")
    ctx.out("\n".join(lines) + "\n")


def dump_activity_top(ctx) -> None:
    system = ctx.system
    lines = ["TASK 10000:com.android.launcher3 id=1"]
    for task in system.am.tasks:
        top = task.top
        if top is None:
            continue
        pid = system.am.ensure_process(top.package)
        lines.append(f"TASK {task.package} id={task.task_id} userId=0")
        lines.append(f"  ACTIVITY {top.package}/{top.info.short_name} {_hash(top.info.name)} pid={pid}")
        lines.append("    View Hierarchy:")
        lines.append(f"      DecorView@{_hash(top.info.name + 'decor')}[{top.info.short_name.lstrip('.')}]")
    ctx.out("\n".join(lines[1:]) + "\n")


def dump_display(ctx) -> None:
    system = ctx.system
    pw, ph = system.wm.physical_size
    w, h = system.wm.size
    r = system.wm.rotation
    d = system.wm.density
    ctx.out(
        "DISPLAY MANAGER (dumpsys display)\n"
        "  mOnlyCode=false\n  mSafeMode=false\n  mPendingTraversal=false\n"
        f"  mViewports=[DisplayViewport{{type=INTERNAL, valid=true, isActive=true, displayId=0, uniqueId='local:4619827259835644672', physicalPort=0, orientation={r}, logicalFrame=Rect(0, 0 - {w}, {h}), physicalFrame=Rect(0, 0 - {w}, {h}), deviceWidth={w}, deviceHeight={h}}}]\n"
        "Display Devices: size=1\n"
        f"  DisplayDeviceInfo{{\"Built-in Screen\": uniqueId=\"local:4619827259835644672\", {pw} x {ph}, modeId 1, renderFrameRate 60.0, density {d}, 420.0 x 420.0 dpi, appVsyncOff 0, presDeadline 17666666, touch INTERNAL, rotation 0, type INTERNAL, address {{port=0, model=0x401cec6a7a2b7b}}, state {'ON' if system.power.screen_on else 'OFF'}, frameRateOverride , brightnessMinimum 0.0, brightnessMaximum 1.0, brightnessDefault 0.39763778, FLAG_DEFAULT_DISPLAY, FLAG_ROTATES_WITH_CONTENT, FLAG_SECURE, FLAG_SUPPORTS_PROTECTED_BUFFERS}}\n"
        f"    mCurrentOrientation={r}\n"
        f"  mBaseDisplayInfo=DisplayInfo{{\"Built-in Screen\", displayId 0, real {w} x {h}, largest app {max(w, h)} x {max(w, h)}, smallest app {min(w, h)} x {min(w, h)}, appVsyncOff 0, rotation {r}, density {d} ({d}.0 x {d}.0) dpi, state {'ON' if system.power.screen_on else 'OFF'}}}\n"
        f"  mOverrideDisplayInfo=DisplayInfo{{\"Built-in Screen\", displayId 0, real {w} x {h}, rotation {r}, density {d}}}\n"
    )


def dump_power(ctx) -> None:
    p = ctx.system.power
    on = p.screen_on
    ctx.out(
        "POWER MANAGER (dumpsys power)\n\nPower Manager State:\n"
        f"  mDirty=0x0\n  mWakefulness={'Awake' if on else 'Asleep'}\n  mWakefulnessChanging=false\n"
        f"  mIsPowered={'true' if p.plugged else 'false'}\n  mPlugType={p.plugged}\n  mBatteryLevel={p.battery_level}\n"
        f"  mHoldingWakeLockSuspendBlocker=false\n  mHoldingDisplaySuspendBlocker={'true' if on else 'false'}\n"
        f"  mScreenOffTimeoutSetting={ctx.system.settings.get('system', 'screen_off_timeout')}\n"
        f"Display Power: state={'ON' if on else 'OFF'}\n"
    )


def dump_battery(ctx) -> None:
    p = ctx.system.power
    ctx.out(
        "Current Battery Service state:\n"
        f"  AC powered: {'true' if p.plugged == 1 else 'false'}\n  USB powered: false\n  Wireless powered: false\n"
        "  Dock powered: false\n  Max charging current: 0\n  Max charging voltage: 0\n  Charge counter: 10000\n"
        f"  status: {p.battery_status}\n  health: 2\n  present: true\n  level: {p.battery_level}\n  scale: 100\n"
        "  voltage: 5000\n  temperature: 250\n  technology: Li-ion\n"
    )


def dump_package(ctx, package: str) -> int:
    system = ctx.system
    app = system.packages.get(package)
    if app is None:
        ctx.out(f"Unable to find package: {package}\n")
        return 0
    from .pm import apk_path

    st = system.packages.state[package]
    flags = "[ SYSTEM HAS_CODE ALLOW_CLEAR_USER_DATA ]" if app.system_app else "[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]"
    lines = ["Activity Resolver Table:", "  Non-Data Actions:"]
    for info in app.activities.values():
        for f in info.intent_filters:
            for action in f.get("actions", []):
                lines.append(f"      {action}:")
                lines.append(f"        {_hash(info.name)} {info.component} filter {_hash(info.name + action)}")
    apk = apk_path(app)
    lines += [
        "",
        "Packages:",
        f"  Package [{package}] ({_hash(package)}):",
        f"    userId={system.packages.uid(package)}",
        f"    pkg=Package{{{_hash(package + 'p')} {package}}}",
        f"    codePath={apk.rsplit('/', 1)[0]}",
        f"    resourcePath={apk.rsplit('/', 1)[0]}",
        f"    versionCode={app.version_code} minSdk=28 targetSdk=34",
        f"    versionName={app.version_name}",
        "    apkSigningVersion=3",
        f"    flags={flags}",
        f"    pkgFlags={flags}",
        f"    dataDir={app.data_dir}",
        f"    timeStamp={app.first_install_time}",
        f"    firstInstallTime={app.first_install_time}",
        f"    lastUpdateTime={app.first_install_time}",
        "    installerPackageName=null",
        f"    signatures=PackageSignatures{{{_hash(package + 's')} version:3, signatures:[{_hash(package + 'sig')}], past signatures:[]}}",
        "    requested permissions:",
        *[f"      {perm}" for perm in app.permissions],
        "    User 0: ceDataInode=0 installed=true hidden=false suspended=false distractionFlags=0 stopped="
        + ("true" if st.stopped else "false")
        + f" notLaunched=false enabled={'0' if st.enabled else '3'} instant=false virtual=false",
        "      runtime permissions:",
        *[
            f"        {perm}: granted={'true' if perm in st.granted else 'false'}"
            for perm in app.permissions
        ],
    ]
    ctx.out("\n".join(lines) + "\n")
    return 0


def dump_input_method(ctx) -> None:
    system = ctx.system
    ime = system.ime
    focused = system.wm.focused_editor_description()
    ctx.out(
        "Current Input Method Manager state:\n  Input Methods: mMethodMapUpdateCount=1 mBindInstantServiceAllowed=false\n"
        + "".join(f"  InputMethod #{i}:\n    mId={m}\n" for i, m in enumerate(ime.enabled))
        + f"  mCurMethodId={ime.current}\n  mCurId={ime.current}\n"
        f"  mCurFocusedWindowClient={focused or 'null'}\n"
        f"  mInputShown={'true' if ime.shown else 'false'}\n  mShowRequested={'true' if ime.shown else 'false'}\n"
        f"  mIsInputViewShown={'true' if ime.shown else 'false'}\n  isInputViewShown={'true' if ime.shown else 'false'}\n"
        f"  mImeWindowVis=0x{3 if ime.shown else 0}\n"
    )


def dump_notification(ctx, args: list[str]) -> None:
    system = ctx.system
    noredact = "--noredact" in args
    lines = ["Current Notification Manager state:", f"  Notification List:"]
    for i, n in enumerate(system.notifications.list()):
        lines.append(f"    NotificationRecord(0x{_hash(n.key)}: pkg={n.package} user=UserHandle{{0}} id={n.notification_id} tag={n.tag or 'null'} importance=3 key={n.key}: Notification(channel={n.channel} shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x{'2' if n.ongoing else '0'} color=0x00000000 vis=PRIVATE))")
        lines.append(f"      uid={system.packages.uid(n.package)} userId=0")
        lines.append(f"      opPkg={n.package}")
        lines.append(f"      when={n.when_ms}")
        if noredact:
            lines.append("      extras={")
            lines.append(f"        android.title=String ({n.title})")
            lines.append(f"        android.text=String ({n.text})")
            lines.append("      }")
        else:
            lines.append("      extras={")
            lines.append(f"        android.title=String (length={len(n.title)})")
            lines.append(f"        android.text=String (length={len(n.text)})")
            lines.append("      }")
    ctx.out("\n".join(lines) + "\n")


_SERVICES = ("activity", "alarm", "battery", "display", "input_method", "notification", "package", "power", "window")


@command("dumpsys")
def dumpsys(ctx) -> int:
    args = list(ctx.argv[1:])
    system = ctx.system
    if not args:
        ctx.out("Currently running services:\n" + "".join(f"  {s}\n" for s in _SERVICES))
        return 0
    if args[0] == "-l":
        ctx.out("Currently running services:\n" + "".join(f"  {s}\n" for s in _SERVICES))
        return 0
    service, rest = args[0], args[1:]
    with system.lock:
        if service == "window":
            dump_windows(ctx)
            return 0
        if service == "activity":
            if rest[:1] == ["top"]:
                dump_activity_top(ctx)
            elif rest[:1] in (["activities"], ["a"], []):
                dump_activities(ctx)
            elif rest[:1] in (["recents"], ["r"]):
                lines = ["ACTIVITY MANAGER RECENT TASKS (dumpsys activity recents)", "  Recent tasks:"]
                for i, task in enumerate(system.am.recents()):
                    lines.append(f"  * Recent #{i}: Task{{{_hash(str(task.task_id))} #{task.task_id} type=standard A={system.packages.uid(task.package)}:{task.package}}}")
                ctx.out("\n".join(lines) + "\n")
            else:
                dump_activities(ctx)
            return 0
        if service == "display":
            dump_display(ctx)
            return 0
        if service == "power":
            dump_power(ctx)
            return 0
        if service == "battery":
            dump_battery(ctx)
            return 0
        if service == "package":
            pkg = next((a for a in rest if not a.startswith("-")), None)
            if pkg is None:
                ctx.out("".join(f"Package [{a.package}]\n" for a in system.packages.all()))
                return 0
            return dump_package(ctx, pkg)
        if service == "input_method":
            dump_input_method(ctx)
            return 0
        if service == "notification":
            dump_notification(ctx, rest)
            return 0
        if service == "alarm":
            dumper = getattr(system, "dump_alarms", None)
            ctx.out(dumper() if dumper else "Current Alarm Manager state:\n  Pending alarm batches: 0\n")
            return 0
    ctx.err(f"Can't find service: {service}\n")
    return 0
