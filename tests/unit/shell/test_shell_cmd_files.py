"""toybox file tools: output formats and exit codes as a phone prints them."""

from __future__ import annotations

import hashlib

import pytest


def test_ls_lists_names_one_per_line_sorted(sh):
    sh.fs.write("/data/local/tmp/b", b"")
    sh.fs.write("/data/local/tmp/a", b"")
    sh.fs.write("/data/local/tmp/.hidden", b"")
    assert sh.out("ls /data/local/tmp") == "a\nb\n"
    assert sh.out("ls -1 /data/local/tmp") == "a\nb\n"
    assert sh.out("ls -a /data/local/tmp") == ".\n..\n.hidden\na\nb\n"
    assert sh.out("ls -A /data/local/tmp") == ".hidden\na\nb\n"


def test_ls_long_format_matches_toybox(sh):
    sh.fs.write("/data/local/tmp/hello.txt", b"hello world\n", mode=0o100660, uid=10123, gid=10123)
    sh.fs.mkdir("/data/local/tmp/sub", mode=0o40771)
    assert sh.out("ls -l /data/local/tmp") == (
        "total 8\n"
        "-rw-rw---- 1 u0_a123 u0_a123   12 2024-01-01 12:00 hello.txt\n"
        "drwxrwx--x 2 shell   shell   4096 2024-01-01 12:00 sub\n"
    )


def test_ls_long_of_a_single_file_has_no_total(sh):
    sh.fs.write("/data/local/tmp/f", b"abc", mode=0o100644)
    assert sh.out("ls -l /data/local/tmp/f") == "-rw-r--r-- 1 shell shell 3 2024-01-01 12:00 /data/local/tmp/f\n"


def test_sdcard_is_a_symlink_but_lists_its_contents(sh):
    assert sh.out("ls -l /sdcard") == "lrwxrwxrwx 1 root root 21 2024-01-01 12:00 /sdcard -> /storage/self/primary\n"
    names = sh.out("ls /sdcard/").split()
    assert {"Download", "DCIM", "Pictures", "Documents", "Music", "Movies", "Alarms"} <= set(names)
    assert sh.out("ls /sdcard") == sh.out("ls /storage/emulated/0")
    assert sh.out("ls -d /sdcard") == "/sdcard\n"


def test_ls_missing_path_reports_and_exits_1(sh):
    result = sh.run("ls /x")
    assert (result.rc, result.out, result.err) == (1, "", "ls: /x: No such file or directory\n")


def test_ls_mixed_operands_lists_files_then_dirs_with_headers(sh):
    sh.fs.write("/data/local/tmp/f", b"")
    sh.fs.mkdir("/data/local/tmp/d")
    sh.fs.write("/data/local/tmp/d/inner", b"")
    result = sh.run("ls /data/local/tmp/f /nope /data/local/tmp/d")
    assert result.rc == 1
    assert result.out == "/data/local/tmp/f\n\n/data/local/tmp/d:\ninner\n"


def test_ls_recursive(sh):
    sh.fs.mkdir("/data/local/tmp/r/s", parents=True)
    sh.fs.write("/data/local/tmp/r/s/f", b"")
    assert sh.out("cd /data/local/tmp && ls -R r") == "r:\ns\n\nr/s:\nf\n"


def test_ls_of_protected_dir_is_permission_denied_for_shell_only(sh):
    sh.fs.mkdir("/data/data/com.example")
    result = sh.run("ls /data/data")
    assert (result.rc, result.err) == (1, "ls: /data/data: Permission denied\n")
    assert sh.out("ls /data/data", uid=0) == "com.example\n"


def test_cat_concatenates_and_reports_missing(sh):
    sh.fs.write("/data/local/tmp/a", b"A\n")
    sh.fs.write("/data/local/tmp/b", b"\x00\xffB")
    result = sh.run("cat /data/local/tmp/a /missing /data/local/tmp/b")
    assert result.rc == 1
    assert result.err == "cat: /missing: No such file or directory\n"
    assert sh.fs.read("/data/local/tmp/b") == b"\x00\xffB"
    assert sh.run("cat /sdcard/").err == "cat: /sdcard/: Is a directory\n"


