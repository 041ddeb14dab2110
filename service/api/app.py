"""``create_app(settings)``: the FastAPI application, built fresh for each settings object."""

from __future__ import annotations

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
from service.metrics import Metrics
from service.pipeline.summarizer import Summarizer
from service.settings import Settings, get_settings
from service.slack import SlackApp


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    detect_language("Load the language model before the first request arrives.")
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
