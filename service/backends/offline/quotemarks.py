"""Two apostrophes as a quotation mark (''We are five,'' Nega said), read as one.

Newspaper archives and wire feeds that went through plain-ASCII systems write quotation
marks as two apostrophes, and sometimes open them with two backticks. The engine's rules
and the parser know the double quote; so the engine reads a copy of the article in which
each such pair is a double quote beside a space, of the same length, so that every offset
(paragraphs, sentences, a claim's words) is the same in both, and every quote it drafts is
cut back out of the article as written (:func:`restore`).
"""

from __future__ import annotations

import re

# '' or `` not inside a word's run of apostrophes ("rock 'n' roll" has single ones)
_PAIR = re.compile(r"(?<!['`])(?:''|``)(?!['`])")
# what may stand right before an opening mark
_BEFORE_OPENING = frozenset("([{\u2014\u2013-/")


def standard_quotes(text: str) -> str:
    """``text`` with each two-apostrophe (or two-backtick) quotation mark as a double
    quote on the side of the words it marks and a space on the other: ``said, ''I mean``
    becomes ``said,  "I mean`` and ``combat operation,'' he`` becomes ``operation," he``."""
    if "''" not in text and "``" not in text:
        return text
    out = list(text)
    for found in _PAIR.finditer(text):
        at = found.start()
        before = text[at - 1] if at else " "
        after = text[at + 2] if at + 2 < len(text) else " "
        opening = found.group() == "``" or (
            (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
        )
        out[at : at + 2] = [" ", '"'] if opening else ['"', " "]
    return "".join(out)


def restore(original: str, read: str, quote: str, start: int, end: int) -> str:
    """``quote``, cut from ``read`` (the text the engine read) between ``start`` and
    ``end``, as the same stretch of ``original`` (the article as written), with the whole
    of a two-apostrophe mark that the quote's first or last character stands for. A quote
    that is not found is returned as it is, and verify will say so."""
    if original is read:
        return quote
    at = read.find(quote, start, end)
    if at < 0:
        return quote
    first, last = at, at + len(quote)
    if read[first] == '"' and original[first - 1 : first + 1] in _MARKS:
        first -= 1  # the opening mark's second character stood for the whole mark
    if read[last - 1] == '"' and original[last - 1 : last + 1] in _MARKS:
        last += 1  # the closing mark's first character did
    return original[first:last]


_MARKS = ("''", "``")
