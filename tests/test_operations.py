"""Running the service: API keys, rate limits, the result cache, metrics, readiness.

Every test talks to the real app under uvicorn on 127.0.0.1:0; the Redis tests to a real
redis-server (see the ``redis_server`` fixture).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import redis

from service.api.auth import new_key, parse_keys
from service.backends.offline import OfflineEngine
from service.backends.registry import Backends
from service.domain import Article, Draft, SummaryOptions
from service.pipeline.summarizer import Summarizer
from service.settings import get_settings

ARTICLE = (
    "The harbour board voted on Tuesday to close the north pier for repairs. "
    "The pier is unsafe after the winter storms, according to the board's engineer, "
    "Ines Calloway. Fishing crews said the closure would cost them a month of landings."
)
ClientFactory = Callable[..., httpx.Client]


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    yield redis_server


def _summary(client: httpx.Client, text: str = ARTICLE, **headers: str) -> httpx.Response:
    return client.post("/v1/summaries", json={"text": text}, headers=headers)


# --- API keys -------------------------------------------------------------------------


def test_without_keys_configured_no_key_is_needed(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    client = make_client(data_dir=tmp_path)
    assert _summary(client).status_code == 200


def test_keys_are_required_checked_and_scoped(make_client: ClientFactory, tmp_path: Path) -> None:
    editor_key, editor = new_key("editor")
    batch_key, batch_only = new_key("backend", ("batches",))
    client = make_client(data_dir=tmp_path, api_keys=[editor, batch_only])

    missing = _summary(client)
    assert missing.status_code == 401
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.json()["type"] == "urn:fairbrief:problem:unauthorized"

    assert _summary(client, Authorization=f"Bearer {editor_key}x").status_code == 401
    assert _summary(client, Authorization=f"Basic {editor_key}").status_code == 401

    forbidden = _summary(client, Authorization=f"Bearer {batch_key}")
    assert forbidden.status_code == 403
    assert "backend" in forbidden.json()["detail"]

    assert _summary(client, Authorization=f"Bearer {editor_key}").status_code == 200
    # health, readiness and metrics stay open for the platform's probes
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics").status_code == 200


def test_only_digests_are_configured() -> None:
    key, entry = new_key("desk")
    assert key not in entry
    (parsed,) = parse_keys([entry])
    assert parsed.name == "desk" and parsed.scopes == {"summaries", "batches"}
    for bad in ("desk", "desk:abc", "desk:" + "0" * 64 + ":root", ":" + "0" * 64):
        with pytest.raises(ValueError):
            parse_keys([bad])


# --- rate limits ----------------------------------------------------------------------


def test_rate_limit_per_key_with_retry_after(make_client: ClientFactory, tmp_path: Path) -> None:
    first_key, first = new_key("first")
    second_key, second = new_key("second")
    client = make_client(data_dir=tmp_path, api_keys=[first, second], rate_limit="2/minute")
    auth = {"Authorization": f"Bearer {first_key}"}
    assert [_summary(client, **auth).status_code for _ in range(2)] == [200, 200]
    limited = _summary(client, **auth)
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    # the other key has its own budget
    assert _summary(client, Authorization=f"Bearer {second_key}").status_code == 200


def test_rate_limit_is_shared_through_redis(
    make_client: ClientFactory, tmp_path: Path, redis_url: str
) -> None:
    key, entry = new_key("shared")
    settings = {"api_keys": [entry], "rate_limit": "3/minute", "redis_url": redis_url}
    one = make_client(data_dir=tmp_path / "a", **settings)
    two = make_client(data_dir=tmp_path / "b", **settings)
    auth = {"Authorization": f"Bearer {key}"}
    codes = [_summary(c, **auth).status_code for c in (one, two, one, two)]
    assert codes == [200, 200, 200, 429]


# --- the result cache -----------------------------------------------------------------


def test_cache_is_shared_by_two_instances_on_one_sqlite_file(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    one = make_client(data_dir=tmp_path)
    two = make_client(data_dir=tmp_path)
    first = _summary(one).json()
    assert first["meta"]["cached"] is False
    again = _summary(two).json()
    assert again["meta"]["cached"] is True
    assert again["claims"] == first["claims"]
    # other options are another entry
    other = one.post("/v1/summaries", json={"text": ARTICLE, "options": {"summary_sentences": 1}})
    assert other.json()["meta"]["cached"] is False
    metrics = two.get("/metrics").text
    assert 'fairbrief_cache_lookups_total{result="hit"} 1.0' in metrics


def test_cache_is_shared_through_redis(
    make_client: ClientFactory, tmp_path: Path, redis_url: str
) -> None:
    one = make_client(data_dir=tmp_path / "a", redis_url=redis_url)
    two = make_client(data_dir=tmp_path / "b", redis_url=redis_url)
    assert _summary(one).json()["meta"]["cached"] is False
    assert _summary(two).json()["meta"]["cached"] is True


@pytest.mark.parametrize("store", ["sqlite", "redis"])
def test_delete_removes_every_cached_copy(
    make_client: ClientFactory, tmp_path: Path, store: str, request: pytest.FixtureRequest
) -> None:
    extra = {"redis_url": request.getfixturevalue("redis_url")} if store == "redis" else {}
    client = make_client(data_dir=tmp_path, **extra)
    article_id = _summary(client).json()["article"]["id"]
    client.post("/v1/summaries", json={"text": ARTICLE, "options": {"summary_sentences": 1}})
    deleted = client.delete(f"/v1/articles/{article_id}")
    assert deleted.status_code == 200
    assert deleted.json() == {
        "article_id": article_id,
        "cache_entries_deleted": 2,
        "batch_items_scrubbed": 0,
    }
    assert _summary(client).json()["meta"]["cached"] is False
    assert client.delete("/v1/articles/not-an-id").status_code == 422
    if store == "sqlite":
        client.delete(f"/v1/articles/{article_id}")
        assert b"north pier" not in (tmp_path / "cache.sqlite3").read_bytes()


@pytest.mark.parametrize("store", ["sqlite", "redis"])
def test_cached_entries_expire(
    make_client: ClientFactory, tmp_path: Path, store: str, request: pytest.FixtureRequest
) -> None:
    extra = {"redis_url": request.getfixturevalue("redis_url")} if store == "redis" else {}
    client = make_client(data_dir=tmp_path, cache_ttl_seconds=1, **extra)
    assert _summary(client).json()["meta"]["cached"] is False
    assert _summary(client).json()["meta"]["cached"] is True
    time.sleep(1.2)
    assert _summary(client).json()["meta"]["cached"] is False


def test_cache_can_be_turned_off(make_client: ClientFactory, tmp_path: Path) -> None:
    client = make_client(data_dir=tmp_path, cache_enabled=False)
    _summary(client)
    assert _summary(client).json()["meta"]["cached"] is False
    assert not (tmp_path / "cache.sqlite3").exists()


# --- metrics and readiness ------------------------------------------------------------


def test_metrics_count_requests_by_route_without_article_text(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    client = make_client(data_dir=tmp_path)
    _summary(client)
    client.post("/v1/summaries", json={"text": "   "})
    client.get("/no/such/page")
    text = client.get("/metrics").text
    assert (
        'fairbrief_http_requests_total{method="POST",route="/v1/summaries",status="200"} 1.0'
        in text
    )
    assert (
        'fairbrief_http_requests_total{method="POST",route="/v1/summaries",status="422"} 1.0'
        in text
    )
    assert 'route="unmatched"' in text and "/no/such/page" not in text
    assert 'fairbrief_http_request_duration_seconds_bucket{le="0.5",route="/v1/summaries"}' in text
    assert 'fairbrief_summaries_total{engine="offline-rules",outcome="done"} 1.0' in text
    assert 'fairbrief_summaries_total{engine="offline-rules",outcome="rejected"} 1.0' in text
    assert "harbour" not in text


def test_readyz_checks_engine_and_stores(
    make_client: ClientFactory, tmp_path: Path, redis_url: str
) -> None:
    ready = make_client(data_dir=tmp_path, redis_url=redis_url).get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["engine"] == "ok"
    assert ready.json()["checks"]["cache"] == "ok"
    assert ready.json()["checks"]["rate_limits"] == "ok"
    assert ready.json()["checks"]["jobs"] == "ok"


def test_readyz_says_not_ready_when_redis_is_gone(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    missing = f"unix://{tmp_path}/no-redis.sock"
    answer = make_client(data_dir=tmp_path, redis_url=missing).get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["status"] == "not-ready"
    assert answer.json()["checks"]["cache"].startswith("failing")


# --- the served process: configuration errors, JSON logs ------------------------------


def _serve(env: dict[str, str], tmp_path: Path) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", "0"],
        env={**clean, "FAIRBRIEF_DATA_DIR": str(tmp_path), **env},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )


def test_serve_refuses_to_start_without_keys_when_they_are_required(tmp_path: Path) -> None:
    server = _serve({"FAIRBRIEF_REQUIRE_API_KEYS": "true"}, tmp_path)
    _, stderr = server.communicate(timeout=60)
    assert server.returncode == 1
    assert "FAIRBRIEF_API_KEYS names no key" in stderr and "Traceback" not in stderr


def test_logs_are_json_lines_with_the_request_id_and_no_article_text(tmp_path: Path) -> None:
    server = _serve({"FAIRBRIEF_LOG_LEVEL": "INFO"}, tmp_path)
    assert server.stderr is not None
    lines: list[str] = []
    try:
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            line = server.stderr.readline()
            lines.append(line)
            found = re.search(r"http://127\.0\.0\.1:(\d+)", line)
            port = int(found.group(1)) if found else None
        assert port is not None, lines
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
            answer = client.post(
                "/v1/summaries", json={"text": ARTICLE}, headers={"X-Request-ID": "desk-42"}
            )
            assert answer.headers["x-request-id"] == "desk-42"
    finally:
        server.terminate()
        rest = server.communicate(timeout=30)[1]
    records = [json.loads(line) for line in [*lines, *rest.splitlines()] if line.strip()]
    access = [r for r in records if r["logger"] == "fairbrief.access"]
    assert len(access) == 1
    assert access[0]["request_id"] == "desk-42"
    assert access[0]["route"] == "/v1/summaries" and access[0]["status"] == 200
    assert all({"time", "level", "message"} <= r.keys() for r in records)
    assert "harbour" not in rest and "north pier" not in rest


def test_keys_new_prints_a_key_and_an_entry_that_admits_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "keys", "new", "desk", "--scope", "summaries"],
        capture_output=True,
        text=True,
        check=True,
    )
    key = re.search(r"key:\s+(\S+)", done.stdout)
    entry = re.search(r"entry:\s+(\S+)", done.stdout)
    assert key and entry
    (parsed,) = parse_keys([entry.group(1)])
    assert parsed.scopes == {"summaries"}
    assert hashlib.sha256(key.group(1).encode()).digest() == parsed.digest


def test_without_keys_there_is_no_limit_unless_one_is_set_per_address(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    open_door = make_client(data_dir=tmp_path / "a", rate_limit="1/minute")
    assert [_summary(open_door).status_code for _ in range(3)] == [200, 200, 200]
    per_address = make_client(data_dir=tmp_path / "b", rate_limit_anonymous="2/minute")
    assert [_summary(per_address).status_code for _ in range(3)] == [200, 200, 429]


def test_readiness_drafts_with_the_default_engine(tmp_path: Path) -> None:
    """ready() must run the offline engine (loading its models), not only look it up."""

    class Broken(OfflineEngine):
        async def draft(self, article: Article, options: SummaryOptions) -> Draft:
            raise RuntimeError("the parser did not load")

    settings = get_settings(data_dir=tmp_path)
    backends = Backends(settings)
    backends.offline = Broken()
    summarizer = Summarizer(settings, backends=backends)

    async def probe() -> None:
        try:
            await summarizer.ready()
        finally:
            await summarizer.aclose()

    with pytest.raises(RuntimeError, match="did not load"):
        asyncio.run(probe())
