"""`kohtaa journal list/show/export`, `kohtaa schema list/add` and `kohtaa index rebuild`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.journal import JournalEntry, JournalSchema
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.index import INDEX_NAME, EntryFilter
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.schemas import load_schemas
from tests.hostile import ALL_IN_ONE, RAW_ESCAPES, VISIBLE_MARKERS

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def schema(store: Store, schema_id: str) -> JournalSchema:
    return next(s for s in load_schemas(store).docs() if s.id == schema_id)


def entry(store: Store, n: int, title: str, text: str = "", schema_id: str = "quick",
          tags: tuple[str, ...] = (), listening: int | None = None, **flags: bool
          ) -> JournalEntry:
    """Entry number n (a higher n is newer), with the given title, text and ratings."""
    spec = schema(store, schema_id)
    answers: dict[str, object] = {}
    for role, value in (("title", title), ("went_well", text), ("tags", tags)):
        field = spec.field_by_role(role)
        if field is not None and value:
            answers[field.id] = value
    ratings = spec.field_by_role("step_ratings")
    if ratings is not None and listening is not None:
        answers[ratings.id] = {"listening": listening, "feedback": 3}
    created = NOW - timedelta(days=30 - n)
    return JournalEntry(id=f"{created:%Y%m%d}-120000-{n:06x}", schema_id=schema_id,
                        schema_version=spec.version, created=created,
                        updated=created, answers=answers, **flags)  # type: ignore[arg-type]


@pytest.fixture
def journal(store: Store) -> JournalService:
    """Five entries: two schemas, tags, a starred and a private one, Finnish text."""
    service = JournalService.open(store)
    for item in (
        entry(store, 1, "Oldest", "Asiakas oli tyytyväinen", listening=2),
        entry(store, 2, "Sales talk", "Hinnasta neuvoteltiin", "sales-meeting",
              ("pricing", "Follow-up"), listening=4),
        entry(store, 3, "Rainy", "Sää oli kurja", starred=True, listening=5),
        entry(store, 4, "Secret", "Henkilökohtainen asia", private=True),
        entry(store, 5, "Newest", "Saa nähdä", listening=3),
    ):
        service.save_entry(item)
    return service


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def titles(out: str) -> list[str]:
    return [line.split()[-1] for line in out.splitlines()[1:]]


def test_list_newest_first_without_private(journal: JournalService,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """The table lists public entries newest first, with ratings and flags."""
    code, out, err = run(capsys, "journal", "list")
    assert code == 0
    assert titles(out) == ["Newest", "Rainy", "talk", "Oldest"]
    assert "Secret" not in out
    assert err.strip().splitlines()[-1] == "1 private entry not shown (--include-private)"
    rainy = next(line for line in out.splitlines() if "Rainy" in line)
    assert "5 - - - 3" in rainy and "*" in rainy
    code, out, err = run(capsys, "journal", "list", "--include-private")
    assert "Secret" in out and "not shown" not in err


def test_list_limit_and_json(journal: JournalService,
                             capsys: pytest.CaptureFixture[str]) -> None:
    """--limit cuts the list and says how many there are; json carries the fields."""
    _code, out, err = run(capsys, "journal", "list", "--limit", "2")
    assert titles(out) == ["Newest", "Rainy"]
    assert "2 of 4 entries shown" in err
    _code, out, _ = run(capsys, "journal", "list", "--format", "json", "--include-private")
    rows = json.loads(out)
    assert [r["title"] for r in rows] == ["Newest", "Secret", "Rainy", "Sales talk", "Oldest"]
    assert rows[3]["tags"] == ["pricing", "Follow-up"] and rows[3]["schema"] == "sales-meeting"
    assert rows[2]["starred"] and rows[1]["private"]
    assert rows[2]["ratings"] == {"listening": 5, "feedback": 3}


@pytest.mark.parametrize(("lang", "exact", "more"), [
    ("en", ["1 of 3 entries shown; use --limit N for more",
            "3 private entries not shown (--include-private)"],
     ["1 of more than 2 entries shown; use --limit N for more",
      "more than 2 private entries not shown (--include-private)"]),
    ("fi", ["1/3 merkintää näytetty; --limit N näyttää useampia",
            "3 yksityistä merkintää jätetty näyttämättä (--include-private)"],
     ["1/yli 2 merkintää näytetty; --limit N näyttää useampia",
      "yli 2 yksityistä merkintää jätetty näyttämättä (--include-private)"]),
])
def test_list_counts_no_further_than_a_cap(store: Store, journal: JournalService,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch, lang: str,
                                           exact: list[str], more: list[str]) -> None:
    """Up to the cap the count of a search is exact; past it the list says "more than",
    for the entries shown and for the private ones counted apart, in both languages."""
    from kohtaa_tui.storage import index_base

    for n, private in ((6, True), (7, True), (8, False), (9, True), (10, False)):
        journal.save_entry(entry(store, n, f"Extra{n}", "Asiakkaan kanssa", private=private))
    argv = ("--lang", lang, "journal", "list", "--search", "asiakas", "--limit", "1")
    monkeypatch.setattr(index_base, "COUNT_CAP", 3)  # 3 public and 3 private match
    code, out, err = run(capsys, *argv)
    assert code == 0 and titles(out) == ["Extra10"]
    assert err.strip().splitlines() == exact
    monkeypatch.setattr(index_base, "COUNT_CAP", 2)
    code, out, err = run(capsys, *argv)
    assert code == 0 and titles(out) == ["Extra10"]
    assert err.strip().splitlines() == more
    # with every entry listed nothing is counted, and nothing said
    code, out, err = run(capsys, *argv[:-1], "0", "--include-private")
    assert titles(out) == ["Extra10", "Extra9", "Extra8", "Extra7", "Extra6", "Oldest"]
    assert err.strip() == ""


@pytest.mark.parametrize(("argv", "expected"), [
    (["--schema", "sales-meeting"], ["talk"]),
    (["--type", "quick"], ["Newest", "Rainy", "Oldest"]),
    (["--tag", "follow-up"], ["talk"]),
    (["--tag", "#PRICING"], ["talk"]),
    (["--search", "Sää"], ["Rainy"]),
    (["--search", "saa"], ["Newest"]),
    (["--search", "ASIAK tyyty"], ["Oldest"]),
    (["--search", "henkilökohtainen"], []),
    (["--search", "henkilökohtainen", "--include-private"], ["Secret"]),
    (["--starred"], ["Rainy"]),
    (["--step", "listening", "--step-max", "3"], ["Newest", "Oldest"]),
    (["--step", "listening"], ["Newest", "Rainy", "talk", "Oldest"]),
    (["--since", "2026-10-26", "--until", "2026-10-26"], ["Rainy"]),
    (["--since", "27.10.2026"], ["Newest"]),
    (["--search", '" NEAR( * -'], []),
])
def test_list_filters(journal: JournalService, capsys: pytest.CaptureFixture[str],
                      argv: list[str], expected: list[str]) -> None:
    """Each filter narrows the list; search is case-insensitive and keeps ä apart from a."""
    code, out, _ = run(capsys, "journal", "list", *argv)
    assert code == 0
    assert (titles(out) if expected else []) == expected
    if not expected:
        assert "no entries match" in out


def test_list_refuses_bad_arguments(journal: JournalService,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Swapped dates and --step-max alone are one-line errors."""
    assert main(["journal", "list", "--since", "2026-11-02", "--until", "2026-11-01"]) == 1
    assert "swap them" in capsys.readouterr().err
    assert main(["journal", "list", "--step-max", "2"]) == 1
    assert "--step-max needs --step" in capsys.readouterr().err


