"""The demo reads as real use in the chosen language: names inflected as Finnish inflects
them, content that fits each template, the coach named in that language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import CUSTOMERS, PHRASES, SCHEMA_PHRASES, TAGS, TEAM, populate
from kohtaa_tui.storage.repository import Store

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def demo(tmp_path: Path, lang: str) -> Store:
    """A populated demo store."""
    store = Store(tmp_path / lang, FixedClock(NOW))
    populate(store, FixedClock(NOW), lang=lang)
    return store


def texts(store: Store, schema: str | None = None) -> list[str]:
    """Every text answer of the demo's entries (of one template when given)."""
    found = []
    for loaded in store.entries()[0]:
        if schema is None or loaded.value.schema_id == schema:
            found += [v for v in loaded.value.answers.values() if isinstance(v, str)]
    return found


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Store]:
    """The demo in Finnish and in English."""
    base = tmp_path_factory.mktemp("demo")
    return {lang: demo(base, lang) for lang in ("fi", "en")}


def test_no_name_gets_a_glued_on_ending(stores: dict[str, Store]) -> None:
    """A Finnish title names a customer in its real genitive, never "Kahvila Sävel:n"."""
    written = texts(stores["fi"])
    for name, genitive in CUSTOMERS:
        if genitive != f"{name}:n":
            assert not any(f"{name}:n" in text for text in written), name
    assert any(genitive in text for text in written for _n, genitive in CUSTOMERS)


def test_a_development_discussion_is_about_a_team_member(stores: dict[str, Store]) -> None:
    """What a manager writes after a development discussion speaks of a team member, never
    of a customer, a complaint or an invoice."""
    for lang, store in stores.items():
        written = texts(store, "development-discussion")
        assert written, lang
        for text in written:
            lowered = text.lower()
            assert not any(word in lowered for word in (
                "asiakas", "asiakk", "reklamaatio", "lasku", "customer", "complaint",
                "invoice")), text
        assert any(person in text for text in written for person in TEAM)


def test_every_text_is_in_the_demos_language(stores: dict[str, Store]) -> None:
    """Each text answer comes from the demo's language: none of the other language's
    phrases appear (names left aside)."""
    for lang, other in (("fi", "en"), ("en", "fi")):
        foreign = {p.split("{")[0].strip() for table in (PHRASES, *SCHEMA_PHRASES.values())
                   for key in table.values() for p in key[other]}
        foreign.discard("")
        for text in texts(stores[lang]):
            assert not any(text.startswith(start) for start in foreign), (lang, text)


def test_goals_and_the_coach_speak_the_demos_language(stores: dict[str, Store]) -> None:
    """Goal titles are first-person sentences in the demo's language, and the assignment
    names the coach in it."""
    fi_titles = [g.value.title for g in stores["fi"].goals()[0]]
    en_titles = [g.value.title for g in stores["en"].goals()[0]]
    assert len(fi_titles) == len(en_titles) >= 5
    assert set(fi_titles).isdisjoint(en_titles)
    assert all(t.split()[0].endswith(("n", "an", "än")) for t in fi_titles), fi_titles
    assert all(t.split()[0] == "I" for t in en_titles), en_titles
    banks = {lang: (store.banks_dir / "after-meeting").glob("*.toml")
             for lang, store in stores.items()}
    fi_bank = "\n".join(p.read_text(encoding="utf-8") for p in banks["fi"])
    en_bank = "\n".join(p.read_text(encoding="utf-8") for p in banks["en"])
    assert 'assigned_by = "valmentaja Anna"' in fi_bank
    assert 'assigned_by = "Coach Anna"' in en_bank


def _answers(store: Store, schema: str) -> list[dict[str, object]]:
    return [dict(e.value.answers) for e in store.entries()[0] if e.value.schema_id == schema]


def test_each_field_gets_text_that_answers_it(stores: dict[str, Store]) -> None:
    """A field is answered with what it asks: Rolfe's So what? with how it felt, a
    complaint's description and analysis with a complaint's own words, a development
    discussion's feedback and goals with theirs, a customer-service entry with customer
    service and not with a sales meeting's offer."""
    for lang, store in stores.items():
        feel = set(PHRASES["feel"][lang])
        quick = _answers(store, "quick")
        assert quick and all(a["so_what"] in feel for a in quick if "so_what" in a)
        own = SCHEMA_PHRASES["difficult-situation"]
        hard = _answers(store, "difficult-situation")
        assert hard
        for answers in hard:
            assert answers["description"] in own["what"][lang]
            if "analysis" in answers:
                assert answers["analysis"] in own["analysis"][lang]
        discussion = SCHEMA_PHRASES["development-discussion"]
        for answers in _answers(store, "development-discussion"):
            for field in ("feedback", "goals"):
                if field in answers:
                    assert any(answers[field] == p.format(p=person) for p in
                               discussion[field][lang] for person in TEAM), answers[field]
        service = _answers(store, "customer-service")
        assert service
        sales = {p.split("{")[0] for p in PHRASES["title"][lang] + PHRASES["what"][lang]}
        for answers in service:
            for value in answers.values():
                if isinstance(value, str):
                    assert not any(value.startswith(s) for s in sales), value


def test_tags_are_in_the_demos_language(stores: dict[str, Store]) -> None:
    """The Finnish demo tags its entries with Finnish words, the English one with English."""
    for lang, store in stores.items():
        tags = {t for e in store.entries()[0] for t in e.value.answers.get("tags", ())}
        assert tags, lang
        other = TAGS["en" if lang == "fi" else "fi"]
        assert tags <= set(TAGS[lang]) and tags.isdisjoint(other), tags
