"""The quick parser of `journal list|export` agrees with argparse whenever it answers, and
answers for the plain command lines people type."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaa_tui.cli import build_parser, quick_command
from kohtaa_tui.commands.journal import quick_args

GLOBAL = st.sampled_from([[], ["--data-dir", "/tmp/d"], ["--lang", "fi"], ["--lang", "xx"],
                          ["--config-dir", "c", "--data-dir", "d"], ["--data-dir"],
                          ["--version"], ["-h"]])
ACTION = st.sampled_from(["list", "export", "show", "new", "", "lis"])
VALUES = st.sampled_from(["x", "complaint", "listening", "feedback", "3", "0", "7", "-1",
                          "2026-11-22", "22.11.2026", "2026-13-01", "table", "json", "md",
                          "sää asiakas", "", "--starred", "-o", "a=b", "#tag"])
OPTIONS = st.sampled_from(["--schema", "--type", "--step", "--step-max", "--tag", "--mistake",
                           "--search", "--since", "--until", "--starred", "--include-private",
                           "--limit", "--format", "-o", "--output", "--lim", "--tag=x", "--",
                           "--help", "--data-dir", "stray"])
TAIL = st.lists(st.tuples(OPTIONS, VALUES), max_size=6)


def argparse_namespace(argv: list[str]) -> dict[str, object] | None:
    parser = build_parser(quick_command(argv))
    try:
        return vars(parser.parse_args(argv))
    except SystemExit:
        return None


@settings(max_examples=300, deadline=None)
@given(head=GLOBAL, action=ACTION, tail=TAIL)
def test_quick_parser_agrees_with_argparse(head: list[str], action: str,
                                           tail: list[tuple[str, str]]) -> None:
    argv = [*head, "journal", *([action] if action else [])]
    for option, value in tail:
        argv.append(option)
        if option not in ("--starred", "--include-private"):
            argv.append(value)
    quick = quick_args(argv)
    if quick is None:
        return
    assert vars(quick) == argparse_namespace(argv), argv


@pytest.mark.parametrize("argv", [
    ["journal", "list"],
    ["--data-dir", "/d", "--lang", "fi", "journal", "list", "--limit", "10"],
    ["journal", "list", "--tag", "complaint", "--limit", "10", "--starred"],
    ["journal", "list", "--search", "sää asiakas", "--step", "listening", "--step-max", "2"],
    ["journal", "list", "--since", "2026-11-01", "--until", "22.11.2026", "--format", "json"],
    ["journal", "export"],
    ["journal", "export", "--format", "md", "-o", "out.md", "--include-private"],
    ["journal", "export", "--type", "quick", "--output", "x.json"],
])
def test_plain_command_lines_take_the_quick_path(argv: list[str]) -> None:
    quick = quick_args(argv)
    assert quick is not None
    assert vars(quick) == argparse_namespace(argv)


@pytest.mark.parametrize("argv", [
    ["journal", "list", "--help"], ["journal", "list", "--limit=3"],
    ["journal", "list", "--lim", "3"], ["journal", "list", "--limit", "-1"],
    ["journal", "list", "--format", "md"],
    ["journal", "show", "x"], ["journal", "list", "stray"], ["--lang", "sv", "journal", "list"],
    ["journal", "list", "--tag"],
])
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert quick_args(argv) is None
