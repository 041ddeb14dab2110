"""Naming and typing the source of a claim from the words the article uses for it."""

from __future__ import annotations

import re

from service.domain.claims import SourceType

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})

_ANONYMOUS = re.compile(
    r"\b(condition of anonymity|not authori[sz]ed to|declined to be (named|identified)|"
    r"asked not to be (named|identified)|familiar with|unnamed|anonymous|"
    r"\b(a|an|one|two|three|several|some)\s+([\w-]+\s+){0,3}?"
    r"(source|sources|official|officials|diplomat|diplomats|person|people|insider|insiders)\b|"
    r"^(sources|officials|diplomats|witnesses|residents|analysts|observers|organi[sz]ers|"
    r"protesters|activists|doctors|aid workers|investigators|experts|critics)\b)",
    re.IGNORECASE,
)
_TYPE_WORDS: list[tuple[SourceType, re.Pattern[str]]] = [
    (
        "armed_group",
        re.compile(
            r"\b(rebels?|rebel alliance|militia|militias|militants?|insurgents?|guerrillas?|fighters|coalition of armed|armed group)\b",
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
            r"\b(ministry|minister|government|president|prime minister|mayor|governor|cabinet|parliament|senator|sen\.|council|authority|authorities|department|agency|police|prosecutors?|embassy|spokes(man|woman|person) for the (government|ministry|president))\b",
            re.I,
        ),
    ),
    (
        "company",
        re.compile(
            r"\b(inc\.?|corp\.?|ltd\.?|plc|llc|company|group|holdings|bank|airlines?|chief executive|ceo|firm|manufacturer|minerals|mining|textiles|shipping|motors|industries|logistics|mills|chemicals|technologies)\b",
            re.I,
        ),
    ),
    (
        "media",
        re.compile(
            r"\b(newspaper|news agency|broadcaster|television|tv|radio|magazine|journal|times|post|gazette)\b",
            re.I,
        ),
    ),
    (
        "document",
        re.compile(
            r"\b(report|statement|study|survey|document|memo|letter|filing|court papers|data|figures|census|audit)\b",
            re.I,
        ),
    ),
    (
        "organization",
        re.compile(
            r"\b(union|association|federation|organi[sz]ation|committee|institute|foundation|party|charity|league|society|council|alliance|coalition|movement|ngo|network|campaign|group)\b",
            re.I,
        ),
    ),
]
_TITLE_WORDS = (
    r"mr|mrs|ms|dr|prof|professor|sir|madam|judge|lawyer|attorney|spokesman|spokeswoman|"
    r"leader|chief|director|head|resident|witness|doctor|nurse|teacher|analyst|economist|"
    r"mother|father|farmer|worker|activist|official"
)
_TITLE = re.compile(rf"\b({_TITLE_WORDS})\b", re.I)
# a person described, not named: "a spokesman for ...", "the mill's manager"
_PERSON_DESCRIBED = re.compile(
    rf"^(?:an?|the)\s+(?:[\w'\u2019-]+\s+)?(?:{_TITLE_WORDS}|spokesperson|representative|"
    r"adviser|advisor|minister|manager|officer)\b",
    re.I,
)
_NAME_TOKEN = r"(?:[A-Z\u00c0-\u00de][\w'\u2019.&-]*|[A-Z]\.)"
_NAME_RUN = re.compile(
    rf"{_NAME_TOKEN}(?:\s+(?:(?:de|da|del|van|von|al|bin|ibn|le|la|di|du)\s+)?{_NAME_TOKEN})*"
)


def is_person_described(phrase: str) -> bool:
    """ "A spokesman for the embassy", "the mill's manager": an unnamed person, whom a
    later "he" or "she" may stand for."""
    return bool(_PERSON_DESCRIBED.match(phrase))


def source_type(phrase: str, name: str | None = None) -> SourceType:
    """The type of a source from its phrase; ``name`` is the name found within it."""
    if name and _looks_like_personal_name(name) and not is_organisation_like(name):
        return "person"  # a named person, whatever their affiliation
    if _ANONYMOUS.search(phrase.strip()):
        return "anonymous"
    for kind, pattern in _TYPE_WORDS:
        if pattern.search(phrase):
            return kind
    if _TITLE.search(phrase) or _looks_like_personal_name(phrase):
        return "person"
    return "unknown"


_COMPANY_WORDS = re.compile(
    r"\b(minerals|mining|textiles|shipping|energy|motors|foods|pharma\w*|airways|air|airlines|"
    r"systems|technologies|labs|works|industries|partners|capital|holdings|logistics|steel|"
    r"chemicals|foods|farms|mills|construction|civil works|insurance|telecom|media|news|"
    r"press|wire|network|institute|commission|council|office|board|agency|authority|"
    r"association|federation|alliance|coalition|front|party|union|ministry|department|"
    r"university|hospital|court|police|army|navy|service|group|bank|fund)\b",
    re.I,
)


def is_organisation_like(name: str) -> bool:
    """Names that look personal but name an organisation: "Corvane Minerals", "Tidewater Press"."""
    return bool(_COMPANY_WORDS.search(name)) or _typed(name)


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
    head = phrase.split(",")[0].strip()
    if not head:
        return phrase
    runs = list(_NAME_RUN.finditer(head))
    if runs:
        last = runs[-1]
        lowercase_before = head[: last.start()].strip()
        ends_with_name = last.end() == len(head)
        affiliation = re.search(
            r"\b(for|of|at|from|with|in|on|near|inside|outside|across|around|by)\s*$",
            lowercase_before,
            re.I,
        )
        descriptor = any(word[:1].islower() for word in lowercase_before.split())
        if ends_with_name and descriptor and not affiliation:
            return last.group(0)
    return head
