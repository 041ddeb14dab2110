"""Logging: one JSON object a line (python-json-logger), each with the request id of the
request being served. Nothing logged carries article text."""

from __future__ import annotations

import contextvars
import logging
import sys

from pythonjsonlogger.json import JsonFormatter

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "fairbrief_request_id", default=None
)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record made while serving it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        return True


def configure_logging(level: str, fmt: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if fmt == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter("%(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request's URL at INFO: Slack response URLs (bearer-like for 30
    # minutes) and the URLs of unpublished articles must not reach the logs that way
    for noisy in ("httpx", "httpx2", "httpcore"):  # httpx2: the openai SDK's own copy
        logging.getLogger(noisy).setLevel(logging.WARNING)
