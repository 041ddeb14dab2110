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

# '' or `` not inside a longer run of apostrophes ("rock 'n' roll" has single ones)
_PAIR = re.compile(r"(?<!['`])(?:''|``)(?!['`])")


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
    for found in _PAIR.finditer(text):
        pieces.append(text[position : found.start()])
        starts.extend(range(position, found.start()))
        ends.extend(range(position + 1, found.start() + 1))
        pieces.append('"')
        starts.append(found.start())
        ends.append(found.end())
        position = found.end()
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
