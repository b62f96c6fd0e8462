"""Text filters: grep, head, tail, wc, sort, uniq, cut, tr, tee, seq, printf, base64, xargs, echo."""

from __future__ import annotations

import pytest

LINES = "alpha\nBeta\ngamma\nalphabet\n"


@pytest.fixture
def text(sh):
    sh.fs.write("/data/local/tmp/t.txt", LINES.encode())
    sh.fs.write("/data/local/tmp/u.txt", b"alpha two\n")
    return sh


@pytest.mark.parametrize("args,out,rc", [
    ("alpha", "alpha\nalphabet\n", 0),
    ("-i beta", "Beta\n", 0),
    ("-v alpha", "Beta\ngamma\n", 0),
    ("-c alpha", "2\n", 0),
    ("-n gamma", "3:gamma\n", 0),
    ("-w alpha", "alpha\n", 0),
    ("-x alpha", "alpha\n", 0),
    ("-o 'al[a-z]'", "alp\nalp\n", 0),
    ("-E 'alpha$|^g'", "alpha\ngamma\n", 0),
    ("'alpha$\\|^g'", "alpha\ngamma\n", 0),
    ("-F 'a.p'", "", 1),
    ("'a.p'", "alpha\nalphabet\n", 0),
    ("-e Beta -e gamma", "Beta\ngamma\n", 0),
    ("'[[:upper:]]'", "Beta\n", 0),
    ("-q gamma", "", 0),
    ("-q nothing", "", 1),
    ("nothing", "", 1),
    ("-m 1 alpha", "alpha\n", 0),
])
def test_grep_flags(text, args, out, rc):
    result = text.run(f"grep {args} /data/local/tmp/t.txt")
    assert (result.out, result.rc) == (out, rc)


def test_grep_prefixes_file_names_with_several_files(text):
    assert text.out("grep alpha /data/local/tmp/t.txt /data/local/tmp/u.txt") == (
        "/data/local/tmp/t.txt:alpha\n/data/local/tmp/t.txt:alphabet\n/data/local/tmp/u.txt:alpha two\n")
    assert text.out("grep -l two /data/local/tmp/t.txt /data/local/tmp/u.txt") == "/data/local/tmp/u.txt\n"
    assert text.out("grep -h two /data/local/tmp/t.txt /data/local/tmp/u.txt") == "alpha two\n"


def test_grep_missing_file_is_status_2(text):
    result = text.run("grep x /nope")
    assert (result.rc, result.err) == (2, "grep: /nope: No such file or directory\n")
    assert text.run("grep -s x /nope").err == ""


def test_grep_recursive(text):
    assert text.out("grep -r two /data/local/tmp") == "/data/local/tmp/u.txt:alpha two\n"


def test_grep_from_a_pipe(sh):
    assert sh.out("echo 'mCurrentFocus=Window{1 u0 com.x/.Main}' | grep -o 'com[^/]*'") == "com.x\n"


def test_head_and_tail(text):
    assert text.out("head -n 2 /data/local/tmp/t.txt") == "alpha\nBeta\n"
    assert text.out("head -1 /data/local/tmp/t.txt") == "alpha\n"
    assert text.out("head -c 3 /data/local/tmp/t.txt") == "alp"
    assert text.out("tail -n 1 /data/local/tmp/t.txt") == "alphabet\n"
    assert text.out("tail -2 /data/local/tmp/t.txt") == "gamma\nalphabet\n"
    assert text.out("tail -n +3 /data/local/tmp/t.txt") == "gamma\nalphabet\n"
    assert text.out("seq 20 | tail -n 3") == "18\n19\n20\n"
    assert text.out("head -n 1 /data/local/tmp/t.txt /data/local/tmp/u.txt") == (
        "==> /data/local/tmp/t.txt <==\nalpha\n\n==> /data/local/tmp/u.txt <==\nalpha two\n")


