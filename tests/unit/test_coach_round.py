"""The coach's round with real git: assign, two people publish, status, report."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult, score_answers
from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.domain.clock import FixedClock, SystemClock
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store, load_document
from tests.sync_devices import bare_remote, git

_SHIPPED_CORE, _ = load_document(shipped_dir("question_banks") / "core.toml",
                                  bank_from_document)
assert _SHIPPED_CORE is not None
# Every device has the shipped core, so a coach's core is assigned as the next version.
ASSIGNED = _SHIPPED_CORE.value.version + 1


def _person(tmp_path: Path, name: str, scores: dict[str, float] | None) -> Path:
    data = tmp_path / name
    if scores is not None:
        store = Store(data, FixedClock(datetime(2026, 11, 20, tzinfo=UTC)))
        store.save_result(AssessmentResult(id=f"r-{name}", bank_id="core", bank_version=1,
                                           bank_hash="hash",
                                           completed=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
                                           scale_min=1, scale_max=5,
                                           answers={}, scores=scores))
    return data


def test_assign_publish_status_and_report(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A coach assigns core; one person publishes a result, the other only an old one:
    status shows done and overdue; the report skips results of the shipped version, not
    the assigned one, naming each file; journals never reach the repository."""
    remote = bare_remote(tmp_path)
    coach = tmp_path / "coach"
    assert main(["--data-dir", str(coach), "team", "assign", "core", "--repo", str(remote),
                 "--due", "2026-11-25", "--by", "Coach K"]) == 0
    listed = git(remote, "ls-tree", "-r", "--name-only", "main")
    assert "banks/core.toml" in listed
    anna = _person(tmp_path, "anna", {"listening": 4.0, "feedback": 3.0})
    assert main(["--data-dir", str(anna), "results", "publish", "--repo", str(remote),
                 "--participant", "Anna"]) == 0
    assert main(["--data-dir", str(anna), "results", "publish", "--repo", str(remote),
                 "--participant", "Anna"]) == 0
    assert "up to date" in capsys.readouterr().out
    # "anna" is another person: kept apart from "Anna".
    other = _person(tmp_path, "other", {"listening": 2.0})
    assert main(["--data-dir", str(other), "results", "publish", "--repo", str(remote),
                 "--participant", "anna"]) == 0
    # "Änna" too: names that fold to the same letters are each their own file.
    third = _person(tmp_path, "third", {"listening": 3.0})
    assert main(["--data-dir", str(third), "results", "publish", "--repo", str(remote),
                 "--participant", "Änna"]) == 0
    listed = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    results = [p for p in listed if p.startswith("results/")]
    assert len(results) == 3
    published = {git(remote, "show", f"main:{rel}").split("participant = ")[1].split("\n")[0]
                 for rel in results}
    assert published == {'"Anna"', '"anna"', '"Änna"'}
    assert not any(p.startswith(("journal/", "goals/")) for p in listed)
    capsys.readouterr()
    assert main(["--data-dir", str(coach), "team", "status", "--repo", str(remote)]) == 0
    out = capsys.readouterr().out
    assert "Anna" in out and "done" in out
    # Both published core v1, not the version assigned: each file named and skipped
    # (the group under the minimum is in test_the_whole_round).
    assert main(["--data-dir", str(coach), "team", "report", "--repo", str(remote),
                 "--min-group", "1"]) == 1
    captured = capsys.readouterr()
    assert "4.00" not in captured.out
    assert [line for line in captured.err.splitlines() if "skipped" in line] == [
        line for line in captured.err.splitlines() if any(rel in line for rel in results)]
    assert len(captured.err.splitlines()) == 4


