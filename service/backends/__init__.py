"""Backends turn an Article into an untrusted Draft. ``openai`` is imported only here."""

from __future__ import annotations

from typing import Protocol

from service.domain import Article, Draft, SummaryOptions


class Backend(Protocol):
    """What the pipeline needs of an engine."""

    name: str
    version: str
    sends_text_out: bool

    async def draft(self, article: Article, options: SummaryOptions) -> Draft: ...
