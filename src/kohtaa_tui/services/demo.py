"""Half a year of realistic sample use, for `kohtaa demo` and for screenshots and benchmarks.

Everything is written through the real Store, so the demo data is exactly what a person's
own data looks like.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from kohtaa_tui.domain.assessment import AssessmentResult, score_answers
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.clock import Clock, local_date
from kohtaa_tui.domain.goals import CheckIn, Goal, Target, with_baseline
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.journal import AnswerValue, JournalEntry, JournalSchema, SchemaField
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Loaded, Store
from kohtaa_tui.storage.schemas import load_schemas

CUSTOMERS: tuple[tuple[str, str], ...] = (
    # Each name with its Finnish genitive, written out: the ending depends on the word (and
    # on how a foreign name is said), so it is never glued on as ":n".
    ("Aalto Logistiikka", "Aalto Logistiikan"), ("Koivu & Co", "Koivu & Co:n"),
    ("Nordic Pumps", "Nordic Pumpsin"), ("Kahvila Sävel", "Kahvila Sävelen"),
    ("Ruska Oy", "Ruska Oy:n"), ("Lakeside Clinic", "Lakeside Clinicin"),
    ("Tammi Rakennus", "Tammi Rakennuksen"), ("Pohjoistuuli", "Pohjoistuulen"),
    ("Helmi Design", "Helmi Designin"), ("Virta Energy", "Virta Energyn"),
)
TEAM = ("Sanna", "Mikko", "Laura", "Jari", "Aino")
"""The team members a manager's development discussions are with."""

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {
        "fi": ("Uusi asiakas: {c}", "Tarjouksen läpikäynti, {c}", "Hinnoittelukeskustelu, {c}",
               "Sopimuksen jatko, {c}", "Ensitapaaminen {g} kanssa", "Jatkotapaaminen, {c}"),
        "en": ("New customer: {c}", "Going through the offer, {c}", "Pricing talk, {c}",
               "Contract renewal, {c}", "First meeting with {c}", "Follow-up meeting, {c}"),
    },
    "what": {
        "fi": ("Asiakas kertoi, että toimitukset ovat myöhästyneet kolme kertaa. Kävimme "
               "syyt läpi ja sovimme seurannasta.",
               "Esittelin uuden palvelupaketin. Asiakas kyseli paljon hinnoittelusta ja "
               "halusi miettiä rauhassa.",
               "Tapaaminen alkoi jännittyneesti, koska edellinen lasku oli väärin. "
               "Pahoittelin ja korjasimme sen yhdessä.",
               "Kävimme läpi asiakkaan tavoitteet ensi vuodelle ja mietimme, miten voimme "
               "auttaa niissä."),
        "en": ("The customer said deliveries had been late three times. We went through "
               "the causes and agreed on a follow-up.",
               "I presented the new service package. The customer asked a lot about pricing "
               "and wanted time to think.",
               "The meeting started tense because the last invoice was wrong. I apologised "
               "and we fixed it together.",
               "We went through the customer's goals for next year and how we could help "
               "with them."),
    },
    "feel": {
        "fi": ("Alussa jännitti, mutta rentouduin, kun asiakas alkoi kertoa omasta "
               "tilanteestaan.", "Asiakas vaikutti helpottuneelta lopussa.",
               "Olin kiireinen ja huomasin vilkuilevani puhelinta.",
               "Tunnelma oli luottavainen ja avoin."),
        "en": ("I was nervous at first but relaxed once the customer started telling me "
               "about their situation.", "The customer seemed relieved at the end.",
               "I was in a hurry and caught myself glancing at my phone.",
               "The mood was trusting and open."),
    },
    "well": {
        "fi": ("Annoin asiakkaan kertoa koko tarinan ennen kuin ehdotin mitään.",
               "Tiivistin lopuksi, mitä sovimme.", "Pysyin rauhallisena, vaikka asiakas "
               "oli harmissaan.", "Kysyin, mikä olisi asiakkaalle hyvä lopputulos."),
        "en": ("I let the customer tell the whole story before I suggested anything.",
               "I summed up at the end what we had agreed.",
               "I stayed calm even though the customer was upset.",
               "I asked what a good outcome would be for the customer."),
    },
    "differently": {
        "fi": ("Kysyisin enemmän ennen kuin esittelen ratkaisun.",
               "Jättäisin ammattisanat pois.", "Antaisin enemmän aikaa miettiä.",
               "Pyytäisin palautetta heti tapaamisen lopuksi."),
        "en": ("I would ask more before presenting a solution.", "I would leave out the "
               "jargon.", "I would give more time to think.",
               "I would ask for feedback right at the end of the meeting."),
    },
    "forward": {
        "fi": ("Kaksi tarkentavaa kysymystä ennen ensimmäistä ehdotusta.",
               "Puhelin pois pöydältä.", "Yhteenveto ääneen ennen lopetusta.",
               "Kysyn joka tapaamisen lopuksi, mitä voisin tehdä paremmin."),
        "en": ("Two clarifying questions before my first proposal.", "Phone off the table.",
               "A spoken summary before we finish.",
               "At the end of each meeting I ask what I could do better."),
    },
}
SCHEMA_PHRASES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    # What a manager writes after a development discussion: about a team member, not a
    # customer; what a complaint template is written about: a complaint; what a customer
    # service worker writes after a contact or a shift. A key named after a field (analysis,
    # feedback, goals) answers that field; the others answer by the field's role.
    "customer-service": {
        "title": {"fi": ("Vaihto ilman kuittia", "Iltavuoro kassalla", "Viivästynyt tilaus",
                         "Kysymys laskusta, {c}"),
                  "en": ("Exchange without a receipt", "Evening shift at the till",
                         "A delayed order", "A question about an invoice, {c}")},
        "what": {"fi": ("Asiakas halusi vaihtaa tuotteen ilman kuittia. Kerroin, mitä voin "
                        "tehdä, ja löysimme ostoksen kanta-asiakastiedoista.",
                        "Ilta oli kiireinen, ja jono kasvoi. Tervehdin jonossa odottavia, "
                        "vaikka en ehtinyt palvella heitä heti.",
                        "Asiakkaan tilaus oli myöhässä toista kertaa. Selvitin syyn ja "
                        "lupasin soittaa, kun uusi toimituspäivä on tiedossa."),
                 "en": ("A customer wanted to exchange an item without a receipt. I said what "
                        "I could do, and we found the purchase in the loyalty records.",
                        "The evening was busy and the queue grew. I greeted the people "
                        "waiting even when I could not serve them at once.",
                        "A customer's order was late for the second time. I found out why and "
                        "promised to call once the new delivery date is known.")},
        "well": {"fi": ("Tervehdin jokaista asiakasta heti, vaikka oli kiire.",
                        "Kuuntelin asiakkaan harmin loppuun ennen kuin selitin mitään.",
                        "Kerroin suoraan, milloin asia on hoidossa."),
                 "en": ("I greeted every customer at once, even in the rush.",
                        "I heard the customer's frustration out before I explained anything.",
                        "I said plainly when it would be sorted.")},
        "differently": {"fi": ("Kysyisin ensin, mitä asiakas tarvitsee, ja kertoisin säännöt "
                               "vasta sitten.",
                               "Lupaisin vain sen, minkä olen tarkistanut."),
                        "en": ("I would ask what the customer needs before I explain the "
                               "rules.", "I would only promise what I have checked.")},
        "forward": {"fi": ("Tervehdin jonossa odottavia heti.",
                           "Tarkistan toimituspäivän ennen kuin lupaan sen.",
                           "Sanon ensin, mitä voin tehdä."),
                    "en": ("I greet the people in the queue at once.",
                           "I check a delivery date before I promise it.",
                           "I say first what I can do.")},
    },
    "development-discussion": {
        "title": {"fi": ("Kehityskeskustelu: {p}", "Välikeskustelu: {p}"),
                  "en": ("Development discussion: {p}", "Mid-year talk: {p}")},
        "what": {"fi": ("Kävimme läpi kuluneen puolen vuoden onnistumiset ja sen, mikä on "
                        "kuormittanut.",
                        "{p} halusi puhua uusista vastuista. Sovimme, mitä hän kokeilee "
                        "seuraavaksi.",
                        "Puhuimme tavoitteista ja siitä, millaista tukea {p} tarvitsee minulta."),
                 "en": ("We went through the past six months: what went well and what has "
                        "weighed on them.",
                        "{p} wanted to talk about new responsibilities. We agreed what they "
                        "will try next.",
                        "We talked about goals and what support {p} needs from me.")},
        "feel": {"fi": ("Keskustelu oli avoin, ja {p} puhui enemmän kuin viime kerralla.",
                        "Alku oli jäykkä, mutta tunnelma vapautui, kun kysyin hänen "
                        "näkemystään."),
                 "en": ("The talk was open, and {p} said more than last time.",
                        "It started stiffly, but eased once I asked for their view.")},
        "well": {"fi": ("Annoin hänen kertoa oman näkemyksensä ensin.",
                        "Kuvasin palautteeni konkreettisilla tilanteilla."),
                 "en": ("I let them give their own view first.",
                        "I gave my feedback with concrete situations.")},
        "differently": {"fi": ("Kysyisin enemmän siitä, mikä häntä kuormittaa.",
                               "Jättäisin lomakkeen vähemmälle ja kuuntelisin enemmän."),
                        "en": ("I would ask more about what weighs on them.",
                               "I would lean less on the form and listen more.")},
        "forward": {"fi": ("Palaan sovittuihin tavoitteisiin kuukauden päästä.",
                           "Kysyn ensin hänen näkemystään."),
                    "en": ("I come back to the agreed goals in a month.",
                           "I ask for their view first.")},
        "feedback": {"fi": ("{p} toivoi, että kerron päätöksistä aiemmin. Minä kerroin, missä "
                            "hän on kehittynyt puolessa vuodessa.",
                            "Annoin palautetta siitä, miten hän veti viime tiimipalaverin. "
                            "{p} toivoi minulta nopeampia vastauksia viesteihin."),
                     "en": ("{p} asked me to share decisions earlier. I told them where they "
                            "have grown in six months.",
                            "I gave feedback on how they ran the last team meeting. {p} asked "
                            "me for quicker answers to messages.")},
        "goals": {"fi": ("{p} vetää yhden tiimipalaverin kuukaudessa, ja käymme tilanteen "
                         "läpi kolmen kuukauden päästä.",
                         "{p} ottaa vastuun yhdestä uudesta työtehtävästä; seuraamme "
                         "edistymistä kuukausittain."),
                  "en": ("{p} runs one team meeting a month, and we look at how it goes in "
                         "three months.",
                         "{p} takes on one new task; we follow progress monthly.")},
    },
    "difficult-situation": {
        # Titles that fit each description: the complaint is about a delivery, an invoice
        # or a refund, whichever the description says.
        "title": {"fi": ("Reklamaatio, {c}", "Vaikea tilanne, {c}"),
                  "en": ("Complaint, {c}", "A difficult situation, {c}")},
        "what": {"fi": ("Asiakas otti yhteyttä kolmannesta myöhästyneestä toimituksesta ja "
                        "oli todella vihainen. Kuuntelin, pyysin anteeksi ja lupasin "
                        "selvittää asian iltapäivään mennessä.",
                        "Laskussa oli väärä hinta, ja asiakas syytti meitä huijaamisesta. "
                        "Korjasin laskun ja kerroin, miten virhe oli syntynyt.",
                        "Asiakas vaati hyvitystä, jota emme voi antaa. Kerroin, mitä voin "
                        "tarjota sen sijaan."),
                 "en": ("The customer got in touch about a third late delivery and was really "
                        "angry. I listened, apologised and promised to find out by the "
                        "afternoon.",
                        "The invoice had the wrong price, and the customer accused us of "
                        "cheating. I corrected it and explained how the mistake had happened.",
                        "The customer demanded a refund we cannot give. I said what I could "
                        "offer instead.")},
        "feel": {"fi": ("Ärsytti, koska virhe ei ollut minun, mutta yritin olla näyttämättä "
                        "sitä.",
                        "Jännitti, kun asiakas korotti ääntään. Rauhoituin, kun pääsin "
                        "kysymään.",
                        "Asiakas oli lopussa yhä pettynyt, mutta kiitti suorasta vastauksesta."),
                 "en": ("I was irritated because the mistake was not mine, but I tried not to "
                        "show it.",
                        "I was tense when the customer raised their voice, and calmed down "
                        "once I could ask questions.",
                        "The customer was still disappointed at the end, but thanked me for "
                        "the straight answer.")},
        "analysis": {"fi": ("Edellinen lupaus oli annettu tarkistamatta toimitusaikaa, joten "
                            "asiakkaan luottamus oli jo koetuksella.",
                            "Puolustauduin alussa, ja se kiristi tunnelmaa. Kun aloin kysyä, "
                            "keskustelu rauhoittui.",
                            "Järjestelmä näytti väärää saldoa, eikä meillä ollut sovittua "
                            "tapaa kertoa siitä asiakkaalle."),
                     "en": ("The last promise had been made without checking the delivery "
                            "time, so the customer's trust was already strained.",
                            "I defended myself at first, which made it tenser. Once I started "
                            "asking questions, the talk calmed down.",
                            "The system showed the wrong stock, and we had no agreed way of "
                            "telling the customer.")},
        "well": {"fi": ("Pysyin rauhallisena, vaikka asiakas korotti ääntään.",
                        "Pyysin anteeksi omin sanoin enkä vakiofraasilla.",
                        "Kuuntelin koko tarinan keskeyttämättä."),
                 "en": ("I stayed calm even when the customer raised their voice.",
                        "I apologised in my own words, not with a stock phrase.",
                        "I heard the whole story without interrupting.")},
        "differently": {"fi": ("Pyytäisin anteeksi heti alussa enkä vasta selitysten jälkeen.",
                               "Kysyisin, mikä olisi asiakkaalle kohtuullinen ratkaisu, ennen "
                               "kuin tarjoan omaani."),
                        "en": ("I would apologise at the start, not after the explanations.",
                               "I would ask what a fair solution would be for the customer "
                               "before offering mine.")},
        "forward": {"fi": ("Kun asiakas on vihainen, kuuntelen ensin loppuun ja pyydän "
                           "anteeksi omin sanoin.",
                           "Tarkistan toimitusajan ennen kuin lupaan sen, ja soitan itse, jos "
                           "se muuttuu."),
                    "en": ("When a customer is angry, I first hear them out and apologise in "
                           "my own words.",
                           "I check a delivery time before I promise it, and call myself if it "
                           "changes.")},
    },
}
ROLE_PHRASES = {"title": "title", "went_well": "well", "do_differently": "differently",
                "take_forward": "forward"}
