"""Batch jobs and their items in one SQLite file, ``data_dir / "jobs.sqlite3"``.

One machine per data directory, with one or several service processes on it (``fairbrief
serve --workers N``). A claimed item records the process that claimed it (host, pid and the
pid's start time, so that a reused pid is not taken for it). At start, ``recover()`` puts
back to ``queued`` the running items of processes that are gone, and leaves those of live
ones alone; at shutdown a process puts back only its own. Several machines use the Redis
queue (``job_queue = "arq"``) instead: a process on another host, or one whose host name
changed (a new container), counts as gone.

Tables::

    jobs   id, owner, idempotency_key, request_digest, engine, options (JSON), total,
           created, finished, expires, webhook_url, webhook_status, webhook_attempts
    items  seq (queue order), job_id, idx, ref, kind (text|html|url), input, title,
           status (queued|running|done|failed), attempt, claimed_by, article_id,
           result (JSON), error_code, error_message

How nothing is lost and nothing is done twice:

- a job and all its items are written in one transaction, before the client hears 202;
- a worker claims an item with one ``UPDATE ... WHERE status = 'queued' RETURNING``, which
  also bumps the item's ``attempt``;
- an outcome is stored only ``WHERE status = 'running' AND attempt = <the claim's>``: once,
  and never over an item that was put back and claimed again meanwhile;
- the transaction that stores a job's last open item also finishes the job (guarded by
  ``finished IS NULL``), so exactly one worker sees the job finish and queues its webhook;
- WAL with ``synchronous=NORMAL``: a committed transaction survives the process being
  killed (a power cut may lose the last few).

Article texts are unpublished copy: the update that stores an item's outcome also clears
its input and title (``secure_delete`` overwrites the freed bytes), and ``checkpoint()``
empties the write-ahead log after a job finishes or is deleted. Jobs expire ``ttl``
seconds after they were created or, once finished, after they finished.

Every method is blocking; the service calls them in worker threads, and each thread gets
its own connection.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from service.errors import DeletedError, InputError

SCRUBBED = "the article's results were deleted (DELETE /v1/articles/{id})"

ItemKind = Literal["text", "html", "url"]
STATUSES = ("queued", "running", "done", "failed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id               TEXT PRIMARY KEY,
    owner            TEXT NOT NULL,
    idempotency_key  TEXT,
    request_digest   TEXT NOT NULL,
    engine           TEXT,
    options          TEXT NOT NULL,
    total            INTEGER NOT NULL,
    created          REAL NOT NULL,
    finished         REAL,
    expires          REAL NOT NULL,
    webhook_url      TEXT,
    webhook_status   TEXT NOT NULL,
    webhook_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency
    ON jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_expires ON jobs (expires);
CREATE TABLE IF NOT EXISTS items (
    seq           INTEGER PRIMARY KEY,
    job_id        TEXT NOT NULL,
    idx           INTEGER NOT NULL,
    ref           TEXT,
    kind          TEXT NOT NULL,
    input         TEXT,
    title         TEXT,
    status        TEXT NOT NULL,
    attempt       INTEGER NOT NULL DEFAULT 0,
    claimed_by    TEXT,
    article_id    TEXT,
    result        TEXT,
    error_code    TEXT,
    error_message TEXT,
    UNIQUE (job_id, idx)
);
CREATE INDEX IF NOT EXISTS items_queued ON items (seq) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS items_open ON items (status) WHERE status IN ('queued', 'running');
"""

_JOB_COLUMNS = (
    "id, owner, engine, options, total, created, finished, webhook_url, webhook_status,"
    " webhook_attempts"
)


@dataclass(frozen=True)
class NewItem:
    """One article of a job as submitted."""

    kind: ItemKind
    content: str
    title: str | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Job:
    id: str
    owner: str
    engine: str | None
    options: str
    total: int
    created: float
    finished: float | None
    webhook_url: str | None
    webhook_status: str
    webhook_attempts: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def status(self) -> Literal["queued", "running", "done"]:
        if self.finished is not None:
            return "done"
        started = sum(self.counts.get(s, 0) for s in ("running", "done", "failed"))
        return "running" if started else "queued"


@dataclass(frozen=True)
class JobItem:
    index: int
    ref: str | None
    status: str
    article_id: str | None
    result: str | None
    error_code: str | None
    error_message: str | None


@dataclass(frozen=True)
class Claim:
    """An item a worker has taken: what it needs to run it, and the attempt it holds."""

    seq: int
    job_id: str
    index: int
    attempt: int
    kind: ItemKind
    content: str | None
    title: str | None
    engine: str | None
    options: str


@dataclass(frozen=True)
class Outcome:
    """What became of a claimed item: a result (done) or an error (failed)."""

    status: Literal["done", "failed"]
    result: str | None = None
    article_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None


_PROC = Path("/proc/self/stat").exists()


