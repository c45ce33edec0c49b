"""A journal draft survives the trip to TOML and back, whatever was typed into it."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.journal_draft import JournalDraft, draft_from_document, draft_to_document
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.domain.text import normalise_newlines
from kohtaa_tui.storage.codec import dump_toml, parse_toml

texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200).filter(
    lambda t: bool(t.strip()))
moments = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)).map(
    lambda d: d.replace(microsecond=0))
answer = st.one_of(
    texts, st.integers(-100, 100), st.booleans(), moments,
    st.lists(st.text("abcdefghij-", min_size=1, max_size=10), min_size=1, max_size=5,
             unique=True).map(tuple),
    st.dictionaries(st.sampled_from(STEP_IDS), st.integers(1, 5), min_size=1),
)
field_ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@given(st.dictionaries(field_ids, answer, max_size=8), moments,
       st.one_of(st.none(), st.just("20261122-120000-abcdef")))
def test_draft_round_trip(answers: dict[str, object], moment: datetime,
                          entry_id: str | None) -> None:
    """Every kind of answer reads back equal (text with its newlines normalised)."""
    draft = JournalDraft(schema_id="quick", schema_version=1, started=moment, updated=moment,
                         answers=answers, entry_id=entry_id)  # type: ignore[arg-type]
    back, issues = draft_from_document(parse_toml(dump_toml(draft_to_document(draft))))
    assert back is not None, issues
    expected = {k: normalise_newlines(v) if isinstance(v, str) else v
                for k, v in answers.items()}
    assert dict(back.answers) == expected
    assert (back.schema_id, back.schema_version, back.entry_id) == ("quick", 1, entry_id)
    assert back.started == moment
    assert back.key() == (f"edit-{entry_id}" if entry_id else "new-quick")