TAGS = {"fi": ("jatkosopimus", "hinnoittelu", "reklamaatio", "uusi-asiakas", "seuranta",
               "toimitus"),
        "en": ("renewal", "pricing", "complaint", "new-customer", "follow-up", "delivery")}
"""Tags as a person writes them, in the demo's language."""


def _pick(rng: random.Random, key: str, lang: str, schema_id: str = "") -> str:
    own = SCHEMA_PHRASES.get(schema_id, {})
    phrases = own[key] if key in own else PHRASES[key]
    name, genitive = rng.choice(CUSTOMERS)
    return rng.choice(phrases[lang]).format(c=name, g=genitive, p=rng.choice(TEAM))


def _answer(spec: SchemaField, rng: random.Random, lang: str, when: datetime,
            skill: float, schema_id: str = "") -> AnswerValue | None:
    kind = spec.type
    if spec.role in ROLE_PHRASES:
        return _pick(rng, ROLE_PHRASES[spec.role], lang, schema_id)
    if kind == "long_text":
        own = spec.id if spec.id in SCHEMA_PHRASES.get(schema_id, {}) else None
        feeling = "feel" in spec.id or spec.id == "so_what"  # Rolfe's So what? asks how it felt
        return _pick(rng, own or ("feel" if feeling else "what"), lang, schema_id)
    if kind == "short_text":
        return _pick(rng, "forward", lang, schema_id)
    if kind in ("rating",) and spec.min is not None and spec.max is not None:
        return rng.randint(max(spec.min, spec.max - 2), spec.max)
    if kind == "choice" and spec.options:
        return rng.choice(spec.options).id
    if kind == "multi_choice" and spec.options:
        count = 0 if rng.random() < 0.4 else rng.randint(1, 2)
        return tuple(sorted({rng.choice(spec.options).id for _ in range(count)}))
    if kind == "step_ratings":
        return {step: max(1, min(5, round(skill + rng.uniform(-1, 1)))) for step in STEP_IDS}
    if kind == "datetime":
        return when - timedelta(minutes=rng.randint(10, 90))
    if kind == "yes_no":
        return rng.random() < 0.75
    if kind == "tags":
        tags = TAGS.get(lang, TAGS["en"])
        return tuple(sorted(set(rng.sample(tags, rng.randint(0, 2)))))
    return None


