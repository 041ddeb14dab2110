"""Batch jobs over Redis (``job_queue = "arq"``): the API on real servers, ``fairbrief
worker`` processes started, killed (SIGKILL) and stopped, a real redis-server, and the fake
LLM to see which article was asked for how often."""

from __future__ import annotations

import asyncio
import collections
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import redis.asyncio

from service.api.auth import new_key
from service.domain import Result
from service.jobs.redis_store import PREFIX, RedisJobStore
from service.jobs.store import NewItem, Outcome
from tests.fakes.openai_server import FakeOpenAI, completion, serve_fake_openai, slow
from tests.spans import assert_spans_slice
from tests.test_batches import (
    BRIDGE,
    EMPTY_LLM_OUTPUT,
    FERRIES,
    HARBOUR,
    SCHOOL_HTML,
    ferry_article,
    wait_for_job,
)

ROOT = Path(__file__).resolve().parents[1]
ClientFactory = Callable[..., httpx.Client]


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    with redis.Redis.from_url(redis_server) as client:
        client.flushall()
    yield redis_server


def arq_settings(data_dir: Path, redis_url: str, **more: object) -> dict[str, object]:
    """An API instance's settings: jobs in Redis (the rate limits too: the tests poll)."""
    return {
        "data_dir": data_dir,
        "job_queue": "arq",
        "redis_url": redis_url,
        "rate_limit": "100000/minute",
        **more,
    }


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def item_hashes(url: str, job_id: str, total: int) -> list[dict[str, str]]:
    with redis.Redis.from_url(url, decode_responses=True) as client:
        return [client.hgetall(f"{PREFIX}item:{job_id}:{index}") for index in range(total)]


def everything_stored(url: str) -> bytes:
    """Every value in Redis, as bytes: hashes, strings, sets and arq's sorted set."""
    parts: list[bytes] = []
    with redis.Redis.from_url(url) as client:
        for key in client.scan_iter("*"):
            kind = client.type(key)
            if kind == b"hash":
                parts += client.hgetall(key).values()
            elif kind == b"string":
                parts.append(client.get(key) or b"")
            elif kind == b"set":
                parts += client.smembers(key)
            elif kind == b"zset":
                parts += client.zrange(key, 0, -1)
    return b"\n".join(parts)


class WorkerProcess:
    """``fairbrief worker`` in a subprocess, its log in a file."""

    def __init__(self, log: Path, env: dict[str, str]) -> None:
        self.log = log
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "service.cli", "worker"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )

    @property
    def name(self) -> str:
        return f"{socket.gethostname()}:{self.process.pid}"

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while f"worker {self.name} ready" not in self.log.read_text(errors="replace"):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"the worker did not start:\n{self.log_tail()}")
            time.sleep(0.05)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self, sig: signal.Signals) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def make_worker(tmp_path: Path, redis_url: str) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(**env: str) -> WorkerProcess:
        n = len(started)
        full = {
            **os.environ,
            "FAIRBRIEF_REDIS_URL": redis_url,
            "FAIRBRIEF_JOB_QUEUE": "arq",
            "FAIRBRIEF_DATA_DIR": str(tmp_path / f"worker-{n}"),
            "FAIRBRIEF_LOG_LEVEL": "INFO",
            "FAIRBRIEF_LOG_FORMAT": "text",
            **env,
        }
        started.append(WorkerProcess(tmp_path / f"worker-{n}.log", full))
        return started[-1]

    try:
        yield start
    finally:
        for worker in started:
            if worker.process.poll() is None:
                try:
                    assert worker.stop(signal.SIGTERM) == 0, worker.log_tail()
                finally:
                    worker.kill()


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAI]:
    with serve_fake_openai() as fake:
        fake.fallback = lambda body: slow(completion(EMPTY_LLM_OUTPUT), 0.3)
        yield fake


def llm_env(fake: FakeOpenAI) -> dict[str, str]:
    return {
        "OPENAI_API_KEY": "test",
        "OPENAI_BASE_URL": fake.base_url,
        "FAIRBRIEF_LLM_MAX_RETRIES": "0",
        "FAIRBRIEF_CACHE_ENABLED": "false",  # every item reaches the LLM: repeats show
        "FAIRBRIEF_BATCH_WORKERS": "2",
    }


def ferries_asked(fake: FakeOpenAI) -> collections.Counter[str]:
    asked: collections.Counter[str] = collections.Counter()
    for request in fake.requests:
        prompt = json.dumps(request["body"]["messages"])
        asked.update(name for name in FERRIES if f"The {name} ferry" in prompt)
    return asked


