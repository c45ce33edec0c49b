"""`kohtaa feedback`: request, answer in the terminal, import (and refuse), show."""

from __future__ import annotations

import html
import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store, load_document
from tests.conftest import FIXED_NOW
from tests.hostile import ALL_IN_ONE, RAW_ESCAPES

BANK = "after-meeting"
ITEMS = ["listening-let-finish", "listening-mind-wandered", "communication-next-steps",
         "communication-unexplained-terms", "negotiation-needs-first", "negotiation-hurried",
         "positivity-possibilities", "feedback-asked-customer"]
"""The bank's first items, in its order; the answers below go to these."""


def _rest() -> list[str]:
    """Enter alone for each item the request asks after ITEMS (left unanswered)."""
    loaded, problems = load_document(shipped_dir("question_banks") / f"{BANK}.toml",
                                     bank_from_document)
    assert loaded is not None, problems
    asked = [item.id for item in loaded.value.observer_items("colleague")]
    assert asked[:len(ITEMS)] == ITEMS
    return [""] * (len(asked) - len(ITEMS))


REST = _rest()


def request(tmp_path: Path, role: str, capsys: pytest.CaptureFixture[str],
            name: str = "Kettu") -> Path:
    out = tmp_path / f"req-{role}.toml"
    assert main(["--lang", "en", "feedback", "request", "--bank", BANK, "--role", role,
                 "--from", name, "--due", "2026-12-20", "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def answer(tmp_path: Path, req: Path, lines: list[str], monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str], name: str = "resp", *extra: str) -> Path:
    out = tmp_path / f"{name}.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    assert main(["--lang", "en", "feedback", "answer", str(req), "-o", str(out),
                 *extra]) == 0
    capsys.readouterr()
    return out


def own_result(tmp_path: Path, answers: dict[str, int]) -> None:
    store = Store(tmp_path / "data", FixedClock(FIXED_NOW))
    entry = load_banks(store).latest(BANK)
    assert entry is not None
    from kohtaa_tui.domain.assessment import score_answers

    store.save_result(AssessmentResult(id="20261120-100000-aaaaaa", bank_id=BANK, bank_version=1,
                                       bank_hash=entry.fingerprint,
                                       completed=FIXED_NOW, scale_min=1, scale_max=5,
                                       answers=answers,
                                       scores=score_answers(entry.doc, answers)))


