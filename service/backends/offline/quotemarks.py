"""Two apostrophes as a quotation mark (''We are five,'' Nega said), read as one.

Newspaper archives and wire feeds that went through plain-ASCII systems write quotation
marks as two apostrophes, and sometimes open them with two backticks. The engine's rules
and the parser know the double quote; so the engine reads a copy of the article in which
each such pair is one double quote, with its paragraphs and sentences moved to match
(:func:`read_article`), and every quote it drafts is cut back out of the article as
written (:meth:`Reading.as_written`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TypeVar

from service.domain.article import Article, ChromeSpan, Paragraph, Sentence

# '' or `` not inside a longer run of apostrophes ("rock 'n' roll" has single ones); and
# a run of three, which a quotation inside a quotation ends or opens with
_PAIR = re.compile(r"(?<!['`])(?:'''|''|``)(?!['`])")


def _pairs(text: str) -> list[tuple[int, int]]:
    """Where each two-apostrophe mark stands. Of a run of three, the pair is the outer
    mark: the last two where the run ends a word ("at all,'''": a single quote closed, then
    the double), the first two where it opens one; a run between spaces is none."""
    pairs = []
    for found in _PAIR.finditer(text):
        start, end = found.span()
        if end - start == 2:
            pairs.append((start, end))
            continue
        after_word = start > 0 and not text[start - 1].isspace()
        before_word = end < len(text) and not text[end].isspace()
        if after_word and not before_word:
            pairs.append((start + 1, end))
        elif before_word and not after_word:
            pairs.append((start, start + 2))
    return pairs


@dataclass(frozen=True)
class Reading:
    """The text as read, and where each of its characters stands in the text as written."""

    text: str
    starts: list[int]  # starts[i]: where read character i starts in the written text
    ends: list[int]  # ends[i]: where it ends there

    def position(self, written_at: int) -> int:
        """The read offset of a written offset (a boundary between characters)."""
        return bisect_left(self.starts, written_at)

    def as_written(self, written: str, start: int, end: int) -> str:
        """What ``self.text[start:end]`` is in ``written``, whole marks included."""
        if end <= start:
            return ""
        return written[self.starts[start] : self.ends[end - 1]]


def standard_quotes(text: str) -> Reading | None:
    """``text`` with each two-apostrophe (or two-backtick) quotation mark as one double
    quote; None when it has none."""
    if "''" not in text and "``" not in text:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end in _pairs(text):
        pieces.append(text[position:start])
        starts.extend(range(position, start))
        ends.extend(range(position + 1, start + 1))
        pieces.append('"')
        starts.append(start)
        ends.append(end)
        position = end
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return Reading("".join(pieces), starts, ends)


def read_article(article: Article) -> tuple[Article, Reading] | None:
    """The article as the engine reads it, offsets moved to its text; None when it has
    no such marks."""
    reading = standard_quotes(article.text)
    if reading is None:
        return None
    read = article.model_copy(
        update={
            "text": reading.text,
            "paragraphs": [_moved(p, reading) for p in article.paragraphs],
            "sentences": [_moved(s, reading) for s in article.sentences],
            "chrome": [_moved(c, reading) for c in article.chrome],
        }
    )
    return read, reading


_Part = TypeVar("_Part", Paragraph, Sentence, ChromeSpan)


def _moved(part: _Part, reading: Reading) -> _Part:
    return part.model_copy(
        update={"start": reading.position(part.start), "end": reading.position(part.end)}
    )
