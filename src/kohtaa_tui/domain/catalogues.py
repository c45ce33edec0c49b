"""Built-in option lists that journal schemas refer to by name: channels and mistakes."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaa_tui.domain.text import LocalText


def _t(fi: str, en: str) -> LocalText:
    return LocalText.of({"fi": fi, "en": en})


@dataclass(frozen=True)
class Option:
    """One choice in a list; `step` links a mistake to the skill step it belongs to."""

    id: str
    label: LocalText
    step: str | None = None


CHANNELS: tuple[Option, ...] = (
    Option("face-to-face", _t("kasvokkain", "face to face")),
    Option("phone", _t("puhelin", "phone")),
    Option("video", _t("video", "video")),
    Option("chat", _t("chat", "chat")),
    Option("email", _t("sähköposti", "e-mail")),
)

MISTAKES: tuple[Option, ...] = (
    Option("lack-of-focus", _t("keskittymisen puute", "lack of focus"), "listening"),
    Option("interrupting", _t("keskeyttäminen", "interrupting"), "listening"),
    Option("waiting-for-turn", _t("oman vuoron odottaminen", "waiting for my turn to talk"), "listening"),
    Option("solving-too-early", _t("ratkaisu ennen koko tarinaa", "solving before hearing it all"), "listening"),
    Option("jargon", _t("ammattislangi", "jargon"), "communication"),
    Option("vague-answers", _t("epämääräiset vastaukset", "vague or evasive answers"), "communication"),
    Option("careless-wording", _t("harkitsematon sanavalinta", "careless wording"), "communication"),
    Option("negative-phrases", _t("kielteiset ilmaukset", "negative phrases"), "positivity"),
    Option("pushing-product", _t("tuotteen tyrkyttäminen", "pushing the product"), "negotiation"),
    Option("praise-without-reasons", _t("perusteeton kehuminen", "praise without reasons"), "negotiation"),
    Option("hurrying-decision", _t("päätöksen kiirehtiminen", "hurrying the decision"), "negotiation"),
    Option("screen-distraction", _t("katse ruudussa tai puhelimessa", "eyes on screen or phone"), "listening"),
    Option("slow-systems", _t("kankeat järjestelmät", "clumsy systems slowed me"), "communication"),
    Option("scripted-answers", _t("valmiit fraasit", "scripted, canned answers"), "communication"),
    Option("no-plan-b", _t("ei varasuunnitelmaa", "no plan B"), "feedback"),
    Option("one-size-fits-all", _t("sama kaava kaikille", "one size fits all"), "negotiation"),
    Option("ignoring-situation", _t("tilanteen sivuuttaminen", "ignored their situation"), "listening"),
)

CATALOGUES: dict[str, tuple[Option, ...]] = {"channels": CHANNELS, "mistakes": MISTAKES}
"""Catalogues by the name a schema uses for them."""
