"""Identity, properties, time, lookup and privilege: id, getprop, date, uname, which, su, sleep."""

from __future__ import annotations

import re

import pytest


def test_id_as_shell_and_root(sh, root_sh):
    out = sh.out("id")
    assert out.startswith("uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),")
    assert out.endswith(" context=u:r:shell:s0\n")
    assert root_sh.out("id", uid=0).startswith("uid=0(root) gid=0(root) groups=0(root)")
    assert sh.out("id -u") == "2000\n"
    assert sh.out("whoami") == "shell\n"
    assert sh.out("whoami", uid=0) == "root\n"


def test_getprop_all_sorted_and_single(sh):
    assert sh.out("getprop") == (
        "[ro.build.version.sdk]: [34]\n[ro.product.cpu.abi]: [x86_64]\n"
        "[ro.product.device]: [emu64xa]\n[ro.product.model]: [sdk_gphone64_x86_64]\n")
    assert sh.out("getprop ro.build.version.sdk") == "34\n"
    assert sh.out("getprop no.such.prop") == "\n"
    assert sh.out("getprop no.such.prop fallback") == "fallback\n"


def test_setprop_rules(sh, system):
    assert sh.run("setprop debug.x 1").rc == 0
    assert system.props["debug.x"] == "1"
    result = sh.run("setprop ro.build.version.sdk 99")
    assert result.rc == 1 and "Failed to set property" in result.err
    assert system.props["ro.build.version.sdk"] == "34"
    assert sh.run("setprop persist.sys.locale fr", uid=0).rc == 0
    assert sh.run("setprop sys.foo 1").rc == 1


def test_date_default_and_formats(sh):
    assert sh.out("date") == "Mon Jan  1 12:00:00 UTC 2024\n"
    assert sh.out("date +%s") == "1704110400\n"
    assert sh.out("date '+%Y-%m-%d %H:%M:%S'") == "2024-01-01 12:00:00\n"
    assert sh.out("date -d @0 +%Y") == "1970\n"
    assert sh.run("date 010203042024").rc == 1


def test_date_uses_system_clock_when_present(sh, system):
    system.now = lambda: 0.0
    assert sh.out("date +%s") == "0\n"


def test_uname(sh):
    assert sh.out("uname") == "Linux\n"
    assert sh.out("uname -m") == "x86_64\n"
    parts = sh.out("uname -a").split()
    assert parts[0] == "Linux" and parts[-2:] == ["x86_64", "Toybox"]


def test_which_env_printenv(sh):
    assert sh.out("which ls") == "/system/bin/ls\n"
    result = sh.run("which nosuch")
    assert (result.rc, result.out) == (1, "")
    assert "PATH=" in sh.out("env")
    assert sh.out("env FOO=1 printenv FOO") == "1\n"
    assert sh.run("printenv NOPE").rc == 1


def test_test_and_bracket(sh):
    sh.fs.write("/data/local/tmp/f", b"x")
    cases = {
        "[ -f /data/local/tmp/f ]": 0, "[ -d /data/local/tmp/f ]": 1, "[ -d /sdcard ]": 0,
        "[ -e /nope ]": 1, "[ -s /data/local/tmp/f ]": 0, "[ -z '' ]": 0, "[ -n '' ]": 1,
        "[ a = a ]": 0, "[ a != a ]": 1, "[ 2 -gt 10 ]": 1, "[ 2 -lt 10 ]": 0, "[ ! -e /nope ]": 0,
        "[ -e /nope -o -d /sdcard ]": 0, "[ -e /nope -a -d /sdcard ]": 1, "test -L /sdcard": 0,
        "[ -w /system ]": 1, "[ -w /data/local/tmp ]": 0, "[ x ]": 0, "[ ]": 1, "test": 1,
    }
    for script, rc in cases.items():
        assert sh.run(script).rc == rc, script
    result = sh.run("[ 1 -eq 1")
    assert result.rc == 2 and "missing ]" in result.err
    assert sh.run("[ a -eq 1 ]").rc == 2


def test_su_on_production_build_is_not_found(sh):
    for script in ("su -c id", "su 0 id", "su root id"):
        result = sh.run(script)
        assert (result.rc, result.err) == (127, "/system/bin/sh: su: not found\n")


@pytest.mark.parametrize("script", ["su -c id", "su 0 id", "su root id", "su -c 'id'", "echo id | su"])
def test_su_on_rooted_device_runs_as_root(root_sh, script):
    assert root_sh.out(script).startswith("uid=0(root)")


def test_su_grants_root_file_access(root_sh):
    assert root_sh.run("echo x > /data/owned").rc == 1
    assert root_sh.run("su -c 'echo x > /data/owned'").rc == 0
    assert root_sh.fs.read("/data/owned") == b"x\n"
    assert root_sh.fs.stat("/data/owned").uid == 0


def test_toybox_lists_and_dispatches(sh):
    listing = sh.out("toybox").split()
    assert "ls" in listing and "md5sum" in listing
    assert sh.out("toybox echo hi") == "hi\n"
    result = sh.run("toybox am start")
    assert result.rc == 127 and "Unknown command" in result.err


def test_sleep_accepts_fractions_and_rejects_garbage(sh):
    assert sh.run("sleep 0.01").rc == 0
    result = sh.run("sleep abc")
    assert result.rc == 1 and re.search(r"sleep: bad duration", result.err)


def test_pwd_cd_export_unset(sh):
    assert sh.out("pwd") == "/\n"
    assert sh.out("cd /data/local/tmp; pwd; cd -; pwd") == "/data/local/tmp\n/\n/\n"
    assert sh.out("export A=1; unset A; echo \"[$A]\"") == "[]\n"


def test_ps_lists_the_session_and_with_minus_a_the_system(sh):
    plain = sh.out("ps").splitlines()
    assert plain[0].split() == ["USER", "PID", "PPID", "VSZ", "RSS", "WCHAN", "ADDR", "S", "NAME"]
    assert [line.split()[-1] for line in plain[1:]] == ["sh", "ps"]
    every = sh.out("ps -A")
    assert "system_server" in every and "zygote64" in every
    assert sh.out("pidof system_server").strip().isdigit()
    assert sh.run("pidof nothing").rc == 1


def test_network_tools_show_the_emulator_wlan_address(sh):
    assert re.search(r"inet 10\.0\.2\.16/24", sh.out("ip addr show dev wlan0"))
    assert "inet addr:10.0.2.16" in sh.out("ifconfig wlan0")
    assert sh.run("ip addr show dev eth9").rc == 1


def test_logcat_clear_and_dump_return_at_once(sh):
    assert sh.run("logcat -c").rc == 0
    assert sh.run("logcat -d").rc == 0


def test_proc_files_are_readable(sh):
    assert sh.out("cat /proc/stat").startswith("cpu  ")
    assert sh.out("cat /proc/version").startswith("Linux version")
