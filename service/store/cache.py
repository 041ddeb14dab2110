"""The result cache: SQLite on local disk by default, Redis when several instances share it.

Keys are digests of everything that decides a Result (see ``cache_key``); each entry also
records its article id, so that ``delete_article`` removes every copy of an article, and an
expiry time, after which the entry is neither returned nor kept (expired rows are purged as
new ones are written; Redis expires its keys itself).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol

import anyio.to_thread
from redis.asyncio import Redis

from service.settings import Settings

_PREFIX = "fairbrief:cache"


def cache_key(**parts: object) -> str:
    """A stable digest of the parts (JSON with sorted keys)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache(Protocol):
    async def get(self, key: str) -> bytes | None: ...
    async def put(self, key: str, article_id: str, value: bytes) -> None: ...
    async def delete_article(self, article_id: str) -> int: ...
    async def ping(self) -> None: ...
    async def aclose(self) -> None: ...


class SqliteCache:
    """One SQLite file (WAL), safe to share between processes on one machine."""

    def __init__(self, path: Path, ttl_seconds: int) -> None:
        self.path = path
        self.ttl = ttl_seconds
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, article_id TEXT NOT NULL,"
                " expires REAL NOT NULL, value BLOB NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS results_article ON results (article_id)")
            db.execute("CREATE INDEX IF NOT EXISTS results_expires ON results (expires)")

    def _connect(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA secure_delete=ON")  # deleted copies are overwritten, not left
            self._local.db = db
        return db

    def _get(self, key: str) -> bytes | None:
        row = (
            self._connect()
            .execute("SELECT value FROM results WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return bytes(row[0]) if row else None

    def _put(self, key: str, article_id: str, value: bytes) -> None:
        now = time.time()
        db = self._connect()
        db.execute("DELETE FROM results WHERE expires <= ?", (now,))
        db.execute(
            "INSERT OR REPLACE INTO results (key, article_id, expires, value) VALUES (?, ?, ?, ?)",
            (key, article_id, now + self.ttl, value),
        )

    def _delete(self, article_id: str) -> int:
        db = self._connect()
        deleted = db.execute("DELETE FROM results WHERE article_id = ?", (article_id,)).rowcount
        if deleted:  # and out of the write-ahead log too (best effort while others read)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return deleted

    async def get(self, key: str) -> bytes | None:
        return await anyio.to_thread.run_sync(self._get, key)

    async def put(self, key: str, article_id: str, value: bytes) -> None:
        await anyio.to_thread.run_sync(self._put, key, article_id, value)

    async def delete_article(self, article_id: str) -> int:
        return await anyio.to_thread.run_sync(self._delete, article_id)

    async def ping(self) -> None:
        await anyio.to_thread.run_sync(lambda: self._connect().execute("SELECT 1").fetchone())

    async def aclose(self) -> None:
        return None


class RedisCache:
    """Entries as keys with a time-to-live; a set per article names its entries."""

    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self.redis = redis
        self.ttl = ttl_seconds

    async def get(self, key: str) -> bytes | None:
        value = await self.redis.get(f"{_PREFIX}:result:{key}")
        return bytes(value) if value is not None else None

    async def put(self, key: str, article_id: str, value: bytes) -> None:
        index = f"{_PREFIX}:article:{article_id}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(f"{_PREFIX}:result:{key}", value, ex=self.ttl)
            pipe.sadd(index, key)
            pipe.expire(index, self.ttl)
            await pipe.execute()

    async def delete_article(self, article_id: str) -> int:
        index = f"{_PREFIX}:article:{article_id}"
        members: set[bytes] = await self.redis.smembers(index)  # type: ignore[misc]
        keys = [k.decode() for k in members]
        if not keys:
            return 0
        deleted = await self.redis.delete(*(f"{_PREFIX}:result:{k}" for k in keys))
        await self.redis.delete(index)
        return int(deleted)

    async def ping(self) -> None:
        await self.redis.ping()

    async def aclose(self) -> None:
        return None  # the client is the app's


def open_cache(settings: Settings, redis: Redis | None = None) -> ResultCache | None:
    """The configured cache; with Redis, ``redis`` is the app's client (closed by the app)."""
    if not settings.cache_enabled:
        return None
    if redis is not None:
        return RedisCache(redis, settings.cache_ttl_seconds)
    return SqliteCache(settings.data_dir / "cache.sqlite3", settings.cache_ttl_seconds)
