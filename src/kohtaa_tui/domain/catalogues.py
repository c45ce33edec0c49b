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
    # Each label names what was done, in one form: a verbal noun in Finnish, a gerund in
    # English ("keskeyttäminen", "interrupting"), so a list of them reads evenly.
    Option("lack-of-focus", _t("keskittymisen herpaantuminen", "losing focus"), "listening"),
    Option("interrupting", _t("keskeyttäminen", "interrupting"), "listening"),
    Option("waiting-for-turn", _t("oman puheenvuoron odottaminen", "waiting for my turn to talk"), "listening"),
    Option("solving-too-early", _t("ratkaisun tarjoaminen liian aikaisin", "offering a solution too early"), "listening"),
    Option("jargon", _t("ammattikielen käyttäminen", "using jargon"), "communication"),
    Option("vague-answers", _t("ympäripyöreä vastaaminen", "giving vague answers"), "communication"),
    Option("careless-wording", _t("harkitsematon lupaaminen", "promising carelessly"), "communication"),
    Option("negative-phrases", _t("kielteisten ilmausten käyttäminen", "using negative phrases"), "positivity"),
    Option("pushing-product", _t("tuotteen tyrkyttäminen", "pushing the product"), "negotiation"),
    Option("praise-without-reasons", _t("perusteeton kehuminen", "praising without reasons"), "negotiation"),
    Option("hurrying-decision", _t("päätöksen kiirehtiminen", "hurrying the decision"), "negotiation"),
    Option("screen-distraction", _t("ruudun tai puhelimen vilkuileminen", "glancing at a screen or phone"), "listening"),
    Option("slow-systems", _t("hitaan järjestelmän varaan jääminen", "getting stuck on a slow system"), "communication"),
    Option("scripted-answers", _t("valmiisiin fraaseihin nojaaminen", "leaning on canned answers"), "communication"),
    Option("no-plan-b", _t("varasuunnitelman puuttuminen", "having no plan B"), "communication"),
    Option("one-size-fits-all", _t("saman kaavan käyttäminen kaikille", "using one approach for everyone"), "negotiation"),
    Option("ignoring-situation", _t("asiakkaan tilanteen sivuuttaminen", "ignoring the customer's situation"), "listening"),
)

CATALOGUES: dict[str, tuple[Option, ...]] = {"channels": CHANNELS, "mistakes": MISTAKES}
"""Catalogues by the name a schema uses for them."""
