"""Naming and typing the source of a claim from the words the article uses for it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from service.domain.claims import SourceType

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})

# people a source may be without a name: "residents said", "regional officials said"
_UNNAMED_GROUPS = (
    r"sources|officials|diplomats|witnesses|residents|analysts|observers|organi[sz]ers|"
    r"protesters|activists|doctors|aid workers|investigators|experts|critics|villagers|"
    r"locals|neighbou?rs|survivors|relatives|passengers|eyewitnesses|meteorologists|"
    r"scientists|economists|researchers|campaigners|opponents|supporters|demonstrators|"
    r"parents|teachers|nurses|farmers|fishermen|fishers|traders|shopkeepers|drivers"
)
_ANONYMOUS = re.compile(
    r"\b(condition of anonymity|not authori[sz]ed to|declined to be (named|identified)|"
    r"asked not to be (named|identified)|familiar with|unnamed|anonymous|"
    r"\b(a|an|one|two|three|several|some)\s+([\w-]+\s+){0,3}?"
    r"(source|sources|official|officials|diplomat|diplomats|person|people|insider|insiders)\b|"
    rf"^([\w.-]+\s+){{0,2}}?({_UNNAMED_GROUPS})$|^({_UNNAMED_GROUPS})\b)",
    re.IGNORECASE,
)
_TYPE_WORDS: list[tuple[SourceType, re.Pattern[str]]] = [
    (
        "armed_group",
        re.compile(
            r"\b(rebels?|rebel alliance|rebel group|militia|militias|militants?|insurgents?|guerrillas?|fighters|coalition of armed|armed group|liberation (front|army|movement))\b",
            re.I,
        ),
    ),
    (
        "military",
        re.compile(
            r"\b(army|military|armed forces|navy|air force|troops|general|gen\.|colonel|col\.|commander|defen[cs]e forces|soldiers)\b",
            re.I,
        ),
    ),
    (
        "government",
        re.compile(
            r"\b(central bank|reserve bank|federal reserve|ministry|minister|government|office|directorate|bureau|inspectorate|secretariat|president|prime minister|mayor|governor|cabinet|parliament|senator|sen\.|council|authority|authorities|department|agency|police|prosecutors?|embassy|spokes(man|woman|person) for the (government|ministry|president))\b",
            re.I,
        ),
    ),
    (
        "company",
        re.compile(
            r"\b(inc\.?|corp\.?|ltd\.?|plc|llc|company|group|holdings|bank|airlines?|(?-i:Air|Airways|Mutual|Capital|Securities|Investments|Partners)|chief executive|ceo|firm|manufacturer|minerals|mining|textiles|shipping|motors|industries|logistics|mills|chemicals|technologies|"
            r"polymers|plastics|petroleum|pharmaceuticals|therapeutics|biotech|ventures|enterprises|"
            r"brands|consulting|utilities|aerospace|automotive|electronics|robotics|software|lender|"
            r"insurer|retailer|carmaker|automaker|drugmaker|chipmaker|"
            r"(?-i:Savings|Resources|Solutions|Energy|Foods|Systems|Labs))\b",
            re.I,
        ),
    ),
    (
        "media",
        re.compile(
            r"\b(newspaper|news agency|broadcaster|television|tv|radio|magazine|journal|times|post|gazette|"
            r"daily|weekly|tabloid|news website|news site|"
            # a masthead's word, capitalised ("the Ostrana Ledger", "Harbour News")
            r"(?-i:Ledger|Herald|Tribune|Courier|Chronicle|Telegraph|Examiner|Dispatch|Observer|"
            r"Guardian|Mirror|Express|Standard|News))\b",
            re.I,
        ),
    ),
    (
        "document",
        re.compile(
            r"\b(reports?|statements?|study|studies|survey|documents?|memos?|letters?|filings?|"
            r"court papers|data|figures|census|audit|records|e-?mails|files|minutes)\b",
            re.I,
        ),
    ),
    (
        "organization",
        re.compile(
            r"\b(union|association|federation|organi[sz]ation|committee|institute|foundation|party|charity|league|society|council|alliance|coalition|movement|ngo|network|campaign|group|chamber of commerce|red cross|red crescent)\b",
            re.I,
        ),
    ),
]
_TYPE_PATTERNS = dict(_TYPE_WORDS)
_ISSUED_DOCUMENT = re.compile(
    r"^(?:(?:the|a|an|its|their|new|official|latest|internal|leaked)\s+){0,2}(?:figures|data|"
    r"report|study|survey|statistics|numbers|analysis|audit|records|documents|emails|files|"
    r"minutes|memos?|letters?|results|tall(?:y|ies)|counts?)\s+\w+(?:ed|en)\b.*\bby\b",
    re.I,
)
# roles a newsroom writes in lower case before a name ("farmer Ciaran Moyle")
_ROLE_NOUNS = (
    r"shopkeeper|trader|fisherman|fisher|driver|student|pensioner|engineer|mechanic|"
    r"midwife|paramedic|firefighter|volunteer|campaigner|organi[sz]er|crew member|passenger"
)
_TITLE_WORDS = (
    r"mr|mrs|ms|dr|prof|professor|sir|madam|judge|lawyer|attorney|spokesman|spokeswoman|"
    r"leader|chief|director|head|resident|witness|doctor|nurse|teacher|analyst|economist|"
    r"mother|father|farmer|worker|activist|official"
)
_TITLE = re.compile(rf"\b({_TITLE_WORDS})\b", re.I)


# what a body is called before its name: "the sportswear company Fjordline"
_BODY_NOUNS = (
    r"company|firm|group|carmaker|automaker|lender|bank|retailer|insurer|charity|agency|"
    r"newspaper|broadcaster|website|magazine|union|party|airline|manufacturer|developer|"
    r"operator|contractor|consultancy|organi[sz]ation|foundation|institute|club"
)
_NOT_A_QUALIFIER = r"by|of|for|with|at|from|in|on|to|now|led|headed|run|who|which|and|or|as|is|was"


def role_before_name(phrase: str) -> str | None:
    """The name after a role written in lower case: "farmer Ciaran Moyle" -> "Ciaran Moyle",
    "former central bank governor Nadia Orlovic" -> "Nadia Orlovic"."""
    found = re.match(
        # up to four words qualifying the role, not a clause ("now led by director X")
        rf"(?:(?!(?:{_NOT_A_QUALIFIER})\s)[a-z][\w'\u2019-]*\s+){{0,4}}?"
        rf"(?:{_PERSON_WORDS}|{_ROLE_NOUNS}|{_BODY_NOUNS})\s+(?P<name>[A-Z].*)$",
        phrase.strip(),
    )
    name = found.group("name") if found else ""
    if not (_looks_like_personal_name(name) or re.fullmatch(r"[A-Z][\w'\u2019-]+", name)):
        return None
    return name


_KIN = (
    r"sister|brother|wife|husband|son|daughter|cousin|widow|widower|uncle|aunt|niece|nephew|"
    r"grandmother|grandfather|friend|neighbou?r|partner|colleague|girlfriend|boyfriend"
)
_PERSON_WORDS = (
    rf"{_TITLE_WORDS}|{_KIN}|spokesperson|representative|"
    r"adviser|advisor|minister|manager|officer|candidate|nominee|front-?runner|senator|"
    r"governor|mayor|president|congressman|congresswoman|lawmaker|businessman|"
    r"businesswoman|billionaire|chairman|chairwoman|ambassador|prosecutor|executive|chair|"
    r"member|secretary"
)
# a person described, not named: "a spokesman for ...", "the mill's manager", "the
# Republican presidential candidate"; not "the president's campaign"
_PERSON_DESCRIBED = re.compile(
    rf"^(?:an?|the|his|her|their|its|[\w-]+['\u2019]s)\s+(?:[\w'\u2019-]+\s+){{0,3}}?"
    rf"(?:{_PERSON_WORDS})\b(?![\u2019']s)"
    # the person word is the description's head ("the official inquiry report" is none)
    r"(?=\s*$|\s*[,(]|\s+(?:for|of|at|from|in|with|who|on|to|and)\b)",
    re.I,
)
_PERSON_HEAD = re.compile(rf"(?:{_PERSON_WORDS})", re.I)
_GENERAL_TITLE = re.compile(r"\b(?:secretary|attorney|surgeon|director)[- ]general$", re.I)
# a person at the head, not one who speaks for a body ("a spokesman for the army" is the
# army's voice, typed as the army)
_HEADED_BY_A_PERSON = re.compile(
    r"^(?:an?|the)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:chair|chairman|chairwoman|head|member|"
    r"president|director|secretary|leader|founder|captain|coach)(?:\s+(?:of|at)\b|$)",
    re.I,
)
# one person described by their work at a place or body, who speaks for none of it
_SOMEONE_AT = re.compile(
    rf"^(?:an?|one)\s+(?:[\w'\u2019-]+\s+){{0,2}}?(?:{_ROLE_NOUNS}|doctor|nurse|surgeon|"
    r"physician|teacher|worker|resident|witness|farmer|pilot|guard|miner|lawyer|scientist|"
    r"researcher|professor)\s+(?:at|in|from|with|on)\b",
    re.I,
)
_NAME_TOKEN = r"(?:[A-Z\u00c0-\u00de][\w'\u2019.&-]*|[A-Z]\.)"
_NAME_RUN = re.compile(
    rf"{_NAME_TOKEN}(?:\s+(?:(?:de|da|del|van|von|al|bin|ibn|le|la|di|du|&)\s+)?{_NAME_TOKEN})*"
)


def is_person_described(phrase: str) -> bool:
    """ "A spokesman for the embassy", "the mill's manager": an unnamed person, whom a
    later "he" or "she" may stand for."""
    return bool(_PERSON_DESCRIBED.match(phrase))


def source_type(phrase: str, name: str | None = None) -> SourceType:
    """The type of a source from its phrase; ``name`` is the name found within it."""
    if is_place(name or phrase.strip()):
        return "government"  # "Ukraine said", "New Hampshire announced": not a person
    if _NGO.search(phrase):
        return "organization"  # "The aid agency Common Bread", "..., a research body"
    described = _described_as(phrase) if not _ANONYMOUS.search(phrase.strip()) else None
    if described == "person" and is_organisation_like(name or phrase.partition(",")[2]):
        described = None  # "The fund's manager, Pemsley & Roke": a firm that manages it
    if described is not None:
        return described  # "A local aid group, Riverside Relief": what the article calls it
    kind_before = _kind_before_name(phrase, name)
    if kind_before is not None:
        return kind_before  # "Online payments company Quorrel Pay", "the business daily X"
    if name and (
        (_looks_like_personal_name(name) and not is_organisation_like(name)) or _titled_person(name)
    ):
        return "person"  # a named person, whatever their affiliation or title
    if _ANONYMOUS.search(phrase.strip()):
        return "anonymous"
    if _TYPE_PATTERNS["document"].fullmatch(phrase.split()[-1] if phrase.split() else ""):
        return "document"  # "company registry filings", "the ministry's report"
    if _ISSUED_DOCUMENT.match(phrase.strip()):
        return "document"  # "figures published last month by the regulator"
    if _HEADED_BY_A_PERSON.match(phrase.strip()):
        return "person"  # "The chair of the athletes' commission", "the board member"
    if (
        name
        and _BODIES.match(name.split()[-1])
        and not _TYPE_PATTERNS["armed_group"].search(phrase)
    ):
        return "organization"  # "The Kelvary Airline Pilots Association": not an airline
    for kind, pattern in _TYPE_WORDS:
        if pattern.search(phrase):
            return kind
    if _SOMEONE_AT.match(phrase.strip()):
        return "person"  # "a doctor at the region's main hospital": not the hospital
    if is_organisation_like(name or phrase):
        return "organization"  # "the Civic Front": a name, but no person's
    if _TITLE.search(phrase) or _looks_like_personal_name(phrase):
        return "person"
    return "unknown"


def _kind_before_name(phrase: str, name: str | None) -> SourceType | None:
    """What the words right before a name call it: "Online payments company Quorrel Pay",
    "the business daily Handelsblad Ostrava", "the state news agency OSTA"."""
    at = phrase.rfind(name) if name else -1
    before = phrase[:at].strip() if at > 0 else ""
    last = before.split()[-1] if before else ""
    if (
        not last[:1].islower()
        or _PERSON_HEAD.fullmatch(last)
        or last.lower() in ("ceo", "executive")
    ):
        return None  # "Rebel commander Ilan Varga", "chief executive Ada Krenn": a person
    return _kind_ending(before, ("media", "company"))


def _kind_ending(description: str, kinds: tuple[SourceType, ...]) -> SourceType | None:
    """The first of ``kinds`` whose word is the description's last ("the state news
    agency", not "the army's former spokesman")."""
    for kind in kinds:
        if any(m.end() == len(description) for m in _TYPE_PATTERNS[kind].finditer(description)):
            return kind
    return None


