"""Relationship phases (dialogic customer work): a result per phase from `phase-…` item tags.

A bank that tags its items with the phase of the customer relationship they belong to
(`phase-beginning`, `phase-development`, `phase-challenges`) is also read per phase: the mean
of each phase's answers after reverse keying, like a step's score. Each phase comes with the
style that suits it (shared/DOMAIN.md, "Interaction styles and relationship phases").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import fmean

from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.text import LocalText


def _t(fi: str, en: str) -> LocalText:
    return LocalText.of({"fi": fi, "en": en})


@dataclass(frozen=True)
class Phase:
    """One phase of a customer relationship and the interaction style that suits it."""

    id: str
    name: LocalText
    style: LocalText


PHASES: tuple[Phase, ...] = (
    Phase("beginning", _t("Alku", "Beginning"),
          _t("Alussa luottamus syntyy aktiivisesta kuuntelusta ja tasavertaisesta "
             "keskustelusta: kysy ja anna asiakkaan näkemykselle tilaa.",
             "At the start, trust grows from active listening and an equal conversation: ask, "
             "and give the customer's view room.")),
    Phase("development", _t("Kehittyminen", "Development"),
          _t("Kun yhteistyö on käynnissä, sopikaa keskustellen selkeistä tavoitteista ja "
             "jatkotoimista: se sitouttaa teidät molemmat.",
             "Once the work is under way, agree on clear goals and next actions in "
             "conversation: it commits you both.")),
    Phase("challenges", _t("Haasteet", "Facing challenges"),
          _t("Kun yhteistyö takkuaa, empaattinen kuuntelu ja tasavertainen ote auttavat "
             "ratkaisemaan ristiriidat ja vahvistavat luottamusta.",
             "When the work hits trouble, empathetic listening and an equal footing resolve "
             "conflict and strengthen trust.")),
)

PHASE_TAG = "phase-"


def phase_scores(bank: QuestionBank, answers: Mapping[str, int]) -> dict[str, float]:
    """Each tagged phase's mean keyed answer, in phase order; a phase with no answered item
    is absent (never zero). Empty when the bank tags no phases."""
    scale = bank.scale
    values: dict[str, list[int]] = {}
    for item in bank.scored_items:
        answer = answers.get(item.id)
        if answer is None or not scale.contains(answer):
            continue
        value = scale.min + scale.max - answer if item.reverse else answer
        for tag in item.tags:
            if tag.startswith(PHASE_TAG):
                values.setdefault(tag[len(PHASE_TAG):], []).append(value)
    return {p.id: fmean(values[p.id]) for p in PHASES if p.id in values}


def get_phase(phase_id: str) -> Phase:
    """The phase with `phase_id` (KeyError for an unknown one)."""
    return next(p for p in PHASES if p.id == phase_id)
