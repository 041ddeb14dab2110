"""Text and HTML to an Article with paragraph, sentence and chrome offsets."""

from __future__ import annotations

import hashlib
import re
from typing import Literal

from service.domain.article import Article, ChromeSpan, Paragraph, Sentence
from service.errors import EmptyInputError, InputTooLargeError
from service.ingest.chrome import find_chrome
from service.ingest.html import extract_html
from service.ingest.language import detect_language
from service.ingest.segment import Region, split_paragraphs, split_sentences

__all__ = ["article_id", "ingest_html", "ingest_text"]


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def ingest_text(text: str, *, title: str | None = None, max_chars: int | None = None) -> Article:
    """An Article over exactly ``text``: nothing is changed, chrome is only marked."""
    _check_text(text, "text", max_chars)
    return _build(text, title=title, format="text")


def ingest_html(html: str, *, title: str | None = None, max_chars: int | None = None) -> Article:
    """An Article over the text trafilatura extracts from ``html``."""
    if not html.strip():
        raise EmptyInputError("the HTML is empty", field="html")
    if max_chars is not None and len(html) > 10 * max_chars:
        raise InputTooLargeError(
            f"the HTML has {len(html)} characters; the limit is {10 * max_chars}",
            limit=10 * max_chars,
            unit="characters",
            field="html",
        )
    text, found_title = extract_html(html)
    _check_text(text, "html", max_chars)
    return _build(text, title=title or found_title, format="html")


def _check_text(text: str, field: str, max_chars: int | None) -> None:
    if not any(character.isalnum() for character in text):
        # a zero-width space, a byte-order mark or a NUL is no more an article than a space
        raise EmptyInputError(
            f"the {field} holds no word: it is empty, or only white space, punctuation or "
            "invisible characters",
            field=field,
        )
    if max_chars is not None and len(text) > max_chars:
        raise InputTooLargeError(
            f"the {field} has {len(text)} characters; the limit is {max_chars}",
            limit=max_chars,
            unit="characters",
            field=field,
        )


def _build(text: str, *, title: str | None, format: Literal["text", "html"]) -> Article:
    regions = split_paragraphs(text)
    chrome = find_chrome(text, regions)
    paragraphs = [Paragraph(index=i, start=r.start, end=r.end) for i, r in enumerate(regions)]
    sentences: list[Sentence] = []
    for index, region in enumerate(regions):
        for content in _content_parts(region, chrome):
            for found in split_sentences(text, content.start, content.end):
                sentences.append(
                    Sentence(
                        id=f"S{len(sentences) + 1}",
                        paragraph=index,
                        start=found.start,
                        end=found.end,
                    )
                )
    content_text = " ".join(text[s.start : s.end] for s in sentences[:60])
    if title is None and format == "text":
        title = _headline(text, sentences)
    return Article(
        id=article_id(text),
        title=title,
        language=detect_language(content_text),
        format=format,
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        chrome=chrome,
    )


# a headline: one line that ends in no full stop, question or exclamation mark, colon or
# comma, and is no longer than a headline gets
_HEADLINE_END = re.compile(r"[.!?:;,\u2026][\"'\u201d\u2019)\]]*$")
_HEADLINE_WORDS = 25


def _headline(text: str, sentences: list[Sentence]) -> str | None:
    """The headline a plain text opens with, as its title: a first paragraph of one short
    line with no sentence end ("Flooding kills 12 in Veloria, officials say"), before more
    paragraphs. It stays a sentence of the article; only the summary leaves it out."""
    if len(sentences) < 2:
        return None
    first = sentences[0]
    line = text[first.start : first.end].strip()
    if (
        sentences[1].paragraph == first.paragraph
        or "\n" in line
        or not (line[:1].isupper() or line[:1].isdigit())
        or len(line.split()) > _HEADLINE_WORDS
        or _HEADLINE_END.search(line)
    ):
        return None
    return line


def _content_parts(region: Region, chrome: list[ChromeSpan]) -> list[Region]:
    """The parts of a paragraph that are not chrome."""
    parts = [region]
    for span in chrome:
        if span.end <= region.start or span.start >= region.end:
            continue
        next_parts = []
        for part in parts:
            if span.start > part.start:
                next_parts.append(Region(part.start, min(part.end, span.start)))
            if span.end < part.end:
                next_parts.append(Region(max(part.start, span.end), part.end))
        parts = [p for p in next_parts if p.end > p.start]
    return parts
