"""``Summarizer``: the pipeline as the service runs it, shared by every shell.

The HTTP API, batch jobs, Slack and the CLI all hand it an ``ArticleRequest``; it fetches a
URL through the one guarded fetcher, ingests, looks in the result cache, runs the engine and
verify (``summarize_article``), stores the Result, and counts what happened in the metrics,
all under the request's deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import anyio
from redis.asyncio import Redis

from service import __version__
from service.backends import Backend
from service.backends.registry import Backends
from service.domain import Result, SummaryOptions
from service.domain.result import SCHEMA_VERSION
from service.errors import BackendTimeoutError, FetchError, InputError
from service.ingest import ingest_text
from service.ingest.fetch import Fetcher
from service.metrics import Metrics
from service.pipeline.summarize import ArticleInput, ingest_item, summarize_ingested
from service.settings import Settings
from service.store.cache import ResultCache, cache_key, open_cache


@dataclass(frozen=True)
class ArticleRequest:
    """One article to summarise: exactly one of text, html or url."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    engine: str | None = None
    options: SummaryOptions = field(default_factory=SummaryOptions)

    def __post_init__(self) -> None:
        given = [n for n in ("text", "html", "url") if getattr(self, n) is not None]
        if len(given) != 1:
            raise InputError("send exactly one of 'text', 'html' or 'url'")
        for name in (*given, "title"):
            problem = lone_surrogate(name, getattr(self, name))
            if problem is not None:
                raise InputError(problem, field=name)


def lone_surrogate(name: str, value: str | None) -> str | None:
    """What is wrong with a field that holds a lone surrogate ("\ud800" in JSON, or a
    file name's undecodable bytes): no character at all, which no encoder can write."""
    lone = _SURROGATE.search(value) if value is not None else None
    if lone is None:
        return None
    return f"{name!r} holds a lone surrogate (U+{ord(lone[0]):04X}), which is no Unicode character"


_SURROGATE = re.compile("[\ud800-\udfff]")


class Summarizer:
    def __init__(
        self,
        settings: Settings,
        *,
        backends: Backends | None = None,
        cache: ResultCache | None = None,
        fetcher: Fetcher | None = None,
        metrics: Metrics | None = None,
        redis: Redis | None = None,
    ) -> None:
        self.settings = settings
        self.backends = backends or Backends(settings)
        self.cache = cache if cache is not None else open_cache(settings, redis)
        self.fetcher = fetcher or Fetcher(settings)
        self.metrics = metrics or Metrics()

    async def summarize(self, request: ArticleRequest) -> Result:
        backend = self.backends.get(request.engine)
        deadline = self.settings.request_deadline_seconds
        try:
            with anyio.fail_after(deadline):
                result = await self._summarize(request, backend)
        except TimeoutError as error:
            self.metrics.summaries.labels(backend.name, "timeout").inc()
            raise BackendTimeoutError(
                f"the article was not done within the request deadline of {deadline:g} s"
            ) from error
        except (InputError, FetchError):
            self.metrics.summaries.labels(backend.name, "rejected").inc()
            raise
        except Exception:
            self.metrics.summaries.labels(backend.name, "failed").inc()
            raise
        outcome = "cached" if result.meta.cached else "done"
        self.metrics.summaries.labels(backend.name, outcome).inc()
        return result

    async def _summarize(self, request: ArticleRequest, backend: Backend) -> Result:
        if request.url is not None:
            page = await self.fetcher.fetch(request.url)
            item = ArticleInput(content=page.content, format=page.format, title=request.title)
        elif request.html is not None:
            item = ArticleInput(content=request.html, format="html", title=request.title)
        else:
            item = ArticleInput(content=request.text or "", format="text", title=request.title)
        article, ingest_ms = ingest_item(item, max_chars=self.settings.max_text_chars)
        key = cache_key(
            article=article.id,
            title=article.title,
            format=article.format,
            engine=backend.name,
            engine_version=backend.version,
            model=getattr(backend, "model", None),
            prompt_version=getattr(backend, "prompt_version", None),
            options=request.options.model_dump(mode="json"),
            schema=SCHEMA_VERSION,
            fairbrief=__version__,
        )
        if self.cache is not None:
            cached = await self.cache.get(key)
            self.metrics.cache.labels("hit" if cached is not None else "miss").inc()
            if cached is not None:
                result = Result.model_validate_json(cached)
                result.meta.cached = True
                return result
        result = await summarize_ingested(
            article,
            backend,
            request.options,
            ingest_ms=ingest_ms,
            prices=self.settings.llm_prices,
        )
        self._count(result)
        if self.cache is not None:
            await self.cache.put(key, article.id, result.model_dump_json().encode("utf-8"))
        return result

    def _count(self, result: Result) -> None:
        meta, m = result.meta, self.metrics
        if meta.usage.calls:
            m.llm_calls.inc(meta.usage.calls)
            m.llm_tokens.labels("prompt").inc(meta.usage.prompt_tokens)
            m.llm_tokens.labels("completion").inc(meta.usage.completion_tokens)
        if meta.cost_usd:
            m.llm_cost.inc(meta.cost_usd)
        v = meta.verify
        for kind, dropped in (
            ("claim", v.claims_dropped),
            ("non_response", v.non_responses_dropped),
            ("conflict", v.conflicts_dropped),
            ("summary", v.summary_dropped),
        ):
            if dropped:
                m.verify_dropped.labels(kind).inc(dropped)
        for kind, flagged in (("claim", v.claims_unverified), ("summary", v.summary_flagged)):
            if flagged:
                m.verify_flagged.labels(kind).inc(flagged)

    async def ready(self) -> None:
        """Raises unless the default engine answers: the offline engine drafts a sentence
        (loading its models); the LLM engine is built (no call is made)."""
        backend = self.backends.get(None)
        if backend is self.backends.offline:
            # a named person: the place names are loaded too
            article = ingest_text("Council leader Mara Olsen said the bridge would reopen.")
            await backend.draft(article, SummaryOptions())

    async def delete_article(self, article_id: str) -> int:
        """Remove every cached copy of the article; the number of entries removed."""
        return 0 if self.cache is None else await self.cache.delete_article(article_id)

    async def aclose(self) -> None:
        await self.backends.aclose()
        await self.fetcher.aclose()
        if self.cache is not None:
            await self.cache.aclose()
