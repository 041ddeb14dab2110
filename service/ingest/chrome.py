"""Page chrome and wire furniture: recognised, marked, and kept out of the analysis.

Chrome is never cut out of the text (offsets must keep pointing at the client's copy); it
is returned as marked spans, and no sentence, claim, source or summary comes from it.
Recognition is by paragraph, plus the dateline prefix of an opening paragraph. Once a
reader-comment section starts, everything after it is comment chrome: reader comments
are not the article, whatever they say (instructions to an AI included).
"""

from __future__ import annotations

import re

from service.domain.article import ChromeKind, ChromeSpan
from service.ingest.segment import Region

_I = re.IGNORECASE
_SHORT = 160  # chrome paragraphs are short; a long paragraph is article text


class _Guarded:
    """A pattern that cannot match without a literal (``needle``, lower case): a substring
    test rules most paragraphs out before the regex runs (a regex that may match anywhere
    in a long paragraph tries every position)."""

    def __init__(self, needle: str, pattern: re.Pattern[str]) -> None:
        self.needle, self.pattern = needle, pattern

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.needle in text.lower() else None


# (kind, pattern, may the paragraph be long?)
_PARAGRAPH_RULES: list[tuple[ChromeKind, re.Pattern[str] | _Guarded, bool]] = [
    (
        "comment",
        re.compile(r"^(add|leave|post|write|show|view|load)( a| your)? comments?\b", _I),
        False,
    ),
    ("comment", re.compile(r"your email address will not be published", _I), True),
    ("comment", re.compile(r"required fields are marked", _I), True),
    ("comment", re.compile(r"^(\d+\s+)?(reader\s+)?comments?(\s*\(\d+\))?\s*:?$", _I), False),
    (
        "comment",
        re.compile(
            r"^(comments are closed|log in to comment|join the (conversation|discussion))", _I
        ),
        False,
    ),
    ("newsletter", re.compile(r"\b(sign up|subscribe)\b.{0,60}\bnewsletters?\b", _I), False),
    ("newsletter", re.compile(r"\bnewsletters?\b.{0,60}\b(inbox|sign up|subscribe)\b", _I), False),
    (
        "newsletter",
        re.compile(r"^(enter your email|get (the latest|our best).{0,60}inbox)", _I),
        False,
    ),
    (
        "cookie",
        _Guarded(
            "cookie",
            re.compile(
                r"\b(we|this (site|website)) uses? cookies\b|\bcookie (policy|settings|preferences)\b|^accept (all )?cookies",
                _I,
            ),
        ),
        True,
    ),
    (
        "related",
        re.compile(
            r"^(related( stories| articles| coverage| content| links)?|read more|more on this"
            r"( story)?|see also|recommended( for you)?|most read|you may also like|"
            r"more from [\w ]{1,30}|trending( now)?)\s*(:?\s*$|:\s)",
            _I,
        ),
        False,
    ),
    (
        "share",
        re.compile(
            r"^(share( this)?( article| story| page)?|share on \w+|tweet|e-?mail this|print|copy link|whatsapp|facebook|twitter|linkedin|reddit)(\s*[|/,:]?\s*(share|tweet|email|print|facebook|twitter|x|linkedin|whatsapp|reddit|copy link))*\s*:?$",
            _I,
        ),
        False,
    ),
    (
        "credits",
        re.compile(
            r"^\(?\s*(additional\s+)?(reporting|writing|editing|compiled|contributing)\s+by\b", _I
        ),
        True,
    ),
    (
        "caption",
        re.compile(
            r"^(photo|image|picture|file photo|caption|video)(\s+(credit|caption|source))?\s*[:|]",
            _I,
        ),
        True,
    ),
    ("caption", re.compile(r"^image (caption|source|copyright)\b", _I), True),
    (
        "caption",
        re.compile(r"\((ap|afp|reuters|epa|getty)?\s*(photo|image|picture)s?\b[^)]*\)\s*$", _I),
        True,
    ),
    (
        "caption",
        _Guarded(
            "/",
            re.compile(
                r"\b(photo|picture|image):?\s*[\w .'-]{0,40}/\s*(getty images|afp|reuters|ap|epa)\b",
                _I,
            ),
        ),
        True,
    ),
    (
        "editor_note",
        re.compile(
            r"^\(?\s*(editor'?s'?|editors'?)\s+note\b|^note to (editors|readers)\b", _I | re.U
        ),
        True,
    ),
    ("editor_note", re.compile(r"^(editor\u2019s|editors\u2019)\s+note\b", _I), True),
    (
        "advertisement",
        re.compile(
            r"^(advertisement|sponsored( content)?|story continues below( advertisement)?|ad)$", _I
        ),
        False,
    ),
    ("copyright", re.compile(r"^(\u00a9|copyright\b|\(c\)\s)|\ball rights reserved\b", _I), False),
    (
        "navigation",
        re.compile(r"^(skip to (main )?content|home\s*[|>/]|menu$|search$|sign in$|log in$)", _I),
        False,
    ),
    ("navigation", re.compile(r"^(follow us on|click here)\b", _I), False),
]