def _titled_person(name: str) -> bool:
    """A title, then a person's name: "Interior Minister Galen Troy", "army spokesman Col.
    Ilan Varga", "Professor Elias Grunwald of the University of Ardenvale"; not "Corvane
    Minerals" or "Bank of Valdenia"."""
    person, *affiliation = re.split(r"\s+(?:of|at|from)\s+(?:the\s+)?(?=[A-Z])", name, maxsplit=1)
    if affiliation and _looks_like_personal_name(person) and not is_organisation_like(person):
        return True  # "Marek Soldan of Oakvell Capital"
    words = person.split()
    tail = 0  # the capitalised words at the end that name no kind of body
    for word in reversed(words):
        if (
            not word[:1].isupper()
            or _typed(word)
            or _COMPANY_WORDS.search(word)
            or _TITLE.fullmatch(word.rstrip("."))
        ):
            break
        tail += 1
    if tail < len(words) and words[-tail - 1] in ("on", "for", "of", "and", "to", "in"):
        return False  # "Intergovernmental Panel on Climate Change": a body's name
    return 2 <= tail < len(words) and not words[-1].endswith(".")


# what a description before a name calls the source ("A local aid group, Riverside Relief"),
# by its last word
_DESCRIBED = re.compile(
    r"^(?:an?|the|his|her|their|its|[\w-]+['\u2019]s)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?P<head>[\w-]+),\s",
    re.I,
)
_BODIES = re.compile(
    r"^(?:group|charity|union|party|association|federation|alliance|coalition|"
    r"society|movement|organi[sz]ation|network|campaign|foundation|front)$",
    re.I,
)


