"""Batch jobs and their items in Redis, shared by every service instance and worker.

The same records as the SQLite ``store`` (``Job``, ``JobItem``, ``Claim``, ``Outcome``), as
hashes under ``fairbrief:jobs:``::

    job:<id>              owner, digest, engine, options, total, created, finished,
                          webhook_url, webhook_status, webhook_attempts, idempotency
                          (the key below), and one counter per item status
                          (queued, running, done, failed)
    item:<id>:<index>     kind, input, title, ref, status, attempts, worker, article_id,
                          result, error_code, error_message
    idem:<digest>         the job id an owner's Idempotency-Key made
    article:<article id>  a set of "<id>:<index>": the items holding the article's Result

Every key carries the job's time-to-live: ``ttl`` seconds from creation and, once the job
is finished, from then. Redis expires them itself.

Each change that must be whole is one Lua script, which Redis runs atomically:

- ``create`` writes the job and all its items (or finds the job an idempotency key made)
  before the client hears 202;
- ``claim`` marks an item running, counts the attempt and names the worker, unless its
  outcome is stored already;
- ``finish`` stores an outcome only while the item is queued or running (once), clears
  the item's input and title, and, when that was the job's last open item, finishes the
  job: exactly one caller is told so, and it queues the webhook;
- ``scrub`` and ``delete`` remove an article's Results, or a whole job, in one step.

The scripts build key names from the prefix (one Redis server, not a cluster).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, Literal, cast

from redis.asyncio import Redis

from service.errors import DeletedError, InputError
from service.jobs.store import SCRUBBED, STATUSES, Claim, ItemKind, Job, JobItem, NewItem, Outcome

PREFIX = "fairbrief:jobs:"
_ITEM_FIELDS = ["ref", "status", "article_id", "result", "error_code", "error_message"]

# KEYS: the job, [the idempotency key]
# ARGV: id, ttl, digest, prefix, n, n job field/value strings, then per item: m, m strings
_CREATE = """
local id, ttl, digest, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
if #KEYS > 1 then
  local existing = redis.call('GET', KEYS[2])
  if existing then
    local made = redis.call('HGET', prefix .. 'job:' .. existing, 'digest')
    if made == digest then return {'replayed', existing} end
    if made then return {'conflict', existing} end
  end
  redis.call('SET', KEYS[2], id, 'EX', ttl)
