"""Batch jobs over Redis with arq, for more than one machine (``job_queue = "arq"``).

``ArqJobService`` answers the API the way ``JobService`` does, but runs no workers: ``submit``
writes the job to the ``RedisJobStore`` and then queues one arq job per item, with the id
``<job id>:<index>`` (arq refuses a second job with an id already queued). Worker
processes, started by ``fairbrief worker`` on any machine, take them: ``run_item`` claims the
item, summarises it with the same ``Summarizer`` the API uses, stores its outcome, and, when
that was the job's last item, queues ``send_webhook`` (id ``<job id>:webhook``). The job
is stored before its items are queued: should the service die in between, the job waits
until the client repeats the request with its Idempotency-Key (which queues again what is
still waiting) or it expires.

Why arq: it is asyncio like the pipeline, small, its job ids de-duplicate what is queued,
and a job stays in the queue until a worker has finished it.

What a killed worker leaves behind: its items' arq jobs are still queued, each under an
"in progress" key that expires ``job_timeout + IN_PROGRESS_GRACE_SECONDS`` after it was
taken; then any worker runs them again. ``job_timeout`` (the request deadline plus
``JOB_GRACE_SECONDS``) bounds every run, so the key never expires under a live run. A run
that finds the outcome stored already does nothing (or only queues a webhook the dead
worker had not queued yet); an item started ``ITEM_TRIES`` times without an outcome (an
article that kills its worker) is recorded as failed. On SIGTERM a worker stops taking
items and gives those it holds ``job_timeout`` to finish; the rest go back to the queue.

Jobs are serialised as JSON (never pickle: whoever can write to Redis must not be able to
run code in the workers); their arguments are ids, never article text.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
import os
import socket
from collections.abc import Sequence
from typing import Any, Literal

import anyio
from arq import Retry
from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import Redis
from redis.exceptions import RedisError

from service.domain import SummaryOptions
from service.errors import NotFoundError
from service.jobs.redis_store import RedisJobStore
from service.jobs.service import ItemInput, new_job, summarize_claim, webhook_payload
from service.jobs.store import Job, JobItem, Outcome
from service.jobs.webhook import WebhookSender
from service.metrics import Metrics
from service.pipeline.summarizer import Summarizer
from service.settings import Settings

log = logging.getLogger("fairbrief.jobs.arq")

QUEUE_NAME = "fairbrief:queue"  # arq's; outside fairbrief:jobs:, whose keys all expire
JOB_GRACE_SECONDS = 5.0  # beyond the request deadline: loading the item, storing the outcome
IN_PROGRESS_GRACE_SECONDS = 3.0  # beyond job_timeout, before another worker may take a job
ITEM_TRIES = 3  # an item started this often without an outcome is recorded as failed
ARQ_TRIES = 10  # arq's own limit, above ITEM_TRIES: the rest are retries over Redis errors
RETRY_SECONDS = 5.0  # how long a job waits after Redis failed under it
ENQUEUE_AT_ONCE = 20  # items queued concurrently by submit
GAVE_UP = "the item was started {tries} times and never finished; it was logged"


def item_timeout(settings: Settings) -> float:
    """arq's job timeout: the request deadline, plus time to load and store the item."""
    return settings.request_deadline_seconds + JOB_GRACE_SECONDS


def _serialize(job: dict[str, Any]) -> bytes:
    return json.dumps(job, separators=(",", ":"), default=str).encode("utf-8")


def _deserialize(data: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data)
    return loaded


