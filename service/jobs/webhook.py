"""Webhooks: tell a client's server that a batch job is done.

The body names the job and its counts, never article text; the receiver fetches the
results with its own API key. Headers:

- ``X-Fairbrief-Delivery: <job id>``: delivery is **at least once** (a retry after a lost
  response, or a restart before the outcome was recorded, sends it again), so a receiver
  drops a delivery id it has already seen;
- ``X-Fairbrief-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">``
  with ``webhook_secret`` (no header when none is configured): the receiver recomputes it
  over the raw body, compares in constant time and refuses an old ``t``.

A delivery is tried up to ``ATTEMPTS`` times, with exponential backoff from
``BACKOFF_SECONDS``, on connection errors, timeouts, 429 and 5xx; any other answer is
final. Every webhook request goes through ``_client()``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import SecretStr
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from service import __version__
from service.errors import UrlRefusedError
from service.ingest.fetch import guarded_client

log = logging.getLogger("fairbrief.jobs.webhook")

ATTEMPTS = 5
BACKOFF_SECONDS = 1.0  # the first wait; it doubles with each retry
MAX_BACKOFF_SECONDS = 60.0
SIGNATURE_HEADER = "X-Fairbrief-Signature"
DELIVERY_HEADER = "X-Fairbrief-Delivery"


class _RetryableError(Exception):
    """A failed attempt worth repeating (no answer, 429, 5xx)."""

    def __init__(self, status: int | None) -> None:
        super().__init__(f"status {status}" if status else "no answer")
        self.status = status


class _RejectedError(Exception):
    """An answer that retrying will not change (another 4xx, a redirect, a bad URL)."""

    def __init__(self, status: int | None) -> None:
        super().__init__(f"status {status}" if status else "bad URL")
        self.status = status


@dataclass(frozen=True)
class Delivery:
    delivered: bool
    attempts: int
    status: int | None = None


def _client(allow: list[str]) -> httpx.AsyncClient:
    """The one place webhook HTTP clients are made: behind the fetcher's SSRF guard (a
    webhook URL is chosen by a client, so loopback, private and metadata addresses are
    refused unless ``allow`` names them), no proxies from the environment, no redirects,
    short timeouts."""
    return guarded_client(
        allow,
        timeout=10.0,
        headers={"User-Agent": f"fairbrief/{__version__} (webhook)"},
    )


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class WebhookSender:
    def __init__(
        self,
        secret: SecretStr | None,
        *,
        allow: list[str] | None = None,
        attempts: int | None = None,
        backoff_seconds: float | None = None,
    ) -> None:
        self.secret = secret
        self.allow = allow or []
        self.attempts = attempts
        self.backoff_seconds = backoff_seconds

    async def deliver(
        self,
        url: str,
        payload: dict[str, Any],
        *,
        delivery_id: str,
        on_attempt: Callable[[], Awaitable[None]] | None = None,
    ) -> Delivery:
        """POST ``payload`` to ``url`` until it is accepted or the attempts run out."""
        body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts or ATTEMPTS),
            wait=wait_exponential(
                multiplier=self.backoff_seconds or BACKOFF_SECONDS, max=MAX_BACKOFF_SECONDS
            ),
            retry=retry_if_exception_type(_RetryableError),
            reraise=True,
        )
        attempts, status = 0, None
        host = urlsplit(url).hostname  # logs name the host, not a path that may hold a token
        try:
            async with _client(self.allow) as client:
                async for attempt in retrying:
                    with attempt:
                        attempts = attempt.retry_state.attempt_number
                        if on_attempt is not None:
                            await on_attempt()
                        status = await self._post(client, url, body, delivery_id)
        except (_RetryableError, _RejectedError) as error:
            log.warning(
                "webhook for %s to %s failed after %d attempts: %s",
                delivery_id,
                host,
                attempts,
                error,
            )
            return Delivery(False, attempts, error.status)
        log.info("webhook for %s delivered to %s (%d attempts)", delivery_id, host, attempts)
        return Delivery(True, attempts, status)

    async def _post(
        self, client: httpx.AsyncClient, url: str, body: bytes, delivery_id: str
    ) -> int:
        headers = {"Content-Type": "application/json", DELIVERY_HEADER: delivery_id}
        if self.secret is not None:
            headers[SIGNATURE_HEADER] = sign(self.secret.get_secret_value(), int(time.time()), body)
        try:
            response = await client.post(url, content=body, headers=headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, UrlRefusedError) as error:
            raise _RejectedError(None) from error
        except httpx.TransportError as error:
            raise _RetryableError(None) from error
        status = response.status_code
        if status == 429 or status >= 500:
            raise _RetryableError(status)
        if not 200 <= status < 300:
            raise _RejectedError(status)
        return status
