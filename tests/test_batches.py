"""Batch jobs through their real interfaces: HTTP on a real server, webhooks to a local
receiver, and the service as a subprocess killed (SIGKILL) or stopped (SIGTERM) mid-job."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hashlib
import hmac
import itertools
import json
import os
import signal
import socket
import sqlite3
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

from service.api.auth import new_key
from service.domain import Result
from service.jobs import ItemInput, JobService, JobStore
from service.jobs import webhook as webhook_module
from service.jobs.store import NewItem, Outcome, is_alive, process_token
from service.metrics import Metrics
from service.pipeline.summarizer import Summarizer
from service.settings import get_settings
from tests.fakes.openai_server import FakeOpenAI, completion, serve_fake_openai, slow
from tests.spans import assert_spans_slice

HARBOUR = (
    "The harbour board said on Monday that dredging of the Eastmere channel would begin in "
    "May. \u201cThe work will take six weeks,\u201d said Lina Marsh, the board's chair. "
    "Fishing crews said they had not been consulted."
)
BRIDGE = (
    "The Coldwater bridge will close for repairs on 3 June, the county roads office said. "
    "Engineers found cracks in two of its piers, according to a report seen by the Valley "
    "Courier. Shop owners said the closure would cost them customers."
)
# the script holds an editor's note that must never outlive the job
SCHOOL_HTML = """<html><head><title>New school for Brinmoor</title>
<script>var deskNote = "QUILLFEATHER embargo until Friday";</script></head>
<body><article><h1>New school for Brinmoor</h1>
<p>Brinmoor will open a new primary school in September, the town council said on Tuesday.</p>
<p>\u201cWe have hired twelve teachers,\u201d said Ona Pell, the council's education officer.</p>
<p>Parents said the old building had leaked for years.</p>
</article></body></html>"""
EMPTY_LLM_OUTPUT = {"claims": [], "non_responses": [], "conflicts": [], "summary": []}
FERRIES = [
    "Alder",
    "Birch",
    "Cedar",
    "Dunmore",
    "Elmstead",
    "Fenwick",
    "Garrow",
    "Hazelby",
    "Ingram",
    "Juniper",
    "Kestrel",
    "Linden",
]


def ferry_article(name: str) -> str:
    return (
        f"The {name} ferry will stop running in winter, the island council said on Monday. "
        f"\u201cThe {name} ferry loses money every month,\u201d said Ivo Brand, the council's "
        "treasurer."
    )


def wait_for_job(
    http: httpx.Client,
    job_id: str,
    until: Callable[[dict[str, Any]], bool] = lambda job: job["status"] == "done",
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 20.0,
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        response = http.get(f"/v1/batches/{job_id}", headers=headers, params={"limit": 500})
        assert response.status_code == 200, response.text[:300]
        job: dict[str, Any] = response.json()
        if until(job):
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job never got there: {job['status']} {job['counts']}")
        time.sleep(0.05)


def stored_bytes(data_dir: Path) -> bytes:
    """Everything the job store has on disk: the database and its write-ahead log."""
    files = [data_dir / "jobs.sqlite3", data_dir / "jobs.sqlite3-wal"]
    return b"".join(f.read_bytes() for f in files if f.exists())


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# the HTTP interface


def test_a_batch_is_summarised_and_belongs_to_its_owner(
    make_client: Callable[..., httpx.Client], tmp_path: Path
) -> None:
    desk, desk_entry = new_key("desk")
    other, other_entry = new_key("other")
    http = make_client(data_dir=tmp_path, api_keys=[desk_entry, other_entry])
    items = [
        {"text": HARBOUR, "ref": "wire-1"},
        {"html": SCHOOL_HTML, "ref": "wire-2"},
        {"text": BRIDGE, "title": "Bridge to close", "ref": "wire-3"},
    ]
    response = http.post("/v1/batches", json={"items": items}, headers=bearer(desk))
    assert response.status_code == 202, response.text
    created = response.json()
    job_id = created["id"]
    assert job_id.startswith("job_") and len(job_id) > 20
    assert created == {
        "id": job_id,
        "status": "queued",
        "total": 3,
        "links": {"self": f"/v1/batches/{job_id}"},
    }
    assert response.headers["location"] == f"/v1/batches/{job_id}"

    job = wait_for_job(http, job_id, headers=bearer(desk))
    assert job["counts"] == {"queued": 0, "running": 0, "done": 3, "failed": 0}
    assert job["total"] == 3 and job["created"] and job["finished"]
    assert job["webhook"] == {"url": None, "status": "none", "attempts": 0}
    assert [item["ref"] for item in job["items"]] == ["wire-1", "wire-2", "wire-3"]
    claims = 0
    for index, item in enumerate(job["items"]):
        assert item["index"] == index and item["status"] == "done" and item["error"] is None
        result = Result.model_validate(item["result"])
        assert item["article_id"] == result.article.id
        assert_spans_slice(item["result"])
        claims += len(result.claims)
    assert claims > 0
    assert "Lina Marsh" in job["items"][0]["result"]["article"]["text"]
    assert job["items"][2]["result"]["article"]["title"] == "Bridge to close"

    page = http.get(f"/v1/batches/{job_id}?offset=1&limit=1", headers=bearer(desk)).json()
    assert [item["index"] for item in page["items"]] == [1]
    assert page["offset"] == 1 and page["limit"] == 1 and page["counts"]["done"] == 3
    past_end = http.get(f"/v1/batches/{job_id}?offset=3", headers=bearer(desk)).json()
    assert past_end["items"] == []
    too_many = http.get(f"/v1/batches/{job_id}?limit=501", headers=bearer(desk))
    assert too_many.status_code == 422

    # the inputs of finished items are gone from the store; the HTML's script never was kept
    assert b"QUILLFEATHER" not in stored_bytes(tmp_path)

    for method in ("GET", "DELETE"):
        foreign = http.request(method, f"/v1/batches/{job_id}", headers=bearer(other))
        assert foreign.status_code == 404
        assert foreign.headers["content-type"] == "application/problem+json"
    unknown = http.get("/v1/batches/job_doesnotexist", headers=bearer(desk))
    assert unknown.status_code == 404
    assert http.get(f"/v1/batches/{job_id}").status_code == 401

    assert http.delete(f"/v1/batches/{job_id}", headers=bearer(desk)).status_code == 204
    assert http.get(f"/v1/batches/{job_id}", headers=bearer(desk)).status_code == 404
    assert http.delete(f"/v1/batches/{job_id}", headers=bearer(desk)).status_code == 404
    assert b"Lina Marsh" not in stored_bytes(tmp_path)


def test_failed_items_are_recorded_and_the_others_finish(
    make_client: Callable[..., httpx.Client], tmp_path: Path
) -> None:
    http = make_client(data_dir=tmp_path, max_text_chars=400)
    too_long = "MARBLEWICK draft, not for publication. " + HARBOUR * 3
    items = [{"text": "   ", "ref": "blank"}, {"text": too_long}, {"text": BRIDGE}]
    job_id = http.post("/v1/batches", json={"items": items}).json()["id"]
    job = wait_for_job(http, job_id)
    assert job["counts"] == {"queued": 0, "running": 0, "done": 1, "failed": 2}
    blank, large, bridge = job["items"]
    assert blank["status"] == "failed" and blank["result"] is None
    assert blank["error"]["code"] == "empty-article" and blank["error"]["status"] == 422
    assert large["error"]["code"] == "too-large" and large["error"]["status"] == 413
    assert "400" in large["error"]["message"] and "MARBLEWICK" not in large["error"]["message"]
    assert bridge["status"] == "done" and bridge["error"] is None
    assert b"MARBLEWICK" not in stored_bytes(tmp_path)

    # the LLM is asked for but none is configured: every item fails, the job still finishes
    llm = http.post("/v1/batches", json={"items": [{"text": HARBOUR}], "engine": "llm"})
    job = wait_for_job(http, llm.json()["id"])
    assert job["counts"]["failed"] == 1
    assert job["items"][0]["error"]["code"] == "engine-unavailable"
    assert job["items"][0]["error"]["status"] == 422


def test_limits_and_validation(make_client: Callable[..., httpx.Client], tmp_path: Path) -> None:
    http = make_client(data_dir=tmp_path, batch_max_items=2)
    over = http.post("/v1/batches", json={"items": [{"text": HARBOUR}] * 3})
    assert over.status_code == 413
    assert over.headers["content-type"] == "application/problem+json"
    assert "at most 2 items" in over.json()["detail"]
    bad_bodies: list[dict[str, Any]] = [
        {"items": []},
        {"items": [{"text": HARBOUR, "html": SCHOOL_HTML}]},
        {"items": [{"title": "no article"}]},
        {"items": [{"text": HARBOUR, "colour": "red"}]},
        {"items": [{"text": HARBOUR}], "engine": "crystal-ball"},
        {"items": [{"text": HARBOUR}], "webhook_url": "ftp://example.org/hook"},
        {"items": [{"url": "not a url"}]},
        {"items": [{"text": HARBOUR + "\ud800"}]},  # a lone surrogate: refused, not stored
    ]
    for body in bad_bodies:
        # json.dumps escapes a lone surrogate as JSON allows ("\ud800"); httpx's json= cannot
        sent = json.dumps(body).encode()
        response = http.post(
            "/v1/batches", content=sent, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, body
        assert "Eastmere" not in response.text  # validation errors never echo the article
    wrong_type = http.post(
        "/v1/batches", content=b'{"items": []}', headers={"Content-Type": "text/plain"}
    )
    assert wrong_type.status_code == 415


def test_an_idempotency_key_returns_the_same_job(
    make_client: Callable[..., httpx.Client], tmp_path: Path
) -> None:
    desk, desk_entry = new_key("desk")
    other, other_entry = new_key("other")
    http = make_client(data_dir=tmp_path, api_keys=[desk_entry, other_entry])
    body = {"items": [{"text": HARBOUR}, {"text": BRIDGE}]}
    once = http.post("/v1/batches", json=body, headers={**bearer(desk), "Idempotency-Key": "k1"})
    twice = http.post("/v1/batches", json=body, headers={**bearer(desk), "Idempotency-Key": "k1"})
    assert once.status_code == twice.status_code == 202
    assert once.json()["id"] == twice.json()["id"]
    assert twice.headers["idempotent-replayed"] == "true"
    assert twice.headers["location"] == once.headers["location"]
    theirs = http.post("/v1/batches", json=body, headers={**bearer(other), "Idempotency-Key": "k1"})
    assert theirs.status_code == 202 and theirs.json()["id"] != once.json()["id"]
    changed = http.post(
        "/v1/batches",
        json={"items": [{"text": HARBOUR}]},
        headers={**bearer(desk), "Idempotency-Key": "k1"},
    )
    assert changed.status_code == 422
    fresh = http.post("/v1/batches", json=body, headers=bearer(desk))
    assert fresh.json()["id"] != once.json()["id"]
    job = wait_for_job(http, once.json()["id"], headers=bearer(desk))
    assert job["total"] == 2 and job["counts"]["done"] == 2


def test_the_service_keeps_its_metrics(tmp_path: Path) -> None:
    async def scenario() -> tuple[float | None, ...]:
        settings = get_settings(data_dir=tmp_path)
        metrics = Metrics()
        summarizer = Summarizer(settings, metrics=metrics)
        jobs = JobService(settings, summarizer, metrics, poll_seconds=0.05)
        items = [ItemInput("text", HARBOUR), ItemInput("text", " "), ItemInput("text", BRIDGE)]
        job, created = await jobs.submit("desk", items)
        assert created
        queued_before_start = metrics.registry.get_sample_value("fairbrief_batch_items_queued")
        await jobs.start()
        try:
            for _ in range(400):
                job, _ = await jobs.get("desk", job.id)
                queued = metrics.registry.get_sample_value("fairbrief_batch_items_queued")
                if job.status == "done" and queued == 0:  # the last worker counts after it
                    break
                await asyncio.sleep(0.05)
        finally:
            await jobs.aclose()
            await summarizer.aclose()
        sample = metrics.registry.get_sample_value
        return (
            queued_before_start,
            sample("fairbrief_batch_items_queued"),
            sample("fairbrief_batch_items_total", {"outcome": "done"}),
            sample("fairbrief_batch_items_total", {"outcome": "failed"}),
        )

    assert asyncio.run(scenario()) == (3.0, 0.0, 2.0, 1.0)


# the store's guarantees, directly


def _store_with_job(path: Path, items: int) -> JobStore:
    store = JobStore(path / "jobs.sqlite3", ttl_seconds=3600)
    new = [NewItem("text", f"{n}. {HARBOUR}") for n in range(items)]
    store.create(
        "job_test",
        "desk",
        new,
        engine=None,
        options="{}",
        webhook_url=None,
        idempotency_key=None,
        request_digest="d",
    )
    return store


def test_concurrent_claims_never_hand_out_an_item_twice(tmp_path: Path) -> None:
    store = _store_with_job(tmp_path, 60)
    claimed: list[int] = []
    lock = threading.Lock()

    def drain() -> None:
        while (claim := store.claim()) is not None:
            with lock:
                claimed.append(claim.index)

    threads = [threading.Thread(target=drain) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    store.close()
    assert sorted(claimed) == list(range(60))


def test_an_outcome_is_stored_once_and_never_by_a_stale_claim(tmp_path: Path) -> None:
    store = _store_with_job(tmp_path, 2)
    done = Outcome("done", result="{}", article_id="a1")
    first, other = store.claim(), store.claim()
    assert first is not None and other is not None
    assert store.recover() == 2  # as after a restart: both back in the queue
    again = store.claim()
    assert again is not None and again.index == first.index and again.attempt == 2
    assert store.finish(first, done) == (False, False)  # the dead process's claim
    assert store.finish(again, done) == (True, False)
    assert store.finish(again, done) == (False, False)  # only once
    last = store.claim()
    assert last is not None and last.index == other.index
    assert store.finish(last, Outcome("failed", error_code="x", error_message="y")) == (True, True)
    job = store.get("job_test", "desk")
    assert job is not None and job.status == "done" and job.finished is not None
    assert job.counts == {"queued": 0, "running": 0, "done": 1, "failed": 1}
    assert store.get("job_test", "someone-else") is None
    store.close()


def test_recovery_takes_back_only_what_processes_that_are_gone_were_running(
    tmp_path: Path,
) -> None:
    # two processes of one service on one file: a live one (a real process, here `sleep`)
    # and this one; each claims an item
    other = subprocess.Popen(["sleep", "60"])
    try:
        theirs = JobStore(
            tmp_path / "jobs.sqlite3", ttl_seconds=3600, claimant=process_token(other.pid)
        )
        ours = _store_with_job(tmp_path, 4)
        assert theirs.claim() is not None and ours.claim() is not None
        # a third process starting: ours is alive too (this test), so nothing goes back
        starting = JobStore(tmp_path / "jobs.sqlite3", ttl_seconds=3600, claimant="new:1:1")
        assert starting.recover() == 0
        # this process shutting down puts back its own item and not the other's
        assert ours.requeue_running() == 1
        assert _statuses(tmp_path) == {"running": 1, "queued": 3}
        other.kill()
        other.wait()
        assert not is_alive(process_token(other.pid))
        assert starting.recover() == 1  # the other process is gone: its item goes back
        assert _statuses(tmp_path) == {"queued": 4}
    finally:
        other.kill()
        other.wait()
    for store in (theirs, ours, starting):
        store.close()


def test_a_reused_pid_or_another_host_is_not_taken_for_the_claimant() -> None:
    host, pid, started = process_token().rsplit(":", 2)
    assert is_alive(f"{host}:{pid}:{started}")
    assert not is_alive(f"{host}:{pid}:{int(started) + 1}")  # same pid, another process
    assert not is_alive(f"{host}-elsewhere:{pid}:{started}")  # a container since replaced
    assert not is_alive(None) and not is_alive("garbage")


def test_a_job_file_from_before_claimants_were_recorded_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    with sqlite3.connect(path) as db:  # the items table as it was, with a running item
        db.executescript(
            """CREATE TABLE items (
                seq INTEGER PRIMARY KEY, job_id TEXT NOT NULL, idx INTEGER NOT NULL, ref TEXT,
                kind TEXT NOT NULL, input TEXT, title TEXT, status TEXT NOT NULL,
                attempt INTEGER NOT NULL DEFAULT 0, article_id TEXT, result TEXT,
                error_code TEXT, error_message TEXT, UNIQUE (job_id, idx));
            INSERT INTO items (job_id, idx, kind, input, status, attempt)
                VALUES ('job_old', 0, 'text', 'x', 'running', 1);"""
        )
    db.close()
    store = JobStore(path, ttl_seconds=3600)
    assert store.recover() == 1  # its claimant is unknown: taken back, as before
    claim = store.claim()
    assert claim is not None and claim.job_id == "job_old" and claim.attempt == 2
    store.close()


def _statuses(data_dir: Path) -> dict[str, int]:
    with sqlite3.connect(data_dir / "jobs.sqlite3") as db:
        rows = db.execute("SELECT status, COUNT(*) FROM items GROUP BY status").fetchall()
    db.close()
    return dict(rows)


# webhooks


class _Receiver(BaseHTTPRequestHandler):
    """/flaky answers 500 twice, then 200; /gone answers 404. Every request is recorded."""

    received: list[tuple[str, dict[str, str], bytes]]
    flaky_failures: int

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, dict(self.headers), body))
        if self.path == "/gone":
            status = 404
        elif self.path == "/flaky" and type(self).flaky_failures > 0:
            type(self).flaky_failures -= 1
            status = 500
        else:
            status = 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[_Receiver]]]:
    handler = type("Receiver", (_Receiver,), {"received": [], "flaky_failures": 2})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_webhook_is_signed_retried_and_recorded(
    make_client: Callable[..., httpx.Client],
    tmp_path: Path,
    receiver: tuple[str, type[_Receiver]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(webhook_module, "BACKOFF_SECONDS", 0.01)
    url, handler = receiver
    secret = "test-webhook-secret"
    http = make_client(data_dir=tmp_path, webhook_secret=secret, webhook_allow=["127.0.0.1"])
    body = {"items": [{"text": HARBOUR}, {"text": BRIDGE}], "webhook_url": f"{url}/flaky"}
    job_id = http.post("/v1/batches", json=body).json()["id"]
    job = wait_for_job(http, job_id, lambda job: job["webhook"]["status"] != "pending")
    assert job["webhook"] == {"url": f"{url}/flaky", "status": "delivered", "attempts": 3}

    assert len(handler.received) == 3
    for path, headers, raw in handler.received:
        assert path == "/flaky"
        assert headers["X-Fairbrief-Delivery"] == job_id
        fields = dict(part.split("=", 1) for part in headers["X-Fairbrief-Signature"].split(","))
        expected = hmac.new(
            secret.encode(), fields["t"].encode() + b"." + raw, hashlib.sha256
        ).hexdigest()
        assert hmac.compare_digest(fields["v1"], expected)
        assert abs(int(fields["t"]) - time.time()) < 60
        assert json.loads(raw) == {
            "id": job_id,
            "status": "done",
            "total": 2,
            "counts": {"queued": 0, "running": 0, "done": 2, "failed": 0},
            "links": {"self": f"/v1/batches/{job_id}"},
        }
        assert b"Eastmere" not in raw and b"Coldwater" not in raw

    # a 4xx is final: one attempt, recorded as failed
    gone = http.post(
        "/v1/batches", json={"items": [{"text": HARBOUR}], "webhook_url": f"{url}/gone"}
    )
    job = wait_for_job(http, gone.json()["id"], lambda job: job["webhook"]["status"] != "pending")
    assert job["webhook"]["status"] == "failed" and job["webhook"]["attempts"] == 1


def test_without_a_secret_the_webhook_is_unsigned(
    make_client: Callable[..., httpx.Client],
    tmp_path: Path,
    receiver: tuple[str, type[_Receiver]],
) -> None:
    url, handler = receiver
    http = make_client(data_dir=tmp_path, webhook_allow=["127.0.0.1"])
    body = {"items": [{"text": HARBOUR}], "webhook_url": f"{url}/ok"}
    job_id = http.post("/v1/batches", json=body).json()["id"]
    job = wait_for_job(http, job_id, lambda job: job["webhook"]["status"] != "pending")
    assert job["webhook"]["status"] == "delivered" and job["webhook"]["attempts"] == 1
    (_, headers, _), *_ = handler.received
    assert "X-Fairbrief-Signature" not in headers and headers["X-Fairbrief-Delivery"] == job_id


def test_a_webhook_to_a_private_address_is_refused_not_sent(
    make_client: Callable[..., httpx.Client],
    tmp_path: Path,
    receiver: tuple[str, type[_Receiver]],
) -> None:
    url, handler = receiver
    http = make_client(data_dir=tmp_path)  # 127.0.0.1 not allowed for webhooks
    for target in (f"{url}/ok", "http://169.254.169.254/latest/meta-data/"):
        body = {"items": [{"text": HARBOUR}], "webhook_url": target}
        job_id = http.post("/v1/batches", json=body).json()["id"]
        job = wait_for_job(http, job_id, lambda job: job["webhook"]["status"] != "pending")
        assert job["webhook"]["status"] == "failed" and job["webhook"]["attempts"] == 1
    assert handler.received == []


# the service as a process: killed and stopped mid-job


# uvicorn shuts down gracefully on SIGTERM, then re-raises the signal to exit with it
STOPPED = (0, -signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServiceProcess:
    """``fairbrief serve`` in a subprocess over a data directory, talking to a fake LLM."""

    def __init__(self, data_dir: Path, llm_base_url: str, **env: str) -> None:
        self.data_dir = data_dir
        self.env = {
            **os.environ,
            "FAIRBRIEF_DATA_DIR": str(data_dir),
            "FAIRBRIEF_CACHE_ENABLED": "false",  # every item reaches the LLM: repeats show
            "FAIRBRIEF_LLM_MAX_RETRIES": "0",
            "FAIRBRIEF_LOG_LEVEL": "WARNING",
            "OPENAI_API_KEY": "test",
            "OPENAI_BASE_URL": llm_base_url,
            **env,
        }
        self.log = data_dir / "service.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    @contextlib.contextmanager
    def running(self) -> Iterator[httpx.Client]:
        """Start the service and yield a client for it; the caller stops the process."""
        self.url = f"http://127.0.0.1:{_free_port()}"
        port = self.url.rsplit(":", 1)[1]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "service.cli",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    port,
                ],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[1],
            )
        with httpx.Client(base_url=self.url, timeout=10, trust_env=False) as http:
            deadline = time.monotonic() + 30
            while not self._healthy(http):
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise AssertionError(f"the service did not start:\n{self.log_tail()}")
                time.sleep(0.05)
            yield http

    @staticmethod
    def _healthy(http: httpx.Client) -> bool:
        try:
            return http.get("/healthz").status_code == 200
        except httpx.TransportError:
            return False

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:]

    def stop(self, sig: signal.Signals) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        """Whatever a failed test left running."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def rows(self) -> dict[int, tuple[str, int, bool]]:
        """index -> (status, attempts, has a result), read from the file while no service runs."""
        with sqlite3.connect(self.data_dir / "jobs.sqlite3") as db:
            rows = db.execute("SELECT idx, status, attempt, result IS NOT NULL FROM items")
            found = {
                index: (status, attempt, bool(result)) for index, status, attempt, result in rows
            }
        db.close()
        return found


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAI]:
    with serve_fake_openai() as fake:
        yield fake