_TIMESTAMP = re.compile(
    r"^(published|updated|posted|last updated|first published)(\s+on)?\s*:?\s*"
    r"(\d|(mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
# "The Carrow Examiner | Local News": a masthead or a breadcrumb, not a sentence
_MASTHEAD = re.compile(r"^[^.!?]{1,60}(\s[|\u203a>\u00bb/]\s[^.!?|]{1,40})+$")
# "By Ana Ruiz", "By ANA RUIZ and Tom Berg, Northwire", "By Ana Ruiz | Northwire"
_BYLINE = re.compile(
    r"^by\s+[A-Z\u00c0-\u00de][\w.'\u2019-]+(\s+[A-Z\u00c0-\u00de][\w.'\u2019-]+){0,3}"
    r"((\s*,\s*|\s+and\s+|\s*&\s*)[A-Z\u00c0-\u00de][\w.'\u2019-]+(\s+[A-Z\u00c0-\u00de][\w.'\u2019-]+){0,3})*"
    r"(\s*[,|\u2022\u2013-]\s*[\w .'\u2019-]{1,40})?$",
    _I,
)
# "LONDON (Reuters) - ", "KESTRAVIA CITY, Nov 23 (Northwire) — ", "PARIS — ",
# "CASTELLARO, Republic of Mirandel (The Mirandel Gazette) - "
_DATELINE = re.compile(
    r"^(?P<place>[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019 -]{1,40}"
    r"(,\s*[A-Z][A-Za-z.]+(\s+(of\s+|de\s+)?[A-Z][A-Za-z.]+){0,3}\.?)*"
    r"(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)"
    r"\s*(\((?P<agency>[^)\n]{1,40})\))?\s*(--|[-\u2013\u2014])\s+"
)
_COMMENT_SECTION: set[str] = {"comment"}


def find_chrome(text: str, paragraphs: list[Region]) -> list[ChromeSpan]:
    """Chrome spans over ``text``: whole paragraphs, or a dateline prefix."""
    spans: list[ChromeSpan] = []
    in_comments = False
    in_related = False
    for number, paragraph in enumerate(paragraphs):
        body = text[paragraph.start : paragraph.end]
        if in_comments:
            spans.append(ChromeSpan(kind="comment", start=paragraph.start, end=paragraph.end))
            continue
        kind = classify_paragraph(body)
        if kind is None and in_related and _looks_like_link(body):
            kind = "related"
        in_related = kind == "related" or (in_related and kind is not None)
        if kind is not None:
            spans.append(ChromeSpan(kind=kind, start=paragraph.start, end=paragraph.end))
            if kind in _COMMENT_SECTION and number > 0:
                in_comments = True
            continue
        if number < 4 and not any(s.kind == "dateline" for s in spans):
            dateline = _DATELINE.match(body)
            if dateline and sum(c.isupper() for c in dateline.group("place")) >= 2:
                spans.append(
                    ChromeSpan(
                        kind="dateline",
                        start=paragraph.start,
                        end=paragraph.start + dateline.end(),
                    )
                )
    return spans


def classify_paragraph(body: str) -> ChromeKind | None:
    stripped = body.strip()
    if len(stripped) <= 100 and _BYLINE.match(stripped) and _byline_names_capitalised(stripped):
        return "byline"
    if len(stripped) <= 100 and _TIMESTAMP.match(stripped):
        return "timestamp"
    for kind, pattern, may_be_long in _PARAGRAPH_RULES:
        if not may_be_long and len(stripped) > _SHORT:
            continue
        if pattern.search(stripped):
            return kind
    if _MASTHEAD.match(stripped):
        return "navigation"
    return None


def _byline_names_capitalised(line: str) -> bool:
    words = line.split()[1:3]
    return all(w[:1].isupper() for w in words)


def _looks_like_link(body: str) -> bool:
    """A short line with no sentence end: a headline in a list of links."""
    stripped = body.strip()
    return len(stripped) <= 120 and not stripped.endswith((".", '"', "\u201d"))
