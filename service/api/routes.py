"""Routes: thin over the pipeline."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import anyio
from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from service import __version__
from service.api.auth import Gatekeeper, SummariesCaller
from service.api.problems import PROBLEM_JSON, require_json
from service.api.schemas import (
    DeletedResponse,
    HealthResponse,
    Problem,
    ReadyResponse,
    SummaryRequest,
)
from service.domain import Result

router = APIRouter()
_PROBLEMS: dict[int | str, dict[str, object]] = {
    status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": text}
    for status, text in {
        400: "malformed JSON or a body that is not UTF-8",
        401: "no API key, or one that is not valid (when keys are configured)",
        403: "the key may not do this, or the LLM was asked for on an offline-only service",
        413: "the body or the article is too large",
        415: "the body is not application/json",
        422: "the request does not fit the schema, the article is empty, the URL is refused, "
        "or the engine asked for is not configured here",
        429: "the key's rate limit is used up (see Retry-After)",
        502: "the LLM failed (an error, a refusal, output cut off or not fitting the schema), "
        "or the article's page could not be fetched",
        503: "the LLM is unreachable or rate-limited",
        504: "the LLM or the article's page did not answer within the deadline",
        500: "an unexpected error (logged; no details are returned)",
    }.items()
}


@router.post(
    "/v1/summaries",
    response_model=Result,
    responses=_PROBLEMS,
    summary="Summarise an article, with every claim verified against it",
)
async def create_summary(body: SummaryRequest, request: Request, _: SummariesCaller) -> Response:
    await require_json(request)
    result = await request.app.state.summarizer.summarize(body.to_request())
    return Response(result.model_dump_json(), media_type="application/json")


@router.delete(
    "/v1/articles/{article_id}",
    response_model=DeletedResponse,
    responses=_PROBLEMS,
    summary="Delete every cached Result of an article (its id is Result.article.id)",
)
async def delete_article(
    article_id: Annotated[
        str, Path(pattern=r"^[0-9a-f]{16}$", description="Result.article.id: 16 hex digits")
    ],
    request: Request,
    _: SummariesCaller,
) -> DeletedResponse:
    cached = await request.app.state.summarizer.delete_article(article_id)
    in_jobs = await request.app.state.jobs.delete_article(article_id)
    return DeletedResponse(
        article_id=article_id, cache_entries_deleted=cached, batch_items_scrubbed=in_jobs
    )


@router.get("/healthz", response_model=HealthResponse)
async def healthz(request: Request) -> HealthResponse:
    settings = request.app.state.settings
    engines = ["offline"]
    if not settings.offline_only and (settings.openai_api_key or settings.openai_base_url):
        engines.append("llm")
    return HealthResponse(
        version=__version__,
        engine=settings.active_engine(),
        engines=engines,
        offline_only=settings.offline_only,
        offline_engine_version=request.app.state.summarizer.backends.offline.version,
    )


@router.get("/readyz", response_model=ReadyResponse, responses={503: {"model": ReadyResponse}})
async def readyz(request: Request) -> JSONResponse:
    """Ready when the default engine is loaded and every store answers."""
    state = request.app.state
    checks: dict[str, str] = {}

    async def check(name: str, probe: Awaitable[object]) -> None:
        try:
            with anyio.fail_after(2):
                await probe
            checks[name] = "ok"
        except Exception as error:  # a check reports, it does not raise
            checks[name] = f"failing: {type(error).__name__}"

    await check("engine", state.summarizer.ready())
    if state.summarizer.cache is not None:
        await check("cache", state.summarizer.cache.ping())
    if state.settings.redis_url:
        await check("rate_limits", _storage_check(state.gate))
    await check("jobs", state.jobs.ping())
    ready = all(value == "ok" for value in checks.values())
    body = ReadyResponse(status="ready" if ready else "not-ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


async def _storage_check(gate: Gatekeeper) -> None:
    if not await gate.check_storage():
        raise ConnectionError("the rate-limit store does not answer")


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