def _start_time(pid: int) -> str | None:
    """When a process started (clock ticks since boot, from /proc), or None if it is gone.
    Without /proc (macOS) only whether the pid runs: ``""`` for a live one."""
    if not _PROC:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # it runs, as another user
        return ""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def process_token(pid: int | None = None) -> str:
    """A process as the claimant of an item: ``host:pid:start time``."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_start_time(pid) or ''}"


def is_alive(token: str | None) -> bool:
    """True when the process a token names still runs on this host."""
    if not token or token.count(":") < 2:
        return False
    host, pid, started = token.rsplit(":", 2)
    if host != socket.gethostname() or not pid.isdigit():
        return False
    return _start_time(int(pid)) == started


class JobStore:
    def __init__(self, path: Path, *, ttl_seconds: float, claimant: str | None = None) -> None:
        self.path = path
        self.ttl = ttl_seconds
        self.claimant = claimant or process_token()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        db = self._connect()
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        with self._transaction() as db:  # a file from before claims were recorded
            columns = {row[1] for row in db.execute("PRAGMA table_info(items)")}
            if "claimed_by" not in columns:
                db.execute("ALTER TABLE items ADD COLUMN claimed_by TEXT")

    # connections and transactions

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise RuntimeError("the job store is closed")
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None:
            return db
        with self._lock:
            if self._closed:
                raise RuntimeError("the job store is closed")
            # check_same_thread off only so that close() can close every thread's connection
            db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._connections.append(db)
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA secure_delete=ON")
        self._local.db = db
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # submitting

    def create(
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

        Returns the job's id and whether it was created now. The same key with a different
        request is an error: the client would otherwise think its new request was accepted.
        """
        now = time.time()
        with self._transaction() as db:
            if idempotency_key is not None:
                self._delete_jobs(
                    db,
                    "owner = ? AND idempotency_key = ? AND expires <= ?",
                    (owner, idempotency_key, now),
                )
                row = db.execute(
                    "SELECT id, request_digest FROM jobs WHERE owner = ? AND idempotency_key = ?",
                    (owner, idempotency_key),
                ).fetchone()
                if row is not None:
                    if row[1] != request_digest:
                        raise InputError(
                            "this Idempotency-Key was already used for a different batch",
                            field="Idempotency-Key",
                        )
                    return str(row[0]), False
            db.execute(
                "INSERT INTO jobs (id, owner, idempotency_key, request_digest, engine, options,"
                " total, created, expires, webhook_url, webhook_status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    owner,
                    idempotency_key,
                    request_digest,
                    engine,
                    options,
                    len(items),
                    now,
                    now + self.ttl,
                    webhook_url,
                    "none" if webhook_url is None else "pending",
                ),
            )
            db.executemany(
                "INSERT INTO items (job_id, idx, ref, kind, input, title, status)"
                " VALUES (?, ?, ?, ?, ?, ?, 'queued')",
                [
                    (job_id, i, item.ref, item.kind, item.content, item.title)
                    for i, item in enumerate(items)
                ],
            )
        return job_id, True

    # working

    def claim(self) -> Claim | None:
        """Take the oldest queued item, or None when there is none."""
        with self._transaction() as db:
            row = db.execute(
                "UPDATE items SET status = 'running', attempt = attempt + 1, claimed_by = ?"
                " WHERE seq = (SELECT seq FROM items WHERE status = 'queued' ORDER BY seq LIMIT 1)"
                " AND status = 'queued'"
                " RETURNING seq, job_id, idx, attempt, kind, input, title",
                (self.claimant,),
            ).fetchall()
            if not row:
                return None
            seq, job_id, index, attempt, kind, content, title = row[0]
            job = db.execute("SELECT engine, options FROM jobs WHERE id = ?", (job_id,)).fetchone()
        engine, options = job if job is not None else (None, "{}")
        return Claim(seq, job_id, index, attempt, kind, content, title, engine, options)

    def finish(self, claim: Claim, outcome: Outcome) -> tuple[bool, bool]:
        """Store an item's outcome if the claim still holds it, and drop its input.

        Returns (stored, the job finished with this item).
        """
        now = time.time()
        with self._transaction() as db:
            stored = db.execute(
                "UPDATE items SET status = ?, result = ?, article_id = ?, error_code = ?,"
                " error_message = ?, input = NULL, title = NULL"
                " WHERE seq = ? AND status = 'running' AND attempt = ? RETURNING job_id",
                (
                    outcome.status,
                    outcome.result,
                    outcome.article_id,
                    outcome.error_code,
                    outcome.error_message,
                    claim.seq,
                    claim.attempt,
                ),
            ).fetchall()
            if not stored:
                return False, False
            return True, self._finish_job(db, claim.job_id, now)

    def _finish_job(self, db: sqlite3.Connection, job_id: str, now: float) -> bool:
        """Mark the job finished if none of its items is open; True if this call did it."""
        still_open = db.execute(
            "SELECT 1 FROM items WHERE job_id = ? AND status IN ('queued', 'running') LIMIT 1",
            (job_id,),
        ).fetchone()
        if still_open:
            return False
        finished = db.execute(
            "UPDATE jobs SET finished = ?, expires = ? WHERE id = ? AND finished IS NULL"
            " RETURNING id",
            (now, now + self.ttl, job_id),
        ).fetchall()
        return bool(finished)

    def recover(self) -> int:
        """At start: put back what processes that are gone were running, and finish any job
        left with no open items. Returns the number of items put back."""
        now = time.time()
        with self._transaction() as db:
            claimants = db.execute(
                "SELECT DISTINCT claimed_by FROM items WHERE status = 'running'"
            ).fetchall()
            requeued = 0
            for (claimant,) in claimants:
                if claimant != self.claimant and is_alive(claimant):
                    continue
                requeued += db.execute(
                    "UPDATE items SET status = 'queued' WHERE status = 'running'"
                    " AND claimed_by IS ?",
                    (claimant,),
                ).rowcount
            unfinished = db.execute("SELECT id FROM jobs WHERE finished IS NULL").fetchall()
            for (job_id,) in unfinished:
                self._finish_job(db, job_id, now)
        return requeued

    def requeue_running(self) -> int:
        """Put this process's running items back (at shutdown, after its workers stopped)."""
        with self._transaction() as db:
            return db.execute(
                "UPDATE items SET status = 'queued' WHERE status = 'running' AND claimed_by = ?",
                (self.claimant,),
            ).rowcount

    def open_count(self) -> int:
        row = (
            self._connect()
            .execute("SELECT COUNT(*) FROM items WHERE status IN ('queued', 'running')")
            .fetchone()
        )
        return int(row[0])

    # reading

    def get(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job with its item counts; with an owner, only if it belongs to that owner."""
        db = self._connect()
        db.execute("BEGIN")  # one snapshot for the job row and its counts
        try:
            row = db.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None or (owner is not None and row[1] != owner):
                return None
            counts = dict.fromkeys(STATUSES, 0)
            for status, count in db.execute(
                "SELECT status, COUNT(*) FROM items WHERE job_id = ? GROUP BY status", (job_id,)
            ):
                counts[status] = count
        finally:
            db.execute("COMMIT")
        job_id, owner, engine, options, total, created, finished, url, webhook, attempts = row
        return Job(
            job_id, owner, engine, options, total, created, finished, url, webhook, attempts, counts
        )

    def items(self, job_id: str, *, offset: int, limit: int) -> list[JobItem]:
        rows = (
            self._connect()
            .execute(
                "SELECT idx, ref, status, article_id, result, error_code, error_message"
                " FROM items WHERE job_id = ? ORDER BY idx LIMIT ? OFFSET ?",
                (job_id, limit, offset),
            )
            .fetchall()
        )
        return [JobItem(*row) for row in rows]

    def pending_webhooks(self) -> list[str]:
        rows = (
            self._connect()
            .execute(
                "SELECT id FROM jobs WHERE finished IS NOT NULL AND webhook_status = 'pending'"
            )
            .fetchall()
        )
        return [str(job_id) for (job_id,) in rows]

    # webhooks

    def count_webhook_attempt(self, job_id: str) -> None:
        self._connect().execute(
            "UPDATE jobs SET webhook_attempts = webhook_attempts + 1 WHERE id = ?", (job_id,)
        )

    def settle_webhook(self, job_id: str, status: Literal["delivered", "failed"]) -> None:
        self._connect().execute(
            "UPDATE jobs SET webhook_status = ? WHERE id = ? AND webhook_status = 'pending'",
            (status, job_id),
        )

    # removing

    def delete(self, job_id: str, owner: str) -> list[str] | None:
        """Remove the job, its inputs and its results; the article ids it held, or None
        when there is no such job for this owner."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT 1 FROM jobs WHERE id = ? AND owner = ?", (job_id, owner)
            ).fetchone()
            if row is None:
                return None
            articles = db.execute(
                "SELECT DISTINCT article_id FROM items WHERE job_id = ? AND article_id IS NOT NULL",
                (job_id,),
            ).fetchall()
            self._delete_jobs(db, "id = ?", (job_id,))
        return [str(a) for (a,) in articles]

    def scrub_article(self, article_id: str) -> int:
        """Remove the stored Results of an article from every job (the items stay, marked
        with DeletedError's code); the number of items scrubbed."""
        with self._transaction() as db:
            return db.execute(
                "UPDATE items SET result = NULL, error_code = ?, error_message = ?"
                " WHERE article_id = ? AND result IS NOT NULL",
                (DeletedError.code, SCRUBBED, article_id),
            ).rowcount

    def ping(self) -> None:
        self._connect().execute("SELECT 1").fetchone()

    def purge(self) -> int:
        """Remove expired jobs; the number removed."""
        with self._transaction() as db:
            return self._delete_jobs(db, "expires <= ?", (time.time(),))

    @staticmethod
    def _delete_jobs(db: sqlite3.Connection, where: str, params: tuple[object, ...]) -> int:
        db.execute(f"DELETE FROM items WHERE job_id IN (SELECT id FROM jobs WHERE {where})", params)
        return db.execute(f"DELETE FROM jobs WHERE {where}", params).rowcount

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it, so that cleared
        inputs linger in neither (waits for readers; best effort under load)."""
        self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for db in connections:
            db.close()