def make_entry(schema: JournalSchema, created: datetime, rng: random.Random, lang: str,
               skill: float) -> JournalEntry:
    """A plausible reflection written with `schema` at `created`."""
    answers: dict[str, AnswerValue] = {}
    for spec in schema.fields:
        value = _answer(spec, rng, lang, created, skill, schema.id)
        if value is not None and value != () and value != "":
            answers[spec.id] = value
    return JournalEntry(id=new_id(created), schema_id=schema.id, schema_version=schema.version,
                        created=created, updated=created, answers=answers,
                        starred=rng.random() < 0.12, private=rng.random() < 0.08, lang=lang)


def make_result(bank: Loaded[QuestionBank], completed: datetime, rng: random.Random,
                skill: dict[str, float], lang: str) -> AssessmentResult:
    """A completed assessment whose answers reflect `skill` per step."""
    value = bank.value
    answers: dict[str, int] = {}
    for item in value.scored_items:
        assert item.step is not None
        level = skill.get(item.step, 3.0) + rng.uniform(-0.8, 0.8)
        level = min(value.scale.max, max(value.scale.min, round(level)))
        answers[item.id] = value.scale.min + value.scale.max - level if item.reverse else level
    scores = score_answers(value, answers)
    return AssessmentResult(id=new_id(completed), bank_id=value.id, bank_version=value.version,
                            bank_hash=bank.fingerprint,
                            completed=completed, scale_min=value.scale.min,
                            scale_max=value.scale.max, answers=answers, scores=scores,
                            open_answers={}, started=completed - timedelta(minutes=9), lang=lang)