class ArqJobService:
    """The API's side: the same methods as ``JobService``, over Redis; no workers here."""

    def __init__(
        self,
        settings: Settings,
        summarizer: Summarizer,
        metrics: Metrics,
        redis: Redis | None,
    ) -> None:
        if redis is None:
            raise ValueError("job_queue 'arq' needs a Redis server: set FAIRBRIEF_REDIS_URL")
        self.settings = settings
        self.summarizer = summarizer
        self.metrics = metrics
        self.store = RedisJobStore(redis, ttl_seconds=settings.cache_ttl_seconds)
        # arq's client over the app's connection pool (which the app closes)
        self.queue = ArqRedis(
            redis.connection_pool,
            job_serializer=_serialize,
            job_deserializer=_deserialize,
            default_queue_name=QUEUE_NAME,
        )

    async def start(self) -> None:
        """The workers are processes of their own (``fairbrief worker``); the service only
        sweeps: items of unfinished jobs that are still waiting are enqueued again, in case
        a service died between storing a job and enqueueing it (arq's job ids make this a
        no-op for items already in the queue)."""
        try:
            for job_id in await self.store.open_job_ids():
                job = await self.store.get(job_id)
                if job is not None:
                    await self._enqueue(job_id, await self.store.queued_items(job_id, job.total))
        except RedisError as error:  # readiness reports Redis; the service still starts
            log.warning("the start-up sweep of batch jobs failed: %s", type(error).__name__)

    async def aclose(self) -> None:
        """Nothing to stop: queued items wait in Redis for the workers."""

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
        """Store a job, then queue its items; returns the job and whether it is new (an
        idempotency key already used by this owner returns the job it made, and queues
        again what that job still has waiting, in case its first request died midway)."""
        job_id, created = await self.store.create(
            **new_job(owner, items, engine, options, webhook_url),
            idempotency_key=idempotency_key,
        )
        job = await self.store.get(job_id, owner)  # read before a worker starts on it
        if job is None:  # deleted in the meantime
            raise NotFoundError("the batch job was deleted while it was being submitted")
        if created:
            await self._enqueue(job_id, range(job.total))
        else:
            await self._enqueue(job_id, await self.store.queued_items(job_id, job.total))
        await self._count_open()
        return job, created

    async def _enqueue(self, job_id: str, indexes: Sequence[int]) -> None:
        for start in range(0, len(indexes), ENQUEUE_AT_ONCE):
            await asyncio.gather(
                *(
                    self.queue.enqueue_job(
                        run_item.__name__,
                        job_id,
                        index,
                        _job_id=f"{job_id}:{index}",
                        _expires=self.settings.cache_ttl_seconds,  # the job is gone by then
                    )
                    for index in indexes[start : start + ENQUEUE_AT_ONCE]
                )
            )

    async def get(
        self, owner: str, job_id: str, *, offset: int = 0, limit: int = 100
    ) -> tuple[Job, list[JobItem]]:
        found = await self.store.read(job_id, owner, offset=offset, limit=limit)
        if found is None:
            raise NotFoundError("there is no batch job with this id")
        return found

    async def delete(self, owner: str, job_id: str) -> None:
        """Remove the job with its inputs and results, and the cached copies of its articles
        (its items still queued are dropped by the workers: they find no job)."""
        articles = await self.store.delete(job_id, owner)
        if articles is None:
            raise NotFoundError("there is no batch job with this id")
        for article_id in articles:
            await self.summarizer.delete_article(article_id)
        await self._count_open()

    async def delete_article(self, article_id: str) -> int:
        """Scrub an article's Results from every job; the number of items scrubbed."""
        return await self.store.scrub_article(article_id)

    async def ping(self) -> None:
        await self.store.ping()

    async def _count_open(self) -> None:
        """Items waiting or running, as arq's queue holds them (webhooks to send included)."""
        self.metrics.jobs_queued.set(await self.queue.zcard(QUEUE_NAME))


# the workers' side


