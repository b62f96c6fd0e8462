"""find, sed, timeout and chown."""

from __future__ import annotations

import pytest


@pytest.fixture
def photos(sh):
    sh.fs.write("/sdcard/DCIM/a.jpg", b"xx")
    sh.fs.write("/sdcard/DCIM/b.png", b"")
    sh.fs.mkdir("/sdcard/DCIM/sub")
    sh.fs.write("/sdcard/DCIM/sub/c.JPG", b"x" * 3000)
    return sh


@pytest.mark.parametrize("expr,found", [
    ("", ["/sdcard/DCIM", "/sdcard/DCIM/a.jpg", "/sdcard/DCIM/b.png", "/sdcard/DCIM/sub", "/sdcard/DCIM/sub/c.JPG"]),
    ("-name '*.jpg'", ["/sdcard/DCIM/a.jpg"]),
    ("-iname '*.jpg'", ["/sdcard/DCIM/a.jpg", "/sdcard/DCIM/sub/c.JPG"]),
    ("-type d", ["/sdcard/DCIM", "/sdcard/DCIM/sub"]),
    ("-maxdepth 1 -type f", ["/sdcard/DCIM/a.jpg", "/sdcard/DCIM/b.png"]),
    ("-mindepth 2", ["/sdcard/DCIM/sub/c.JPG"]),
    ("-type f -empty", ["/sdcard/DCIM/b.png"]),
    ("-type f -size +1k", ["/sdcard/DCIM/sub/c.JPG"]),
    ("-name '*.png' -o -name '*.JPG'", ["/sdcard/DCIM/b.png", "/sdcard/DCIM/sub/c.JPG"]),
    ("-type f ! -name '*.jpg'", ["/sdcard/DCIM/b.png", "/sdcard/DCIM/sub/c.JPG"]),
    ("-path '*/sub/*'", ["/sdcard/DCIM/sub/c.JPG"]),
])
def test_find_expressions(photos, expr, found):
    assert photos.out(f"find /sdcard/DCIM {expr}").splitlines() == found


def test_find_relative_root_and_delete(photos):
    assert photos.out("cd /sdcard/DCIM && find . -name '*.png'") == "./b.png\n"
    assert photos.run("find /sdcard/DCIM -name '*.png' -delete").rc == 0
    assert not photos.fs.exists("/sdcard/DCIM/b.png")


def test_find_errors(photos):
    result = photos.run("find /nope")
    assert (result.rc, result.err) == (1, "find: /nope: No such file or directory\n")
    assert photos.run("find /sdcard -bogus").rc == 1
    result = photos.run("find /data -maxdepth 1")
    assert result.rc == 1 and "find: /data: Permission denied" in result.err


@pytest.mark.parametrize("script,out", [
    ("echo hello world | sed 's/world/there/'", "hello there\n"),
    ("echo aaa | sed 's/a/b/'", "baa\n"),
    ("echo aaa | sed 's/a/b/g'", "bbb\n"),
    ("echo aaa | sed 's/a/b/2'", "aba\n"),
    ("echo abc | sed 's/b/[&]/'", "a[b]c\n"),
    ("echo 'key=val' | sed -E 's/(.*)=(.*)/\\2=\\1/'", "val=key\n"),
    ("echo 'key=val' | sed 's/\\(.*\\)=\\(.*\\)/\\2=\\1/'", "val=key\n"),
    ("echo a/b | sed 's|/|_|'", "a_b\n"),
    ("echo ABC | sed 's/b/x/I'", "AxC\n"),
    ("printf 'a\\nb\\nc\\n' | sed -n '2p'", "b\n"),
    ("printf 'a\\nb\\nc\\n' | sed '1d'", "b\nc\n"),
    ("printf 'a\\nb\\nc\\n' | sed -n '/b/,$p'", "b\nc\n"),
    ("printf 'a\\nb\\nc\\n' | sed '2,3d'", "a\n"),
    ("printf 'a\\nb\\nc\\n' | sed '$!d'", "c\n"),
    ("printf 'a\\nb\\nc\\n' | sed 2q", "a\nb\n"),
    ("printf 'a\\nb\\n' | sed -n '$='", "2\n"),
    ("printf 'a\\nb\\n' | sed '1a\\\nadded'", "a\nadded\nb\n"),
    ("printf 'a\\nb\\n' | sed '1i before'", "before\na\nb\n"),
    ("printf 'a\\nb\\n' | sed '2c\\changed'", "a\nchanged\n"),
    ("echo abc | sed 'y/abc/xyz/'", "xyz\n"),
    ("printf 'a\\nb\\n' | sed -e 's/a/A/' -e 's/b/B/'", "A\nB\n"),
    ("echo x | sed -n 's/x/y/p'", "y\n"),
])
def test_sed_scripts(sh, script, out):
    assert sh.out(script) == out


def test_sed_in_place_edits_a_device_file(sh):
    sh.fs.write("/sdcard/conf", b"debug=false\nname=x\n")
    assert sh.run("sed -i 's/debug=false/debug=true/' /sdcard/conf").rc == 0
    assert sh.fs.read("/sdcard/conf") == b"debug=true\nname=x\n"
    result = sh.run("sed -i 's/a/b/' /system/build.prop")
    assert result.rc == 1 and "Read-only file system" in result.err


def test_sed_errors(sh):
    assert sh.run("echo x | sed 's/x/'").rc == 1
    assert sh.run("echo x | sed 'k'").rc == 1


def test_timeout_stops_slow_commands_with_124(sh):
    assert sh.out("timeout 0.05 sleep 5; echo $?") == "124\n"
    assert sh.out("timeout 5 echo fast") == "fast\n"


def test_chown_needs_root(sh, root_sh):
    sh.fs.write("/data/local/tmp/f", b"")
    result = sh.run("chown root /data/local/tmp/f")
    assert (result.rc, result.err) == (1, "chown: /data/local/tmp/f: Operation not permitted\n")
    root_sh.fs.write("/data/local/tmp/f", b"")
    assert root_sh.run("su -c 'chown system:u0_a5 /data/local/tmp/f'").rc == 0
    st = root_sh.fs.stat("/data/local/tmp/f")
    assert (st.uid, st.gid) == (1000, 10005)