def test_wc_formats_follow_toybox(text):
    assert text.out("wc -l /data/local/tmp/t.txt") == "4 /data/local/tmp/t.txt\n"
    assert text.out("cat /data/local/tmp/t.txt | wc -l") == "4\n"
    assert text.out("echo hi | wc") == "      1       1       3\n"
    assert text.out("wc /data/local/tmp/t.txt") == "4 4 26 /data/local/tmp/t.txt\n"
    assert text.out("wc -l /data/local/tmp/t.txt /data/local/tmp/u.txt") == (
        "      4 /data/local/tmp/t.txt\n      1 /data/local/tmp/u.txt\n      5 total\n")
    assert text.out("printf 'a b c' | wc -w") == "3\n"


def test_sort_uniq_cut_tr(sh):
    assert sh.out("printf '3\\n10\\n2\\n' | sort") == "10\n2\n3\n"
    assert sh.out("printf '3\\n10\\n2\\n' | sort -n") == "2\n3\n10\n"
    assert sh.out("printf '3\\n10\\n2\\n' | sort -rn") == "10\n3\n2\n"
    assert sh.out("printf 'b\\na\\nb\\n' | sort -u") == "a\nb\n"
    assert sh.out("printf 'a\\na\\nb\\n' | uniq -c") == "      2 a\n      1 b\n"
    assert sh.out("printf 'a\\na\\nb\\n' | uniq -d") == "a\n"
    assert sh.out("echo 'package:com.a:1' | cut -d: -f2") == "com.a\n"
    assert sh.out("echo 'package:com.a:1' | cut -d: -f2-") == "com.a:1\n"
    assert sh.out("echo abcdef | cut -c2-4") == "bcd\n"
    assert sh.out("echo Hello | tr a-z A-Z") == "HELLO\n"
    assert sh.out("echo 'a  b   c' | tr -s ' '") == "a b c\n"
    assert sh.out("echo abc | tr -d b") == "ac\n"


def test_tee_writes_files_and_passes_through(sh):
    assert sh.out("echo x | tee /data/local/tmp/a /data/local/tmp/b") == "x\n"
    assert sh.fs.read("/data/local/tmp/b") == b"x\n"
    sh.run("echo y | tee -a /data/local/tmp/a")
    assert sh.fs.read("/data/local/tmp/a") == b"x\ny\n"


def test_seq_printf_base64_xargs(sh):
    assert sh.out("seq 3") == "1\n2\n3\n"
    assert sh.out("seq 2 2 6") == "2\n4\n6\n"
    assert sh.out("printf '%s=%d\\n' a 1 b 2") == "a=1\nb=2\n"
    assert sh.out("printf '%05.1f|%x|%c|%%\\n' 3.14159 255 zed") == "003.1|ff|z|%\n"
    assert sh.out("echo -n hello | base64") == "aGVsbG8=\n"
    assert sh.out("echo aGVsbG8= | base64 -d") == "hello"
    assert sh.out("echo a b c | xargs echo got") == "got a b c\n"
    assert sh.out("echo a b c | xargs -n 1 echo") == "a\nb\nc\n"


@pytest.mark.parametrize("script,out", [
    ("echo", "\n"),
    ("echo -n hi", "hi"),
    ("echo -e 'a\\tb'", "a\tb\n"),
    ("echo 'a\\tb'", "a\tb\n"),
    ("echo -E 'a\\tb'", "a\\tb\n"),
    ("echo -e 'x\\cignored'", "x"),
    ("echo -e '\\x41\\0102'", "AB\n"),
    ("echo -- -n", "-- -n\n"),
    ("echo -z", "-z\n"),
    ("echo a    b", "a b\n"),
    ("echo 'a    b'", "a    b\n"),
])
def test_echo(sh, script, out):
    assert sh.out(script) == out


@pytest.mark.parametrize("script", ["grep -m x a /proc/version", "echo a | xargs -n zz", "echo a | base64 -w q"])
def test_non_numeric_option_values_are_usage_errors(sh, script):
    result = sh.run(script)
    assert result.rc in (1, 2)
    assert "bad number" in result.err