def test_list_empty(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """No entries: a plain sentence, and no index file is created."""
    code, out, _ = run(capsys, "journal", "list")
    assert code == 0 and "no entries yet" in out
    assert not (data_dir / INDEX_NAME).exists()


def test_show_prints_prompts_and_answers(journal: JournalService, store: Store,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """show reads the file: prompts in form order, tags and step names spelled out."""
    sales = journal.index.query()[2]
    code, out, _ = run(capsys, "journal", "show", sales.id)
    assert code == 0
    spec = schema(store, "sales-meeting")
    assert spec.title.get("en") in out.splitlines()[0]
    assert "#pricing #Follow-up" in out
    assert "Active listening 4" in out
    assert "Hinnasta neuvoteltiin" in out
    code, out, _ = run(capsys, "journal", "show", sales.id, "--format", "json")
    assert json.loads(out)["id"] == sales.id


def test_show_private_unknown_and_bad_ids(journal: JournalService,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A private entry needs --include-private; unknown or malformed ids fail in one line."""
    secret = journal.index.query(EntryFilter(text="Henkilökohtainen", include_private=True))[0]
    assert main(["journal", "show", secret.id]) == 1
    assert "private" in capsys.readouterr().err
    assert main(["journal", "show", secret.id, "--include-private"]) == 0
    assert "Henkilökohtainen asia" in capsys.readouterr().out
    assert main(["journal", "show", "20990101-000000-000000"]) == 2
    assert "unknown journal entry" in capsys.readouterr().err
    assert main(["journal", "show", "../../etc/passwd"]) == 2
    assert "is not an id" in capsys.readouterr().err


def test_show_finds_an_entry_the_index_has_not_seen(store: Store,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """An entry file copied in by hand is found (sync picks it up)."""
    service = JournalService.open(store)
    saved = service.save_entry(entry(store, 1, "Copied", "tekstiä"))
    service.close()
    (store.data_dir / INDEX_NAME).unlink()
    assert main(["journal", "show", saved.value.id]) == 0
    assert "Copied" in capsys.readouterr().out


def test_export_json_and_markdown(journal: JournalService, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Export is oldest first, leaves private entries out, and writes -o atomically."""
    code, out, _ = run(capsys, "journal", "export")
    document = json.loads(out)
    assert document["kind"] == "kohtaa_journal_export"
    assert len(document["entries"]) == 4
    assert document["entries"][0]["answers"]
    assert document["entries"][0]["created"] < document["entries"][-1]["created"]
    target = tmp_path / "out.md"
    code, out, err = run(capsys, "journal", "export", "--format", "md", "-o", str(target),
                         "--include-private")
    assert code == 0 and "wrote" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Journal")
    assert text.count("\n## ") == 5
    assert "Sää oli kurja" in text and "Secret" in text
    code, out, _ = run(capsys, "journal", "export", "--tag", "pricing", "--format", "md")
    assert out.count("\n## ") == 1


def test_hostile_text_is_printed_inert(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """Escape sequences, bidi overrides and NUL in entries never reach the terminal raw."""
    service = JournalService.open(store)
    nasty = ALL_IN_ONE.replace("\x00", "")  # TOML cannot hold NUL; everything else stays
    saved = service.save_entry(entry(store, 1, nasty.split(" | ")[5], nasty,
                                     tags=("\x1b[2J", "x\u202ey")))
    outputs = []
    for argv in (["journal", "list"], ["journal", "list", "--format", "json"],
                 ["journal", "show", saved.value.id],
                 ["journal", "show", saved.value.id, "--format", "json"],
                 ["journal", "export"], ["journal", "export", "--format", "md"],
                 ["journal", "list", "--search", nasty]):
        assert main(argv) == 0
        out, err = capsys.readouterr()
        outputs.append(out + err)
        for raw in RAW_ESCAPES:
            assert raw not in out + err, (argv, raw)
        assert "\x1b" not in out + err and "\x85" not in out + err
    shown = outputs[2]
    for marker in VISIBLE_MARKERS:
        assert marker in shown
    assert json.loads(outputs[1])[0]["title"].startswith("A\x1b]2;PWNED")


# -- schemas ------------------------------------------------------------------------------

def test_schema_list(capsys: pytest.CaptureFixture[str]) -> None:
    """Every shipped schema with its version and languages; json too."""
    code, out, _ = run(capsys, "schema", "list")
    shipped = sorted(p.stem for p in shipped_dir("journal_schemas").glob("*.toml"))
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == shipped
    assert "fi,en" in out and "shipped" in out
    code, out, _ = run(capsys, "schema", "list", "--format", "json")
    rows = json.loads(out)
    assert {r["id"] for r in rows} == set(shipped) and all(r["latest"] for r in rows)


def own_schema(tmp_path: Path, version: int = 1, extra: str = "") -> Path:
    text = (shipped_dir("journal_schemas") / "quick.toml").read_text(encoding="utf-8")
    text = text.replace('id = "quick"', 'id = "my-quick"', 1)
    text = re.sub(r"^version = 1$", f"version = {version}", text, count=1,
                  flags=re.MULTILINE) + extra
    path = tmp_path / f"my-{version}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_add_installs_and_refuses_clashes(tmp_path: Path, data_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """add installs a byte copy; the same again is fine; other bytes, same version refused."""
    source = own_schema(tmp_path)
    code, out, _ = run(capsys, "schema", "add", str(source))
    assert code == 0 and "installed my-quick version 1" in out
    installed = data_dir / "schemas" / "my-quick" / "1.toml"
    assert installed.read_bytes() == source.read_bytes()
    assert main(["schema", "add", str(source)]) == 0
    assert "already installed" in capsys.readouterr().out
    changed = own_schema(tmp_path, 1, "\n# changed\n")
    assert main(["schema", "add", str(changed)]) == 1
    assert "already installed with other content" in capsys.readouterr().err
    assert main(["schema", "add", str(own_schema(tmp_path, 2))]) == 0
    assert "as the latest" in capsys.readouterr().out
    code, out, _ = run(capsys, "schema", "list")
    assert "my-quick" in out and "1 (old)" in out


def test_schema_add_rejects_an_invalid_file(tmp_path: Path, data_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A broken file is named with the problem and nothing is installed."""
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nkind = "journal_schema"\nid = "x"\n', encoding="utf-8")
    code, out, _ = run(capsys, "schema", "add", str(bad))
    assert code == 1 and str(bad) in out and "not installed" in out
    assert not (data_dir / "schemas").exists()


# -- index -------------------------------------------------------------------------------

def test_index_rebuild(journal: JournalService, data_dir: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    """rebuild reads every file again; a broken file is reported with exit 1."""
    journal.close()
    code, out, _ = run(capsys, "index", "rebuild")
    assert code == 0 and "indexed 5 entries" in out
    (data_dir / INDEX_NAME).unlink()
    broken = data_dir / "journal" / "2026" / "10" / "20261101-000000-bad000.toml"
    broken.write_text("kind = ", encoding="utf-8")
    code, out, _ = run(capsys, "index", "rebuild")
    assert code == 1 and "indexed 5 entries" in out and str(broken) in out
    code, out, err = run(capsys, "journal", "list")
    assert str(broken) in err and "Newest" in out


@pytest.mark.parametrize("argv", [
    ["journal", "list"], ["journal", "list", "--search", "x"], ["journal", "export"],
    ["journal", "show", "20261122-120000-000001"], ["schema", "list"], ["index", "rebuild"],
])
def test_journal_commands_do_not_load_the_ui(argv: list[str], tmp_path: Path) -> None:
    """The journal, schema and index commands run without importing Textual."""
    code = (f"import sys; from kohtaa_tui.cli import main; main({argv!r}); "
            "print('LOADED' if 'textual' in sys.modules else 'CLEAN')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "CLEAN"


def test_dates_in_list_are_local(journal: JournalService,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The table's first column is a date and a time."""
    _code, out, _ = run(capsys, "journal", "list", "--limit", "1")
    first = out.splitlines()[1].split()[0]
    assert date.fromisoformat(first)


def test_quick_commands_build_a_small_parser() -> None:
    """journal and index commands skip the other command modules; the rest do not."""
    from kohtaa_tui.cli import quick_command

    assert quick_command(["journal", "list"]) == "journal"
    assert quick_command(["--data-dir", "journal", "index", "rebuild"]) == "journal"
    assert quick_command(["--lang", "fi", "--data-dir", "x", "journal", "show", "y"]) == "journal"
    assert quick_command(["bank", "list"]) is None
    assert quick_command(["--help"]) is None
    assert quick_command([]) is None
    code = ("import sys; from kohtaa_tui.cli import main; main(['journal', 'list']); "
            "print(sorted(m for m in sys.modules if m.startswith('kohtaa_tui.commands.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    loaded = out.strip().splitlines()[-1]
    assert "kohtaa_tui.commands.journal" in loaded and "kohtaa_tui.commands.banks" not in loaded


_PAST = int(datetime.now(UTC).timestamp() - 3600) * 10**9


def _age(root: Path) -> None:
    """Folders an hour old (always the same time), so the index trusts their times."""
    import os

    past = _PAST
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, ns=(past, past))


def test_list_sees_a_file_a_sync_tool_brought_and_index_sync_an_in_place_edit(
        journal: JournalService, store: Store, data_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A file created or replaced is listed at once; one rewritten in place shows after
    `kohtaa index sync` (the quick check looks at folder times only)."""
    journal.close()
    _age(data_dir)
    run(capsys, "journal", "list")
    _age(data_dir)
    code, out, _ = run(capsys, "journal", "list", "--search", "synced")
    assert code == 0 and "Brought" not in out
    source = next(p for p in (data_dir / "journal").rglob("*.toml") if "000005" in p.name)
    brought = source.with_name(source.name.replace("000005", "0000a5"))
    temp = brought.with_name(".incoming.tmp")
    temp.write_text(source.read_text(encoding="utf-8").replace("000005", "0000a5")
                    .replace("Newest", "Brought").replace("Saa nähdä", "synced text"),
                    encoding="utf-8")
    temp.rename(brought)  # as Syncthing or Dropbox bring a file
    code, out, _ = run(capsys, "journal", "list", "--search", "synced")
    assert code == 0 and titles(out) == ["Brought"]
    _age(data_dir)
    run(capsys, "journal", "list")
    _age(data_dir)
    text = brought.read_text(encoding="utf-8").replace("Brought", "Edited!")
    with open(brought, "r+", encoding="utf-8") as handle:  # in place, as nano saves
        handle.write(text)
        handle.truncate()
    _age(data_dir)
    code, out, _ = run(capsys, "journal", "list", "--search", "synced")
    assert titles(out) == ["Brought"]  # the documented limit of the quick check
    code, out, _ = run(capsys, "index", "sync")
    assert code == 0 and "1 updated" in out
    code, out, _ = run(capsys, "journal", "list", "--search", "synced")
    assert titles(out) == ["Edited!"]


def test_quick_list_and_export_agree_with_the_full_path(
        journal: JournalService, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same output whether the index was current (quick) or had to be synced first."""
    journal.close()
    outputs = []
    for _ in range(2):
        (data_dir / INDEX_NAME).unlink(missing_ok=True)
        first = [run(capsys, "journal", "list", "--include-private", "--format", "json")[1],
                 run(capsys, "journal", "list", "--tag", "pricing")[1]]
        _age(data_dir)
        run(capsys, "journal", "list")
        second = [run(capsys, "journal", "list", "--include-private", "--format", "json")[1],
                  run(capsys, "journal", "list", "--tag", "pricing")[1]]
        assert first == second
        outputs.append(second)
    export = json.loads(run(capsys, "journal", "export")[1])
    assert [e["id"][-6:] for e in export["entries"]] == ["000001", "000002", "000003",
                                                         "000005"]
