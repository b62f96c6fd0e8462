"""Quoting, expansion and syntax: words come out exactly as mksh would split them."""

from __future__ import annotations

import logging
import shlex

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from droidpilot.emulator.virtual.shell.parser import ShellSyntaxError, SimpleCommand, parse

WORD_CASES = [
    ("a b  c", ["a", "b", "c"]),
    ("'a b' c", ["a b", "c"]),
    ('"a b" c', ["a b", "c"]),
    ("'it'\"'\"'s'", ["it's"]),
    (r"a\ b", ["a b"]),
    (r'"a\"b"', ['a"b']),
    (r'"a\b"', [r"a\b"]),
    ("'$HOME'", ["$HOME"]),
    ('"$HOME"', ["/"]),
    ("${HOME}x", ["/x"]),
    ("'' \"\"", ["", ""]),
    ("a'b'\"c\"d", ["abcd"]),
    ("x#y #comment", ["x#y"]),
    ("$UNSET_VAR", []),
    ('"$UNSET_VAR"', [""]),
    ("${UNSET_VAR:-dflt}", ["dflt"]),
    ("${HOME:+set}", ["set"]),
    ("${#HOME}", ["1"]),
    ("$((1 + 2 * 3))", ["7"]),
    ("$(echo a b)", ["a", "b"]),
    ('"$(echo a b)"', ["a b"]),
    ("`echo hi`", ["hi"]),
    ("pre$(echo mid)post", ["premidpost"]),
    ('"$(echo ")")"', [")"]),
    ("a\\\nb", ["ab"]),
    ("~", ["/"]),
    ("'~'", ["~"]),
]


@pytest.mark.parametrize("words,expected", WORD_CASES)
def test_words_split_and_unquote_like_mksh(sh, words, expected):
    assert sh.argv(words) == expected


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                        max_size=30), min_size=1, max_size=5))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_shlex_quoted_arguments_round_trip_exactly(sh, args):
    assert sh.argv(shlex.join(args)) == args


HOSTILE = [
    "ok;touch${IFS}/data/local/tmp/pwned",
    "$(reboot)",
    "`rm -rf /sdcard`",
    "; rm -rf / #",
    "a && echo injected",
    "' ; echo x; '",
    '" ; echo x; "',
    "\\'",
    "line1\nline2",
    "%s %d \\n",
    "| cat /proc/version",
    "> /sdcard/overwritten",
    "$((1/0))",
    "${IFS}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_quoted_with_shlex_is_one_inert_argument(sh, text):
    assert sh.argv(shlex.quote(text)) == [text]
    assert not sh.fs.exists("/data/local/tmp/pwned")
    assert not sh.fs.exists("/sdcard/overwritten")
    assert sh.fs.is_dir("/sdcard/Download")


def test_adbutils_send_keys_quoting_gives_one_argument(sh):
    assert sh.argv("text 'it'\"'\"'s'") == ["text", "it's"]


def test_leading_assignment_is_parsed_as_env_for_the_command():
    items = parse("CLASSPATH=/data/local/tmp/u2.jar app_process / com.wetest.uia2.Main -p 9008")
    cmd = items[0].andor.first.commands[0]
    assert isinstance(cmd, SimpleCommand)
    assert cmd.assigns[0][0] == "CLASSPATH"
    assert [w.literal() for w in cmd.words] == ["app_process", "/", "com.wetest.uia2.Main", "-p", "9008"]


def test_assignment_prefix_reaches_command_env_only(sh):
    out = sh.out("FOO=bar testenv; echo \"[$FOO]\"")
    first, second = out.splitlines()
    assert '"FOO": "bar"' in first
    assert second == "[]"


SYNTAX_ERRORS = [
    (";", "syntax error: ';' unexpected"),
    ("echo a;;", "syntax error: ';;' unexpected"),
    ("&& echo", "syntax error: '&&' unexpected"),
    ("echo |", "syntax error: unexpected EOF"),
    ("if true; then echo", "syntax error: 'if' unmatched"),
    ("echo )", "syntax error: ')' unexpected"),
    ("( echo", "syntax error: '(' unmatched"),
    ("echo 'abc", "no closing quote"),
    ('echo "abc', "no closing quote"),
    ("echo $(echo", "syntax error: unexpected EOF"),
    ("echo ${x", "missing '}'"),
    ("fi", "syntax error: 'fi' unexpected"),
]


@pytest.mark.parametrize("script,message", SYNTAX_ERRORS)
def test_syntax_errors_print_mksh_message_and_exit_1(sh, script, message):
    result = sh.run(script)
    assert result.rc == 1
    assert result.err == f"/system/bin/sh: {message}\n"
    assert result.out == ""


def test_parse_raises_typed_error():
    with pytest.raises(ShellSyntaxError):
        parse("echo 'x")


def test_comments_and_newlines_separate_commands(sh):
    assert sh.out("echo a # not b\n\necho c\n") == "a\nc\n"


def test_heredoc_expands_unless_delimiter_quoted(sh):
    assert sh.out("cat <<EOF\nhome=$HOME\nEOF") == "home=/\n"
    assert sh.out("cat <<'EOF'\nhome=$HOME\nEOF") == "home=$HOME\n"


SHELL_ALPHABET = "echo ab$(){}[]|&;<>'\"\\` *?\n#=-!~%+:0123"


@given(st.text(alphabet=SHELL_ALPHABET, max_size=60))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_shell_text_never_crashes_the_interpreter(sh, caplog, script):
    seen = len(caplog.records)
    result = sh.run(script)
    assert 0 <= result.rc <= 255
    crashes = [r for r in caplog.records[seen:] if r.levelno >= logging.ERROR]
    assert not crashes, crashes[0].getMessage()
