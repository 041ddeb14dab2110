"""``summarize_article``: the one pipeline every shell calls.

ingest -> backend.draft -> verify -> Result, with timings and usage in meta.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from service import __version__
from service.backends import Backend
from service.domain import Article, Meta, Result, SummaryOptions, Usage
from service.ingest import ingest_html, ingest_text
from service.pipeline.verify import verify_draft


@dataclass(frozen=True)
class ArticleInput:
    """What a shell hands the pipeline: the article as text or as HTML."""

    content: str
    format: Literal["text", "html"] = "text"
    title: str | None = None


async def summarize_article(
    item: ArticleInput,
    backend: Backend,
    options: SummaryOptions | None = None,
    *,
    max_chars: int | None = None,
    prices: dict[str, tuple[float, float]] | None = None,
) -> Result:
    article, ingest_ms = ingest_item(item, max_chars=max_chars)
    return await summarize_ingested(
        article, backend, options or SummaryOptions(), ingest_ms=ingest_ms, prices=prices
    )


def ingest_item(item: ArticleInput, *, max_chars: int | None = None) -> tuple[Article, float]:
    """The Article, and the milliseconds ingest took."""
    started = time.perf_counter()
    if item.format == "html":
        article = ingest_html(item.content, title=item.title, max_chars=max_chars)
    else:
        article = ingest_text(item.content, title=item.title, max_chars=max_chars)
    return article, _ms(started, time.perf_counter())


async def summarize_ingested(
    article: Article,
    backend: Backend,
    options: SummaryOptions,
    *,
    ingest_ms: float = 0.0,
    prices: dict[str, tuple[float, float]] | None = None,
) -> Result:
    """backend.draft -> verify -> Result, with timings and usage in meta."""
    started = time.perf_counter()
    draft = await backend.draft(article, options)
    drafted = time.perf_counter()
    verified = verify_draft(article, draft)
    finished = time.perf_counter()
    usage = Usage(
        calls=draft.calls,
        prompt_tokens=draft.prompt_tokens,
        completion_tokens=draft.completion_tokens,
        total_tokens=draft.prompt_tokens + draft.completion_tokens,
    )
    meta = Meta(
        engine=backend.name,
        engine_version=backend.version,
        model=draft.model,
        prompt_version=draft.prompt_version,
        fairbrief_version=__version__,
        timings_ms={
            "ingest": ingest_ms,
            "draft": _ms(started, drafted),
            "verify": _ms(drafted, finished),
            "total": round(ingest_ms + _ms(started, finished), 3),
        },
        usage=usage,
        token_encoding=draft.encoding,
        cost_usd=_cost(prices or {}, draft.model, usage),
        verify=verified.stats,
        text_left_service=backend.sends_text_out,
    )
    return Result(
        article=article,
        summary=verified.summary,
        claims=verified.claims,
        non_responses=verified.non_responses,
        conflicts=verified.conflicts,
        warnings=verified.warnings,
        meta=meta,
    )


def _cost(prices: dict[str, tuple[float, float]], model: str | None, usage: Usage) -> float | None:
    if model is None or model not in prices:
        return None
    per_input, per_output = prices[model]
    return round((usage.prompt_tokens * per_input + usage.completion_tokens * per_output) / 1e6, 6)


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 3)