# bodies that are neither a government's nor a company's, whatever else their name holds
_NGO = re.compile(
    r"\b(aid (agency|group|organi[sz]ation)|relief agency|humanitarian (agency|group|"
    r"organi[sz]ation)|charity|non-?profit|ngo|research (body|group|institute)|"
    r"international body|think tank|watchdog group|rights group)\b"
    r"(?![\'\u2019]s\b)",  # "The charity's former treasurer, Margaret Elsby": a person
    re.I,
)


def _described_as(phrase: str) -> SourceType | None:
    found = _DESCRIBED.match(phrase.strip())
    if found is None:
        return None
    description = phrase.strip()[: found.end("head")]
    if re.search(r"\bmember of\b", description, re.I):
        return "person"  # "The local member of parliament, Oona Strickland"
    held = re.split(r"\s+(?:at|of|for|from|in|with)\s+", description, maxsplit=1)[0]
    if held != description and _PERSON_HEAD.search(held.split()[-1]):
        return "person"  # "Feld's colleague at the firm, Hanna Lutz": not the firm
    if _TYPE_PATTERNS["armed_group"].search(description):
        return "armed_group"  # "the Karrow Liberation Front, the rebel group"
    if _BODIES.match(found.group("head")):
        return "organization"
    if _PERSON_HEAD.fullmatch(found.group("head")) or _GENERAL_TITLE.search(description):
        return "person"  # "Teskovic's sister, Miriam", "the mill's manager, Lukas Brem"
    return _kind_ending(
        description, ("media", "armed_group", "military", "government", "company", "document")
    )


