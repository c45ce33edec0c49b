"""Inflected word forms in Finnish and English, grouped by the word a person would search for.

Each group's key is the dictionary form (what a person types), its forms are what a
reflection may contain. A search for the key should find every form of its group (recall)
and as few forms of other groups as it can (precision). Some groups are there to be near
misses for others: `asia` and `asiakirja` for `asiakas`, `tila` for `tilaus`, `lupa` for
`lupaus`, `tunti` for `tunne`, `kaupunki` for `kauppa`. The hard cases of Finnish are kept
(consonant gradation: aika/ajan, hyöty/hyödyn; -s/-ksen stems; verbs), and irregular English
forms too (bought, sold, felt), so the figures say what a stemmer cannot do.

Used by tests/unit/test_index_search.py and benchmarks/search_quality.py.
"""

from __future__ import annotations

FINNISH: dict[str, tuple[str, ...]] = {
    "asiakas": ("asiakas", "asiakkaan", "asiakkaalle", "asiakkaat", "asiakasta", "asiakkaita",
                "asiakkaiden", "asiakkaasta", "asiakkaana", "asiakkaalla", "asiakkaille",
                "asiakkaamme", "asiakkaaseen", "asiakkaista", "asiakkaalta", "asiakkaiksi"),
    "hinta": ("hinta", "hinnan", "hintaa", "hinnat", "hintoja", "hinnoista", "hinnasta",
              "hintaan", "hinnalla", "hinnoilla", "hintojen", "hinnaksi", "hinnoissa"),
    "palaute": ("palaute", "palautteen", "palautetta", "palautteet", "palautteita",
                "palautteesta", "palautteeseen", "palautteella", "palautteiden", "palautteena",
                "palautteeksi"),
    "kauppa": ("kauppa", "kaupan", "kauppaa", "kaupat", "kauppoja", "kaupoissa", "kaupassa",
               "kauppaan", "kaupasta", "kaupalla", "kauppojen", "kaupaksi"),
    "tarjous": ("tarjous", "tarjouksen", "tarjousta", "tarjoukset", "tarjouksia",
                "tarjouksesta", "tarjoukseen", "tarjouksella", "tarjousten", "tarjouksena"),
    "tavoite": ("tavoite", "tavoitteen", "tavoitetta", "tavoitteet", "tavoitteita",
                "tavoitteeseen", "tavoitteesta", "tavoitteiden"),
    "kuuntelu": ("kuuntelu", "kuuntelun", "kuuntelua", "kuuntelussa", "kuunteluun",
                 "kuuntelusta", "kuuntelulla", "kuuntelut"),
    "neuvottelu": ("neuvottelu", "neuvottelun", "neuvottelua", "neuvottelut", "neuvotteluja",
                   "neuvottelussa", "neuvotteluun", "neuvotteluista", "neuvottelujen"),
    "reklamaatio": ("reklamaatio", "reklamaation", "reklamaatiota", "reklamaatiot",
                    "reklamaatioita", "reklamaatiosta", "reklamaatioon"),
    "myyjä": ("myyjä", "myyjän", "myyjää", "myyjät", "myyjiä", "myyjälle", "myyjältä",
              "myyjien", "myyjänä"),
    "puhelu": ("puhelu", "puhelun", "puhelua", "puhelut", "puheluja", "puhelussa", "puheluun",
               "puhelusta", "puhelujen", "puheluita"),
    "tilaus": ("tilaus", "tilauksen", "tilausta", "tilaukset", "tilauksia", "tilauksesta",
               "tilaukseen", "tilausten"),
    "ongelma": ("ongelma", "ongelman", "ongelmaa", "ongelmat", "ongelmia", "ongelmasta",
                "ongelmaan", "ongelmien", "ongelmista"),
    "sopimus": ("sopimus", "sopimuksen", "sopimusta", "sopimukset", "sopimuksia",
                "sopimukseen", "sopimuksesta", "sopimusten"),
    "kysymys": ("kysymys", "kysymyksen", "kysymystä", "kysymykset", "kysymyksiä",
                "kysymykseen", "kysymyksestä", "kysymysten"),
    "vastaus": ("vastaus", "vastauksen", "vastausta", "vastaukset", "vastauksia",
                "vastaukseen"),
    "tunne": ("tunne", "tunteen", "tunnetta", "tunteet", "tunteita", "tunteista", "tunteiden"),
    "kokous": ("kokous", "kokouksen", "kokousta", "kokoukset", "kokouksessa", "kokoukseen",
               "kokouksista"),
    "tapaaminen": ("tapaaminen", "tapaamisen", "tapaamista", "tapaamiset", "tapaamisia",
                   "tapaamisessa", "tapaamiseen", "tapaamisten"),
    "keskustelu": ("keskustelu", "keskustelun", "keskustelua", "keskustelut", "keskusteluja",
                   "keskustelussa", "keskusteluun"),
    "ratkaisu": ("ratkaisu", "ratkaisun", "ratkaisua", "ratkaisut", "ratkaisuja", "ratkaisuun",
                 "ratkaisusta"),
    "virhe": ("virhe", "virheen", "virhettä", "virheet", "virheitä", "virheestä", "virheeseen",
              "virheiden"),
    "lupaus": ("lupaus", "lupauksen", "lupausta", "lupaukset", "lupauksia", "lupauksesta"),
    "kiitos": ("kiitos", "kiitoksen", "kiitosta", "kiitokset", "kiitoksia"),
    "tuote": ("tuote", "tuotteen", "tuotetta", "tuotteet", "tuotteita", "tuotteesta",
              "tuotteeseen", "tuotteiden"),
    "kohtaaminen": ("kohtaaminen", "kohtaamisen", "kohtaamista", "kohtaamiset",
                    "kohtaamisessa", "kohtaamisia"),
    "valitus": ("valitus", "valituksen", "valitusta", "valitukset", "valituksia"),
    "lasku": ("lasku", "laskun", "laskua", "laskut", "laskuja", "laskussa", "laskuun"),
    "toimitus": ("toimitus", "toimituksen", "toimitusta", "toimitukset", "toimituksessa"),
    "päätös": ("päätös", "päätöksen", "päätöstä", "päätökset", "päätöksiä", "päätökseen"),
    "luottamus": ("luottamus", "luottamuksen", "luottamusta", "luottamukseen"),
    "hyöty": ("hyöty", "hyödyn", "hyötyä", "hyödyt", "hyötyjä", "hyödystä"),
    "pyyntö": ("pyyntö", "pyynnön", "pyyntöä", "pyynnöt", "pyyntöjä", "pyynnöstä"),
    "käynti": ("käynti", "käynnin", "käyntiä", "käynnit", "käyntejä", "käynnillä"),
    "aika": ("aika", "ajan", "aikaa", "ajat", "aikoja", "ajassa", "aikaan", "ajasta"),
    "työ": ("työ", "työn", "työtä", "työt", "töitä", "töissä", "työssä"),
    "mieli": ("mieli", "mielen", "mieltä", "mielet", "mieliä", "mielessä"),
    "kysyä": ("kysyä", "kysyin", "kysyi", "kysyn", "kysyimme", "kysynyt", "kysyttiin"),
    # Near misses for the groups above.
    "asia": ("asia", "asian", "asiaa", "asiat", "asioita", "asioiden"),
    "asiakirja": ("asiakirja", "asiakirjan", "asiakirjat", "asiakirjoja"),
    "tila": ("tila", "tilan", "tilaa", "tilat", "tiloja"),
    "lupa": ("lupa", "luvan", "lupaa", "luvat", "lupia"),
    "tunti": ("tunti", "tunnin", "tuntia", "tunnit", "tunteja"),
    "kaupunki": ("kaupunki", "kaupungin", "kaupunkia", "kaupungit", "kaupungeissa"),
    "hinaus": ("hinaus", "hinauksen", "hinausta"),
}
"""Finnish: the nominal cases and numbers that a reflection uses, and a few verb forms."""

