"""Operators, exit status, redirects, pipes, globbing, substitution and the session contract."""

from __future__ import annotations

import asyncio

import pytest

from droidpilot.emulator.virtual.shell import BufferIO, Ctx, command, registry


@pytest.mark.parametrize("script,out", [
    ("true && echo yes", "yes\n"),
    ("false && echo yes", ""),
    ("false || echo no", "no\n"),
    ("true || echo no", ""),
    ("false && echo a || echo b", "b\n"),
    ("echo a; echo b", "a\nb\n"),
    ("false; echo $?", "1\n"),
    ("true; echo $?", "0\n"),
    ("nosuchcmd 2>/dev/null; echo $?", "127\n"),
    ("! false; echo $?", "0\n"),
    ("! true; echo $?", "1\n"),
    ("sh -c 'exit 7'; echo $?", "7\n"),
    ("(exit 3); echo $?", "3\n"),
    ("x=1; (x=2); echo $x", "1\n"),
    ("{ echo a; echo b; } | grep b", "b\n"),
    ("if false; then echo a; elif true; then echo b; else echo c; fi", "b\n"),
    ("for f in a b; do echo $f; done", "a\nb\n"),
    ("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i", "3\n"),
    ("i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i", "2\n"),
    ("for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done", "1\n3\n"),
    ("for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done", "1a\n"),
    ("case foo.txt in *.jpg) echo img;; *.txt) echo text;; esac", "text\n"),
    ("case x in '*') echo star;; *) echo any;; esac", "any\n"),
    ("echo $(echo $(echo nested))", "nested\n"),
    ("a=$(false); echo $?", "1\n"),
    ("set -- x y z; echo $# $2 \"$@\"", "3 y x y z\n"),
    ("v=abc.tar.gz; echo ${v%.gz} ${v%%.*} ${v#*.} ${v##*.}", "abc.tar abc tar.gz gz\n"),
    ("echo ${U:=def}; echo $U", "def\ndef\n"),
    ("eval 'x=5; echo $x'", "5\n"),
    ("echo $((7 / 2)) $((7 % 3)) $((-7 / 2)) $((1 << 4)) $((3 > 2))", "3 1 -3 16 1\n"),
])
def test_control_flow_and_status(sh, script, out):
    assert sh.run(script).out == out


def test_adbutils_shell2_wrapper_reports_exit_code(sh):
    assert sh.run("false; echo X4EXIT:$?").out == "X4EXIT:1\n"
    assert sh.run("ls /nope; echo X4EXIT:$?").out == "X4EXIT:1\n"
    assert sh.run("echo hi; echo X4EXIT:$?").out == "hi\nX4EXIT:0\n"


DUMP_LINE = "rm -f /data/local/tmp/uidump.xml; uiautomator dump /data/local/tmp/uidump.xml && echo success"


def _fake_uiautomator(fail: bool):
    """Stands in for the OS's ``uiautomator`` (which needs a window manager) for this test only."""
    def run(ctx: Ctx) -> int:
        if fail:
            ctx.err("ERROR: could not get idle state.\n")
            return 1
        ctx.fs.write(ctx.argv[2], b"<?xml version='1.0' ?><hierarchy/>")
        ctx.out("UI hierchary dumped to: " + ctx.argv[2] + "\n")
        return 0
    return registry.CommandSpec("uiautomator", run, False)


@pytest.mark.parametrize("fail", [False, True])
def test_adbutils_dump_hierarchy_command_line(sh, monkeypatch, fail):
    monkeypatch.setitem(registry._REGISTRY, "uiautomator", _fake_uiautomator(fail))
    sh.fs.write("/data/local/tmp/uidump.xml", b"stale")
    result = sh.run(DUMP_LINE)
    if fail:
        assert not sh.fs.exists("/data/local/tmp/uidump.xml")
        assert "success" not in result.out and result.rc == 1
    else:
        assert sh.fs.read("/data/local/tmp/uidump.xml").startswith(b"<?xml")
        assert result.out.endswith("success\n") and result.rc == 0


def test_adbutils_input_text_quoting_reaches_input_as_one_argument(sh, monkeypatch):
    seen: list[list[str]] = []

    def record(ctx: Ctx) -> int:
        seen.append(ctx.argv)
        return 0

    monkeypatch.setitem(registry._REGISTRY, "input", registry.CommandSpec("input", record, False))
    assert sh.run("input text 'it'\"'\"'s'; echo X4EXIT:$?").out == "X4EXIT:0\n"
    assert seen == [["input", "text", "it's"]]


