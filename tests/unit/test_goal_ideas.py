"""A suggested goal's target fits the goal: behaviours are counted or checked in by hand,
scores are named as scores with where they start from."""

from __future__ import annotations

import re

import pytest

from kohtaa_tui.domain.steps import STEPS, Step, get_step
from kohtaa_tui.domain.text import LANGUAGES

_COUNTS = {"fi": {5: "viisi", 8: "kahdeksan"}, "en": {5: "five", 8: "eight"}}


@pytest.mark.parametrize("step", STEPS, ids=[step.id for step in STEPS])
def test_each_step_offers_a_counted_and_a_manual_behaviour(step: Step) -> None:
    """Every step has a behaviour checked in by hand and one counted in reflections, and a
    counted idea says in words the number it counts to (in both languages)."""
    ideas = step.goal_ideas
    assert {idea.kind for idea in ideas} == {"count", "manual"}
    for idea in ideas:
        assert idea.kind in ("count", "manual")
        if idea.count is not None:
            assert idea.count > 0
            for lang in ("fi", "en"):
                assert _COUNTS[lang][idea.count] in idea.text.get(lang).lower(), idea.text
        else:
            assert idea.min_rating is None


@pytest.mark.parametrize("step", STEPS, ids=[step.id for step in STEPS])
def test_score_goal_names_bank_baseline_and_target(step: Step) -> None:
    """A score goal's title carries the bank, the baseline and the target in each language,
    and the bank's own text is never read as a pattern."""
    found = step
    for lang in LANGUAGES:
        pattern = found.score_goal.get(lang)
        assert sorted(re.findall(r"\{(\w+)\}", pattern)) == ["bank", "baseline", "target"]
        title = found.score_goal_title(lang, "Oma {kysely}", "2,8", "3,3")
        assert "Oma {kysely}" in title and "2,8" in title and "3,3" in title
        assert title.index("2,8") < title.index("3,3")


def test_finnish_score_goal_reads_as_a_sentence() -> None:
    """The Finnish title is a first-person sentence with the step in the genitive and the
    numbers left uninflected (tasolta … tasolle …)."""
    title = get_step("listening").score_goal_title("fi", "Kohtaamisen viisi askelta", "2,8",
                                                   "3,3")
    assert title == ("Nostan kuuntelun tuloksen kyselyssä ”Kohtaamisen viisi askelta” "
                     "tasolta 2,8 tasolle 3,3.")


@pytest.mark.parametrize("step", STEPS, ids=[step.id for step in STEPS])
def test_a_steps_typical_mistake_is_named_not_said_of_the_person(step: Step) -> None:
    """"Typical mistake: …" names the mistake (keskeyttäminen, cutting in), the way a coach
    names it to a trainee; it is never a verdict in the second person ("Keskeytät…", "You
    cut in…", "Puheessasi…")."""
    fi, en = step.mistake.get("fi"), step.mistake.get("en")
    words = re.findall(r"\w+", fi.lower())
    # A verb in the second person ends in -t (keskeytät, asetut); a plural or a participle
    # (toistuvat) is not one.
    assert not (words[0].endswith("t") and not words[0].endswith(("vat", "vät"))), fi
    assert not any(w.endswith(("asi", "äsi", "esi", "isi", "osi", "usi")) for w in words), fi
    assert not re.search(r"\b(you|your)\b", en, re.I), en