@pytest.fixture
def make_service(tmp_path: Path, fake_llm: FakeOpenAI) -> Iterator[Callable[..., ServiceProcess]]:
    made: list[ServiceProcess] = []

    def build(**env: str) -> ServiceProcess:
        made.append(ServiceProcess(tmp_path, fake_llm.base_url, **env))
        return made[-1]

    try:
        yield build
    finally:
        for service in made:
            service.kill()


def _ferries_asked(fake: FakeOpenAI) -> collections.Counter[str]:
    asked: collections.Counter[str] = collections.Counter()
    for request in fake.requests:
        prompt = json.dumps(request["body"]["messages"])
        asked.update(name for name in FERRIES if f"The {name} ferry" in prompt)
    return asked


def test_a_killed_service_loses_nothing_and_repeats_nothing_finished(
    make_service: Callable[..., ServiceProcess], fake_llm: FakeOpenAI
) -> None:
    fake_llm.fallback = lambda body: slow(completion(EMPTY_LLM_OUTPUT), 0.3)
    service = make_service(FAIRBRIEF_BATCH_WORKERS="2")
    items = [{"text": ferry_article(name), "ref": name} for name in FERRIES]
    with service.running() as http:
        job_id = http.post("/v1/batches", json={"items": items, "engine": "llm"}).json()["id"]
        wait_for_job(
            http,
            job_id,
            lambda job: job["counts"]["done"] >= 3 and job["counts"]["running"] >= 1,
        )
        assert service.stop(signal.SIGKILL) == -signal.SIGKILL

    at_kill = service.rows()
    finished_at_kill = {i for i, (status, _, _) in at_kill.items() if status == "done"}
    running_at_kill = sum(1 for status, _, _ in at_kill.values() if status == "running")
    assert len(at_kill) == len(FERRIES) and len(finished_at_kill) >= 3
    assert 1 <= running_at_kill <= 2
    calls_before_restart = len(fake_llm.requests)

    with service.running() as http:
        job = wait_for_job(http, job_id)
    assert service.stop(signal.SIGTERM) in STOPPED

    assert job["counts"] == {"queued": 0, "running": 0, "done": len(FERRIES), "failed": 0}
    assert sum(job["counts"].values()) == job["total"] == len(FERRIES)
    for item in job["items"]:
        assert item["status"] == "done" and item["error"] is None
        assert Result.model_validate(item["result"]).meta.engine == "llm"
        assert item["result"]["article"]["text"] == ferry_article(item["ref"])
    asked = _ferries_asked(fake_llm)
    assert len(fake_llm.requests) == sum(asked.values())  # one call per article, no other
    assert len(fake_llm.requests) <= len(FERRIES) + running_at_kill
    assert set(asked) == set(FERRIES)
    for index in finished_at_kill:  # what was finished before the kill was not redone
        assert asked[FERRIES[index]] == 1
    assert calls_before_restart < len(fake_llm.requests)
    # each stored outcome was written once: the finished items kept their first attempt
    after = service.rows()
    assert all(after[i] == at_kill[i] for i in finished_at_kill)