_COMPANY_WORDS = re.compile(
    r"\b(minerals|mining|textiles|shipping|energy|motors|foods|pharma\w*|airways|air|airlines|"
    r"systems|technologies|labs|works|industries|partners|capital|holdings|logistics|steel|"
    r"chemicals|foods|farms|mills|construction|civil works|insurance|telecom|media|news|"
    r"press|wire|network|institute|commission|council|office|board|agency|authority|"
    r"association|federation|alliance|coalition|front|party|union|ministry|department|"
    r"university|hospital|court|police|army|navy|service|group|bank|fund|international|"
    r"relief|watch|rights|trust|foundation|centre|center|forum|initiative|fc|afc|"
    # words that name a firm or a body and hardly a person ("Samantha Power" is a person)
    r"polymers|plastics|petroleum|resources|solutions|securities|savings|mutual|research|"
    r"analytics|therapeutics|pharmaceuticals|biotech|ventures|enterprises|brands|consulting|"
    r"utilities|railways?|freight|aerospace|automotive|electronics|robotics|software|"
    r"monitor|panel|observatory|institution)\b",
    re.I,
)


def is_organisation_like(name: str) -> bool:
    """Names that look personal but name an organisation: "Corvane Minerals", "Tidewater Press"."""
    return bool(_COMPANY_WORDS.search(name)) or _typed(name) or "&" in name