def _weekday_moment(start: date, week: int, rng: random.Random) -> datetime:
    from datetime import UTC

    # Monday to Friday of that week, so a week's reflections stay in its own calendar week
    # (a Sunday start would put some in the week before and break the streak by chance).
    monday = start + timedelta(weeks=week) - timedelta(days=start.weekday())
    day = monday + timedelta(days=rng.randint(0, 4))
    return datetime(day.year, day.month, day.day, rng.randint(7, 14), rng.choice((0, 15, 30, 45)),
                    tzinfo=UTC)


def populate(store: Store, clock: Clock, lang: str = "en", seed: int = 7, weeks: int = 26,
             entries_per_week: float = 2.5) -> dict[str, int]:
    """Fill `store` with `weeks` of sample use ending now; returns what was written."""
    # One stream of chance per kind of document, so that a bank with more items changes its
    # own results and nothing else (not which entries are written, nor the streak).
    rng = random.Random(f"{seed}-results")
    entry_rng = random.Random(f"{seed}-entries")
    now = clock.now()
    today = local_date(now, clock.local_tz())
    start = today - timedelta(weeks=weeks)
    # The latest version of each bank and schema, shipped or installed.
    banks = {e.doc.id: e.loaded for e in load_banks(store).latest_all()}
    schemas = {e.doc.id: e.doc for e in load_schemas(store).latest_all()}
    counts = {"entries": 0, "results": 0, "goals": 0}
    base = {"listening": 2.6, "communication": 3.2, "negotiation": 2.9, "positivity": 3.6,
            "feedback": 2.3}
    growth = {"listening": 1.3, "communication": 0.5, "negotiation": 0.6, "positivity": 0.3,
              "feedback": 1.1}

    def skill_at(fraction: float) -> dict[str, float]:
        return {s: base[s] + growth[s] * fraction for s in STEP_IDS}

    for week in range(0, weeks, 5):
        if "core" in banks:
            moment = _weekday_moment(start, week, rng)
            store.save_result(make_result(banks["core"], moment, rng, skill_at(week / weeks),
                                          lang))
            counts["results"] += 1
    for week in range(1, weeks, 3):
        if "after-meeting" in banks:
            moment = _weekday_moment(start, week, rng)
            store.save_result(make_result(banks["after-meeting"], moment, rng,
                                          skill_at(week / weeks), lang))
            counts["results"] += 1
    order = ["sales-meeting", "customer-service", "quick", "sales-meeting", "difficult-situation",
             "quick", "development-discussion"]
    written = 0
    written_on: list[tuple[str, date]] = []
    for week in range(weeks + 1):
        if week in (9, 10):  # a holiday: the streak breaks and starts again
            continue
        for _ in range(max(1, round(entry_rng.gauss(entries_per_week, 1)))):
            schema = schemas.get(order[written % len(order)])
            written += 1
            if schema is None:
                continue
            moment = _weekday_moment(start, week, entry_rng)
            if moment > now:
                moment = now - timedelta(hours=entry_rng.randint(1, 30))
            skill = sum(skill_at(week / weeks).values()) / 5
            store.save_entry(make_entry(schema, moment, entry_rng, lang, skill), None)
            written_on.append((schema.id, local_date(moment, clock.local_tz())))
            counts["entries"] += 1
    results = [item.value for item in store.results()[0]]
    # The count goal is one reflection short of its target, whatever the chance gave.
    goal_start = start + timedelta(weeks=8)
    so_far = sum(1 for schema_id, day in written_on
                 if schema_id == "sales-meeting" and day >= goal_start)
    # The score goal is half a point above the latest core listening score: under way.
    core = sorted((r for r in results if r.bank_id == "core" and "listening" in r.scores),
                  key=lambda r: r.completed)
    latest = core[-1].scores["listening"] if core else 3.5
    score = min(5.0, round(latest * 2) / 2 + 0.5)
    for goal in _goals(start, today, now, lang, so_far + 1, score):
        # As the new-goal dialog does: a score goal keeps its step's score at the start.
        goal = replace(goal, target=with_baseline(goal.target, goal.start, results,
                                                  clock.local_tz()))
        store.save_goal(goal, None)
        counts["goals"] += 1
    if "after-meeting" in banks:
        install_assignment(store, banks["after-meeting"].path, today, lang)
    return counts


