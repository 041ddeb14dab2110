"""Finding a quote in the article: exact, then tolerant, always mapped back to true offsets.

The tolerant form folds what a model or a copy-paste changes without changing meaning:
runs of white space (NBSP, line and paragraph separators included), quote-mark and dash
styles, case, and accents (NFKD with combining marks dropped). Each folded character keeps
the index of the article character it came from, so a match maps back to exact offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

_QUOTES = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}

MatchLevel = Literal["exact", "tolerant"]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    level: MatchLevel


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    if char in _QUOTES:
        return _QUOTES[char]
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text``; ``index[i]`` is the position in ``text`` of folded character ``i``."""
    out: list[str] = []
    index: list[int] = []
    last_space = True
    for position, char in enumerate(text):
        folded = _fold_char(char)
        if folded == " ":
            if last_space:
                continue
            last_space = True
        elif folded:
            last_space = False
        for piece in folded:
            out.append(piece)
            index.append(position)
    # drop one trailing space so that "abc " and "abc" fold alike
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def fold(text: str) -> str:
    return fold_with_map(text)[0]


def find_quote(text: str, quote: str, start: int = 0, end: int | None = None) -> Match | None:
    """Find ``quote`` in ``text[start:end]``: exact first, then tolerant. Offsets into ``text``."""
    end = len(text) if end is None else end
    quote = quote.strip()
    if not quote:
        return None
    position = text.find(quote, start, end)
    if position >= 0:
        return Match(position, position + len(quote), "exact")
    folded_quote = fold(quote).strip()
    if not folded_quote:
        return None
    folded_region, index = fold_with_map(text[start:end])
    position = folded_region.find(folded_quote)
    if position < 0:
        return None
    last = position + len(folded_quote) - 1
    match_start = start + index[position]
    match_end = start + index[last] + 1
    # a folded character may come from a longer original one (an ellipsis, a ligature):
    # extend the end over any combining marks that belong to the last matched character
    while match_end < end and unicodedata.combining(text[match_end]):
        match_end += 1
    return Match(match_start, match_end, "tolerant")


_WORD_BOUNDARY = r"(?<![\w]){}(?![\w])"


def find_phrase(text: str, phrase: str, start: int = 0, end: int | None = None) -> list[Match]:
    """Every whole-word, folded occurrence of ``phrase`` in ``text[start:end]``."""
    end = len(text) if end is None else end
    folded_phrase = fold(phrase).strip()
    if not folded_phrase:
        return []
    folded_region, index = fold_with_map(text[start:end])
    pattern = re.compile(_WORD_BOUNDARY.format(re.escape(folded_phrase)))
    matches = []
    for found in pattern.finditer(folded_region):
        matches.append(
            Match(start + index[found.start()], start + index[found.end() - 1] + 1, "tolerant")
        )
    return matches
