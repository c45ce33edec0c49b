"""The five skill steps of a good encounter: ids, names, typical mistake, gain, cost, goal ideas."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaa_tui.domain.text import LocalText


def _t(fi: str, en: str) -> LocalText:
    return LocalText.of({"fi": fi, "en": en})


@dataclass(frozen=True)
class GoalIdea:
    """A behaviour to practise, with the target that can follow it.

    A behaviour cannot move an assessment score from one day to the next, so an idea never
    comes with a score target: with `count` it is counted in reflections (`count` of them
    written since the goal started, the step rated at least `min_rating` in each when given);
    without, the person checks in by hand (a manual target in percent).
    """

    text: LocalText
    count: int | None = None
    min_rating: int | None = None

    @property
    def kind(self) -> str:
        """The kind of target the idea comes with: "count" or "manual"."""
        return "count" if self.count else "manual"


def _idea(fi: str, en: str, count: int | None = None,
          min_rating: int | None = None) -> GoalIdea:
    return GoalIdea(_t(fi, en), count, min_rating)


@dataclass(frozen=True)
class Step:
    """One skill step. `goal_ideas` are concrete targets (the tips are in domain/tips.py)."""

    id: str
    number: int
    name: LocalText
    short: LocalText
    mistake: LocalText
    gain: LocalText
    cost: LocalText
    """What the step's gain turned around costs in an encounter, said to the person."""
    goal_ideas: tuple[GoalIdea, ...]
    score_goal: LocalText
    """A score goal's title: `{bank}`, `{baseline}` and `{target}` are filled in."""
    questions: tuple[LocalText, ...] = ()
    """Questions to bring to a development discussion when this step is the weakest."""

    def score_goal_title(self, lang: str, bank: str, baseline: str, target: str) -> str:
        """The title of a goal to raise this step's score in `bank` (numbers as shown)."""
        return self.score_goal.get(lang).format(bank=bank, baseline=baseline, target=target)