def _typed(name: str) -> bool:
    return any(pattern.search(name) for _, pattern in _TYPE_WORDS)


def _looks_like_personal_name(phrase: str) -> bool:
    """ "Mara Olsen", "L. M. Eshun", "Dr. Felipe Nwachukwu", "Col. Ilan Varga"."""
    words = phrase.split()
    if not 2 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
        return False
    return not words[-1].endswith(".") and words[0].lower() not in ("the", "a", "an")


def is_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in PRONOUNS


def is_person_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in _PERSON_PRONOUNS


def canonical_name(phrase: str) -> str:
    """The name within a source phrase: "union leader Mara Olsen" -> "Mara Olsen".

    Titles and affiliations stay where there is no trailing name ("a spokesman for the
    army"); an appositive after a comma is dropped ("Mara Olsen, the union's leader").
    """
    phrase = phrase.strip().strip(",;:")
    head = re.split(r",(?!\d{3}\b)", phrase)[0].strip()  # not the comma of "9,000"
    if not head:
        return phrase
    runs = list(_NAME_RUN.finditer(head))
    if runs:
        last = runs[-1]
        lowercase_before = head[: last.start()].strip()
        ends_with_name = last.end() == len(head)
        affiliation = re.search(
            # French and Spanish too: "la mairie de Valmerac", "los bomberos de la Costa"
            r"\b(for|of|at|from|with|in|on|near|inside|outside|across|around|by|de|du|des|"
            r"del|de la|de los|de las)\s*$",
            lowercase_before,
            re.I,
        )
        descriptor = any(word[:1].islower() for word in lowercase_before.split())
        # "documents seen by the Harbour Gazette": the documents speak, the paper saw them
        seen = _SEEN_BY.search(lowercase_before)
        if ends_with_name and descriptor and not affiliation and not seen:
            return last.group(0)
    return head


_SEEN_BY = re.compile(r"\b(?:seen|obtained|reviewed|viewed|examined)\s+by(?:\s+the)?\s*$", re.I)
# a run of capitalised words, abbreviations and initials: "Former New York Gov. George Pataki"
_CAPITALISED = re.compile(
    r"(?<![\w.'\u2019])(?:[A-Z\u00c0-\u00de][\w'\u2019.-]*)"
    r"(?:\s+(?:(?:de|van|von|al|da|di|le|la)\s+)?[A-Z\u00c0-\u00de][\w'\u2019.-]*)*"
)
_NAME_WORD = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'\u2019]+(?:-[A-Z][a-z'\u2019]+)?|[A-Z]\.)$"
)
_PARTICLES = frozenset("de van von al da di le la".split())
# words before a name that are not part of it: titles and offices ...
_BEFORE_A_NAME = frozenset(
    """mr mrs ms dr prof professor sir dame lord lady gen general col colonel lt lieutenant sgt
    sergeant capt captain cmdr commander adm admiral maj major rep representative sen senator
    gov governor president vice former ambassador secretary minister judge justice mayor
    chairman chairwoman chair congressman congresswoman councillor councilman councilwoman
    chief director spokesman spokeswoman pastor rev reverend prince princess king queen sheikh
    u.s u.k""".split()
)
# ... and, at a run's start only, a sentence's opening word ("Then Brafman", "If Trump")
_OPENERS = frozenset(
    """in on at after before when while but and however meanwhile last next this that these
    those it he she they we our its their his her according then as if so yet now still also
    even thus instead here there today yesterday later earlier what who why how where""".split()
)
# words that make a capitalised run an institution or an event, not a person
_NOT_IN_A_NAME = frozenset(
    """house senate congress assembly parliament democratic republican democrats republicans
    court university college school street avenue road square river county city national
    international day week primary caucus caucuses monday tuesday wednesday thursday friday
    saturday sunday i i'm i\u2019m i've i\u2019ve i'll i\u2019ll i'd i\u2019d""".split()
)  # and "Speaking Sunday on ABC, he said", "What I'm saying is"
_AT_A_PLACE = (" in", " at", " near", " across", " throughout")
OPENING_QUOTES = ('"', "\u201c", "\u2018", "'")


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """Country names, and country and region names (ISO 3166, from pycountry): "Syria";
    "South Carolina", "Saudi Arabia"."""
    import pycountry

    countries = {
        value.lower()
        for country in pycountry.countries
        for field in ("name", "common_name", "official_name")
        if (value := getattr(country, field, None))
    }
    regions = {s.name.lower() for s in pycountry.subdivisions}
    return frozenset(countries), frozenset(countries | regions)


