"""The article as fairbrief sees it: text plus paragraph, sentence and chrome offsets.

Every offset counts Unicode code points (Python string indices) into ``Article.text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ChromeKind = Literal[
    "advertisement",
    "byline",
    "caption",
    "comment",
    "cookie",
    "copyright",
    "credits",
    "dateline",
    "editor_note",
    "navigation",
    "newsletter",
    "related",
    "share",
    "timestamp",
]


class Span(BaseModel):
    """A slice of the article text: ``text == article.text[start:end]``."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Paragraph(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Sentence(BaseModel):
    """A sentence of article content (never chrome). Ids run S1, S2, ... in text order."""

    model_config = ConfigDict(frozen=True)

    id: str
    paragraph: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ChromeSpan(BaseModel):
    """Page chrome or wire furniture: marked, excluded from analysis, never cut out."""

    model_config = ConfigDict(frozen=True)

    kind: ChromeKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Article(BaseModel):
    id: str = Field(description="sha256 of the text, hex, first 16 characters")
    title: str | None = None
    language: str = Field(description="ISO 639-1 code detected from the content")
    format: Literal["text", "html"]
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    chrome: list[ChromeSpan]

    def sentence(self, sentence_id: str) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.id == sentence_id:
                return sentence
        return None

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])