STEPS: tuple[Step, ...] = (
    Step(
        id="listening",
        number=1,
        name=_t("Aktiivinen kuuntelu", "Active listening"),
        short=_t("Kuuntelu", "Listening"),
        mistake=_t(
            "Asiakkaan keskeyttäminen tai kiire vastata ennen kuin hän on sanonut asiansa.",
            "Cutting in, or rushing to answer before the customer has said what they came to say.",
        ),
        gain=_t(
            "Asiakas kokee tulleensa kuulluksi, ja ongelma ymmärretään tarkasti.",
            "The customer feels heard, and the problem is understood precisely.",
        ),
        goal_ideas=(
            _idea(
                "Tiivistän asiakkaan tarpeen ääneen jokaisessa tapaamisessa ennen ensimmäistä ehdotustani.",
                "In every meeting I sum up the customer's need out loud before my first suggestion.",
            ),
            _idea(
                "Kirjoitan viisi pohdintaa tapaamisista, joissa tiivistin asiakkaan tarpeen ennen ehdotustani.",
                "I write five reflections on meetings where I summed up the customer's need before my proposal.",
                count=5,
            ),
        ),
        score_goal=_t(
            "Nostan kuuntelun tuloksen kyselyssä ”{bank}” tasolta {baseline} tasolle {target}.",
            "I raise my listening score in “{bank}” from {baseline} to {target}.",
        ),
        cost=_t(
            "Kun asiakas ei saa sanottua asiaansa loppuun, hän ei koe tulleensa kuulluksi, ja ratkaisusi voi osua eri ongelmaan kuin hänen.",
            "When a customer can't finish what they came to say, they don't feel heard, and your solution may answer a different problem from theirs.",
        ),
        questions=(
            _t(
                "Missä tilanteissa huomaat minun keskeyttävän tai kiirehtivän?",
                "In which situations do you notice me cutting in or rushing?",
            ),
            _t(
                "Miten voisin varata tapaamisiin enemmän aikaa kuuntelemiselle?",
                "How could I leave more room for listening in my meetings?",
            ),
        ),
    ),
    Step(
        id="communication",
        number=2,
        name=_t("Selkeä ja empaattinen viestintä", "Clear and empathetic communication"),
        short=_t("Viestintä", "Communication"),
        mistake=_t(
            "Alan sanaston käyttäminen tai epämääräiset vastaukset.",
            "Insider jargon, or answers that stay vague.",
        ),
        gain=_t(
            "Viesti menee perille ja luottamus kasvaa.",
            "The message gets through and trust grows.",
        ),
        goal_ideas=(
            _idea(
                "Lopetan jokaisen tapaamisen yhteenvetoon siitä, mitä sovimme ja kuka tekee mitä.",
                "I end every meeting with a summary of what we agreed and who does what.",
            ),
            _idea(
                "Kirjoitan viisi pohdintaa tapaamisista, joissa selitin asian asiakkaalle tutuin sanoin.",
                "I write five reflections on meetings where I explained things in words the customer knows.",
                count=5,
            ),
        ),
        score_goal=_t(
            "Nostan viestinnän tuloksen kyselyssä ”{bank}” tasolta {baseline} tasolle {target}.",
            "I raise my communication score in “{bank}” from {baseline} to {target}.",
        ),
        cost=_t(
            "Kun viestisi jää epäselväksi, asiakas lähtee arvailemaan, mitä sovittiin, eikä luottamus pääse kasvamaan.",
            "When your message stays unclear, the customer leaves guessing what was agreed, and trust has no room to grow.",
        ),
        questions=(
            _t(
                "Onko viestinnässäni jotain, mikä jää asiakkaille epäselväksi?",
                "Is there something in how I explain things that customers find unclear?",
            ),
            _t(
                "Voisitko kuunnella yhden puheluni ja kertoa, mitä sanoja kannattaisi vaihtaa?",
                "Could you listen in on one call and tell me which words I should change?",
            ),
        ),
    ),
    Step(
        id="negotiation",
        number=3,
        name=_t("Neuvottelutaidot", "Win-win negotiation"),
        short=_t("Neuvottelu", "Negotiation"),
        mistake=_t(
            "Vastakkainasettelu tai jäykkä kiinni pitäminen omasta ratkaisusta.",
            "Turning the talk into a contest, or holding on rigidly to one's own solution.",
        ),
        gain=_t(
            "Löytyy ratkaisuja, joihin molemmat osapuolet ovat tyytyväisiä.",
            "You find solutions that leave both sides satisfied.",
        ),
        goal_ideas=(
            _idea(
                "Kysyn jokaisessa neuvottelussa ennen omaa ehdotustani, mikä olisi asiakkaalle hyvä lopputulos.",
                "In every negotiation I ask what a good outcome would be for the customer before I make my own proposal.",
            ),
            _idea(
                "Kirjoitan viisi pohdintaa neuvotteluista, joissa kysyin asiakkaan tavoitteen ennen omaa ehdotustani.",
                "I write five reflections on negotiations where I asked about the customer's aim before my own proposal.",
                count=5,
            ),
        ),
        score_goal=_t(
            "Nostan neuvottelutaitojen tuloksen kyselyssä ”{bank}” tasolta {baseline} tasolle {target}.",
            "I raise my negotiation score in “{bank}” from {baseline} to {target}.",
        ),
        cost=_t(
            "Kun neuvottelustasi tulee kilpailu, toinen osapuoli jää tappiolle, ja se näkyy myöhemmin peruttuina kauppoina tai hiljaisena asiakkaana.",
            "When your negotiation turns into a contest, one side loses, and it shows later as a cancelled deal or a customer who goes quiet.",
        ),
        questions=(
            _t(
                "Miten toimin, kun asiakas sanoo ei, ja mitä voisin tehdä toisin?",
                "How do I act when a customer says no, and what could I do differently?",
            ),
            _t(
                "Mihin voin joustaa neuvotteluissa, ja mistä minun pitää pitää kiinni?",
                "Where may I be flexible in negotiations, and what must I hold on to?",
            ),
        ),
    ),
    Step(
        id="positivity",
        number=4,
        name=_t("Positiivinen kielenkäyttö ja asenne", "Positive language and attitude"),
        short=_t("Myönteisyys", "Positivity"),
        mistake=_t(
            "Toistuvat kiellot ja pessimistinen sävy.",
            "Repeated refusals and a pessimistic tone.",
        ),
        gain=_t(
            "Kokemus paranee ja asiakas palaa mielellään.",
            "The experience improves and the customer is glad to come back.",
        ),
        goal_ideas=(
            _idea(
                "Aloitan jokaisen kieltävän vastauksen siitä, mitä voin tarjota tilalle.",
                "I open every refusal with what I can offer instead.",
            ),
            _idea(
                "Kirjoitan viisi pohdintaa tilanteista, joissa käänsin kiellon vaihtoehdoksi.",
                "I write five reflections on moments where I turned a no into an option.",
                count=5,
            ),
        ),
        score_goal=_t(
            "Nostan myönteisyyden tuloksen kyselyssä ”{bank}” tasolta {baseline} tasolle {target}.",
            "I raise my positivity score in “{bank}” from {baseline} to {target}.",
        ),
        cost=_t(
            "Kun asiakas kuulee sinulta lähinnä sen, mitä ei voi tehdä, hän muistaa käynnistä juuri sen ja voi seuraavalla kerralla valita toisen paikan.",
            "When what the customer hears from you is mostly what can't be done, that is what they remember, and next time they may choose somewhere else.",
        ),
        questions=(
            _t(
                "Milloin sävyni kuulostaa kielteiseltä, vaikka en tarkoita sitä?",
                "When does my tone sound negative even though I don't mean it to?",
            ),
            _t(
                "Miten voin pitää asenteeni aitona kiireisinä päivinä?",
                "How can I keep my attitude genuine on busy days?",
            ),
        ),
    ),
    Step(
        id="feedback",
        number=5,
        name=_t("Palautteen hyödyntäminen", "Using feedback"),
        short=_t("Palaute", "Feedback"),
        mistake=_t(
            "Palaute jää kysymättä tai unohtuu saman tien.",
            "Feedback is not asked for, or is forgotten straight away.",
        ),
        gain=_t(
            "Kehityt jatkuvasti ja palvelu paranee.",
            "You keep developing and the service keeps improving.",
        ),
        goal_ideas=(
            _idea(
                "Pyydän palautetta kolmelta asiakkaalta joka viikko.",
                "I ask three customers for feedback every week.",
            ),
            _idea(
                "Kirjoitan pohdinnan kahdeksan tärkeän tapaamisen jälkeen.",
                "I write a reflection after eight important meetings.",
                count=8,
            ),
        ),
        score_goal=_t(
            "Nostan palautteen hyödyntämisen tuloksen kyselyssä ”{bank}” tasolta {baseline} tasolle {target}.",
            "I raise my score for using feedback in “{bank}” from {baseline} to {target}.",
        ),
        cost=_t(
            "Kun palautetta ei kysytä tai se unohtuu, samat kompastukset toistuvat, eikä työsi kehity siihen suuntaan, jota asiakkaat toivovat.",
            "When feedback isn't asked for or is forgotten, the same stumbles come back, and your work doesn't move the way customers would like.",
        ),
        questions=(
            _t(
                "Miten voisimme kerätä asiakaspalautetta säännöllisesti?",
                "How could we collect customer feedback regularly?",
            ),
            _t(
                "Kuinka usein haluaisit antaa minulle palautetta, ja missä muodossa?",
                "How often would you like to give me feedback, and in what form?",
            ),
        ),
    ),
)
"""The five steps in their fixed order."""

STEP_IDS: tuple[str, ...] = tuple(step.id for step in STEPS)
_BY_ID = {step.id: step for step in STEPS}


def get_step(step_id: str) -> Step:
    """The step with `step_id`; raises KeyError for an unknown id."""
    return _BY_ID[step_id]


def is_step(step_id: object) -> bool:
    """True when `step_id` names one of the five steps."""
    return isinstance(step_id, str) and step_id in _BY_ID