ENGLISH: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "customers", "customer's", "customers'"),
    "complaint": ("complaint", "complaints"),
    "listen": ("listen", "listens", "listened", "listening"),
    "offer": ("offer", "offers", "offered", "offering"),
    "price": ("price", "prices", "priced", "pricing"),
    "call": ("call", "calls", "called", "calling"),
    "meeting": ("meeting", "meetings"),
    "question": ("question", "questions", "questioned", "questioning"),
    "ask": ("ask", "asks", "asked", "asking"),
    "agree": ("agree", "agrees", "agreed", "agreeing"),
    "promise": ("promise", "promises", "promised", "promising"),
    "negotiate": ("negotiate", "negotiates", "negotiated", "negotiating"),
    "discount": ("discount", "discounts", "discounted", "discounting"),
    "decision": ("decision", "decisions"),
    "goal": ("goal", "goals"),
    "follow": ("follow", "follows", "followed", "following"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "apologise": ("apologise", "apologises", "apologised", "apologising"),
    "hesitate": ("hesitate", "hesitates", "hesitated", "hesitating"),
    "feel": ("feel", "feels", "feeling", "felt"),
    "buy": ("buy", "buys", "buying", "bought"),
    "sell": ("sell", "sells", "selling", "sold"),
    # Near misses.
    "custom": ("custom", "customs"),
    "calm": ("calm", "calmly", "calmed"),
    "prize": ("prize", "prizes"),
}
"""English: plural, possessive, past and -ing forms, and three irregular verbs."""


def word_count() -> int:
    """How many word forms the corpus holds."""
    return sum(len(forms) for group in (FINNISH, ENGLISH) for forms in group.values())
