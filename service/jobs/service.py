"""``JobService``: batch jobs run by in-process workers over the SQLite store.

``batch_workers`` asyncio tasks claim queued items one at a time, run each through the
same ``Summarizer`` the HTTP API uses, and store its outcome. A failed item (any
``FairbriefError``) is recorded with its code and message and the job goes on. When a job's
last item is stored the job is finished and its webhook, if it has one, is sent.

Restarts lose nothing and repeat nothing that was finished: ``start()`` puts back the items
a dead process left running (one process per data directory, see ``store``) and re-sends
webhooks that were still pending. ``aclose()`` stops claiming, lets the items in flight
finish within ``request_deadline_seconds``, cancels the rest and puts them back.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import secrets
import traceback
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import anyio.to_thread

from service.domain import SummaryOptions
from service.errors import FairbriefError, NotFoundError
from service.jobs.store import Claim, Job, JobItem, JobStore, NewItem, Outcome
from service.jobs.webhook import WebhookSender
from service.metrics import Metrics
from service.pipeline.summarizer import ArticleRequest, Summarizer
from service.settings import Settings

log = logging.getLogger("fairbrief.jobs")
T = TypeVar("T")

JOB_PATH = "/v1/batches/{id}"
POLL_SECONDS = 1.0  # a worker looks for work this often even when no submission wakes it
PURGE_SECONDS = 600.0  # expired jobs are removed at start and this often
INTERNAL_ERROR = "an unexpected error occurred; it was logged"


@dataclass(frozen=True)
class ItemInput:
    """One article of a batch: exactly one of text, html or url, with the client's ref."""

    kind: Literal["text", "html", "url"]
    content: str
    title: str | None = None
    ref: str | None = None


