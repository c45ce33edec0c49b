"""Every document kind survives to_document -> TOML bytes -> parse -> from_document unchanged.

Unknown keys (as a newer kohtaa would write them) come back too, so a re-save never strips
them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.goals import CheckIn, Goal, Target, goal_from_document, goal_to_document
from kohtaa_tui.domain.journal import (
    JournalEntry,
    entry_from_document,
    entry_to_document,
)
from kohtaa_tui.domain.problems import has_errors
from kohtaa_tui.storage.codec import dump_toml, parse_toml
from kohtaa_tui.storage.kinds import KINDS as REGISTRY
from kohtaa_tui.storage.repository import Store
from tests import strategies as s

REGISTERED = {kind.name: kind for kind in REGISTRY}
"""Every kind of document, from the registry the store and doctor use."""
KINDS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], Mapping[str, Any]],
                       Callable[[Mapping[str, Any]], tuple[Any, list[Any]]]]] = {
    name: (s.VALID_BY_KIND[name], kind.writer, kind.reader)
    for name, kind in REGISTERED.items()
}


def test_every_registered_kind_has_a_strategy() -> None:
    """A new kind in storage.kinds needs valid values in tests/strategies.py."""
    assert set(s.VALID_BY_KIND) == set(REGISTERED)


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_round_trip_is_identity(kind: str, data: st.DataObject) -> None:
    strategy, to_document, from_document = KINDS[kind]
    value = data.draw(strategy)
    raw = dump_toml(to_document(value))
    back, issues = from_document(parse_toml(raw))
    assert not has_errors(issues), issues
    assert back == value
    assert s.extras_of(back) == s.extras_of(value)
    # Saving what was read writes the very same bytes.
    assert dump_toml(to_document(back)) == raw


@given(s.raw_texts, s.any_moments)
def test_crlf_and_time_zones_are_normalised_once(text: str, moment: datetime) -> None:
    """\\r\\n is saved as \\n and a time in any zone as the same instant in UTC."""
    entry = JournalEntry(id="e1", schema_id="quick", schema_version=1, created=moment,
                         updated=moment, answers={"what": text + "x"})
    back, _ = entry_from_document(parse_toml(dump_toml(entry_to_document(entry))))
    assert back is not None
    assert back.answers["what"] == (text + "x").replace("\r\n", "\n").replace("\r", "\n")
    assert back.created.timestamp() == moment.timestamp() and back.created.tzinfo == UTC


def test_a_historical_offset_keeps_its_instant() -> None:
    """Helsinki in 1900 ran on local mean time (+01:39:49): the instant survives."""
    from zoneinfo import ZoneInfo

    moment = datetime(1900, 6, 1, 12, 0, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert moment.utcoffset() is not None and moment.utcoffset().seconds % 60 != 0  # type: ignore[union-attr]
    entry = JournalEntry(id="e1", schema_id="quick", schema_version=1, created=moment,
                         updated=moment, answers={"what": "x"})
    raw = dump_toml(entry_to_document(entry))
    assert b"1900-06-01 10:20:11+00:00" in raw
    back, _ = entry_from_document(parse_toml(raw))
    assert back is not None and back.created == moment


# -- unknown keys survive a save by the app ------------------------------------------------

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_unknown_keys_survive_a_check_in(store: Store) -> None:
    """A goal written by a newer kohtaa: adding a check-in keeps every key it does not know."""
    path = store.goal_path("g-1")
    store.write_bytes(path, b"""schema_version = 1
kind = "goal"
id = "g-1"
title = "Pause before answering"
created = 2026-11-01T08:00:00Z
start = 2026-11-01
future_colour = "teal"
future_table = { a = 1, b = [1, 2] }

[target]
kind = "manual"
future_weight = 0.5

[[check_ins]]
id = "c1"
at = 2026-11-02T08:00:00Z
note = "first"
future_mood = "calm"
""", None)

    def add(goal: Goal) -> Goal:
        return replace(goal,
                       check_ins=(*goal.check_ins, CheckIn(id="c2", at=NOW, note="second",
                                                           progress=40)))

    store.update_goal("g-1", add)
    document = parse_toml(path.read_bytes())
    assert document["future_colour"] == "teal"
    assert document["future_table"] == {"a": 1, "b": [1, 2]}
    assert document["target"]["future_weight"] == 0.5
    assert document["check_ins"][0]["future_mood"] == "calm"
    assert [c["id"] for c in document["check_ins"]] == ["c1", "c2"]


@given(s.valid_goals())
def test_re_saving_a_loaded_goal_keeps_its_unknown_keys(goal: Goal) -> None:
    first = dump_toml(goal_to_document(goal))
    loaded, _ = goal_from_document(parse_toml(first))
    assert loaded is not None
    changed = replace(loaded, title=loaded.title + " (edited)",
                      target=replace(loaded.target, extra=loaded.target.extra))
    document = parse_toml(dump_toml(goal_to_document(changed)))
    for key, value in goal.extra.items():
        assert document[key] == value
    for key, value in goal.target.extra.items():
        assert document["target"][key] == value


def test_dates_round_trip_as_dates() -> None:
    goal = Goal(id="g", title="t", created=NOW, start=date(2026, 1, 31),
                target=Target(kind="manual"), due=date(2026, 2, 28))
    back, _ = goal_from_document(parse_toml(dump_toml(goal_to_document(goal))))
    assert back == goal
