"""API keys and per-key rate limits.

Keys are configured as ``name:sha256-hex[:scope,scope]`` (``fairbrief keys new`` makes one):
the service stores only the digest, and compares the digest of a presented key with every
configured digest in constant time. No keys configured means no authentication (local use),
and no rate limit unless ``rate_limit_anonymous`` sets one per client address.

Rate limits use the ``limits`` library (moving window), in memory or in Redis when
``redis_url`` is set, so that several instances share one budget per key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.asyncio import Redis

from service.errors import AuthError, ForbiddenError, RateLimitedError
from service.settings import Settings

SCOPES = ("summaries", "batches", "admin")
DEFAULT_SCOPES = frozenset({"summaries", "batches"})


@dataclass(frozen=True)
class Principal:
    """Who is calling: a configured key's name, or ``anonymous`` when auth is off."""

    name: str
    scopes: frozenset[str]
    rate_key: str


@dataclass(frozen=True)
class ApiKey:
    name: str
    digest: bytes
    scopes: frozenset[str]


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key(name: str, scopes: tuple[str, ...] = ()) -> tuple[str, str]:
    """A fresh random key and the settings entry that admits it."""
    key = "fb_" + secrets.token_urlsafe(32)
    entry = f"{name}:{digest(key)}"
    if scopes:
        entry += ":" + ",".join(scopes)
    return key, entry


def parse_keys(entries: list[str]) -> list[ApiKey]:
    """Settings entries to keys; a malformed entry is a configuration error, said at start."""
    keys = []
    for number, entry in enumerate(entries, 1):
        parts = entry.strip().split(":")
        if len(parts) not in (2, 3) or not parts[0]:
            raise ValueError(f"api key entry {number}: expected name:sha256-hex[:scope,scope]")
        name, hex_digest = parts[0], parts[1].lower()
        if len(hex_digest) != 64 or any(c not in "0123456789abcdef" for c in hex_digest):
            raise ValueError(f"api key entry {number} ({name}): the digest is not 64 hex digits")
        scopes = frozenset(s for s in parts[2].split(",") if s) if len(parts) == 3 else None
        if scopes is not None and not scopes <= set(SCOPES):
            unknown = ", ".join(sorted(scopes - set(SCOPES)))
            raise ValueError(f"api key entry {number} ({name}): unknown scope {unknown}")
        keys.append(ApiKey(name, bytes.fromhex(hex_digest), scopes or DEFAULT_SCOPES))
    return keys


class Gatekeeper:
    """Authentication and rate limiting for one app; built once, shared by all requests."""

    def __init__(self, settings: Settings, redis: Redis | None = None) -> None:
        self.keys = parse_keys(settings.api_keys)
        if settings.require_api_keys and not self.keys:
            raise ValueError(
                "FAIRBRIEF_REQUIRE_API_KEYS is set but FAIRBRIEF_API_KEYS names no key; "
                "make one with `fairbrief keys new NAME`"
            )
        self.limit: RateLimitItem = parse(settings.rate_limit)
        self.anonymous_limit: RateLimitItem | None = (
            parse(settings.rate_limit_anonymous) if settings.rate_limit_anonymous else None
        )
        storage: Storage
        if redis is not None:  # the app's one connection pool, closed with the app
            storage = RedisStorage(
                "async+redis://",
                implementation="redispy",
                key_prefix="fairbrief-rl",
                connection_pool=redis.connection_pool,  # type: ignore[arg-type]
            )
        else:
            storage = MemoryStorage()
        self.storage = storage
        self.limiter = MovingWindowRateLimiter(storage)

    def authenticate(self, authorization: str | None, client: str) -> Principal:
        if not self.keys:
            return Principal("anonymous", frozenset(SCOPES), f"addr:{client}")
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("send an API key as 'Authorization: Bearer <key>'")
        presented = hashlib.sha256(token.strip().encode("utf-8")).digest()
        found: ApiKey | None = None
        for key in self.keys:  # every digest compared, in constant time, whatever matches
            if hmac.compare_digest(presented, key.digest) and found is None:
                found = key
        if found is None:
            raise AuthError("the API key is not valid")
        return Principal(found.name, found.scopes, f"key:{found.name}")

    async def charge(self, principal: Principal) -> None:
        limit = self.limit if self.keys else self.anonymous_limit
        if limit is None or await self.limiter.hit(limit, principal.rate_key):
            return
        stats = await self.limiter.get_window_stats(limit, principal.rate_key)
        retry_after = max(1.0, stats.reset_time - time.time())
        raise RateLimitedError(
            f"the rate limit of {limit} is used up; retry in {int(retry_after + 0.999)} s",
            retry_after=retry_after,
        )

    async def check_storage(self) -> bool:
        return await self.storage.check()


def require(scope: str) -> Callable[[Request], Awaitable[Principal]]:
    """A route dependency: the caller's key must carry ``scope``; each call is charged."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    async def dependency(request: Request) -> Principal:
        gate: Gatekeeper = request.app.state.gate
        client = request.client.host if request.client else "unknown"
        principal = gate.authenticate(request.headers.get("authorization"), client)
        if scope not in principal.scopes:
            raise ForbiddenError(f"the API key '{principal.name}' may not use {scope}")
        await gate.charge(principal)
        request.scope["fairbrief.principal"] = principal.name
        return principal

    return dependency


# route parameter types: ``caller: SummariesCaller`` authenticates, checks the scope, charges
SummariesCaller = Annotated[Principal, Depends(require("summaries"))]
BatchesCaller = Annotated[Principal, Depends(require("batches"))]