def test_exit_stops_the_script_with_its_code(sh):
    result = sh.run("echo a; exit 5; echo b")
    assert (result.rc, result.out) == (5, "a\n")


def test_exit_inside_sh_c_only_ends_the_child(sh):
    assert sh.out("sh -c 'exit 2; echo no'; echo after $?") == "after 2\n"


def test_unknown_command_is_127_with_mksh_message(sh):
    result = sh.run("frobnicate --now")
    assert result.rc == 127
    assert result.err == "/system/bin/sh: frobnicate: not found\n"


def test_absolute_path_finds_registered_command_by_basename(sh):
    assert sh.out("/system/bin/echo hi") == "hi\n"
    assert sh.out("/system/bin/toybox echo hi") == "hi\n"


def test_script_file_on_device_runs_in_the_interpreter(sh):
    sh.fs.write("/data/local/tmp/s.sh", b"#!/system/bin/sh\necho arg=$1\n", mode=0o100755)
    sh.fs.write("/data/local/tmp/noexec.sh", b"echo no\n", mode=0o100644)
    assert sh.out("/data/local/tmp/s.sh one") == "arg=one\n"
    result = sh.run("/data/local/tmp/noexec.sh")
    assert result.rc == 126 and "Permission denied" in result.err
    assert sh.out("sh /data/local/tmp/noexec.sh") == "no\n"


def test_redirect_to_file_truncates_and_appends(sh):
    sh.run("echo one > /sdcard/f.txt; echo two >> /sdcard/f.txt")
    assert sh.fs.read("/sdcard/f.txt") == b"one\ntwo\n"
    sh.run("echo three > /sdcard/f.txt")
    assert sh.fs.read("/sdcard/f.txt") == b"three\n"


def test_redirect_creates_file_even_when_command_fails(sh):
    sh.run("nosuch > /data/local/tmp/empty 2>/dev/null")
    assert sh.fs.read("/data/local/tmp/empty") == b""


def test_stderr_redirects_and_dup(sh):
    result = sh.run("ls /nope 2>/dev/null")
    assert (result.out, result.err) == ("", "")
    result = sh.run("ls /nope 2>&1")
    assert result.out == "ls: /nope: No such file or directory\n" and result.err == ""
    result = sh.run("ls /nope > /data/local/tmp/o 2>&1")
    assert sh.fs.read("/data/local/tmp/o") == b"ls: /nope: No such file or directory\n"
    result = sh.run("echo to-err 1>&2")
    assert (result.out, result.err) == ("", "to-err\n")
    result = sh.run("ls /nope 2>&1 >/dev/null")
    assert result.out == "ls: /nope: No such file or directory\n"


def test_stdin_redirect_and_dev_null(sh):
    sh.fs.write("/data/local/tmp/in", b"x\ny\n")
    assert sh.out("cat < /data/local/tmp/in") == "x\ny\n"
    assert sh.out("cat < /dev/null; echo done") == "done\n"
    result = sh.run("cat < /nope")
    assert result.rc == 1 and result.err == "/system/bin/sh: can't open /nope: No such file or directory\n"


def test_redirect_to_directory_is_an_error(sh):
    result = sh.run("echo x > /sdcard")
    assert result.rc == 1
    assert result.err == "/system/bin/sh: can't create /sdcard: Is a directory\n"


def test_redirect_into_read_only_or_foreign_dirs_is_refused(sh):
    assert sh.run("echo x > /system/x").err == "/system/bin/sh: can't create /system/x: Read-only file system\n"
    assert sh.run("echo x > /data/x").err == "/system/bin/sh: can't create /data/x: Permission denied\n"
    assert not sh.fs.exists("/data/x")


def test_pipes_pass_bytes_between_stages(sh):
    assert sh.out("echo -e 'b\\na\\nc' | sort | head -n 2") == "a\nb\n"
    assert sh.out("echo hello | cat | cat | wc -c") == "6\n"


def test_pipe_status_is_last_stage(sh):
    assert sh.out("false | true; echo $?") == "0\n"
    assert sh.out("true | false; echo $?") == "1\n"