def test_bank_assign_writes_a_valid_bank(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """`bank assign` writes the bank with its assignment; `bank validate` accepts it."""
    out = tmp_path / "assigned.toml"
    assert main(["bank", "assign", "core", "--due", "15.12.2026", "--recurrence", "monthly",
                 "--by", "Coach K", "--note", "Before the review", "-o", str(out)]) == 0
    text = out.read_text()
    assert "[assignment]" in text and "2026-12-15" in text and "monthly" in text
    assert main(["bank", "validate", str(out)]) == 0
    assert main(["bank", "assign", "core", "--due", "someday", "--by", "K"]) == 1
    assert "not a date" in capsys.readouterr().err


def test_a_broken_bank_in_the_team_repository_is_named_and_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bank pushed broken into banks/ is reported with its file; status goes on."""
    remote = bare_remote(tmp_path)
    coach = tmp_path / "coach"
    assert main(["--data-dir", str(coach), "team", "assign", "core", "--repo", str(remote),
                 "--due", "2026-11-25", "--by", "K"]) == 0
    stranger = tmp_path / "stranger"
    git(tmp_path, "clone", "-q", str(remote), str(stranger))
    (stranger / "banks" / "evil.toml").write_text("kind = 'question_bank'\nid = [\n")
    git(stranger, "add", "-A")
    git(stranger, "commit", "-q", "-m", "broken")
    git(stranger, "push", "-q", "origin", "HEAD:main")
    capsys.readouterr()
    assert main(["--data-dir", str(coach), "team", "status", "--repo", str(remote)]) == 0
    err = capsys.readouterr().err
    assert "evil.toml" in err and "skipped" in err


# -- the whole round: assign, join, sync, status on a fixed clock, report ---------------------

class _Now:
    """The machine's clock, set by the test."""

    moment = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> type[_Now]:
    monkeypatch.setattr(SystemClock, "now", lambda self: _Now.moment)
    monkeypatch.setattr(SystemClock, "local_tz", lambda self: UTC)
    return _Now


def _as(who: Path, *args: str) -> int:
    return main(["--data-dir", str(who / "data"), "--config-dir", str(who / "config"),
                 "--lang", "en", *args])


def _complete(who: Path, bank_id: str, answer: int, when: datetime) -> None:
    """An assessment of the installed bank `bank_id` with every rated item answered."""
    store = Store(who / "data", FixedClock(when))
    entry = load_banks(store).latest(bank_id)
    assert entry is not None and entry.source == "installed"
    bank = entry.doc
    answers = {item.id: answer for item in bank.scored_items}
    answers[bank.scored_items[0].id] = 1  # the group's weakest item
    store.save_result(AssessmentResult(
        id=f"r-{who.name}-{when:%m%d}", bank_id=bank.id, bank_version=bank.version,
        bank_hash=entry.fingerprint, completed=when,
        scale_min=bank.scale.min, scale_max=bank.scale.max, answers=answers,
        scores=score_answers(bank, answers)))


def _status_of(out: str, name: str) -> str:
    line = next(line for line in out.splitlines() if line.strip().startswith(name))
    return line


def test_the_whole_round(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                         fixed_now: type[_Now]) -> None:
    """A coach assigns core; two people join (its new version is installed on their
    devices); one completes and syncs; status shows one done and one due, then overdue, then
    left; the report hides a group under the minimum and, with a minimum of 2, names the
    weakest item; journals never reach the team repository."""
    remote = bare_remote(tmp_path)
    coach, anna, ben = tmp_path / "coach", tmp_path / "anna", tmp_path / "ben"
    assert _as(coach, "team", "assign", "core", "--repo", str(remote), "--due", "2026-11-25",
               "--by", "Coach K", "--note", "Before the review") == 0
    # core ships with kohtaa: everyone has it, so the assigned one is the next version.
    assert f"core v{ASSIGNED} assigned" in capsys.readouterr().out
    assert _as(coach, "team", "assign", "core", "--repo", str(remote), "--due", "2026-11-25",
               "--by", "Coach K", "--note", "Before the review") == 0
    assert "already has this assignment" in capsys.readouterr().out
    for person, name in ((anna, "Anna"), (ben, "Ben")):
        assert _as(person, "team", "join", str(remote), "--participant", name) == 0
        out = capsys.readouterr().out
        assert f"team bank installed: core v{ASSIGNED}" in out
    # Joined, nothing done yet: no report, and both are due, by the names they chose.
    assert _as(coach, "team", "report", "--repo", str(remote)) == 1
    assert "no results yet" in capsys.readouterr().err
    fixed_now.moment = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert _as(coach, "team", "status", "--repo", str(remote)) == 0
    out = capsys.readouterr().out
    assert "due, not done yet" in _status_of(out, "Anna")
    assert "due, not done yet" in _status_of(out, "Ben")
    _complete(anna, "core", 4, datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    (anna / "data" / "journal").mkdir(parents=True, exist_ok=True)
    assert _as(anna, "sync") == 0
    assert "results published to the team" in capsys.readouterr().out
    assert _as(anna, "sync") == 0
    assert "published" not in capsys.readouterr().out
    assert _as(ben, "sync") == 0
    assert _as(coach, "team", "status", "--repo", str(remote)) == 0
    out = capsys.readouterr().out
    assert "done" in _status_of(out, "Anna")
    assert "due, not done yet" in _status_of(out, "Ben")
    fixed_now.moment = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert _as(coach, "team", "status", "--repo", str(remote)) == 0
    out = capsys.readouterr().out
    assert "done" in _status_of(out, "Anna") and "overdue" in _status_of(out, "Ben")
    fixed_now.moment = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
    assert _as(coach, "team", "status", "--repo", str(remote)) == 0
    assert "left the group" in _status_of(capsys.readouterr().out, "Ben")
    _complete(ben, "core", 3, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert _as(ben, "sync") == 0
    capsys.readouterr()
    assert _as(coach, "team", "report", "--repo", str(remote), "--min-group", "3") == 0
    report = capsys.readouterr().out
    assert "fewer than 3 people: not shown" in report and "Weakest" not in report
    assert _as(coach, "team", "report", "--repo", str(remote), "--min-group", "2") == 0
    report = capsys.readouterr().out
    first = next(item for item in load_banks(Store(anna / "data", FixedClock(
        _Now.moment))).latest("core").doc.scored_items)  # type: ignore[union-attr]
    weakest = report.split("Weakest items")[1]
    assert first.text.get("en")[:30] in weakest.splitlines()[2]
    assert "mean 1.00" in weakest
    listed = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert sorted(p.split("/")[0] for p in listed) == ["banks", "results", "results"]


def test_refused_banks_and_opting_out(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      fixed_now: type[_Now]) -> None:
    """A broken bank, a link and a bank whose version clashes with one kept here arrive in
    banks/: each is named on stderr and none is installed; with --no-publish nothing of the
    person reaches the repository."""
    remote = bare_remote(tmp_path)
    coach, anna = tmp_path / "coach", tmp_path / "anna"
    assert _as(coach, "team", "assign", "core", "--repo", str(remote), "--due", "2026-11-25",
               "--by", "K") == 0
    stranger = tmp_path / "stranger"
    git(tmp_path, "clone", "-q", str(remote), str(stranger))
    (stranger / "banks" / "broken.toml").write_text("kind = 'question_bank'\nid = [\n")
    shipped = load_banks(Store(tmp_path / "x", FixedClock(_Now.moment))).latest("core")
    assert shipped is not None
    clash = shipped.path.read_bytes().replace(b'id = "core"', b'id = "core-copy"', 1)
    assert clash != shipped.path.read_bytes()
    (stranger / "banks" / "core-copy.toml").write_bytes(clash)
    os.symlink("/etc/passwd", stranger / "banks" / "link.toml")
    git(stranger, "add", "-A")
    git(stranger, "commit", "-q", "-m", "hostile")
    git(stranger, "push", "-q", "origin", "HEAD:main")
    # Anna already keeps another core-copy v1: the version rule refuses the arriving one.
    (anna / "data" / "banks" / "core-copy").mkdir(parents=True)
    (anna / "data" / "banks" / "core-copy" / "1.toml").write_bytes(
        clash.replace(b"[[items]]", b"# mine\n[[items]]", 1))
    capsys.readouterr()
    assert _as(anna, "team", "join", str(remote), "--participant", "Anna", "--no-publish") == 0
    captured = capsys.readouterr()
    assert f"team bank installed: core v{ASSIGNED}" in captured.out
    assert "banks/broken.toml" in captured.err and "banks/link.toml" in captured.err
    assert "banks/core-copy.toml" in captured.err and "already installed" in captured.err
    installed = sorted(p.relative_to(anna / "data" / "banks").as_posix()
                       for p in (anna / "data" / "banks").rglob("*.toml"))
    assert installed == ["core-copy/1.toml", f"core/{ASSIGNED}.toml"]
    assert b"# mine" in (anna / "data" / "banks" / "core-copy" / "1.toml").read_bytes()
    _complete(anna, "core", 4, datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    assert _as(anna, "sync") == 0
    listed = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert not any(p.startswith("results/") for p in listed)
    config = (anna / "config" / "config.toml").read_text()
    assert "publish = false" in config and "Anna" in config


def test_a_publication_that_races_another_is_put_on_top_of_it(tmp_path: Path) -> None:
    """Two people publish from copies of the same commit: the second push is refused by
    git, fetched, rebased onto the first (each file is one person's) and pushed; both
    files are in the team repository."""
    from kohtaa_tui.services import team_repo

    remote = bare_remote(tmp_path)
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(remote), str(seed))
    (seed / "README").write_text("team\n")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "start")
    git(seed, "push", "-q", "origin", "HEAD:main")
    anna = team_repo.checkout(tmp_path / "anna", str(remote))
    ben = team_repo.checkout(tmp_path / "ben", str(remote))
    for repo, rel in ((ben, "results/ben.toml"), (anna, "results/anna.toml")):
        (repo.root / "results").mkdir(exist_ok=True)
        (repo.root / rel).write_text(f"# {rel}\n")
        assert team_repo.commit_and_push(repo, [rel], f"results of {rel}", str(remote))
    listed = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert {"results/anna.toml", "results/ben.toml", "README"} <= set(listed)
    assert len(git(remote, "log", "--oneline", "main").splitlines()) == 3


def test_publishing_one_bank_keeps_the_others_published(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """`results publish --bank other` after core was published: the file holds both, so a
    coach never loses someone's core results from the report."""
    from kohtaa_tui.domain.team import export_from_document
    from kohtaa_tui.storage.codec import parse_toml

    remote = bare_remote(tmp_path)
    anna = tmp_path / "anna"
    store = Store(anna, FixedClock(datetime(2026, 11, 20, tzinfo=UTC)))
    for ident, bank in (("r1", "core"), ("r2", "after-meeting")):
        store.save_result(AssessmentResult(id=ident, bank_id=bank, bank_version=1, bank_hash="hash",
                                           completed=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
                                           scale_min=1, scale_max=5,
                                           answers={}, scores={"listening": 4.0}))
    for bank in ("core", "after-meeting"):
        assert main(["--data-dir", str(anna), "results", "publish", "--repo", str(remote),
                     "--participant", "Anna", "--bank", bank]) == 0
    [rel] = [p for p in git(remote, "ls-tree", "-r", "--name-only", "main").split()
             if p.startswith("results/")]
    export, _issues = export_from_document(parse_toml(git(remote, "show", f"main:{rel}")
                                                      .encode()))
    assert export is not None
    assert sorted(r.bank_id for r in export.results) == ["after-meeting", "core"]


def test_the_report_keeps_to_the_assigned_version_and_names_each_file_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fixed_now: type[_Now]) -> None:
    """`team report --repo` reports the version of each bank the team repository assigns:
    a person who published only another version's results, and a file that does not parse,
    are each named in one line on stderr (in Finnish with --lang fi) and skipped; with no
    bank assigned, the newest version present is the one reported."""
    remote = bare_remote(tmp_path)
    coach, anna, ben, cai = (tmp_path / n for n in ("coach", "anna", "ben", "cai"))
    # Nothing assigned yet: Anna has core v1, Ben and Cai core v2, so v2 is reported.
    _person(tmp_path / "anna", "data", {"listening": 1.0})
    for who in (ben, cai):
        store = Store(who / "data", FixedClock(_Now.moment))
        store.save_result(AssessmentResult(id=f"r-{who.name}", bank_id="core", bank_version=2,
                                           bank_hash="hash2",
                                           completed=datetime(2026, 11, 9, 10, 0, tzinfo=UTC),
                                           scale_min=1, scale_max=5,
                                           answers={}, scores={"listening": 4.0}))
    for who, name in ((anna, "Anna"), (ben, "Ben"), (cai, "Cai")):
        assert _as(who, "results", "publish", "--repo", str(remote), "--participant",
                   name) == 0
    anna_file = team_repo_file("Anna")
    capsys.readouterr()
    assert _as(coach, "team", "report", "--repo", str(remote), "--min-group", "2",
               "--format", "json") == 0
    captured = capsys.readouterr()
    [section] = json.loads(captured.out)
    assert (section["bank_version"], section["people"]) == (2, 2)
    assert section["cells"][0]["mean"] == 4.0
    [line] = [line for line in captured.err.splitlines() if anna_file in line]
    assert "core v1" in line and "v2, the newest" in line and "skipped" in line
    # The coach assigns core: the shipped version is taken, so the team's is the next one (a
    # new bank for Ben and Cai, whose v2 results were of another file, and Anna's v1 remains
    # another version). Ben and Cai redo it on the assigned one, and a stranger pushes a
    # broken file.
    assert _as(coach, "team", "assign", "core", "--repo", str(remote), "--due", "2026-11-25",
               "--by", "K") == 0
    for who, name in ((ben, "Ben"), (cai, "Cai"), (anna, "Anna")):
        assert _as(who, "team", "join", str(remote), "--participant", name) == 0
    for who in (ben, cai):
        _complete(who, "core", 3, datetime(2026, 11, 11, 9, 0, tzinfo=UTC))
        assert _as(who, "sync") == 0
    stranger = tmp_path / "stranger"
    git(tmp_path, "clone", "-q", str(remote), str(stranger))
    (stranger / "results" / "broken.toml").write_text("kind = 'results_export'\n[[[\n")
    git(stranger, "add", "-A")
    git(stranger, "commit", "-q", "-m", "broken")
    git(stranger, "push", "-q", "origin", "HEAD:main")
    capsys.readouterr()
    assert _as(coach, "team", "report", "--repo", str(remote), "--min-group", "2") == 0
    captured = capsys.readouterr()
    assert "Results from different versions" not in captured.out
    assert captured.out.count(": 2 people") == 1 and " v1" not in captured.out
    [line] = [line for line in captured.err.splitlines() if anna_file in line]
    assert f"core v1, not of v{ASSIGNED}, which the team repository assigns; skipped" in line
    assert any("broken.toml" in line and "skipped" in line
               for line in captured.err.splitlines())
    assert "Traceback" not in captured.err
    assert main(["--data-dir", str(coach / "data"), "--config-dir", str(coach / "config"),
                 "--lang", "fi", "team", "report", "--repo", str(remote),
                 "--min-group", "2"]) == 0
    [line] = [line for line in capsys.readouterr().err.splitlines() if anna_file in line]
    assert "ohitettu" in line and "skipped" not in line and "v1" in line
    # Only Anna left, with another version: nothing to report, and why.
    git(stranger, "pull", "-q", "origin", "main")
    for rel in git(stranger, "ls-files", "results").split():
        if rel != anna_file:
            git(stranger, "rm", "-q", rel)
    git(stranger, "commit", "-q", "-m", "only Anna")
    git(stranger, "push", "-q", "origin", "HEAD:main")
    assert _as(coach, "team", "report", "--repo", str(remote)) == 1
    err = capsys.readouterr().err
    assert anna_file in err and "no results of the bank versions the team repository" in err


def team_repo_file(name: str) -> str:
    """The participant's file in the team repository."""
    from kohtaa_tui.services import team_repo

    return team_repo.participant_file(name)


def test_status_before_anyone_joined_says_so(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An assigned bank nobody follows yet: one line that says how people join, not a
    table of headings alone."""
    remote = bare_remote(tmp_path)
    coach = tmp_path / "coach"
    assert main(["--data-dir", str(coach), "team", "assign", "core", "--repo", str(remote),
                 "--due", "2026-11-25", "--by", "Coach K"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(coach), "team", "status", "--repo", str(remote)]) == 0
    out = capsys.readouterr().out
    assert "nobody has joined yet" in out and "kohtaa team join" in out
    assert "last published" not in out  # no table of headings alone