def test_request_writes_a_request_and_a_form(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    req = request(tmp_path, "customer", capsys, name="Kettu")
    doc = tomllib.loads(req.read_text(encoding="utf-8"))
    assert doc["kind"] == "feedback_request" and doc["role"] == "customer"
    assert set(doc) == {"schema_version", "kind", "id", "bank_id", "bank_version",
                        "bank_hash", "role", "asker", "created", "due", "lang"}
    kept = tmp_path / "data" / "feedback-requests" / f"{doc['id']}.toml"
    assert kept.read_bytes() == req.read_bytes()
    form = req.with_suffix(".html").read_text(encoding="utf-8")
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]+)"',
                                     form).group(1))  # type: ignore[union-attr]
    assert policy.startswith("default-src 'none';") and "connect-src" not in policy
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:|//)", form)
    # A second request to the same file is refused; nothing is overwritten.
    assert main(["feedback", "request", "--bank", BANK, "--role", "coach", "--from", "K",
                 "-o", str(req)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_a_bank_without_observer_wording_is_refused(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "plain.toml"
    source = (Path(__file__).resolve().parents[2] / "question_banks" / f"{BANK}.toml")
    text = "\n".join(line for line in source.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("observer"))
    bank.write_text(text.replace('id = "after-meeting"', 'id = "plain"', 1), encoding="utf-8")
    assert main(["bank", "add", str(bank)]) == 0
    capsys.readouterr()
    assert main(["feedback", "request", "--bank", "plain", "--role", "manager", "--from",
                 "K", "-o", str(tmp_path / "r.toml")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no observer wording" in err
    assert not (tmp_path / "r.toml").exists()


def test_answer_import_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    """Three colleagues and a manager answer; the pool appears at the third answer."""
    own_result(tmp_path, dict.fromkeys(ITEMS, 5) | {"listening-mind-wandered": 1,
                                                   "communication-unexplained-terms": 1,
                                                   "negotiation-hurried": 1})
    colleague = request(tmp_path, "colleague", capsys)
    manager = request(tmp_path, "manager", capsys)
    files = [answer(tmp_path, colleague, ["2", "4", "", "x", "3", "", "", "", "", *REST, f"ok {n}"],
                    monkeypatch, capsys, f"c{n}") for n in range(2)]
    boss = answer(tmp_path, manager, ["1", "5", "2", "", "", "", "", "", *REST, "Fine work",
                                   "Maija"],
                  monkeypatch, capsys, "m")
    doc = tomllib.loads(files[0].read_text(encoding="utf-8"))
    assert doc["answers"] == {"listening-let-finish": 2, "listening-mind-wandered": 4,
                              "communication-unexplained-terms": 3}
    assert "name" not in doc and doc["comment"] == "ok 0"
    assert main(["feedback", "import", *map(str, files), str(boss)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "feedback", "show", "--format", "json"]) == 0
    [view] = json.loads(capsys.readouterr().out)
    listening = next(s for s in view["steps"] if s["step"] == "listening")
    assert listening["voices"]["others"] == {"responses": 2, "value": None, "hidden": True}
    assert listening["voices"]["manager"]["value"] == 1.0
    assert listening["others"] == 1.0 and listening["reading"] == "blind_spot"
    assert [c["voice"] for c in view["comments"]] == ["manager"]
    assert view["comments"][0]["name"] == "Maija"
    third = answer(tmp_path, colleague, ["3", "3", "", "", "", "", "", "", *REST, "good"],
                   monkeypatch, capsys, "c3", "--name", "Secret Person")
    assert main(["feedback", "import", str(third)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "feedback", "show"]) == 0
    out = capsys.readouterr().out
    assert "Blind spots (you see more than others do): Listening" in out
    assert "not enough answers yet" in out  # communication: 2 colleagues only
    assert "Secret Person" not in out and "Maija" in out
    assert main(["--lang", "en", "feedback", "show", "--format", "json"]) == 0
    [view] = json.loads(capsys.readouterr().out)
    listening = next(s for s in view["steps"] if s["step"] == "listening")
    assert listening["voices"]["others"]["value"] == pytest.approx((2.0 * 2 + 3.0) / 3)
    assert sorted(c["text"] for c in view["comments"] if c["voice"] == "others") == [
        "good", "ok 0", "ok 1"]
    assert all(c["name"] is None for c in view["comments"] if c["voice"] == "others")


def test_import_refuses_bad_files_one_line_each(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    req = request(tmp_path, "coach", capsys)
    good = answer(tmp_path, req, ["4"] * 8 + REST + ["", ""], monkeypatch, capsys)
    text = good.read_text(encoding="utf-8")
    bad = {
        "garbage.toml": "not = [toml",
        "other-kind.toml": text.replace('kind = "feedback_response"', 'kind = "goal"'),
        "unknown-request.toml": re.sub(r'request_id = "[^"]+"',
                                       'request_id = "20990101-000000-000000"', text),
        "tampered-hash.toml": re.sub(r'bank_hash = "sha256:[0-9a-f]+"',
                                     'bank_hash = "sha256:' + "0" * 64 + '"', text),
        "off-scale.toml": text.replace("listening-let-finish = 4", "listening-let-finish = 9"),
        "strange-item.toml": text.replace("listening-let-finish = 4", "made-up = 4"),
        "role.toml": text.replace('role = "coach"', 'role = "manager"'),
        "huge.toml": 'x = "' + "a" * 2_000_000 + '"',
        "hostile.toml": text.replace('role = "coach"', "role = " + json.dumps(ALL_IN_ONE)),
    }
    for name, content in bad.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    files = [str(tmp_path / name) for name in bad]
    assert main(["feedback", "import", str(good), *files, str(good)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == len(bad) + 1, lines
    for line, name in zip(lines, [*bad, good.name], strict=True):
        assert name in line and "not imported" in line
    assert "imported before" in lines[-1]
    for escape in RAW_ESCAPES:
        assert escape not in captured.err
    assert len(list((tmp_path / "data" / "feedback-responses").rglob("*.toml"))) == 1


def test_finnish_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pyyntö.toml"
    assert main(["--lang", "fi", "feedback", "request", "--bank", BANK, "--role", "manager",
                 "--from", "Kettu", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Pyysit" in said and "esihenkilö" in said
    form = out.with_suffix(".html").read_text(encoding="utf-8")
    assert 'lang="fi"' in form and "Tallenna vastaustiedosto" in form
    assert "Tässä tapaamisessa hän" in form