def test_pipeline_stage_state_does_not_leak(sh):
    assert sh.out("cd /sdcard | true; pwd") == "/\n"


def test_session_stdin_reaches_the_first_command(sh):
    assert sh.run("cat | wc -l", stdin=b"1\n2\n3\n").out == "3\n"


def test_globs_expand_against_the_virtual_fs(sh):
    for name in ("a.jpg", "b.jpg", "c.png", ".hidden.jpg"):
        sh.fs.write(f"/sdcard/DCIM/{name}", b"x")
    assert sh.out("ls /sdcard/DCIM/*.jpg") == "/sdcard/DCIM/a.jpg\n/sdcard/DCIM/b.jpg\n"
    assert sh.out("cd /sdcard/DCIM && echo *") == "a.jpg b.jpg c.png\n"
    assert sh.out("echo /sdcard/DCIM/?.png") == "/sdcard/DCIM/c.png\n"
    assert sh.out("echo /sdcard/*/[ab].jpg") == "/sdcard/DCIM/a.jpg /sdcard/DCIM/b.jpg\n"
    assert sh.out("echo '/sdcard/DCIM/*.jpg'") == "/sdcard/DCIM/*.jpg\n"
    assert sh.out("echo /sdcard/DCIM/*.gif") == "/sdcard/DCIM/*.gif\n"


def test_rm_glob_of_xml_files(sh):
    for name in ("a.xml", "b.xml", "keep.txt"):
        sh.fs.write(f"/data/local/tmp/{name}", b"<x/>")
    assert sh.run("rm -f /data/local/tmp/*.xml").rc == 0
    assert sh.fs.listdir("/data/local/tmp") == ["keep.txt"]


def test_cd_changes_cwd_for_relative_paths(sh):
    assert sh.out("cd /sdcard && echo hi > rel.txt && cat rel.txt && pwd") == "hi\n/sdcard\n"
    assert sh.fs.read("/storage/emulated/0/rel.txt") == b"hi\n"
    result = sh.run("cd /nope")
    assert result.rc == 1 and "No such file or directory" in result.err


def test_export_and_env(sh):
    assert "MYVAR=1" in sh.out("export MYVAR=1; env")
    assert "LOCALV" not in sh.out("LOCALV=1; env")
    assert sh.out("printenv EXTERNAL_STORAGE") == "/sdcard\n"


def test_run_env_argument_is_exported(sh):
    assert sh.run("echo $EXTRA", env={"EXTRA": "v"}).out == "v\n"


def test_every_top_level_script_is_logged_with_uid(sh, system):
    sh.run("echo a; echo b")
    sh.run("id", uid=0)
    assert system.log == [("echo a; echo b", 2000), ("id", 0)]


def test_ifs_injection_runs_only_against_the_virtual_fs(sh):
    sh.run("ok;touch${IFS}/data/local/tmp/x")
    assert sh.fs.exists("/data/local/tmp/x")


def test_command_substitution_never_leaves_the_interpreter(sh):
    assert sh.out("echo $(getprop ro.product.device)") == "emu64xa\n"
    assert sh.out("echo `whoami`") == "shell\n"


def test_output_streams_before_command_finishes(system):
    from droidpilot.emulator.virtual.shell import Shell

    release = asyncio.Event()

    @command("testslow")
    async def _slow(ctx: Ctx) -> int:
        ctx.out("first\n")
        await release.wait()
        ctx.out(b"second\n")
        return 0

    async def scenario() -> tuple[bytes, bytes, int]:
        io = BufferIO()
        task = asyncio.ensure_future(Shell(system).run("testslow", io))
        for _ in range(50):
            await asyncio.sleep(0)
            if io.out:
                break
        seen = bytes(io.out)
        release.set()
        rc = await asyncio.wait_for(task, 5)
        return seen, bytes(io.out), rc

    seen, final, rc = asyncio.run(scenario())
    assert seen == b"first\n"
    assert final == b"first\nsecond\n" and rc == 0


def test_sleep_returns_early_when_client_closes(system):
    from droidpilot.emulator.virtual.shell import Shell

    async def scenario() -> float:
        io = BufferIO()
        loop = asyncio.get_running_loop()
        start = loop.time()
        task = asyncio.ensure_future(Shell(system).run("sleep 30; echo after", io))
        await asyncio.sleep(0.05)
        io.closed.set()
        await asyncio.wait_for(task, 5)
        assert io.out == b""
        return loop.time() - start

    assert asyncio.run(scenario()) < 5


