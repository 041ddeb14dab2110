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
        422: "the request does not fit the schema, or the article is empty",
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
        request.app.state.backend,
        body.options,
        max_chars=settings.max_text_chars,
    )
    return Response(result.model_dump_json(), media_type="application/json")


@router.get("/healthz", response_model=HealthResponse)
async def healthz(request: Request) -> HealthResponse:
    backend = request.app.state.backend
    return HealthResponse(version=__version__, engine=backend.name, engine_version=backend.version)
