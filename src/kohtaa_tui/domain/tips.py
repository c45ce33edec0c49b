"""Things to try next week, and which of them follow from a person's answers.

Every tip belongs to one step and one of that step's subtopics (`SUBTOPICS`, what each step
covers), and answers to item tags: an item tagged `calm` or `mistake-interrupting` names the
tips that fit it. `tips_for` picks the tips for a result from the items of a step that scored
lowest, one tip per item first, so two people with the same step score but different weak
answers are told different things; the step's own tips fill up what the items did not name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kohtaa_tui.domain.banks import BankItem, QuestionBank
from kohtaa_tui.domain.text import LocalText


def _t(fi: str, en: str) -> LocalText:
    return LocalText.of({"fi": fi, "en": en})


SUBTOPICS: dict[str, tuple[str, ...]] = {
    "listening": ("attention", "own-turn", "let-finish", "clarifying", "summarising",
                  "nonverbal", "unspoken-needs"),
    "communication": ("customer-language", "concrete-examples", "clear-answers",
                      "consistent-promises", "tone-of-voice", "empathy", "own-words"),
    "negotiation": ("win-win", "calm", "ask-before-proposing", "time-to-think",
                    "honest-limits", "accept-no", "no-pressure"),
    "positivity": ("together", "no-unfortunately", "genuine", "diplomacy", "self-respect"),
    "feedback": ("ask-customers", "ask-colleagues", "honest-analysis", "into-goals", "measuring",
                 "giving-feedback"),
}
"""What each step covers (shared/DOMAIN.md, "What each step covers"), as topic ids.

A topic id is also an item tag: an item tagged with it names the topic's tips."""


@dataclass(frozen=True)
class Tip:
    """One thing to try: its step and topic, the other item tags it answers, its words."""

    id: str
    step: str
    topic: str
    text: LocalText
    tags: tuple[str, ...] = ()

    def answers(self, item: BankItem) -> bool:
        """True when the item's tags name this tip (its topic or one of its tags)."""
        return any(tag == self.topic or tag in self.tags for tag in item.tags)


def _tip(tip_id: str, step: str, topic: str, fi: str, en: str, *tags: str) -> Tip:
    return Tip(tip_id, step, topic, _t(fi, en), tags)


