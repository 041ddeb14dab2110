"""Finding a quote in the article: exact, then tolerant, always mapped back to true offsets.

The tolerant form folds what a model or a copy-paste changes without changing meaning:
runs of white space (NBSP, line and paragraph separators included), quote-mark and dash
styles, case, and accents (NFKD with combining marks dropped). Each folded character keeps
the index of the article character it came from, so a match maps back to exact offsets.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
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


class FoldedText:
    """A text folded once, searched many times: every match maps back to true offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.index = fold_with_map(text)

    def _region(self, start: int, end: int) -> tuple[int, int]:
        return bisect_left(self.index, start), bisect_left(self.index, end)

    def _match(self, folded_start: int, folded_end: int, end: int) -> Match:
        match_start = self.index[folded_start]
        match_end = self.index[folded_end - 1] + 1
        # a folded character may stand for several (an accent and its combining mark)
        while match_end < end and unicodedata.combining(self.text[match_end]):
            match_end += 1
        return Match(match_start, match_end, "tolerant")

    def find(self, quote: str, start: int = 0, end: int | None = None) -> Match | None:
        end = len(self.text) if end is None else end
        needle = fold(quote).strip()
        if not needle:
            return None
        region_start, region_end = self._region(start, end)
        position = self.folded.find(needle, region_start, region_end)
        if position < 0:
            return None
        return self._match(position, position + len(needle), end)

    def find_phrase(self, phrase: str, start: int = 0, end: int | None = None) -> list[Match]:
        end = len(self.text) if end is None else end
        needle = fold(phrase).strip()
        if not needle:
            return []
        region_start, region_end = self._region(start, end)
        pattern = _phrase_pattern(needle)
        return [
            self._match(found.start(), found.end(), end)
            for found in pattern.finditer(self.folded, region_start, region_end)
        ]


@lru_cache(maxsize=32)
def folded_text(text: str) -> FoldedText:
    return FoldedText(text)


@lru_cache(maxsize=1024)
def _phrase_pattern(needle: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")


def find_quote(text: str, quote: str, start: int = 0, end: int | None = None) -> Match | None:
    """Find ``quote`` in ``text[start:end]``: exact first, then tolerant. Offsets into ``text``."""
    end = len(text) if end is None else end
    quote = quote.strip()
    if not quote:
        return None
    position = text.find(quote, start, end)
    if position >= 0:
        return Match(position, position + len(quote), "exact")
    return folded_text(text).find(quote, start, end)


def find_phrase(text: str, phrase: str, start: int = 0, end: int | None = None) -> list[Match]:
    """Every whole-word, folded occurrence of ``phrase`` in ``text[start:end]``."""
    return folded_text(text).find_phrase(phrase, start, end)