def is_place(name: str) -> bool:
    """A country, or a region of two words or more: one-word region names are often names
    of people too ("Paul" is a region of Cabo Verde)."""
    countries, places = _places()
    folded = name.strip().lower()
    return folded in (places if " " in folded else countries)


def person_names(sentence: str) -> Iterator[str]:
    """The personal names a sentence holds, without titles: "Congressman Chris Collins" gives
    "Chris Collins", "Hillary Clinton's campaign" "Hillary Clinton"; places ("Salem, New
    Hampshire"), institutions ("the Democratic White House contender") and organisations
    are not names of people, nor are the capitals of a headline ("Not Yet, At Least") or
    a quoted phrase ("calling him 'Lindau's Biggest Loser'")."""
    if _is_title_case(sentence.split()):
        return
    for run in _CAPITALISED.finditer(sentence):
        if _COMPANY_WORDS.search(run.group(0)):
            # "the Garment Workers' Union" is not "Garment Workers"; "Police Chief Anita
            # Rowe" is Anita Rowe, the name after a title
            words = run.group(0).split()
            titled = any(w.lower().rstrip(".") in _BEFORE_A_NAME for w in words)
            if titled and (name := _person_in(words)) is not None:
                yield name
            continue
        before = " " + sentence[max(0, run.start() - 16) : run.start()].lower()
        if before.endswith(OPENING_QUOTES):
            continue
        before = before.rstrip()
        if before.endswith((" the", " a", " an", *_AT_A_PLACE)):
            continue
        if run.group(0).split()[0] in ("The", "A", "An"):
            continue  # "The Vellan Ledger", "A Harbour Property spokesman"
        segment: list[str] = []
        words = run.group(0).split()
        if len(words[-1]) > 2:  # a sentence's full stop, not an initial's
            words[-1] = words[-1].rstrip(".")
        for word in words:
            possessive = word.endswith(("'s", "\u2019s", "'", "\u2019"))
            segment.append(re.sub(r"['\u2019]s?$", "", word))
            if possessive:  # "Iowa's Cedar Rapids Gazette": the possessive ends a name
                if (name := _person_in(segment)) is not None:
                    yield name
                segment = []
        if segment and (name := _person_in(segment)) is not None:
            yield name


def _is_title_case(tokens: list[str]) -> bool:
    """ "Claim That Trump Is In Recruiting Videos Isn't True": most words capitalised and no
    lowercase word of four letters or more (a sentence naming several people has its verbs
    in lower case: "If Mara Olsen wins, Ben Still loses")."""
    if len(tokens) < 5 or sum(t[:1].isupper() for t in tokens) < 0.7 * len(tokens):
        return False
    return not any(t[:1].islower() and sum(c.isalpha() for c in t) >= 4 for t in tokens)


def _person_in(words: list[str]) -> str | None:
    while words and words[0].lower() in _OPENERS:
        words = words[1:]
    after_titles = [
        i + 1 for i, word in enumerate(words) if word.lower().rstrip(".") in _BEFORE_A_NAME
    ]
    name = words[max(after_titles, default=0) :]
    if not 2 <= len(name) <= 4 or name[-1].endswith("."):
        return None
    if not all(_NAME_WORD.match(w) or w in _PARTICLES for w in name):
        return None
    if any(w.lower() in _NOT_IN_A_NAME for w in name):
        return None
    joined = " ".join(name)
    if is_organisation_like(joined) or is_place(joined):
        return None
    return joined
