"""Every error as RFC 9457 ``application/problem+json``; never a stack trace.

Only this module knows HTTP status codes for fairbrief's errors. Validation errors are
reported without the offending input: it may be an unpublished article.
"""

from __future__ import annotations

import logging
import traceback
from functools import lru_cache
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from service.errors import (
    AuthError,
    BackendError,
    BackendTimeoutError,
    BackendUnavailableError,
    DeletedError,
    EmptyInputError,
    EngineUnavailableError,
    FairbriefError,
    FetchError,
    FetchTimeoutError,
    ForbiddenError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    NotUTF8Error,
    OfflineOnlyError,
    PageUnsupportedError,
    RateLimitedError,
    UnsupportedFormatError,
    UrlRefusedError,
)

log = logging.getLogger("fairbrief.api")
PROBLEM_JSON = "application/problem+json"

_STATUS: list[tuple[type[FairbriefError], int]] = [
    (BackendTimeoutError, 504),
    (BackendUnavailableError, 503),
    (InputTooLargeError, 413),
    (UnsupportedFormatError, 415),
    (NotUTF8Error, 400),
    (EmptyInputError, 422),
    (InputError, 422),
    (BackendError, 502),
    (OfflineOnlyError, 403),
    (EngineUnavailableError, 422),  # this deployment has no such engine: retrying cannot help
    (UrlRefusedError, 422),
    (PageUnsupportedError, 422),
    (FetchTimeoutError, 504),
    (FetchError, 502),
    (ForbiddenError, 403),
    (AuthError, 401),
    (RateLimitedError, 429),
    (DeletedError, 410),
    (NotFoundError, 404),
]


def problem(
    request: Request,
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, object]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return problem_response(request.scope, status, code, detail, errors, headers)


def problem_response(
    scope: Scope,
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, object]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, object] = {
        "type": f"urn:fairbrief:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": scope.get("path"),
        "request_id": scope.get("fairbrief.request_id"),
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


async def require_json(request: Request) -> None:
    """A JSON body, in UTF-8 as RFC 8259 requires of JSON between systems (the parser
    itself would also read UTF-16 and UTF-32)."""
    if not is_json(request.headers.get("content-type")):
        raise UnsupportedFormatError("send the request as application/json (UTF-8)")
    try:
        (await request.body()).decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotUTF8Error(f"the request body is not valid UTF-8 (byte {error.start})") from error


def is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if not (
        media == "application/json"
        or (media.startswith("application/") and media.endswith("+json"))
    ):
        return False
    charset = params.lower().replace(" ", "")
    return "charset=" not in charset or "charset=utf-8" in charset


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FairbriefError, _fairbrief_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)


def status_for(kind: type[FairbriefError]) -> int:
    """The HTTP status of an error class: the first entry of the table it falls under."""
    return next((status for known, status in _STATUS if issubclass(kind, known)), 500)


@lru_cache(maxsize=1)
def _statuses_by_code() -> dict[str, int]:
    statuses: dict[str, int] = {}
    pending: list[type[FairbriefError]] = [FairbriefError]
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        statuses.setdefault(kind.code, status_for(kind))
    return statuses


def status_for_code(code: str) -> int:
    """The HTTP status of an error known only by its code (a stored batch item's error)."""
    return _statuses_by_code().get(code, 500)


async def _fairbrief_error(request: Request, exc: FairbriefError) -> JSONResponse:
    status = status_for(type(exc))
    headers = None
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(exc, BackendUnavailableError | RateLimitedError) and retry_after is not None:
        headers = {"Retry-After": str(max(1, int(retry_after + 0.999)))}
    if isinstance(exc, AuthError) and not isinstance(exc, ForbiddenError):
        headers = {"WWW-Authenticate": 'Bearer realm="fairbrief"'}
    if isinstance(exc, BackendError):
        log.warning(
            "backend failure %s status=%s request_id=%s (request %s)",
            exc.code,
            exc.status,
            exc.request_id,
            request.scope.get("fairbrief.request_id"),
        )
    return problem(request, status, exc.code, exc.message, headers=headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    body_errors = any(tuple(e.get("loc", ()))[:1] == ("body",) for e in exc.errors())
    if body_errors and not is_json(request.headers.get("content-type")):
        return _unsupported_media(request)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    if any(e["type"] == "json_invalid" for e in errors):
        return problem(request, 400, "malformed-json", "the request body is not valid JSON", errors)
    return problem(request, 422, "invalid-request", "the request does not fit the schema", errors)


def _unsupported_media(request: Request) -> JSONResponse:
    return problem(
        request,
        415,
        "unsupported-media-type",
        "send the request as application/json (UTF-8); got "
        f"{request.headers.get('content-type') or 'no Content-Type'}",
    )


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 413:
        return problem(request, 413, "too-large", str(exc.detail))
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        return problem(request, 400, "not-utf8", "the request body is not valid UTF-8")
    if exc.status_code == 400:
        return problem(request, 400, "malformed-body", str(exc.detail))
    code = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "-")
    headers = dict(exc.headers) if exc.headers else None
    return problem(request, exc.status_code, code, str(exc.detail), headers=headers)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # the exception's message may quote the article: log where it happened, not what it said
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"
    log.error(
        "unexpected %s at %s (request %s)",
        type(exc).__name__,
        where,
        request.scope.get("fairbrief.request_id"),
    )
    return problem(request, 500, "internal-error", "an unexpected error occurred; it was logged")