def _worker_pids(parent: int) -> list[int]:
    """The worker processes uvicorn started for ``serve --workers N``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


def _metric(http: httpx.Client, sample: str) -> float:
    text = http.get("/metrics").text
    values = [
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(sample)
    ]
    assert len(values) == 1, text
    return values[0]


def test_several_service_processes_share_the_queue_and_the_metrics(
    make_service: Callable[..., ServiceProcess], fake_llm: FakeOpenAI
) -> None:
    # The two first calls outlast a worker's restart, so the live process's item is still
    # running when the restarted one recovers; the rest answer at once.
    calls = itertools.count()
    fake_llm.fallback = lambda body: slow(
        completion(EMPTY_LLM_OUTPUT), 6.0 if next(calls) < 2 else 0.05
    )
    names = FERRIES[:6]
    service = make_service(FAIRBRIEF_WORKERS="2", FAIRBRIEF_BATCH_WORKERS="1")
    with service.running() as http:
        assert service.process is not None
        workers = _worker_pids(service.process.pid)
        assert len(workers) == 2
        items = [{"text": ferry_article(name), "ref": name} for name in names]
        job_id = http.post("/v1/batches", json={"items": items, "engine": "llm"}).json()["id"]
        wait_for_job(  # one item each, both at the LLM
            http, job_id, lambda job: job["counts"]["running"] == 2 and len(fake_llm.requests) == 2
        )
        os.kill(workers[0], signal.SIGKILL)
    # from here a connection per request: none kept to the killed process, and each
    # /metrics request free to reach either process
    fresh = httpx.Client(
        base_url=service.url,
        timeout=10,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )
    with fresh:
        job = wait_for_job(fresh, job_id, timeout=40)
        assert job["counts"] == {"queued": 0, "running": 0, "done": len(names), "failed": 0}
        restarted = set(_worker_pids(service.process.pid))
        assert workers[1] in restarted and workers[0] not in restarted and len(restarted) == 2
        # whichever process answers /metrics, it counts what both did
        for _ in range(8):
            assert _metric(fresh, 'fairbrief_batch_items_total{outcome="done"}') == len(names)
    assert service.stop(signal.SIGTERM) in STOPPED
    # the killed process's item was asked for again; the live one's never was
    asked = _ferries_asked(fake_llm)
    assert set(asked) == set(names)
    assert sum(asked.values()) == len(names) + 1, asked


def test_sigterm_lets_the_item_in_flight_finish(
    make_service: Callable[..., ServiceProcess], fake_llm: FakeOpenAI
) -> None:
    fake_llm.fallback = lambda body: slow(completion(EMPTY_LLM_OUTPUT), 1.0)
    service = make_service(FAIRBRIEF_BATCH_WORKERS="1")
    names = FERRIES[:3]
    items = [{"text": ferry_article(name), "ref": name} for name in names]
    with service.running() as http:
        job_id = http.post("/v1/batches", json={"items": items, "engine": "llm"}).json()["id"]
        wait_for_job(
            http, job_id, lambda job: job["counts"]["running"] == 1 and bool(fake_llm.requests)
        )
        in_flight = len(fake_llm.requests)
        assert service.stop(signal.SIGTERM) in STOPPED

    at_stop = service.rows()
    statuses = collections.Counter(status for status, _, _ in at_stop.values())
    assert statuses["running"] == 0 and statuses["failed"] == 0
    assert statuses["done"] >= in_flight >= 1  # the item in flight was finished, not dropped
    assert statuses["done"] + statuses["queued"] == len(names)

    with service.running() as http:
        job = wait_for_job(http, job_id)
    assert service.stop(signal.SIGTERM) in STOPPED
    assert job["counts"]["done"] == len(names)
    assert _ferries_asked(fake_llm) == dict.fromkeys(names, 1)


def test_deleting_an_article_scrubs_it_from_finished_jobs(
    make_client: Callable[..., httpx.Client], tmp_path: Path
) -> None:
    http = make_client(data_dir=tmp_path)
    job_id = http.post("/v1/batches", json={"items": [{"text": HARBOUR}, {"text": BRIDGE}]}).json()[
        "id"
    ]
    job = wait_for_job(http, job_id, lambda job: job["status"] == "done")
    first = job["items"][0]
    article_id = first["result"]["article"]["id"]
    deleted = http.delete(f"/v1/articles/{article_id}").json()
    assert deleted["batch_items_scrubbed"] == 1
    assert deleted["cache_entries_deleted"] == 1  # the cached copy the job made
    after = http.get(f"/v1/batches/{job_id}").json()["items"]
    assert after[0]["result"] is None and after[0]["error"]["code"] == "deleted"
    assert after[0]["error"]["status"] == 410
    assert after[1]["result"] is not None
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("*.sqlite3*"))
    assert HARBOUR[10:60].encode() not in stored