def test_cat_is_binary_safe(sh):
    blob = bytes(range(256)) * 4
    sh.fs.write("/data/local/tmp/blob", blob)
    from droidpilot.emulator.virtual.shell import BufferIO
    import asyncio

    io = BufferIO()
    assert asyncio.run(sh.shell.run("cat /data/local/tmp/blob", io)) == 0
    assert bytes(io.out) == blob


@pytest.mark.parametrize("script,rc,err", [
    ("rm /data/local/tmp/none", 1, "rm: /data/local/tmp/none: No such file or directory\n"),
    ("rm -f /data/local/tmp/none", 0, ""),
    ("rm /sdcard/Download", 1, "rm: /sdcard/Download: Is a directory\n"),
    ("rm", 1, "rm: Needs 1 argument\n"),
])
def test_rm_errors(sh, script, rc, err):
    result = sh.run(script)
    assert (result.rc, result.err) == (rc, err)


def test_rm_recursive_removes_tree(sh):
    sh.fs.mkdir("/sdcard/tree/a/b", parents=True)
    sh.fs.write("/sdcard/tree/a/b/f", b"x")
    assert sh.run("rm -r /sdcard/tree").rc == 0
    assert not sh.fs.exists("/sdcard/tree")


def test_mkdir_and_mkdir_p(sh):
    assert sh.run("mkdir /sdcard/new").rc == 0
    assert sh.fs.is_dir("/sdcard/new")
    result = sh.run("mkdir /sdcard/new")
    assert (result.rc, result.err) == (1, "mkdir: /sdcard/new: File exists\n")
    result = sh.run("mkdir /sdcard/x/y")
    assert (result.rc, result.err) == (1, "mkdir: /sdcard/x/y: No such file or directory\n")
    assert sh.run("mkdir -p /sdcard/x/y/z").rc == 0
    assert sh.run("mkdir -p /sdcard/x/y/z").rc == 0
    assert sh.fs.is_dir("/storage/emulated/0/x/y/z")
    assert sh.run("mkdir -m 700 /data/local/tmp/m").rc == 0
    assert sh.fs.stat("/data/local/tmp/m").mode & 0o777 == 0o700


def test_touch_creates_and_updates(sh):
    assert sh.run("touch /data/local/tmp/t").rc == 0
    assert sh.fs.read("/data/local/tmp/t") == b""
    sh.fs.utime("/data/local/tmp/t", mtime=1.0)
    sh.run("touch /data/local/tmp/t")
    assert sh.fs.stat("/data/local/tmp/t").mtime > 1.0
    assert sh.run("touch -c /data/local/tmp/none").rc == 0
    assert not sh.fs.exists("/data/local/tmp/none")
    assert sh.run("touch -d @100 /data/local/tmp/t").rc == 0
    assert sh.fs.stat("/data/local/tmp/t").mtime == 100
    result = sh.run("touch /system/x")
    assert (result.rc, result.err) == (1, "touch: '/system/x': Read-only file system\n")


def test_cp_file_dir_and_recursive(sh):
    sh.fs.write("/sdcard/src.txt", b"data")
    assert sh.run("cp /sdcard/src.txt /sdcard/dst.txt").rc == 0
    assert sh.fs.read("/sdcard/dst.txt") == b"data"
    assert sh.run("cp /sdcard/src.txt /sdcard/Download").rc == 0
    assert sh.fs.read("/sdcard/Download/src.txt") == b"data"
    sh.fs.mkdir("/sdcard/tree/sub", parents=True)
    sh.fs.write("/sdcard/tree/sub/f", b"deep")
    result = sh.run("cp /sdcard/tree /sdcard/copy")
    assert (result.rc, result.err) == (1, "cp: Skipped dir '/sdcard/tree'\n")
    assert sh.run("cp -r /sdcard/tree /sdcard/copy").rc == 0
    assert sh.fs.read("/sdcard/copy/sub/f") == b"deep"
    assert sh.run("cp /nope /sdcard/x").err == "cp: /nope: No such file or directory\n"