class _Receiver(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.headers["X-Fairbrief-Delivery"], body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    handler = type("Receiver", (_Receiver,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler.received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# the API and a worker process


def test_a_batch_is_run_by_a_worker_and_seen_by_every_instance(
    make_client: ClientFactory,
    make_worker: Callable[..., WorkerProcess],
    tmp_path: Path,
    redis_url: str,
) -> None:
    desk, desk_entry = new_key("desk")
    other, other_entry = new_key("other")
    settings = arq_settings(tmp_path, redis_url, api_keys=[desk_entry, other_entry])
    first, second = make_client(**settings), make_client(**settings)
    make_worker()
    items = [
        {"text": HARBOUR, "ref": "wire-1"},
        {"html": SCHOOL_HTML, "ref": "wire-2"},
        {"text": BRIDGE, "title": "Bridge to close", "ref": "wire-3"},
        {"text": "   ", "ref": "blank"},
    ]
    once = {**bearer(desk), "Idempotency-Key": "k1"}
    response = first.post("/v1/batches", json={"items": items}, headers=once)
    assert response.status_code == 202, response.text
    job_id = response.json()["id"]
    assert response.json()["total"] == 4
    assert response.headers["location"] == f"/v1/batches/{job_id}"
    replayed = second.post("/v1/batches", json={"items": items}, headers=once)
    assert replayed.status_code == 202 and replayed.json()["id"] == job_id
    assert replayed.headers["idempotent-replayed"] == "true"
    changed = second.post("/v1/batches", json={"items": items[:1]}, headers=once)
    assert changed.status_code == 422

    job = wait_for_job(second, job_id, headers=bearer(desk), timeout=40)
    assert job["counts"] == {"queued": 0, "running": 0, "done": 3, "failed": 1}
    assert job["total"] == 4 and job["created"] and job["finished"]
    assert job["webhook"] == {"url": None, "status": "none", "attempts": 0}
    assert [item["ref"] for item in job["items"]] == ["wire-1", "wire-2", "wire-3", "blank"]
    for index, item in enumerate(job["items"][:3]):
        assert item["index"] == index and item["status"] == "done" and item["error"] is None
        result = Result.model_validate(item["result"])
        assert item["article_id"] == result.article.id
        assert_spans_slice(item["result"])
    assert job["items"][2]["result"]["article"]["title"] == "Bridge to close"
    blank = job["items"][3]
    assert blank["status"] == "failed" and blank["error"]["code"] == "empty-article"
    assert (
        first.get(f"/v1/batches/{job_id}", headers=bearer(desk)).json()["counts"] == job["counts"]
    )
    page = first.get(f"/v1/batches/{job_id}?offset=1&limit=2", headers=bearer(desk)).json()
    assert [item["index"] for item in page["items"]] == [1, 2]

    # each item ran once; inputs are gone, the script's note was never kept; all keys expire
    stored = item_hashes(redis_url, job_id, 4)
    assert [item["attempts"] for item in stored] == ["1"] * 4
    assert not any("input" in item or "title" in item for item in stored)
    assert b"QUILLFEATHER" not in everything_stored(redis_url)
    with redis.Redis.from_url(redis_url) as client:
        keys = list(client.scan_iter(f"{PREFIX}*"))
        assert keys and all(0 < client.ttl(key) <= 7 * 24 * 3600 for key in keys)
    assert not (tmp_path / "jobs.sqlite3").exists()  # the local queue is not used

    for method in ("GET", "DELETE"):
        foreign = first.request(method, f"/v1/batches/{job_id}", headers=bearer(other))
        assert foreign.status_code == 404
        assert foreign.headers["content-type"] == "application/problem+json"

    # deleting an article scrubs its Result from the job, for every instance
    article_id = job["items"][0]["article_id"]
    deleted = first.delete(f"/v1/articles/{article_id}", headers=bearer(desk))
    assert deleted.json()["batch_items_scrubbed"] == 1
    after = second.get(f"/v1/batches/{job_id}", headers=bearer(desk)).json()["items"]
    assert after[0]["result"] is None and after[0]["error"]["code"] == "deleted"
    assert after[1]["result"] is not None
    assert b"Lina Marsh" not in everything_stored(redis_url)

    assert second.delete(f"/v1/batches/{job_id}", headers=bearer(desk)).status_code == 204
    assert first.get(f"/v1/batches/{job_id}", headers=bearer(desk)).status_code == 404
    assert first.delete(f"/v1/batches/{job_id}", headers=bearer(desk)).status_code == 404
    with redis.Redis.from_url(redis_url) as client:
        assert list(client.scan_iter(f"{PREFIX}*")) == []  # job, items, index, idempotency
    # the key is free again once its job is gone
    again = first.post("/v1/batches", json={"items": items[:1]}, headers=once)
    assert again.status_code == 202 and again.json()["id"] != job_id


def test_two_workers_share_the_items_and_the_webhook_is_sent_once(
    make_client: ClientFactory,
    make_worker: Callable[..., WorkerProcess],
    fake_llm: FakeOpenAI,
    receiver: tuple[str, list[tuple[str, bytes]]],
    tmp_path: Path,
    redis_url: str,
) -> None:
    hook, received = receiver
    env = {**llm_env(fake_llm), "FAIRBRIEF_WEBHOOK_ALLOW": '["127.0.0.1"]'}
    workers = [make_worker(**env), make_worker(**env)]
    for worker in workers:
        worker.wait_ready()
    http = make_client(**arq_settings(tmp_path, redis_url))
    items = [{"text": ferry_article(name), "ref": name} for name in FERRIES]
    body = {"items": items, "engine": "llm", "webhook_url": hook}
    job_id = http.post("/v1/batches", json=body).json()["id"]
    job = wait_for_job(http, job_id, lambda job: job["webhook"]["status"] != "pending")

    assert job["counts"] == {"queued": 0, "running": 0, "done": len(FERRIES), "failed": 0}
    for item in job["items"]:
        assert Result.model_validate(item["result"]).meta.engine == "llm"
        assert item["result"]["article"]["text"] == ferry_article(item["ref"])
    assert ferries_asked(fake_llm) == dict.fromkeys(FERRIES, 1)
    assert len(fake_llm.requests) == len(FERRIES)
    by_worker = collections.Counter(
        item["worker"] for item in item_hashes(redis_url, job_id, len(FERRIES))
    )
    assert set(by_worker) == {worker.name for worker in workers}, by_worker

    assert job["webhook"] == {"url": hook, "status": "delivered", "attempts": 1}
    assert len(received) == 1
    delivery, raw = received[0]
    assert delivery == job_id
    assert json.loads(raw)["counts"]["done"] == len(FERRIES)


def test_a_killed_workers_items_are_run_again_and_finished_ones_are_not(
    make_client: ClientFactory,
    make_worker: Callable[..., WorkerProcess],
    fake_llm: FakeOpenAI,
    tmp_path: Path,
    redis_url: str,
) -> None:
    # a short deadline: the dead worker's items are taken again 2 + 5 + 3 s after they started
    env = {**llm_env(fake_llm), "FAIRBRIEF_REQUEST_DEADLINE_SECONDS": "2"}
    doomed = make_worker(**env)
    http = make_client(**arq_settings(tmp_path, redis_url))
    # from the fourth call on the LLM takes its time (within the deadline): the worker is
    # surely in the middle of an item when it is killed
    fake_llm.fallback = lambda body: slow(
        completion(EMPTY_LLM_OUTPUT), 0.3 if len(fake_llm.requests) <= 3 else 1.5
    )
    items = [{"text": ferry_article(name), "ref": name} for name in FERRIES]
    job_id = http.post("/v1/batches", json={"items": items, "engine": "llm"}).json()["id"]
    deadline = time.monotonic() + 30
    while True:
        statuses = collections.Counter(
            item["status"] for item in item_hashes(redis_url, job_id, len(FERRIES))
        )
        if statuses["done"] >= 3 and statuses["running"] >= 1 and len(fake_llm.requests) >= 4:
            break
        assert time.monotonic() < deadline, f"never got there: {statuses}\n{doomed.log_tail()}"
        time.sleep(0.02)
    assert doomed.stop(signal.SIGKILL) == -signal.SIGKILL
    fake_llm.fallback = lambda body: slow(completion(EMPTY_LLM_OUTPUT), 0.3)

    at_kill = item_hashes(redis_url, job_id, len(FERRIES))
    finished_at_kill = {i for i, item in enumerate(at_kill) if item["status"] == "done"}
    running_at_kill = {i for i, item in enumerate(at_kill) if item["status"] == "running"}
    assert len(finished_at_kill) >= 3 and 1 <= len(running_at_kill) <= 2
    calls_at_kill = len(fake_llm.requests)

    successor = make_worker(**env)
    job = wait_for_job(http, job_id, timeout=30)

    assert job["counts"] == {"queued": 0, "running": 0, "done": len(FERRIES), "failed": 0}
    for item in job["items"]:
        assert item["status"] == "done" and item["error"] is None
        assert item["result"]["article"]["text"] == ferry_article(item["ref"])
    asked = ferries_asked(fake_llm)
    assert set(asked) == set(FERRIES)
    assert len(fake_llm.requests) == sum(asked.values())  # one call per article, no other
    assert len(fake_llm.requests) <= len(FERRIES) + len(running_at_kill)
    assert calls_at_kill < len(fake_llm.requests)
    after = item_hashes(redis_url, job_id, len(FERRIES))
    for index in finished_at_kill:  # finished before the kill: not redone, not rewritten
        assert asked[FERRIES[index]] == 1
        assert after[index] == at_kill[index]
    for index in running_at_kill:  # taken again by the successor: a second attempt
        assert after[index]["attempts"] == "2" and after[index]["worker"] == successor.name
    assert "Traceback" not in successor.log_tail()


# the store's guarantees, directly


def test_the_store_stores_each_outcome_once_and_finishes_the_job_once(redis_url: str) -> None:
    async def scenario() -> tuple[list[tuple[bool, bool]], list[tuple[bool, bool]]]:
        client = redis.asyncio.Redis.from_url(redis_url)
        try:
            store = RedisJobStore(client, ttl_seconds=3600)
            new = [NewItem("text", f"{n}. {HARBOUR}") for n in range(30)]
            job_id, created = await store.create(
                "job_store",
                "desk",
                new,
                engine=None,
                options="{}",
                webhook_url=None,
                idempotency_key=None,
                request_digest="d",
            )
            assert created
            claims = await asyncio.gather(*(store.claim(job_id, n, worker="w") for n in range(30)))
            done = Outcome("done", result="{}", article_id="a1")
            first = await asyncio.gather(*(store.finish(c, done) for c in claims if c))
            again = await asyncio.gather(*(store.finish(c, done) for c in claims if c))
            assert await store.claim(job_id, 0, worker="w") is None  # stored: nothing to run
            job = await store.get(job_id, "desk")
            assert job is not None and job.status == "done"
            assert job.counts == {"queued": 0, "running": 0, "done": 30, "failed": 0}
            assert await store.get(job_id, "someone-else") is None
            return first, again
        finally:
            await client.aclose()

    first, again = asyncio.run(scenario())
    assert all(stored for stored, _ in first) and sum(done for _, done in first) == 1
    assert again == [(False, False)] * 30


def test_a_job_stored_but_never_enqueued_is_swept_up_at_start(
    make_client: ClientFactory,
    make_worker: Callable[..., WorkerProcess],
    tmp_path: Path,
    redis_url: str,
) -> None:
    """A service that died between storing a job and enqueueing it: the next start enqueues."""

    async def store_only() -> str:
        client = redis.asyncio.Redis.from_url(redis_url)
        try:
            store = RedisJobStore(client, ttl_seconds=3600)
            job_id, _ = await store.create(
                "job_orphan",
                "anonymous",
                [NewItem("text", HARBOUR), NewItem("text", BRIDGE)],
                engine=None,
                options="{}",
                webhook_url=None,
                idempotency_key=None,
                request_digest="d",
            )
            return job_id
        finally:
            await client.aclose()

    job_id = asyncio.run(store_only())
    make_worker()
    time.sleep(1.0)
    with redis.Redis.from_url(redis_url) as client:  # nothing was queued: nothing ran
        assert client.hget(f"{PREFIX}item:{job_id}:0", "status") == b"queued"
    http = make_client(**arq_settings(tmp_path, redis_url))
    job = wait_for_job(http, job_id, timeout=30)
    assert job["counts"] == {"queued": 0, "running": 0, "done": 2, "failed": 0}


# configuration and readiness


@pytest.mark.parametrize(
    ("command", "env", "expected"),
    [
        ("worker", {}, "FAIRBRIEF_REDIS_URL"),
        ("worker", {"FAIRBRIEF_REDIS_URL": "redis://localhost:1"}, "FAIRBRIEF_JOB_QUEUE=arq"),
        ("worker", {"FAIRBRIEF_REDIS_URL": "http://x", "FAIRBRIEF_JOB_QUEUE": "arq"}, "URL"),
        ("serve", {"FAIRBRIEF_JOB_QUEUE": "arq"}, "FAIRBRIEF_REDIS_URL"),
    ],
)
def test_without_redis_the_commands_refuse_plainly(
    command: str, env: dict[str, str], expected: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", command],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode in (1, 2), done.stderr
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_readyz_checks_redis_for_jobs(
    make_client: ClientFactory, tmp_path: Path, redis_url: str
) -> None:
    ready = make_client(**arq_settings(tmp_path, redis_url)).get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["jobs"] == "ok"
    assert not (tmp_path / "jobs.sqlite3").exists()
    missing = f"unix://{tmp_path}/no-redis.sock"
    gone = make_client(**arq_settings(tmp_path, missing)).get("/readyz")
    assert gone.status_code == 503
    assert gone.json()["checks"]["jobs"].startswith("failing")
