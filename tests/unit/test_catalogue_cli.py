"""`kohtaa catalogue`: every id the command line takes, with its names in both languages."""

from __future__ import annotations

import json

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.catalogues import CHANNELS, MISTAKES
from kohtaa_tui.domain.steps import STEP_IDS


def test_every_list_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "--format", "json"]) == 0
    lists = json.loads(capsys.readouterr().out)
    assert list(lists) == ["steps", "channels", "mistakes", "schemas"]
    assert [row["id"] for row in lists["steps"]] == list(STEP_IDS)
    assert [row["id"] for row in lists["channels"]] == [o.id for o in CHANNELS]
    assert [row["id"] for row in lists["mistakes"]] == [o.id for o in MISTAKES]
    assert {"quick", "sales-meeting"} <= {row["id"] for row in lists["schemas"]}
    for rows in lists.values():
        for row in rows:
            assert row["name"]["fi"] and row["name"]["en"]
    mistakes = {row["id"]: row for row in lists["mistakes"]}
    assert mistakes["no-plan-b"]["step"] == "communication"
    assert mistakes["no-plan-b"]["name"] == {"fi": "varasuunnitelman puuttuminen",
                                             "en": "having no plan B"}


def test_an_installed_schema_is_listed(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from kohtaa_tui.paths import shipped_dir

    own = tmp_path / "own.toml"
    own.write_text((shipped_dir("journal_schemas") / "quick.toml").read_text(encoding="utf-8")
                   .replace('id = "quick"', 'id = "my-form"'), encoding="utf-8")
    assert main(["schema", "add", str(own)]) == 0
    capsys.readouterr()
    assert main(["catalogue", "schemas", "--format", "json"]) == 0
    assert "my-form" in [row["id"] for row in json.loads(capsys.readouterr().out)["schemas"]]


def test_the_table_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "mistakes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Mistakes (--mistake)")
    line = next(line for line in out.splitlines() if line.startswith("no-plan-b "))
    assert line.split() == ["no-plan-b", "communication", "varasuunnitelman", "puuttuminen",
                            "having", "no", "plan", "B"]
    assert main(["--lang", "fi", "catalogue", "steps"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Askeleet") and "suomeksi" in out and "Aktiivinen kuuntelu" in out


def test_an_unknown_mistake_lists_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "list", "--mistake", "zzzzzz"]) == 2
    err = capsys.readouterr().err
    assert all(o.id in err for o in MISTAKES)


def test_journal_list_help_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["journal", "list", "--help"])
    assert "kohtaa catalogue" in capsys.readouterr().out