end
local n = tonumber(ARGV[5])
local job = {}
for i = 6, 5 + n do job[#job + 1] = ARGV[i] end
local items = {}
local at = 6 + n
while at <= #ARGV do
  local m = tonumber(ARGV[at])
  local fields = {}
  for i = at + 1, at + m do fields[#fields + 1] = ARGV[i] end
  items[#items + 1] = fields
  at = at + m + 1
end
local now = redis.call('TIME')
redis.call('HSET', KEYS[1], 'digest', digest, 'total', #items, 'queued', #items,
  'running', 0, 'done', 0, 'failed', 0, 'webhook_attempts', 0,
  'created', now[1] .. '.' .. string.format('%06d', tonumber(now[2])), unpack(job))
redis.call('EXPIRE', KEYS[1], ttl)
for i, fields in ipairs(items) do
  local key = prefix .. 'item:' .. id .. ':' .. (i - 1)
  redis.call('HSET', key, 'status', 'queued', 'attempts', 0, unpack(fields))
  redis.call('EXPIRE', key, ttl)
end
return {'created', id}
"""

# KEYS: the job, the item. ARGV: the worker's name
_CLAIM = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local status = redis.call('HGET', KEYS[2], 'status')
if status ~= 'queued' and status ~= 'running' then return false end
if status == 'queued' then
  redis.call('HSET', KEYS[2], 'status', 'running')
  redis.call('HINCRBY', KEYS[1], 'queued', -1)
  redis.call('HINCRBY', KEYS[1], 'running', 1)
end
local attempt = redis.call('HINCRBY', KEYS[2], 'attempts', 1)
redis.call('HSET', KEYS[2], 'worker', ARGV[1])
local item = redis.call('HMGET', KEYS[2], 'kind', 'input', 'title')
local job = redis.call('HMGET', KEYS[1], 'engine', 'options')
return {attempt, item[1], item[2], item[3], job[1], job[2]}
"""

# KEYS: the job, the item. ARGV: status, ttl, prefix, id, index, outcome field/value strings
_FINISH = """
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
local was = redis.call('HGET', KEYS[2], 'status')
if was ~= 'queued' and was ~= 'running' then return {0, 0} end
local status, ttl, prefix, id = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
redis.call('HDEL', KEYS[2], 'input', 'title')
local fields = {'status', status}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], unpack(fields))
redis.call('HINCRBY', KEYS[1], was, -1)
redis.call('HINCRBY', KEYS[1], status, 1)
local article = redis.call('HGET', KEYS[2], 'article_id')
if article then
  local index = prefix .. 'article:' .. article
  redis.call('SADD', index, id .. ':' .. ARGV[5])
  redis.call('EXPIRE', index, ttl)
end
local job = redis.call('HMGET', KEYS[1], 'total', 'done', 'failed', 'finished', 'idempotency')
if job[4] or tonumber(job[2]) + tonumber(job[3]) < tonumber(job[1]) then return {1, 0} end
-- the job's last open item: the job is finished, and everything it holds is kept ttl from now
local now = redis.call('TIME')
redis.call('HSET', KEYS[1], 'finished', now[1] .. '.' .. string.format('%06d', tonumber(now[2])))
redis.call('EXPIRE', KEYS[1], ttl)
if job[5] then redis.call('EXPIRE', job[5], ttl) end
for i = 0, tonumber(job[1]) - 1 do
  local key = prefix .. 'item:' .. id .. ':' .. i
  redis.call('EXPIRE', key, ttl)
  local held = redis.call('HGET', key, 'article_id')
  if held then redis.call('EXPIRE', prefix .. 'article:' .. held, ttl) end
end
return {1, 1}
"""

# KEYS: the article's index. ARGV: prefix, message, code
_SCRUB = """
local scrubbed = 0
for _, ref in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. 'item:' .. ref
  if redis.call('HEXISTS', key, 'result') == 1 then
    redis.call('HDEL', key, 'result')
    redis.call('HSET', key, 'error_code', ARGV[3], 'error_message', ARGV[2])
    scrubbed = scrubbed + 1
  end
end
redis.call('DEL', KEYS[1])
return scrubbed
"""

# KEYS: the job. ARGV: owner, prefix, id. Returns false, or {'deleted', article ids...}
_DELETE = """
local job = redis.call('HMGET', KEYS[1], 'owner', 'total', 'idempotency')
if job[1] ~= ARGV[1] then return false end
local prefix, id = ARGV[2], ARGV[3]
local deleted, seen = {'deleted'}, {}
for i = 0, tonumber(job[2]) - 1 do
  local ref = id .. ':' .. i
  local key = prefix .. 'item:' .. ref
  local article = redis.call('HGET', key, 'article_id')
  if article then
    redis.call('SREM', prefix .. 'article:' .. article, ref)
    if not seen[article] then
      seen[article] = true
      deleted[#deleted + 1] = article
    end
  end
  redis.call('DEL', key)
end
if job[3] then redis.call('DEL', job[3]) end
redis.call('DEL', KEYS[1])
return deleted
"""

# KEYS: the job. Count a webhook attempt of a job that still exists.
_COUNT_ATTEMPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'webhook_attempts', 1)
end
"""

# KEYS: the job. ARGV: delivered | failed. Settles a pending webhook only.
_SETTLE = """
if redis.call('HGET', KEYS[1], 'webhook_status') == 'pending' then
  redis.call('HSET', KEYS[1], 'webhook_status', ARGV[1])
end
"""


def _text(value: bytes | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.decode("utf-8")


def _pairs(**fields: str | int | None) -> list[str | int]:
    """Field/value pairs for HSET, leaving out the fields that have no value."""
    return [part for name, value in fields.items() if value is not None for part in (name, value)]


class RedisJobStore:
    def __init__(self, redis: Redis, *, ttl_seconds: int) -> None:
        self.redis = redis
        self.ttl = ttl_seconds
        self._create = redis.register_script(_CREATE)
        self._claim = redis.register_script(_CLAIM)
        self._finish = redis.register_script(_FINISH)
        self._scrub = redis.register_script(_SCRUB)
        self._delete = redis.register_script(_DELETE)
        self._count_attempt = redis.register_script(_COUNT_ATTEMPT)
        self._settle = redis.register_script(_SETTLE)

    @staticmethod
    def job_key(job_id: str) -> str:
        return f"{PREFIX}job:{job_id}"

    @staticmethod
    def item_key(job_id: str, index: int) -> str:
        return f"{PREFIX}item:{job_id}:{index}"

    # submitting

    async def create(
        self,
        job_id: str,
        owner: str,
        items: Sequence[NewItem],
        *,
        engine: str | None,
        options: str,
        webhook_url: str | None,
        idempotency_key: str | None,
        request_digest: str,
    ) -> tuple[str, bool]:
        """Store a new job, or find the one this owner made with this idempotency key.

        Returns the job's id and whether it was created now; the same key with a different
        request is an error, as in the SQLite store.
        """
        keys = [self.job_key(job_id)]
        idempotency = None
        if idempotency_key is not None:
            named = json.dumps([owner, idempotency_key]).encode("utf-8")
            idempotency = f"{PREFIX}idem:{hashlib.sha256(named).hexdigest()}"
            keys.append(idempotency)
        job = _pairs(
            owner=owner,
            engine=engine,
            options=options,
            webhook_url=webhook_url,
            webhook_status="none" if webhook_url is None else "pending",
            idempotency=idempotency,
        )
        args: list[str | int] = [job_id, self.ttl, request_digest, PREFIX, len(job), *job]
        for item in items:
            fields = _pairs(kind=item.kind, input=item.content, title=item.title, ref=item.ref)
            args += [len(fields), *fields]
        outcome, found = await self._create(keys=keys, args=args)
        if outcome == b"conflict":
            raise InputError(
                "this Idempotency-Key was already used for a different batch",
                field="Idempotency-Key",
            )
        return str(_text(found)), outcome == b"created"

    # working

    async def claim(self, job_id: str, index: int, *, worker: str) -> Claim | None:
        """Mark the item running for ``worker`` and return what it needs to run it; None
        when there is nothing to run (the job is gone, or the outcome is stored already)."""
        found = await self._claim(
            keys=[self.job_key(job_id), self.item_key(job_id, index)], args=[worker]
        )
        if not found:
            return None
        attempt, kind, content, title, engine, options = found
        return Claim(
            seq=index,  # Redis keeps no queue order of its own: arq does
            job_id=job_id,
            index=index,
            attempt=int(attempt),
            kind=cast(ItemKind, _text(kind)),
            content=_text(content),
            title=_text(title),
            engine=_text(engine),
            options=_text(options) or "{}",
        )

    async def finish(self, claim: Claim, outcome: Outcome) -> tuple[bool, bool]:
        """Store an item's outcome unless one is stored already, and drop its input.

        Returns (stored, the job finished with this item).
        """
        fields = _pairs(
            article_id=outcome.article_id,
            result=outcome.result,
            error_code=outcome.error_code,
            error_message=outcome.error_message,
        )
        stored, finished = await self._finish(
            keys=[self.job_key(claim.job_id), self.item_key(claim.job_id, claim.index)],
            args=[outcome.status, self.ttl, PREFIX, claim.job_id, claim.index, *fields],
        )
        return bool(stored), bool(finished)

    # reading

    async def get(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job with its item counts; with an owner, only if it belongs to that owner."""
        fields: dict[bytes, bytes] = await self.redis.hgetall(self.job_key(job_id))  # type: ignore[misc]
        return _job(job_id, fields, owner)

    async def read(
        self, job_id: str, owner: str, *, offset: int, limit: int
    ) -> tuple[Job, list[JobItem]] | None:
        """The job and a page of its items, read in one transaction (one snapshot)."""
        job = await self.get(job_id, owner)
        if job is None:
            return None
        indexes = range(offset, min(job.total, offset + limit))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(self.job_key(job_id))
            for index in indexes:
                pipe.hmget(self.item_key(job_id, index), _ITEM_FIELDS)
            fields, *rows = await pipe.execute()
        job = _job(job_id, fields, owner)
        if job is None:  # deleted in between
            return None
        items = [
            JobItem(
                index,
                _text(ref),
                _text(status) or "queued",
                _text(article_id),
                _text(result),
                _text(error_code),
                _text(error_message),
            )
            for index, (ref, status, article_id, result, error_code, error_message) in zip(
                indexes, rows, strict=True
            )
        ]
        return job, items

    async def open_job_ids(self) -> list[str]:
        """The ids of the jobs that are not finished (a scan: for the start-up sweep)."""
        ids = []
        async for key in self.redis.scan_iter(match=f"{PREFIX}job:*", count=500):
            job_id = key.decode().removeprefix(f"{PREFIX}job:")
            if not await self.redis.hexists(key, "finished"):  # type: ignore[misc]
                ids.append(job_id)
        return ids

    async def queued_items(self, job_id: str, total: int) -> list[int]:
        """The indexes of the job's items that no worker has started yet."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for index in range(total):
                pipe.hget(self.item_key(job_id, index), "status")
            statuses = await pipe.execute()
        return [index for index, status in enumerate(statuses) if status == b"queued"]

    # webhooks

    async def count_webhook_attempt(self, job_id: str) -> None:
        await self._count_attempt(keys=[self.job_key(job_id)])

    async def settle_webhook(self, job_id: str, status: Literal["delivered", "failed"]) -> None:
        await self._settle(keys=[self.job_key(job_id)], args=[status])

    # removing

    async def delete(self, job_id: str, owner: str) -> list[str] | None:
        """Remove the job, its inputs and its results; the article ids it held, or None
        when there is no such job for this owner."""
        deleted = await self._delete(keys=[self.job_key(job_id)], args=[owner, PREFIX, job_id])
        if not deleted:
            return None
        return [str(_text(article)) for article in deleted[1:]]

    async def scrub_article(self, article_id: str) -> int:
        """Remove the stored Results of an article from every job (the items stay, marked
        with the code ``deleted``); the number of items scrubbed."""
        scrubbed = await self._scrub(
            keys=[f"{PREFIX}article:{article_id}"], args=[PREFIX, SCRUBBED, DeletedError.code]
        )
        return int(scrubbed)

    async def ping(self) -> None:
        await self.redis.ping()


def _job(job_id: str, raw: dict[bytes, bytes], owner: str | None) -> Job | None:
    fields: dict[str, Any] = {k.decode(): v.decode("utf-8") for k, v in raw.items()}
    if "owner" not in fields or (owner is not None and fields["owner"] != owner):
        return None
    finished = fields.get("finished")
    return Job(
        id=job_id,
        owner=fields["owner"],
        engine=fields.get("engine"),
        options=fields["options"],
        total=int(fields["total"]),
        created=float(fields["created"]),
        finished=None if finished is None else float(finished),
        webhook_url=fields.get("webhook_url"),
        webhook_status=fields["webhook_status"],
        webhook_attempts=int(fields.get("webhook_attempts", 0)),
        counts={status: int(fields.get(status, 0)) for status in STATUSES},
    )
