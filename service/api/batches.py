"""Batch routes: submit many articles at once, poll for the results, delete them.

``POST /v1/batches`` answers 202 at once; ``GET /v1/batches/{id}`` shows progress and the
results a page at a time; ``DELETE /v1/batches/{id}`` removes the job with its inputs and
results. A job belongs to the API key that made it: any other key gets 404.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from service.api.auth import BatchesCaller
from service.api.problems import PROBLEM_JSON, require_json, status_for_code
from service.api.schemas import ArticleFields, Problem
from service.domain import Result, SummaryOptions
from service.errors import (
    InputError,
    InputTooLargeError,
    UrlRefusedError,
)
from service.ingest.fetch import check_url
from service.jobs import ItemInput, Job, JobItem, JobService
from service.jobs.service import JOB_PATH

router = APIRouter(tags=["batches"])
MAX_PAGE = 500


class BatchItemRequest(ArticleFields):
    """One article: exactly one of text, html or url, and the client's own id."""

    ref: str | None = Field(default=None, max_length=200, description="the client's own id")

    @field_validator("url")
    @classmethod
    def _fetchable(cls, url: str | None) -> str | None:
        """A URL that can never be fetched is refused with the batch, not item by item."""
        if url is None:
            return None
        try:
            return check_url(url)
        except UrlRefusedError as error:
            raise ValueError(error.message) from None

    def to_input(self) -> ItemInput:
        if self.url is not None:
            return ItemInput("url", str(self.url), self.title, self.ref)
        if self.html is not None:
            return ItemInput("html", self.html, self.title, self.ref)
        return ItemInput("text", self.text or "", self.title, self.ref)


class BatchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "items": [{"text": "Dock workers walked out on Monday.", "ref": "wire-1"}],
                    "webhook_url": "https://newsroom.example/hooks/fairbrief",
                }
            ]
        },
    )

    items: list[BatchItemRequest] = Field(min_length=1)
    engine: Literal["offline", "llm"] | None = Field(
        default=None, description="default: the LLM when one is configured, else offline"
    )
    options: SummaryOptions = Field(default_factory=SummaryOptions)
    webhook_url: AnyHttpUrl | None = Field(
        default=None, description="POSTed to (signed) when the job is done"
    )


class BatchCreatedResponse(BaseModel):
    id: str
    status: Literal["queued", "running", "done"]
    total: int
    links: dict[str, str]


class ItemError(BaseModel):
    code: str
    message: str
    status: int = Field(description="the HTTP status the error has on its own")


class BatchItemResponse(BaseModel):
    index: int
    ref: str | None
    status: Literal["queued", "running", "done", "failed"]
    article_id: str | None
    result: Result | None
    error: ItemError | None


class WebhookState(BaseModel):
    url: str | None
    status: Literal["none", "pending", "delivered", "failed"]
    attempts: int


class BatchResponse(BaseModel):
    id: str
    status: Literal["queued", "running", "done"]
    created: datetime
    finished: datetime | None
    total: int
    counts: dict[str, int]
    webhook: WebhookState
    offset: int
    limit: int
    items: list[BatchItemResponse]


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": Problem, "content": {PROBLEM_JSON: {}}} for s in statuses}


@router.post(
    "/v1/batches",
    status_code=202,
    response_model=BatchCreatedResponse,
    responses=_problems(401, 403, 404, 413, 415, 422, 429),
    summary="Queue many articles; the results are fetched (or announced by webhook) later",
)
async def create_batch(
    body: BatchRequest,
    request: Request,
    caller: BatchesCaller,
    idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
) -> JSONResponse:
    await require_json(request)
    limit = request.app.state.settings.batch_max_items
    if len(body.items) > limit:
        raise InputTooLargeError(
            f"a batch holds at most {limit} items; this one has {len(body.items)}",
            limit=limit,
            unit="items",
            field="items",
        )
    jobs: JobService = request.app.state.jobs
    job, created = await jobs.submit(
        caller.name,
        [item.to_input() for item in body.items],
        engine=body.engine,
        options=body.options,
        webhook_url=str(body.webhook_url) if body.webhook_url else None,
        idempotency_key=idempotency_key,
    )
    location = JOB_PATH.format(id=job.id)
    headers = {"Location": location}
    if not created:
        headers["Idempotent-Replayed"] = "true"
    content = {"id": job.id, "status": job.status, "total": job.total, "links": {"self": location}}
    return JSONResponse(content, status_code=202, headers=headers)


@router.get(
    "/v1/batches/{job_id}",
    response_model=BatchResponse,
    responses=_problems(401, 403, 404, 422, 429),
    summary="A batch job's progress, and its items' results a page at a time",
)
async def get_batch(
    job_id: str,
    request: Request,
    caller: BatchesCaller,
    offset: Annotated[int, Query(description="the first item shown")] = 0,
    limit: Annotated[int, Query(description=f"items shown, at most {MAX_PAGE}")] = 100,
) -> Response:
    # checked here rather than by Query(ge=, le=): the problem handlers answer a query
    # validation error on a body-less request as 415
    if offset < 0 or not 1 <= limit <= MAX_PAGE:
        raise InputError(f"offset must be 0 or more and limit 1 to {MAX_PAGE}", field="limit")
    jobs: JobService = request.app.state.jobs
    job, items = await jobs.get(caller.name, job_id, offset=offset, limit=limit)
    # results are stored as JSON already: spliced in, not parsed and re-validated
    return Response(_render(job, items, offset, limit), media_type="application/json")


@router.delete(
    "/v1/batches/{job_id}",
    status_code=204,
    responses=_problems(401, 403, 404, 429),
    summary="Remove a batch job with its inputs and results",
)
async def delete_batch(job_id: str, request: Request, caller: BatchesCaller) -> Response:
    jobs: JobService = request.app.state.jobs
    await jobs.delete(caller.name, job_id)
    return Response(status_code=204)


def _render(job: Job, items: list[JobItem], offset: int, limit: int) -> str:
    head = {
        "id": job.id,
        "status": job.status,
        "created": _timestamp(job.created),
        "finished": _timestamp(job.finished),
        "total": job.total,
        "counts": job.counts,
        "webhook": {
            "url": job.webhook_url,
            "status": job.webhook_status,
            "attempts": job.webhook_attempts,
        },
        "offset": offset,
        "limit": limit,
    }
    rendered = [_render_item(item) for item in items]
    return json.dumps(head, separators=(",", ":"))[:-1] + ',"items":[' + ",".join(rendered) + "]}"


def _render_item(item: JobItem) -> str:
    error = None
    if item.error_code is not None:
        error = {
            "code": item.error_code,
            "message": item.error_message or "",
            "status": status_for_code(item.error_code),  # as a request of its own
        }
    fields = {
        "index": item.index,
        "ref": item.ref,
        "status": item.status,
        "article_id": item.article_id,
        "error": error,
    }
    head = json.dumps(fields, separators=(",", ":"))[:-1]
    return f'{head},"result":{item.result or "null"}}}'


def _timestamp(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")
