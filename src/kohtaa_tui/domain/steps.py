"""The five skill steps of a good encounter: ids, names, typical mistake, gain, tips."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaa_tui.domain.text import LocalText


def _t(fi: str, en: str) -> LocalText:
    return LocalText.of({"fi": fi, "en": en})


@dataclass(frozen=True)
class Step:
    """One skill step. `tips` are things to try next week; `goal_ideas` are concrete targets."""

    id: str
    number: int
    name: LocalText
    short: LocalText
    mistake: LocalText
    gain: LocalText
    cost: LocalText
    """What the step's gain turned around costs in an encounter, said to the person."""
    tips: tuple[LocalText, ...]
    goal_ideas: tuple[LocalText, ...]
    questions: tuple[LocalText, ...] = ()
    """Questions to bring to a development discussion when this step is the weakest."""


STEPS: tuple[Step, ...] = (
    Step(
        id="listening",
        number=1,
        name=_t("Aktiivinen kuuntelu", "Active listening"),
        short=_t("Kuuntelu", "Listening"),
        mistake=_t(
            "Keskeytät tai kiirehdit vastaamaan ennen kuin asiakas on sanonut asiansa.",
            "You cut in, or rush to answer before the customer has said what they came to say.",
        ),
        gain=_t(
            "Asiakas kokee tulleensa kuulluksi, ja ongelma ymmärretään tarkasti.",
            "The customer feels heard, and the problem is understood precisely.",
        ),
        tips=(
            _t(
                "Laita puhelin ja paperit sivuun ennen jokaista asiakasta.",
                "Put your phone and papers out of reach before each customer.",
            ),
            _t(
                "Kun asiakas lopettaa, laske mielessäsi kolmeen ennen kuin vastaat.",
                "When the customer stops talking, count to three in your head before you reply.",
            ),
            _t(
                "Kerro omin sanoin, mitä kuulit, ennen kuin ehdotat mitään.",
                "Say back in your own words what you heard before you propose anything.",
            ),
        ),
        goal_ideas=(
            _t(
                "Tiivistän asiakkaan tarpeen ääneen jokaisessa tapaamisessa.",
                "I sum up the customer's need out loud in every meeting.",
            ),
            _t(
                "Kysyn kaksi tarkentavaa kysymystä ennen ensimmäistä ehdotustani.",
                "I ask two clarifying questions before my first suggestion.",
            ),
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
            "Käytät alan sanastoa tai vastaat epämääräisesti.",
            "You use insider jargon, or your answers stay vague.",
        ),
        gain=_t(
            "Viesti menee perille ja luottamus kasvaa.",
            "The message gets through and trust grows.",
        ),
        tips=(
            _t(
                "Kirjoita ylös kolme ammattisanaa, joita käytät usein, ja keksi niille arkikieliset vastineet.",
                "List three insider terms you use often and find an everyday word for each.",
            ),
            _t(
                "Anna jokaiseen selitykseen yksi konkreettinen esimerkki asiakkaan omasta tilanteesta.",
                "Give every explanation one concrete example from the customer's own situation.",
            ),
            _t(
                "Jos et tiedä vastausta, sano se suoraan ja kerro, milloin palaat asiaan.",
                "When you don't know, say so plainly and say when you will come back with an answer.",
            ),
        ),
        goal_ideas=(
            _t(
                "Lopetan jokaisen tapaamisen selkeään yhteenvetoon sovituista asioista.",
                "I end every meeting with a plain summary of what we agreed.",
            ),
            _t(
                "Pyydän asiakasta kertomaan omin sanoin, mitä seuraavaksi tapahtuu.",
                "I ask the customer to tell me in their own words what happens next.",
            ),
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
            "Asetut vastakkain tai pidät jäykästi kiinni omasta ratkaisustasi.",
            "You turn it into a contest, or hold on rigidly to your own solution.",
        ),
        gain=_t(
            "Löytyy ratkaisuja, joihin molemmat osapuolet ovat tyytyväisiä.",
            "You find solutions that leave both sides satisfied.",
        ),
        tips=(
            _t(
                "Kysy asiakkaan tavoitteesta ennen kuin esität oman ehdotuksesi.",
                "Ask about the customer's aim before you put forward your own proposal.",
            ),
            _t(
                "Kun asiakas epäröi, kysy, mitä hän vielä tarvitsee päättääkseen, ja sovi, milloin palaatte asiaan.",
                "When the customer hesitates, ask what they still need in order to decide, and agree when you will pick it up again.",
            ),
            _t(
                "Kerro rehellisesti, mihin et voi joustaa, ja etsi yhdessä, mihin voit.",
                "Be honest about where you cannot bend, and look together for where you can.",
            ),
        ),
        goal_ideas=(
            _t(
                "Kysyn jokaisessa neuvottelussa, mikä olisi asiakkaalle hyvä lopputulos.",
                "In every negotiation I ask what a good outcome would be for the customer.",
            ),
            _t(
                "Hyväksyn kieltävän vastauksen ilman painostusta ja sovin, miten jatketaan.",
                "I accept a no without pressing, and agree how we stay in touch.",
            ),
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
            "Puheessasi toistuvat kiellot ja pessimistiset sävyt.",
            "Your talk is full of refusals and a pessimistic tone.",
        ),
        gain=_t(
            "Kokemus paranee ja asiakas palaa mielellään.",
            "The experience improves and the customer is glad to come back.",
        ),
        tips=(
            _t(
                "Korvaa \"ei onnistu\" sillä, mitä voit tehdä: \"katsotaan yhdessä, mitä voimme tehdä\".",
                "Swap \"that's not possible\" for what you can do: \"let's see together what we can do\".",
            ),
            _t(
                "Huomaa, milloin sanot \"valitettavasti\" tai \"ei kuulu meille\", ja kokeile toista tapaa.",
                "Notice when you say \"unfortunately\" or \"not our department\", and try another way.",
            ),
            _t(
                "Kun asiakas on väärässä, aloita siitä, mikä hänen näkemyksessään pitää paikkansa.",
                "When the customer is wrong, start from what is right in their view.",
            ),
        ),
        goal_ideas=(
            _t(
                "Aloitan jokaisen kieltävän vastauksen siitä, mitä voin tarjota tilalle.",
                "I open every refusal with what I can offer instead.",
            ),
            _t(
                "Kirjaan viikon ajan joka päivä yhden tilanteen, jossa käänsin kiellon mahdollisuudeksi.",
                "For a week I note each day one moment where I turned a no into an option.",
            ),
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
            "Palaute jää kysymättä tai se unohtuu saman tien.",
            "You don't ask for feedback, or it is forgotten straight away.",
        ),
        gain=_t(
            "Kehityt jatkuvasti ja palvelu paranee.",
            "You keep developing and the service keeps improving.",
        ),
        tips=(
            _t(
                "Kysy tapaamisen lopuksi yksi kysymys: mikä olisi tehnyt tästä vielä paremman?",
                "End a meeting with one question: what would have made this even better?",
            ),
            _t(
                "Käy viikon palaute läpi kerran viikossa ja valitse siitä yksi asia kokeiltavaksi.",
                "Go through the week's feedback once a week and pick one thing to try.",
            ),
            _t(
                "Pyydä kollegaa seuraamaan yhtä tapaamistasi ja kertomaan yksi havainto.",
                "Ask a colleague to sit in on one meeting and tell you one thing they noticed.",
            ),
        ),
        goal_ideas=(
            _t(
                "Pyydän palautetta kolmelta asiakkaalta joka viikko.",
                "I ask three customers for feedback every week.",
            ),
            _t(
                "Kirjoitan pohdinnan jokaisen tärkeän tapaamisen jälkeen.",
                "I write a reflection after every important meeting.",
            ),
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
