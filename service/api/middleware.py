"""Request ids, access logs and HTTP metrics. Logs carry method, path, status and time;
never bodies."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.problems import problem_response
from service.logs import request_id_var
from service.metrics import Metrics

log = logging.getLogger("fairbrief.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Gives each request an id (``X-Request-ID``, echoed back), logs one line for it and
    counts it in the metrics under its route's template (never the raw path)."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None = None) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers", [])).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        scope["fairbrief.request_id"] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            if self.metrics is not None:
                self.metrics.requests.labels(route, scope.get("method", ""), str(status)).inc()
                self.metrics.latency.labels(route).observe(elapsed)
            log.info(
                "%s %s %s %.1f ms",
                scope.get("method"),
                route,
                status,
                elapsed * 1000,
                extra={
                    "request_id": request_id,
                    "method": scope.get("method"),
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    "principal": scope.get("fairbrief.principal"),
                },
            )
            request_id_var.reset(token)


class BodyTooLargeError(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"the request body is larger than {limit} bytes")
        self.limit = limit


class BodyLimitMiddleware:
    """Refuses a body over ``limit`` bytes before it is read into memory.

    A declared Content-Length over the limit is answered at once, without reading; a body
    sent in chunks is counted as it arrives and stopped at the limit. (Starlette's own
    limiter answers text/plain for the first case, bypassing the problem+json handlers.)
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            response = problem_response(
                scope, 413, "too-large", f"the request body is larger than {self.limit} bytes"
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLargeError(self.limit)
            return message

        await self.app(scope, counting_receive, send)
