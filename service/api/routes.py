"""Routes: thin over the pipeline."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from service import __version__
from service.api.problems import PROBLEM_JSON, is_json
from service.api.schemas import HealthResponse, Problem, SummaryRequest
from service.domain import Result
from service.errors import UnsupportedFormatError
from service.pipeline.summarize import ArticleInput, summarize_article

router = APIRouter()
_PROBLEMS: dict[int | str, dict[str, object]] = {
    status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": text}
    for status, text in {
        400: "malformed JSON or a body that is not UTF-8",
        413: "the body or the article is too large",
        415: "the body is not application/json",
        403: "the LLM engine was asked for but the service is offline-only",
        422: "the request does not fit the schema, or the article is empty",
        502: "the LLM failed: an error, a refusal, output cut off or not fitting the schema",
        503: "the LLM is unreachable, rate-limited, or not configured",
        504: "the LLM did not answer within the deadline",
        500: "an unexpected error (logged; no details are returned)",
    }.items()
}


@router.post(
    "/v1/summaries",
    response_model=Result,
    responses=_PROBLEMS,
    summary="Summarise an article, with every claim verified against it",
)
async def create_summary(body: SummaryRequest, request: Request) -> Response:
    if not is_json(request.headers.get("content-type")):
        raise UnsupportedFormatError("send the request as application/json (UTF-8)")
    settings = request.app.state.settings
    result = await summarize_article(
        ArticleInput(content=body.content, format=body.format, title=body.title),
        request.app.state.backends.get(body.engine),
        body.options,
        max_chars=settings.max_text_chars,
        prices=settings.llm_prices,
    )
    return Response(result.model_dump_json(), media_type="application/json")


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
    )