COACH = {"fi": "valmentaja Anna", "en": "Coach Anna"}
"""Who assigns the demo's weekly check, in the demo's language."""


def install_assignment(store: Store, source: Path, today: date, lang: str = "en") -> None:
    """Install a copy of a bank as a coach would send it: a new version with an assignment."""
    text = source.read_text(encoding="utf-8")
    due = today + timedelta(days=(4 - today.weekday()) % 7 or 7)  # the coming Friday
    match = re.search(r"^version = (\d+)$", text, flags=re.MULTILINE)
    assert match is not None
    version = int(match.group(1)) + 1
    text = text[:match.start()] + f"version = {version}" + text[match.end():]
    coach = COACH.get(lang, COACH["en"])
    text += (f'\n[assignment]\nassigned_by = "{coach}"\ndue = {due.isoformat()}\n'
             'recurrence = "weekly"\n'
             'note = { fi = "Viikon tarkistus perjantaihin mennessä.", '
             'en = "The weekly check, by Friday." }\n')
    target = store.banks_dir / "after-meeting" / f"{version}.toml"
    store.write_bytes(target, text.encode("utf-8"), None)


def _goals(start: date, today: date, now: datetime, lang: str, count: int = 10,
           score: float = 4.0) -> list[Goal]:
    fi = lang == "fi"

    def goal(title_fi: str, title_en: str, why_fi: str, why_en: str, **kw: object) -> Goal:
        created = kw.pop("created", now - timedelta(weeks=12))
        assert isinstance(created, datetime)
        base = Goal(id=new_id(created), title=title_fi if fi else title_en, created=created,
                    start=kw.pop("start", start + timedelta(weeks=8)),  # type: ignore[arg-type]
                    target=kw.pop("target"), why=why_fi if fi else why_en)  # type: ignore[arg-type]
        return replace(base, **kw)  # type: ignore[arg-type]

    def check(weeks_ago: float, note_fi: str, note_en: str, progress: int | None) -> CheckIn:
        at = now - timedelta(weeks=weeks_ago)
        return CheckIn(id=new_id(at), at=at, note=note_fi if fi else note_en, progress=progress)

    return [
        goal("Nostan kuuntelun tuloksen kyselyssä ”Kohtaamisen viisi askelta” tasolle "
             + f"{score:.1f}".replace(".", ",") + ".",
             f"I raise my listening score in “The five steps of a customer encounter” to "
             f"{score:.1f}.",
             "Asiakkaat kokevat tulleensa kuulluiksi.", "Customers feel heard.",
             step="listening", due=today + timedelta(weeks=6),
             target=Target(kind="score", value=score, bank_id="core", step="listening")),
        goal(f"Kirjoitan {count} pohdintaa myyntitapaamisten jälkeen.",
             f"I write {count} reflections after sales meetings.",
             "Opin jokaisesta tapaamisesta jotain.", "I learn something from every meeting.",
             step="feedback", due=today + timedelta(weeks=3),
             target=Target(kind="count", count=count, schema_id="sales-meeting")),
        goal("Pyydän palautetta kolmelta asiakkaalta viikossa.",
             "I ask three customers for feedback every week.",
             "Palaute kertoo, mitä en itse huomaa.", "Feedback shows what I don't notice.",
             step="feedback", due=today - timedelta(days=10),
             target=Target(kind="manual"),
             check_ins=(check(6, "Kaksi asiakasta vastasi.", "Two customers answered.", 30),
                        check(3, "Kysyminen alkaa tuntua luontevalta.",
                              "Asking starts to feel natural.", 55),
                        check(1, "Kolme tällä viikolla!", "Three this week!", 70))),
        goal("Kirjoitan tarjoukset niin, että ne ymmärtää ilman alan sanastoa.",
             "I write offers that make sense without insider jargon.",
             "Tarjous pitää ymmärtää ilman minua.", "An offer must make sense without me.",
             step="communication", status="achieved", achieved_on=today - timedelta(weeks=4),
             target=Target(kind="manual"),
             check_ins=(check(10, "Kävin vanhat tarjouspohjat läpi.",
                              "Went through the old offer templates.", 50),
                        check(4, "Kaikki pohjat uusittu.", "All templates rewritten.", 100))),
        goal("Annan asiakkaalle aikaa miettiä ennen päätöstä.",
             "I give the customer time to think before deciding.",
             "Kiirehtiminen kääntyy itseään vastaan.", "Hurrying a customer backfires.",
             step="negotiation", status="paused", target=Target(kind="manual"),
             check_ins=(check(8, "Tauolla lomien ajan.", "Paused over the holidays.", 20),)),
        goal("Aloitan jokaisen puhelun myönteisesti.", "I open every call on a positive note.",
             "", "", step="positivity", status="dropped", target=Target(kind="manual")),
    ]


def default_demo_dir(base: Path) -> Path:
    """Where a demo's data goes inside a temporary directory."""
    return base / "data"