class JobService:
    def __init__(
        self,
        settings: Settings,
        summarizer: Summarizer,
        metrics: Metrics,
        *,
        webhooks: WebhookSender | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.settings = settings
        self.summarizer = summarizer
        self.metrics = metrics
        self.webhooks = webhooks or WebhookSender(
            settings.webhook_secret, allow=settings.webhook_allow
        )
        self.poll_seconds = poll_seconds
        self.store = JobStore(
            settings.data_dir / "jobs.sqlite3", ttl_seconds=settings.cache_ttl_seconds
        )
        self._wakeup = asyncio.Event()
        self._counting = asyncio.Lock()  # one count at a time: a stale one is never set last
        self._stopping = False
        self._workers: list[asyncio.Task[None]] = []
        self._background: set[asyncio.Task[None]] = set()

    async def _db(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await anyio.to_thread.run_sync(functools.partial(call, *args, **kwargs))

    # lifecycle

    async def start(self) -> None:
        requeued = await self._db(self.store.recover)
        if requeued:
            log.warning("put %d batch items left running by a previous process back", requeued)
        await self._db(self.store.purge)
        await self._count_open()
        for job_id in await self._db(self.store.pending_webhooks):
            self._spawn(self._send_webhook(job_id))
        self._spawn(self._purge_periodically())
        self._workers = [
            asyncio.create_task(self._work(), name=f"fairbrief-batch-worker-{n}")
            for n in range(self.settings.batch_workers)
        ]

    async def aclose(self) -> None:
        """Stop claiming; give items in flight the request deadline to finish; cancel and
        put back the rest; stop webhooks (still pending ones are re-sent at next start)."""
        self._stopping = True
        self._wakeup.set()
        if self._workers:
            _, late = await asyncio.wait(
                self._workers, timeout=self.settings.request_deadline_seconds
            )
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        try:
            requeued = await self._db(self.store.requeue_running)
            if requeued:
                log.warning("put %d unfinished batch items back at shutdown", requeued)
            await self._db(self.store.checkpoint)
        finally:
            self.store.close()

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # the API's side

    async def submit(
        self,
        owner: str,
        items: Sequence[ItemInput],
        *,
        engine: str | None = None,
        options: SummaryOptions | None = None,
        webhook_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> tuple[Job, bool]:
        """Store a job and wake the workers; returns the job and whether it is new (an
        idempotency key already used by this owner returns the job it made)."""
        job_id, created = await self._db(
            functools.partial(
                self.store.create, **new_job(owner, items, engine, options, webhook_url)
            ),
            idempotency_key=idempotency_key,
        )
        job = await self._db(self.store.get, job_id, owner)  # read before a worker starts on it
        if created:
            self._wakeup.set()
            await self._count_open()
        if job is None:  # deleted in the meantime
            raise NotFoundError("the batch job was deleted while it was being submitted")
        return job, created

    async def get(
        self, owner: str, job_id: str, *, offset: int = 0, limit: int = 100
    ) -> tuple[Job, list[JobItem]]:
        job = await self._db(self.store.get, job_id, owner)
        if job is None:
            raise NotFoundError("there is no batch job with this id")
        return job, await self._db(self.store.items, job_id, offset=offset, limit=limit)

    async def delete(self, owner: str, job_id: str) -> None:
        """Remove the job with its inputs and results, and the cached copies of its articles."""
        articles = await self._db(self.store.delete, job_id, owner)
        if articles is None:
            raise NotFoundError("there is no batch job with this id")
        await self._count_open()
        for article_id in articles:
            await self.summarizer.delete_article(article_id)
        await self._db(self.store.checkpoint)

    async def delete_article(self, article_id: str) -> int:
        """Scrub an article's Results from every job; the number of items scrubbed."""
        scrubbed = await self._db(self.store.scrub_article, article_id)
        if scrubbed:
            await self._db(self.store.checkpoint)
        return scrubbed

    async def ping(self) -> None:
        await self._db(self.store.ping)

    # workers

    async def _work(self) -> None:
        while not self._stopping:
            try:
                self._wakeup.clear()
                claim = await self._db(self.store.claim)
                if claim is None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wakeup.wait(), self.poll_seconds)
                    continue
                if self._stopping:  # claimed as shutdown began: aclose() puts it back
                    return
                self._wakeup.set()  # there may be more: let an idle sibling look too
                await self._run(claim)
            except Exception as error:  # the store failed; keep the worker alive
                log.error("batch worker: %s at %s", type(error).__name__, _where(error))
                await asyncio.sleep(self.poll_seconds)

    async def _run(self, claim: Claim) -> None:
        outcome = await self._summarize(claim)
        stored, finished = await self._db(self.store.finish, claim, outcome)
        if stored:
            self.metrics.batch_items.labels(outcome.status).inc()
        await self._count_open()
        if finished:
            await self._db(self.store.checkpoint)
            self._spawn(self._send_webhook(claim.job_id))

    async def _summarize(self, claim: Claim) -> Outcome:
        return await summarize_claim(self.summarizer, claim)

    async def _count_open(self) -> None:
        async with self._counting:
            self.metrics.jobs_queued.set(await self._db(self.store.open_count))

    async def _purge_periodically(self) -> None:
        interval = min(PURGE_SECONDS, float(self.settings.cache_ttl_seconds))
        while True:
            await asyncio.sleep(interval)
            try:
                if await self._db(self.store.purge):
                    await self._count_open()
                    await self._db(self.store.checkpoint)
            except Exception as error:
                log.error("purging expired batch jobs: %s", type(error).__name__)

    # webhooks

    async def _send_webhook(self, job_id: str) -> None:
        job = await self._db(self.store.get, job_id)
        if job is None or job.webhook_url is None or job.webhook_status != "pending":
            return
        delivery = await self.webhooks.deliver(
            job.webhook_url,
            webhook_payload(job),
            delivery_id=job.id,
            on_attempt=functools.partial(self._db, self.store.count_webhook_attempt, job.id),
        )
        state: Literal["delivered", "failed"] = "delivered" if delivery.delivered else "failed"
        await self._db(self.store.settle_webhook, job.id, state)


def webhook_payload(job: Job) -> dict[str, Any]:
    """What a webhook says about a job: no article text, no results."""
    return {
        "id": job.id,
        "status": job.status,
        "total": job.total,
        "counts": job.counts,
        "links": {"self": JOB_PATH.format(id=job.id)},
    }


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"


async def summarize_claim(summarizer: Summarizer, claim: Claim) -> Outcome:
    """Run a claimed item through the Summarizer: a Result, or the error it met (shared by
    the in-process workers and the arq workers)."""
    try:
        request = ArticleRequest(
            text=claim.content if claim.kind == "text" else None,
            html=claim.content if claim.kind == "html" else None,
            url=claim.content if claim.kind == "url" else None,
            title=claim.title,
            engine=claim.engine,
            options=SummaryOptions.model_validate_json(claim.options),
        )
        result = await summarizer.summarize(request)
    except FairbriefError as error:
        return Outcome("failed", error_code=error.code, error_message=error.message)
    except Exception as error:
        # the message may quote the article: log the kind and the place, not the text
        log.error(
            "batch %s item %d: unexpected %s at %s",
            claim.job_id,
            claim.index,
            type(error).__name__,
            _where(error),
        )
        return Outcome("failed", error_code="internal-error", error_message=INTERNAL_ERROR)
    return Outcome("done", result=result.model_dump_json(), article_id=result.article.id)


def new_job(
    owner: str,
    items: Sequence[ItemInput],
    engine: str | None,
    options: SummaryOptions | None,
    webhook_url: str | None,
) -> dict[str, Any]:
    """A fresh job id and the stored form of a submission, as keyword arguments of both
    stores' ``create`` (all but the idempotency key); the digest of the request is what
    makes a reused idempotency key with another request an error."""
    options_json = (options or SummaryOptions()).model_dump_json()
    digest = hashlib.sha256(
        json.dumps(
            [engine, options_json, webhook_url, [vars(item) for item in items]], sort_keys=True
        ).encode("utf-8")
    ).hexdigest()
    return {
        "job_id": "job_" + secrets.token_urlsafe(16),
        "owner": owner,
        "items": [NewItem(item.kind, item.content, item.title, item.ref) for item in items],
        "engine": engine,
        "options": options_json,
        "webhook_url": webhook_url,
        "request_digest": digest,
    }