def test_endless_loop_stops_when_client_closes(system):
    from droidpilot.emulator.virtual.shell import Shell

    async def scenario() -> int:
        io = BufferIO()
        task = asyncio.ensure_future(Shell(system).run("while true; do :; done", io))
        await asyncio.sleep(0.05)
        io.closed.set()
        return await asyncio.wait_for(task, 5)

    assert asyncio.run(scenario()) == 0


def test_background_job_does_not_block_the_script(sh):
    result = sh.run("sleep 5 & echo started")
    assert result.out == "started\n"


def test_a_crashing_command_reports_and_keeps_the_session(sh):
    @command("testcrash")
    def _crash(ctx: Ctx) -> int:
        raise RuntimeError("boom")

    result = sh.run("testcrash; echo still here")
    assert result.out == "still here\n"
    assert "testcrash: boom" in result.err


def test_deep_recursion_is_bounded(sh):
    sh.fs.write("/data/local/tmp/r.sh", b"sh /data/local/tmp/r.sh\n", mode=0o100755)
    result = sh.run("sh /data/local/tmp/r.sh; echo survived")
    assert result.out == "survived\n"
    assert "nesting too deep" in result.err


def test_ctx_out_accepts_str_and_bytes(sh):
    @command("testboth")
    def _both(ctx: Ctx) -> int:
        ctx.out("é")
        ctx.out(b"\xff")
        ctx.err("e")
        return 3

    io_result = sh.run("testboth")
    assert io_result.rc == 3
    assert io_result.out.encode("utf-8", "replace").startswith("é".encode())


def test_redirect_truncates_before_the_command_reads(sh):
    sh.fs.write("/data/local/tmp/same", b"content\n")
    sh.run("cat /data/local/tmp/same > /data/local/tmp/same")
    assert sh.fs.read("/data/local/tmp/same") == b""


def test_redirect_into_missing_directory_is_an_error(sh):
    result = sh.run("echo x > /data/local/tmp/no/such/f")
    assert (result.rc, result.err) == (1, "/system/bin/sh: can't create /data/local/tmp/no/such/f: "
                                          "No such file or directory\n")


def test_group_output_redirect_collects_every_command(sh):
    sh.run("{ echo a; echo b; } > /data/local/tmp/g; for i in 1 2; do echo $i; done >> /data/local/tmp/g")
    assert sh.fs.read("/data/local/tmp/g") == b"a\nb\n1\n2\n"


@pytest.mark.parametrize("script,out", [
    ("f() { echo in f $1; return 3; }; f a; echo $?", "in f a\n3\n"),
    ("function g { echo g$#; }; g 1 2", "g2\n"),
    ("f() {\n  echo multi\n}\nf", "multi\n"),
    ("f() { echo $1; }; set -- outer; f inner; echo $1", "inner\nouter\n"),
    ("f() { local v=1; echo $v; }; f", "1\n"),
    ("trap 'echo bye' EXIT; echo hi", "hi\nbye\n"),
    ("trap 'echo bye' EXIT; exit 4", "bye\n"),
    ("sh -c 'trap \"echo inner\" 0'; echo outer", "inner\nouter\n"),
])
def test_functions_and_traps(sh, script, out):
    assert sh.run(script).out == out


def test_exit_trap_keeps_the_exit_status(sh):
    assert sh.run("trap 'true' EXIT; exit 4").rc == 4


def test_runaway_function_recursion_is_bounded(sh):
    result = sh.run("f() { f; }; f; echo after")
    assert result.out == "after\n"
    assert "nesting too deep" in result.err


def test_random_is_a_number_in_range(sh):
    values = [int(v) for v in sh.out("echo $RANDOM $RANDOM $RANDOM").split()]
    assert all(0 <= v < 32768 for v in values)


def test_loops_wait_for_the_transport_between_commands(system):
    from droidpilot.emulator.virtual.shell import Shell

    class CountingIO(BufferIO):
        drains = 0

        async def drain(self) -> None:
            CountingIO.drains += 1

    io = CountingIO()
    assert asyncio.run(Shell(system).run("for i in 1 2 3 4 5; do echo $i; done", io)) == 0
    assert io.out == b"1\n2\n3\n4\n5\n"
    assert CountingIO.drains >= 5