TIPS: tuple[Tip, ...] = (
    # -- 1 listening ----------------------------------------------------------------------
    _tip("phone-away", "listening", "attention",
         "Laita puhelin ja paperit sivuun ennen jokaista asiakasta.",
         "Put your phone and papers out of reach before each customer.",
         "mistake-screen-distraction", "mistake-lack-of-focus"),
    _tip("count-to-three", "listening", "own-turn",
         "Kun asiakas lakkaa puhumasta, laske mielessäsi kolmeen ennen kuin vastaat.",
         "When the customer stops talking, count to three in your head before you reply.",
         "mistake-waiting-for-turn"),
    _tip("go-on", "listening", "let-finish",
         "Kun huomaat aloittavasi lauseen asiakkaan vielä puhuessa, pysähdy ja sano: "
         "”Jatka vain.”",
         "When you catch yourself starting a sentence while the customer is still talking, "
         "stop and say: “Go on.”",
         "mistake-interrupting", "mistake-solving-too-early", "listen-to-frustration"),
    _tip("read-twice", "listening", "let-finish",
         "Lue asiakkaan viesti kahdesti ja merkitse jokainen kysymys ennen kuin kirjoitat "
         "vastauksen.",
         "Read a customer's message twice and mark each question before you write your reply.",
         "written"),
    _tip("one-question", "listening", "clarifying",
         "Kysy ennen vastaustasi yksi tarkentava kysymys: ”Mitä tarkoitat, kun sanot…?”",
         "Before you answer, ask one clarifying question: “What do you mean when you say…?”"),
    _tip("say-back", "listening", "summarising",
         "Kerro omin sanoin, mitä kuulit, ennen kuin ehdotat mitään.",
         "Say back in your own words what you heard before you propose anything."),
    _tip("name-the-change", "listening", "nonverbal",
         "Kun asiakkaan äänensävy tai ilme muuttuu, sano huomaamasi ääneen ja kysy, mitä hän "
         "ajattelee.",
         "When the customer's tone or expression changes, say what you noticed and ask what "
         "they are thinking."),
    _tip("anything-else", "listening", "unspoken-needs",
         "Kysy joka tapaamisessa kerran: ”Onko jotain, mistä emme ole vielä puhuneet?”",
         "Once in every meeting, ask: “Is there anything we haven't talked about yet?”",
         "mistake-ignoring-situation", "encounter-responsibility"),
    # -- 2 communication ------------------------------------------------------------------
    _tip("everyday-words", "communication", "customer-language",
         "Kirjoita ylös kolme ammattisanaa, joita käytät usein, ja keksi niille arkikieliset "
         "vastineet.",
         "List three insider terms you use often and find an everyday word for each.",
         "mistake-jargon"),
    _tip("their-example", "communication", "concrete-examples",
         "Liitä jokaiseen selitykseen yksi konkreettinen esimerkki asiakkaan omasta tilanteesta.",
         "Give every explanation one concrete example from the customer's own situation.",
         "feedback-giving"),
    _tip("say-you-will-find-out", "communication", "clear-answers",
         "Jos et tiedä vastausta, sano se suoraan ja kerro, milloin palaat asiaan.",
         "When you don't know, say so plainly and say when you will come back with an answer.",
         "mistake-vague-answers", "acknowledge"),
    _tip("check-before-promising", "communication", "consistent-promises",
         "Ennen kuin lupaat päivän tai hinnan, tarkista se ja kerro asiakkaalle, mihin "
         "lupauksesi perustuu.",
         "Before you promise a date or a price, check it, and tell the customer what the "
         "promise rests on.",
         "mistake-careless-wording"),
    _tip("hear-your-tone", "communication", "tone-of-voice",
         "Pyydä kollegaa kertomaan, miltä äänensävysi kuulostaa kiireisenä hetkenä.",
         "Ask a colleague how your tone of voice sounds at a busy moment."),
    _tip("name-the-feeling", "communication", "empathy",
         "Kun asiakas on harmissaan, sano ensin, miltä tilanne kuulostaa hänen kannaltaan: "
         "”Tämä on varmasti turhauttanut.”",
         "When a customer is upset, first put into words how it sounds from their side: "
         "“That must have been frustrating.”"),
    _tip("worry-first", "communication", "empathy",
         "Kun joudut kertomaan ikävän uutisen, sano ensin, että ymmärrät, mitä se asiakkaalle "
         "merkitsee, ja kerro vasta sitten, mitä voit tehdä.",
         "When you have bad news to give, first say that you understand what it means for "
         "the customer, and only then say what you can do.",
         "acknowledge"),
    _tip("own-sentence", "communication", "own-words",
         "Muotoile tavallisimpiin tilanteisiin oma lauseesi valmiin fraasin tilalle ja sano "
         "se niin kuin itse puhut.",
         "For the situations you meet most often, write a sentence of your own to use "
         "instead of the stock phrase, and say it the way you talk.",
         "mistake-scripted-answers", "apology"),
    _tip("short-intro", "communication", "clear-answers",
         "Aloita ensitapaaminen kysymyksellä ja pidä oma esittelysi parissa minuutissa.",
         "Open a first meeting with a question, and keep your own introduction to a couple "
         "of minutes.",
         "brief"),
    _tip("plan-b", "communication", "clear-answers",
         "Sovi tiimisi kanssa etukäteen, mitä kerrotte asiakkaalle ja miten palvelette häntä, "
         "kun järjestelmä on hidas tai ei toimi.",
         "Agree with your team in advance what you tell customers and how you serve them "
         "when a system is slow or down.",
         "mistake-no-plan-b", "mistake-slow-systems"),
    # -- 3 negotiation --------------------------------------------------------------------
    _tip("aim-first", "negotiation", "ask-before-proposing",
         "Kysy asiakkaan tavoitteesta ennen kuin esität oman ehdotuksesi.",
         "Ask about the customer's aim before you put forward your own proposal.",
         "mistake-pushing-product", "goals"),
    _tip("what-to-decide", "negotiation", "time-to-think",
         "Kun asiakas epäröi, kysy, mitä hän vielä tarvitsee päättääkseen, ja sovi, milloin "
         "palaatte asiaan.",
         "When the customer hesitates, ask what they still need in order to decide, and agree "
         "when you will pick it up again.",
         "mistake-hurrying-decision"),
    _tip("where-to-bend", "negotiation", "honest-limits",
         "Kerro rehellisesti, mihin et voi joustaa, ja etsi yhdessä, mihin voit.",
         "Be honest about where you cannot bend, and look together for where you can."),
    _tip("two-options", "negotiation", "win-win",
         "Kun toive ei onnistu sellaisenaan, tarjoa kaksi vaihtoehtoa ja kysy, kumpi sopii "
         "paremmin.",
         "When a request can't be met as it stands, offer two alternatives and ask which "
         "suits better.",
         "mistake-one-size-fits-all", "remedy"),
    _tip("lower-voice", "negotiation", "calm",
         "Kun asiakas korottaa ääntään, hengitä ulos ja puhu itse hiljempaa ja hitaammin "
         "kuin hän.",
         "When a customer raises their voice, breathe out and speak more quietly and slowly "
         "than they do.",
         "listen-to-frustration"),
    _tip("thank-for-no", "negotiation", "accept-no",
         "Kun asiakas sanoo ei, kiitä suorasta vastauksesta ja kysy, saako asiaan palata "
         "myöhemmin.",
         "When a customer says no, thank them for the straight answer and ask whether you may "
         "come back to it later."),
    _tip("benefit-for-them", "negotiation", "no-pressure",
         "Kun kehut tuotetta, sano samassa lauseessa, mitä hyötyä siitä on juuri tälle "
         "asiakkaalle.",
         "When you praise a product, say in the same sentence what it does for this "
         "particular customer.",
         "mistake-praise-without-reasons", "mistake-pushing-product"),
    # -- 4 positivity ---------------------------------------------------------------------
    _tip("what-we-can-do", "positivity", "together",
         "Kun olet sanomassa ”ei onnistu”, kerro sen sijaan, mitä voit tehdä: ”Katsotaan "
         "yhdessä, mikä tähän sopisi.”",
         "When you are about to say “that's not possible”, say what you can do instead: "
         "“Let's see together what would work here.”"),
    _tip("notice-unfortunately", "positivity", "no-unfortunately",
         "Huomaa, milloin sanot ”valitettavasti” tai ”ei kuulu meille”, ja kerro sen tilalle, "
         "mitä asialle voi tehdä tai kuka sen hoitaa.",
         "Notice when you say “unfortunately” or “not our department”, and say instead what "
         "can be done or who will take care of it.",
         "mistake-negative-phrases"),
    _tip("open-the-mood", "positivity", "genuine",
         "Kun tunnelma on jäykkä, aloita itse: kerro lyhyesti, mitä toivot keskustelulta, ja "
         "kysy, mitä toinen toivoo.",
         "When the mood is stiff, make the start yourself: say briefly what you hope for from "
         "the talk, and ask what the other person hopes for.",
         "encounter-responsibility"),
    _tip("say-what-for", "positivity", "genuine",
         "Kun kiität asiakasta, sano, mistä kiität, äläkä käytä samaa lausetta jokaiselle.",
         "When you thank a customer, say what for, instead of using the same line for "
         "everyone."),
    _tip("greet-at-once", "positivity", "genuine",
         "Kun on kiire, tervehdi saapuvaa asiakasta heti, vaikka palvelisit häntä vasta "
         "hetken päästä.",
         "When it is busy, greet an arriving customer straight away, even if you can serve "
         "them only in a moment."),
    _tip("right-in-their-view", "positivity", "diplomacy",
         "Kun asiakas on väärässä, aloita siitä, mikä hänen näkemyksessään pitää paikkansa.",
         "When the customer is wrong, start from what is right in their view."),
    _tip("hassle-then-now", "positivity", "together",
         "Kun asiakas harmittelee hankaluutta, myönnä se lyhyesti ja siirry siihen, mitä voit "
         "tehdä nyt.",
         "When a customer grumbles about a hassle, grant it briefly and move on to what you "
         "can do now."),
    _tip("calm-limit", "positivity", "self-respect",
         "Kun asiakas puhuu sinulle loukkaavasti, sano rauhallisesti, että autat mielelläsi, "
         "kunhan keskustelu pysyy asiallisena.",
         "When a customer is insulting, say calmly that you are glad to help as long as the "
         "conversation stays civil."),
    # -- 5 feedback -----------------------------------------------------------------------
    _tip("even-better", "feedback", "ask-customers",
         "Kysy tapaamisen lopuksi: ”Mitä olisin voinut tehdä vielä paremmin?”",
         "End a meeting by asking: “What could I have done even better?”",
         "satisfaction"),
    _tip("sit-in", "feedback", "ask-colleagues",
         "Pyydä kollegaa seuraamaan yhtä tapaamistasi ja kertomaan yksi havainto.",
         "Ask a colleague to sit in on one meeting and tell you one thing they noticed."),
    _tip("three-lines", "feedback", "honest-analysis",
         "Kirjoita hankalan tilanteen jälkeen kolme riviä: mitä tapahtui, mitä itse tein ja "
         "mitä kokeilen seuraavaksi.",
         "After a difficult situation, write three lines: what happened, what you did, and "
         "what you will try next.",
         "learning"),
    _tip("thank-and-ask", "feedback", "honest-analysis",
         "Kun saat kriittistä palautetta, kiitä ja kysy yksi tarkentava kysymys ennen kuin "
         "kerrot oman näkökulmasi.",
         "When you get critical feedback, say thank you and ask one clarifying question before "
         "you give your side.",
         "feedback-receiving"),
    _tip("one-dated-goal", "feedback", "into-goals",
         "Valitse viikon palautteesta yksi asia ja tee siitä tavoite, jolla on määräpäivä.",
         "Pick one point from the week's feedback and make it a goal with a due date.",
         "goals"),
    _tip("check-the-fix", "feedback", "measuring",
         "Kun olette sopineet ratkaisusta, ota asiakkaaseen yhteyttä muutaman päivän päästä ja "
         "kysy, toimiko se.",
         "Once you have agreed on a solution, get in touch with the customer a few days later "
         "and ask whether it worked.",
         "follow-up", "satisfaction"),
    _tip("note-a-success", "feedback", "giving-feedback",
         "Kirjoita viikon aikana muistiin yksi tilanne, jossa näit toisen onnistuvan, ja kerro "
         "se hänelle.",
         "During the week, note one moment where you saw someone else do well, and tell them.",
         "feedback-giving"),
    _tip("measure-again", "feedback", "measuring",
         "Tee tämä itsearvio uudelleen kuukauden päästä ja vertaa tulosta tähän.",
         "Take this self-assessment again in a month and compare the result with this one."),
)