def test_mv_renames_and_moves_into_dirs(sh):
    sh.fs.write("/sdcard/a", b"1")
    assert sh.run("mv /sdcard/a /sdcard/b").rc == 0
    assert not sh.fs.exists("/sdcard/a") and sh.fs.read("/sdcard/b") == b"1"
    assert sh.run("mv /sdcard/b /sdcard/Documents").rc == 0
    assert sh.fs.read("/sdcard/Documents/b") == b"1"
    assert sh.run("mv /sdcard/none /sdcard/x").err == "mv: /sdcard/none: No such file or directory\n"


def test_chmod_octal_and_symbolic(sh):
    sh.fs.write("/data/local/tmp/f", b"", mode=0o100644)
    assert sh.run("chmod 755 /data/local/tmp/f").rc == 0
    assert sh.fs.stat("/data/local/tmp/f").mode & 0o7777 == 0o755
    assert sh.run("chmod go-rx,u-w /data/local/tmp/f").rc == 0
    assert sh.fs.stat("/data/local/tmp/f").mode & 0o7777 == 0o500
    assert sh.run("chmod a+w /data/local/tmp/f").rc == 0
    assert sh.fs.stat("/data/local/tmp/f").mode & 0o7777 == 0o722
    assert sh.run("chmod zz /data/local/tmp/f").err == "chmod: bad mode 'zz'\n"


def test_ln_s_creates_symlink(sh):
    sh.fs.write("/data/local/tmp/target", b"t")
    assert sh.run("ln -s /data/local/tmp/target /data/local/tmp/link").rc == 0
    assert sh.out("cat /data/local/tmp/link") == "t"
    assert sh.out("readlink /data/local/tmp/link") == "/data/local/tmp/target\n"
    assert sh.out("readlink -f /sdcard") == "/storage/emulated/0\n"


def test_md5sum_format_and_toybox_dispatch(sh):
    blob = b"uiautomator jar bytes"
    sh.fs.write("/data/local/tmp/u2.jar", blob)
    expected = f"{hashlib.md5(blob).hexdigest()}  /data/local/tmp/u2.jar\n"
    assert sh.out("md5sum /data/local/tmp/u2.jar") == expected
    assert sh.out("toybox md5sum /data/local/tmp/u2.jar") == expected
    result = sh.run("toybox md5sum /data/local/tmp/none.jar")
    assert (result.rc, result.err) == (1, "md5sum: /data/local/tmp/none.jar: No such file or directory\n")
    assert sh.out("echo -n abc | md5sum") == "900150983cd24fb0d6963f7d28e17f72  -\n"
    assert sh.out("echo -n abc | sha256sum").startswith("ba7816bf8f01cfea414140de5dae2223")


def test_stat_default_and_format(sh):
    sh.fs.write("/data/local/tmp/f", b"12345", mode=0o100640)
    out = sh.out("stat /data/local/tmp/f")
    assert out.startswith("  File: /data/local/tmp/f\n  Size: 5\t")
    assert "Access: (0640/-rw-r-----)" in out and "regular file" in out
    assert sh.out("stat -c '%s %a %U %F %n' /data/local/tmp/f") == "5 640 shell regular file /data/local/tmp/f\n"


def test_basename_dirname_realpath(sh):
    assert sh.out("basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname c") == "c\n/a/b\n.\n"
    assert sh.out("realpath /sdcard/Download") == "/storage/emulated/0/Download\n"


def test_df_prints_a_mount_table(sh):
    lines = sh.out("df").splitlines()
    assert lines[0].split()[:2] == ["Filesystem", "1K-blocks"]
    assert any(line.endswith("/data") for line in lines)


def test_ls_dotdot_of_sdcard_is_the_real_parent(sh):
    lines = sh.out("ls -la /sdcard/").splitlines()
    dotdot = next(line for line in lines if line.endswith(" .."))
    assert dotdot.startswith("drwx--x--x")  # /storage/emulated, not /
