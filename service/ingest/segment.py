"""Paragraphs and sentences with exact offsets into the text as given.

Nothing here changes the text: every boundary is an index into the original string, so
CRLF, NBSP, U+2028, combining marks and emoji all survive untouched. Paragraphs are
separated by blank lines (or U+2029); text with no blank line but several lines is read a
line a paragraph, as pasted copy and extracted HTML usually are.

Sentences never cross a paragraph. AP-style quotes that run over several paragraphs open a
quote mark in each paragraph and close it only in the last; quote marks are therefore not
balanced across paragraphs, and the splitter does not rely on them being balanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HSPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]"
_BREAK = r"(?:\r\n|[\n\r\u2028\x85])"
_BLANK_LINE = re.compile(rf"{_BREAK}{_HSPACE}*(?:{_BREAK}{_HSPACE}*)+|\u2029")
_LINE = re.compile(rf"{_BREAK}+|\u2029")

# titles and other abbreviations that are (almost) never the end of a sentence
_NEVER_FINAL = frozenset(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt cmdr adm rep reps sen sens gov
    lt.gov pres rev fr sr sra srta dra mme mlle mgr hon st ste mt ft vs v cf approx dept
    est fig jan feb mar apr jun jul aug sep sept oct nov dec ave blvd rd univ vol pp p
    art sec ch para""".split()
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "nr"})  # "No. 5", yet "he said no."
# abbreviations that end a sentence only when a typical sentence opener follows
_AMBIGUOUS = frozenset(["inc", "corp", "ltd", "co", "jr", "bros", "plc", "llc", "etc", "al"])
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # U.S, a.m, e.g (the last dot is the stop)
_NEVER_FINAL_DOTTED = frozenset({"e.g", "i.e", "cf"})
_OPENERS = frozenset(
    """the a an he she it they we i his her its their our this that these those there but
    and yet so in on at for by after before when while as if although though despite
    however meanwhile earlier later last next some many most several no one two three
    police officials authorities according""".split()
)

# a spaced ellipsis (". . .", ". . . .") is one mark, like "..." or "\u2026"
_TERMINATOR = re.compile(
    r"(?:\.(?:[ \u00a0]\.){2,}|[.!?\u2026]+)([\"'\u201d\u2019\u00bb)\]]*)"
    # a line that ends in a semicolon: a headline and its deck ("Port strike ends; \n
    # Workers return on Monday")
    r"|;(?=[ \t\u00a0]*(?:\r\n|[\n\r\u2028\x85]))"
)
_OPENING = "\"'\u201c\u2018\u00ab([¿¡"


@dataclass(frozen=True)
class Region:
    start: int
    end: int


def split_paragraphs(text: str) -> list[Region]:
    """Paragraph regions, trimmed of surrounding white space; empty ones are skipped."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    regions: list[Region] = []
    position = 0
    for found in separator.finditer(text):
        _append_trimmed(text, position, found.start(), regions)
        position = found.end()
    _append_trimmed(text, position, len(text), regions)
    return regions


_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060")


def _append_trimmed(text: str, start: int, end: int, out: list[Region]) -> None:
    # a byte-order mark or a zero-width space at a paragraph's edge is no part of it
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    if end > start:
        out.append(Region(start, end))


def split_sentences(text: str, start: int, end: int) -> list[Region]:
    """Sentence regions inside ``text[start:end]`` (one paragraph)."""
    regions: list[Region] = []
    sentence_start = start
    for found in _TERMINATOR.finditer(text, start, end):
        stop = found.end()
        if stop < end and not text[stop].isspace():
            continue  # 3.5, U.S.-led, "fight."She: not a boundary
        if _is_boundary(text, sentence_start, found.start(), stop, end):
            _append_trimmed(text, sentence_start, stop, regions)
            sentence_start = stop
    _append_trimmed(text, sentence_start, end, regions)
    return regions


def _is_boundary(text: str, sentence_start: int, term_start: int, stop: int, end: int) -> bool:
    following = _next_word(text, stop, end)
    if following is None:
        return True
    first = following[0]
    if first.islower():
        return False
    quoted_cry = text[stop - 1] in _CLOSING_QUOTES and not text[term_start:stop].startswith(".")
    if quoted_cry and _speaker_follows(text, stop, end):
        return False  # '"Can we win?" Mr. Brem asked.': the quotation's speaker, not a sentence
    if text[term_start] != "." or text[term_start + 1 : stop].lstrip(" \u00a0").startswith("."):
        return True
    if text[stop - 1] != ".":
        return True  # a closing quote or bracket after the stop: "No." He left.
    word = _previous_word(text, sentence_start, term_start)
    if not word:
        return True
    bare = word.lower()
    if bare in _NUMBER_ABBREVIATIONS:
        return not following[0].isdigit()
    if bare in _NEVER_FINAL or bare in _NEVER_FINAL_DOTTED:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: J. R. Tolkin
    opener = following.strip(_OPENING).lower()
    if bare in _AMBIGUOUS or _DOTTED.match(word):
        return opener in _OPENERS
    return True


_CLOSING_QUOTES = "\"'\u201d\u2019"
# what a speaker does right after a quotation that ends in "?" or "!"
_SPEAKING = frozenset(
    """said says asked asks added adds told tells wrote writes replied replies answered
    shouted yelled declared continued insisted responded tweeted wondered""".split()
)
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
_NAME_WORD = re.compile(r"^[A-Z][\w.'\u2019-]*$")


def _speaker_follows(text: str, stop: int, end: int) -> bool:
    """One to four capitalised words and a verb of speaking follow ``stop``."""
    words = text[stop:end].split(maxsplit=5)[:5]
    if words and words[0].lower() in _PRONOUNS:
        return False  # '"Why?" He asked again.' starts a sentence of its own
    for index, word in enumerate(words):
        if index and word.strip(",.;:").lower() in _SPEAKING:
            return True
        if not _NAME_WORD.match(word):
            return False
    return False


def _next_word(text: str, position: int, end: int) -> str | None:
    while position < end and text[position].isspace():
        position += 1
    if position >= end:
        return None
    stop = position
    while stop < end and not text[stop].isspace():
        stop += 1
    word = text[position:stop]
    stripped = word.lstrip(_OPENING)
    return stripped or word


def _previous_word(text: str, sentence_start: int, term_start: int) -> str:
    position = term_start
    while position > sentence_start and not text[position - 1].isspace():
        position -= 1
    return text[position:term_start].lstrip(_OPENING)