_BY_ID = {tip.id: tip for tip in TIPS}


def get_tip(tip_id: str) -> Tip:
    """The tip with `tip_id` (KeyError for an unknown id)."""
    return _BY_ID[tip_id]


def step_tips(step_id: str) -> tuple[Tip, ...]:
    """The tips of one step, in catalogue order (the default when no answer names any)."""
    return tuple(tip for tip in TIPS if tip.step == step_id)


DEFAULTS: dict[str, tuple[str, ...]] = {
    "listening": ("phone-away", "count-to-three", "say-back"),
    "communication": ("everyday-words", "their-example", "say-you-will-find-out"),
    "negotiation": ("aim-first", "what-to-decide", "where-to-bend"),
    "positivity": ("what-we-can-do", "notice-unfortunately", "right-in-their-view"),
    "feedback": ("even-better", "one-dated-goal", "sit-in"),
}
"""The tips a step offers when no answer named tips of its own (e.g. a bank without tags)."""


def lowest_items(bank: QuestionBank, answers: Mapping[str, int],
                 step_id: str) -> list[BankItem]:
    """The answered items of `step_id`, lowest keyed answer first (bank order among equals),
    leaving out those answered at the top of the scale: nothing there asks for a tip."""
    scale = bank.scale
    scored: list[tuple[int, int, BankItem]] = []
    for order, item in enumerate(bank.scored_items):
        answer = answers.get(item.id)
        if item.step != step_id or answer is None or not scale.contains(answer):
            continue
        value = scale.min + scale.max - answer if item.reverse else answer
        if value < scale.max:
            scored.append((value, order, item))
    return [item for _value, _order, item in sorted(scored, key=lambda t: (t[0], t[1]))]


def tips_for(bank: QuestionBank | None, answers: Mapping[str, int], step_id: str,
             limit: int = 3) -> list[Tip]:
    """Up to `limit` tips for `step_id`, following the items that scored lowest.

    Each low item, lowest first, gives the first tip its tags name that is not chosen yet;
    then each gives its further tips; then the step's defaults fill the rest. Without the
    bank (a result of a bank no longer installed) the step's defaults are given.
    """
    chosen: list[Tip] = []
    items = lowest_items(bank, answers, step_id) if bank is not None else []
    named = [[tip for tip in TIPS if tip.answers(item)] for item in items]
    # Tips of the step itself first, so a tag shared across steps does not crowd them out.
    named = [sorted(tips, key=lambda tip: tip.step != step_id) for tips in named]
    while len(chosen) < limit:
        grew = False
        for tips in named:
            fresh = next((tip for tip in tips if tip not in chosen), None)
            if fresh is not None and len(chosen) < limit:
                chosen.append(fresh)
                grew = True
        if not grew:
            break
    for tip_id in DEFAULTS.get(step_id, ()):
        tip = _BY_ID[tip_id]
        if len(chosen) < limit and tip not in chosen:
            chosen.append(tip)
    return chosen[:limit]