class ItemRunner:
    """What a worker process holds between arq jobs: the store, the Summarizer, webhooks."""

    def __init__(self, settings: Settings, redis: Redis, queue: ArqRedis) -> None:
        self.settings = settings
        self.redis = redis
        self.queue = queue
        self.metrics = Metrics()  # counted in the worker; not exported (no HTTP server here)
        self.store = RedisJobStore(redis, ttl_seconds=settings.cache_ttl_seconds)
        self.summarizer = Summarizer(settings, metrics=self.metrics, redis=redis)
        self.webhooks = WebhookSender(settings.webhook_secret, allow=settings.webhook_allow)
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    async def aclose(self) -> None:
        await self.summarizer.aclose()
        await self.redis.aclose()

    async def run_item(self, job_id: str, index: int) -> str:
        try:
            claim = await self.store.claim(job_id, index, worker=self.name)
            if claim is None:  # the job is gone, or this item was done before
                await self._announce(job_id)  # a dead worker may have finished the job
                return "nothing to do"
            if claim.attempt > ITEM_TRIES:
                log.error(
                    "batch %s item %d: started %d times, giving up", job_id, index, ITEM_TRIES
                )
                message = GAVE_UP.format(tries=ITEM_TRIES)
                outcome = Outcome("failed", error_code="internal-error", error_message=message)
            else:
                outcome = await summarize_claim(self.summarizer, claim)
            stored, finished = await self.store.finish(claim, outcome)
            if finished:
                await self._announce(job_id)
        except RedisError as error:
            log.warning("batch %s item %d: Redis failed (%s)", job_id, index, type(error).__name__)
            raise Retry(defer=RETRY_SECONDS) from error
        if not stored:  # stored by another run meanwhile, or the job was deleted
            return "not stored"
        self.metrics.batch_items.labels(outcome.status).inc()
        return outcome.status

    async def _announce(self, job_id: str) -> None:
        """Queue the webhook of a finished job that still has one to send (once: the arq id)."""
        job = await self.store.get(job_id)
        if job is None or job.finished is None or job.webhook_status != "pending":
            return
        await self.queue.enqueue_job(
            send_webhook.__name__,
            job_id,
            _job_id=f"{job_id}:webhook",
            _expires=self.settings.cache_ttl_seconds,
        )

    async def send_webhook(self, job_id: str) -> str:
        try:
            job = await self.store.get(job_id)
            if job is None or job.webhook_url is None or job.webhook_status != "pending":
                return "nothing to send"
            state: Literal["delivered", "failed"] = "failed"  # unless done within the deadline
            with anyio.move_on_after(self.settings.request_deadline_seconds):
                delivery = await self.webhooks.deliver(
                    job.webhook_url,
                    webhook_payload(job),
                    delivery_id=job.id,
                    on_attempt=functools.partial(self.store.count_webhook_attempt, job.id),
                )
                state = "delivered" if delivery.delivered else "failed"
            await self.store.settle_webhook(job.id, state)
        except RedisError as error:
            log.warning("webhook for %s: Redis failed (%s)", job_id, type(error).__name__)
            raise Retry(defer=RETRY_SECONDS) from error
        return state


async def run_item(ctx: dict[str, Any], job_id: str, index: int) -> str:
    """arq job: summarise item ``index`` of job ``job_id`` and store its outcome, once."""
    runner: ItemRunner = ctx["fairbrief"]
    return await runner.run_item(job_id, index)


async def send_webhook(ctx: dict[str, Any], job_id: str) -> str:
    """arq job: tell the job's webhook URL that the job is done."""
    runner: ItemRunner = ctx["fairbrief"]
    return await runner.send_webhook(job_id)


async def on_startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx["settings"]
    assert settings.redis_url is not None  # checked by worker_settings()
    runner = ItemRunner(settings, Redis.from_url(settings.redis_url), ctx["redis"])
    ctx["fairbrief"] = runner
    log.info("worker %s ready: %d items at a time", runner.name, settings.batch_workers)


async def on_shutdown(ctx: dict[str, Any]) -> None:
    runner: ItemRunner | None = ctx.get("fairbrief")
    if runner is not None:
        await runner.aclose()


def worker_settings(settings: Settings) -> dict[str, Any]:
    """arq's ``WorkerSettings`` for these settings (``arq.worker.create_worker`` takes them)."""
    if settings.redis_url is None or settings.job_queue != "arq":
        raise ValueError("the worker needs FAIRBRIEF_REDIS_URL and FAIRBRIEF_JOB_QUEUE=arq")
    try:
        redis_settings = RedisSettings.from_dsn(settings.redis_url)
    except RuntimeError as error:  # arq's word for a scheme it does not know
        raise ValueError(
            "FAIRBRIEF_REDIS_URL must be a redis://, rediss:// or unix:// URL"
        ) from error
    timeout = item_timeout(settings)
    return {
        "functions": [run_item, send_webhook],
        "queue_name": QUEUE_NAME,
        "redis_settings": redis_settings,
        "ctx": {"settings": settings},
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "max_jobs": settings.batch_workers,
        "job_timeout": timeout,
        "max_tries": ARQ_TRIES,
        "job_completion_wait": math.ceil(timeout),  # on SIGTERM, for the items in flight
        "job_serializer": _serialize,
        "job_deserializer": _deserialize,
    }
