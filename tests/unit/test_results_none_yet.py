"""`kohtaa results list` before any assessment says so, as journal list and goals list do."""

from __future__ import annotations

import json

import pytest

from kohtaa_tui.cli import main


def test_no_results_yet_is_a_sentence_not_a_bare_header(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["results", "list"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "no results yet; take a self-assessment with `kohtaa assess`"


def test_no_results_yet_in_json_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["results", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
