"""Small text checks the verify stage applies to summary sentences.

Each is a pure function over strings, so the eval harness can apply the same checks to
free-form summaries (FRANK, QAGS) that never went through a backend.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.pipeline.textmatch import fold, fold_with_map

_NUMBER = re.compile(
    r"(?<![\w.,])[-+]?(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:[.,]\d+)?(?![\w])"
)
_QUOTED = re.compile(
    r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u201e\u00ab\u00bb]{2,}?)[\"\u201d\u00bb]"
)
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])([A-Z\u00c0-\u00de][\w'\u2019.-]*[\w])")

LOADED_WORDS = frozenset(
    """regime regimes terrorist terrorists thug thugs slammed blasted brutal heroic
    shocking outrageous so-called massacre massacred slaughter slaughtered atrocity
    atrocities butcher butchers notorious disgraced embattled infamous lied lies hoax
    propaganda cronies crony mob rioters radical extremist extremists fanatic fanatics
    clearly obviously undeniably shamefully disgraceful despicable heinous evil cowardly""".split()
)
REPORTING_CUES = frozenset(
    """according said says say told tells stated states claimed claims claim alleged
    alleges allegedly reportedly reported reports denied denies deny warned warns
    insisted insists added adds estimated estimates accused accuses argued argues noted
    notes maintained maintains asserted asserts announced announces confirmed confirms
    acknowledged acknowledges predicted predicts wrote writes per""".split()
)


_OPENING_WORDS = frozenset(
    """a an the this that these those it its he she they we his her their there here in on
    at after before as by for from meanwhile however but and also yet still while when
    officials police authorities le la les un une des il elle ils el los las una""".split()
)


def normalise_number(token: str) -> str:
    """ "1,200" and "1200" are one number; "3.5" and "3,5" too."""
    digits = re.sub(r"[\u00a0\u202f ]", "", token).lstrip("+")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d{1,2}", digits):
        digits = digits.replace(",", ".")
    return digits.lstrip("-")


def numbers_in(text: str) -> list[str]:
    return [normalise_number(m.group(0)) for m in _NUMBER.finditer(text)]


@lru_cache(maxsize=64)
def _article_numbers(text: str) -> frozenset[str]:
    return frozenset(numbers_in(text))


def missing_numbers(summary: str, article: str) -> list[str]:
    """Numbers of ``summary`` that the article never gives."""
    known = _article_numbers(article)
    return [n for n in numbers_in(summary) if n not in known]


def quoted_segments(text: str) -> list[str]:
    return [m.group(1).strip() for m in _QUOTED.finditer(text)]


def _verbatim_fold(text: str) -> str:
    """White space and quote-mark style folded; case, accents and words kept."""
    text = re.sub(r"\s+", " ", text)
    return text.replace("\u2019", "'").replace("\u2018", "'")


def altered_quotes(summary: str, article: str) -> list[str]:
    """Quoted words of ``summary`` that do not occur verbatim in the article."""
    haystack = _verbatim_fold(article)
    missing = []
    for segment in quoted_segments(summary):
        needle = _verbatim_fold(segment).rstrip(",.;:!? ")
        if needle and needle not in haystack:
            missing.append(segment)
    return missing


def unknown_names(summary: str, article: str) -> list[str]:
    """Capitalised words of ``summary`` the article never uses (as a whole word)."""
    known = _article_words(article)
    unknown = []
    for index, found in enumerate(_CAPITALISED.finditer(summary)):
        word = found.group(1).rstrip(".")
        if fold(word) in known:
            continue
        if index == 0 and found.start() < 3 and word.lower() in _OPENING_WORDS:
            continue  # an ordinary word starting the sentence is no name
        unknown.append(word)
    return unknown


@lru_cache(maxsize=64)
def _article_words(text: str) -> frozenset[str]:
    folded, _ = fold_with_map(text)
    return frozenset(re.findall(r"[\w'.-]*\w", folded))


def loaded_words(summary: str) -> list[str]:
    """Loaded words in the summary's own voice (quoted words are the source's, not ours)."""
    unquoted = _QUOTED.sub(" ", summary)
    words = re.findall(r"[\w-]+", unquoted.lower())
    return [w for w in words if w in LOADED_WORDS]


_FUNCTION_WORDS = frozenset(
    """been have were that this with from they them their there would could should will
    about after before more than into over under also just only some such what when where
    which while other said says told according being does done very much many most""".split()
)


def content_words(text: str) -> set[str]:
    """Words that carry content: longer than three letters and not function words."""
    words = re.findall(r"\w+", fold(text))
    return {w for w in words if w.isdigit() or (len(w) > 3 and w not in _FUNCTION_WORDS)}
