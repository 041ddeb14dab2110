"""``create_app(settings)``: the FastAPI application, built fresh for each settings object."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service import __version__
from service.api.middleware import BodyLimitMiddleware, RequestContextMiddleware
from service.api.problems import install_problem_handlers
from service.api.routes import router
from service.backends.registry import Backends
from service.ingest.language import detect_language
from service.settings import Settings, get_settings


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    detect_language("Load the language model before the first request arrives.")
    yield
    await app.state.backends.aclose()


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
    app.state.backends = Backends(settings)
    install_problem_handlers(app)
    app.include_router(router)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)  # added last: outermost
    return app
