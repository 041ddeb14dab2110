"""``create_app(settings)``: the FastAPI application, built fresh for each settings object."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from service import __version__
from service.api.auth import Gatekeeper
from service.api.batches import router as batches_router
from service.api.middleware import BodyLimitMiddleware, RequestContextMiddleware
from service.api.problems import install_problem_handlers
from service.api.routes import router
from service.api.slack import router as slack_router
from service.ingest.language import detect_language
from service.jobs import JobService
from service.jobs.arq_queue import ArqJobService
from service.logs import configure_logging
from service.metrics import Metrics
from service.pipeline.summarizer import Summarizer
from service.settings import Settings, get_settings
from service.slack import SlackApp

log = logging.getLogger("fairbrief.api")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # what the first request would otherwise load (language model, parser or token
    # encoding, client): with several worker processes, every one has a first request
    detect_language("Load the language model before the first request arrives.")
    try:
        await app.state.summarizer.ready()
    except Exception as error:  # /readyz reports it, with the cause
        log.warning("the default engine is not ready at start-up: %s", error)
    await app.state.jobs.start()
    try:
        yield
    finally:
        await app.state.slack.aclose()
        await app.state.jobs.aclose()
        await app.state.summarizer.aclose()
        if app.state.redis is not None:
            await app.state.redis.aclose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="fairbrief",
        version=__version__,
        summary="Neutral, source-attributed summaries of news articles",
        description=(
            "Every claim comes with its source and the exact words of the article that "
            "carry it, as code-point offsets into the returned text. Nothing a backend "
            "drafts is returned unchecked."
        ),
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    app.state.gate = Gatekeeper(settings, app.state.redis)
    app.state.summarizer = Summarizer(settings, metrics=app.state.metrics, redis=app.state.redis)
    app.state.jobs = (
        ArqJobService(settings, app.state.summarizer, app.state.metrics, app.state.redis)
        if settings.job_queue == "arq"
        else JobService(settings, app.state.summarizer, app.state.metrics)
    )
    app.state.slack = SlackApp(settings, app.state.summarizer)
    install_problem_handlers(app)
    app.include_router(router)
    app.include_router(batches_router)
    app.include_router(slack_router)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)  # outermost
    return app


def freeze_start_up_objects() -> None:
    """What is loaded by now (~100,000 objects: the SDKs, FastAPI, the models) lives as long
    as the process. Frozen, it is out of the garbage collector's sight: a full collection
    then walks only what requests made, where it walked everything, stopping the event
    loop for 50 to 100 ms every few hundred requests."""
    gc.collect()
    gc.freeze()


def worker_app() -> FastAPI:
    """The app of one worker process of ``fairbrief serve --workers N`` (uvicorn's factory):
    settings and logging from the environment, as the parent process read them."""
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = create_app(settings)
    freeze_start_up_objects()
    return app
