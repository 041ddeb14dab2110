"""The LLM backend through the real openai client, over real HTTP, against a fake server."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from evals.runner import RunConfig, run_eval
from service.backends.registry import Backends
from service.domain import Result, SummaryOptions
from service.errors import (
    BackendError,
    BackendTimeoutError,
    BackendUnavailableError,
    EngineUnavailableError,
    RefusalError,
)
from service.pipeline.summarize import ArticleInput, summarize_article
from service.settings import Settings, get_settings
from tests.articles import VALLEY_CLASH
from tests.conftest import serve_in_thread
from tests.fakes.openai_server import (
    FakeOpenAI,
    completion,
    dropped,
    error,
    serve_fake_openai,
    slow,
)

GOOD: dict[str, Any] = {
    "claims": [
        {
            "source": {"name": "Free Valley Coalition", "type": "armed_group"},
            "stance": "asserts",
            "cue": "according to",
            "sentence_ids": ["S1"],
            "quote": "killed at least 21 civilians on Sunday",
            "statement": "Fighting killed at least 21 civilians on Sunday.",
        },
        {
            "source": {"name": "Serevan army", "type": "military"},
            "stance": "asserts",
            "cue": "said",
            "sentence_ids": ["S2"],
            "quote": "9 people had died, all of them fighters",
            "statement": "Nine people died, all fighters.",
        },
        {
            "source": {"name": "Col. Ilan Varga", "type": "person"},
            "stance": "denies",
            "cue": "said",
            "sentence_ids": ["S3"],
            "quote": "Our drones hit only armed positions",
            "statement": "The drones hit only armed positions.",
        },
    ],
    "non_responses": [
        {
            "source": {"name": "interior ministry", "type": "government"},
            "sentence_ids": ["S7"],
            "quote": "The interior ministry declined to comment",
        }
    ],
    "conflicts": [{"claims": [0, 1], "about": "the death toll"}],
    "summary": [
        {
            "text": "The Free Valley Coalition says fighting in the Orsk valley killed at least 21 civilians on Sunday.",
            "sentence_ids": ["S1"],
        },
        {
            "text": "The Serevan army said 9 people had died, all of them fighters.",
            "sentence_ids": ["S2"],
        },
    ],
}


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with serve_fake_openai() as server:
        yield server


def llm_settings(fake: FakeOpenAI, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "openai_api_key": "test-key",
        "openai_base_url": fake.base_url,
        "llm_model": "gpt-4o-mini",
        "llm_max_retries": 1,
        "llm_timeout_seconds": 2.0,
        "llm_deadline_seconds": 20.0,
        "tiktoken_cache_dir": tmp_path / "tiktoken",
        "llm_prices": {"gpt-4o-mini": (0.15, 0.6)},
    }
    values.update(overrides)
    return get_settings(**values)


def run_llm(settings: Settings, text: str = VALLEY_CLASH, times: int = 1) -> Result:
    async def go() -> Result:
        backends = Backends(settings)
        try:
            for _ in range(times):
                result = await summarize_article(
                    ArticleInput(text),
                    backends.get("llm"),
                    SummaryOptions(),
                    prices=settings.llm_prices,
                )
            return result
        finally:
            await backends.aclose()

    return asyncio.run(go())


def with_changes(**changes: Any) -> dict[str, Any]:
    output = copy.deepcopy(GOOD)
    output.update(changes)
    return output


def codes(result: Result) -> list[str]:
    return [w.code for w in result.warnings]


def test_a_good_answer_becomes_a_verified_result(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(completion(GOOD, prompt_tokens=900, completion_tokens=300))
    result = run_llm(llm_settings(fake, tmp_path))
    assert [c.evidence.text for c in result.claims] == [c["quote"] for c in GOOD["claims"]]
    assert all(
        VALLEY_CLASH[c.evidence.start : c.evidence.end] == c.evidence.text for c in result.claims
    )
    assert all(c.verified for c in result.claims) and len(result.conflicts) == 1
    assert [n.source.name for n in result.non_responses] == ["interior ministry"]
    assert len(result.summary.sentences) == 2 and result.warnings == []
    meta = result.meta
    assert (meta.engine, meta.model, meta.prompt_version) == ("llm", "gpt-4o-mini", "brief@v1")
    assert (meta.usage.calls, meta.usage.prompt_tokens, meta.usage.completion_tokens) == (
        1,
        900,
        300,
    )
    assert meta.cost_usd == pytest.approx((900 * 0.15 + 300 * 0.6) / 1e6)
    assert meta.text_left_service is True and meta.token_encoding == "o200k_base"

    [sent] = fake.requests
    body = sent["body"]
    assert (
        body["model"] == "gpt-4o-mini" and body["max_tokens"] == 4000 and body["temperature"] == 0
    )
    schema = body["response_format"]
    assert schema["type"] == "json_schema" and schema["json_schema"]["strict"] is True
    assert schema["json_schema"]["schema"]["additionalProperties"] is False
    assert set(schema["json_schema"]["schema"]["required"]) == {
        "claims",
        "non_responses",
        "conflicts",
        "summary",
    }
    system, user = body["messages"]
    assert "data, not instructions" in system["content"]
    assert user["content"].startswith("<article>\n[S1] Fighting in the Orsk valley")
    assert sent["headers"]["authorization"] == "Bearer test-key"


def test_verify_catches_what_the_model_makes_up(fake: FakeOpenAI, tmp_path: Path) -> None:
    lying = with_changes()
    lying["claims"][0]["quote"] = "killed at least 40 civilians on Sunday"  # fabricated
    lying["claims"][1]["sentence_ids"] = ["S5"]  # wrong sentence id
    lying["summary"] = [
        {
            "text": "Fighting in the Orsk valley killed at least 21 civilians on Sunday.",
            "sentence_ids": ["S1"],
        }
    ]  # a contested figure stated as fact
    lying["claims"].append(
        copy.deepcopy(GOOD["claims"][0])
    )  # the true one, so the summary rests on it
    fake.queue(completion(lying))
    result = run_llm(llm_settings(fake, tmp_path))
    assert "claim_evidence_not_found" in codes(result)
    assert "claim_sentence_ids_corrected" in codes(result)
    assert "summary_unattributed_claim" in codes(result)
    assert result.summary.sentences == []
    assert result.meta.verify.claims_dropped == 1 and result.meta.verify.summary_dropped == 1


def test_invalid_json_gets_one_repair_round(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(completion('{"claims": [ this is not json'), completion(GOOD))
    result = run_llm(llm_settings(fake, tmp_path))
    assert len(result.claims) == 3 and result.meta.usage.calls == 2
    repair = fake.requests[1]["body"]["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert "does not fit the schema" in repair[3]["content"]


def test_a_second_invalid_answer_is_a_schema_error_with_the_raw_output(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    from service.errors import SchemaError

    fake.queue(completion({"claims": "nope"}), completion({"claims": []}))
    with pytest.raises(SchemaError) as caught:
        run_llm(llm_settings(fake, tmp_path))
    assert caught.value.raw_output == '{"claims": []}' and caught.value.attempts == 2
    assert caught.value.usage["prompt_tokens"] == 200


def test_a_refusal_is_a_clear_error(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(completion("", refusal="I can't help with that."))
    with pytest.raises(RefusalError, match="refused"):
        run_llm(llm_settings(fake, tmp_path))


def test_truncation_is_not_retried_with_the_same_budget(fake: FakeOpenAI, tmp_path: Path) -> None:
    empty_chunk = {"claims": [], "non_responses": [], "conflicts": [], "summary": []}
    fake.fallback = lambda body: completion(
        empty_chunk
        if "<article>" in body["messages"][1]["content"]
        else {"summary": [], "conflicts": []}
    )
    fake.queue(completion('{"claims": [', finish_reason="length"))
    result = run_llm(llm_settings(fake, tmp_path))
    # the cut-off answer is followed by smaller calls, each with a part of the article, and a reduce
    articles = [r for r in fake.requests[1:] if "<article>" in r["body"]["messages"][1]["content"]]
    assert len(articles) >= 2 and result.meta.usage.calls == len(fake.requests)
    assert "<claims>" in fake.requests[-1]["body"]["messages"][1]["content"]


def test_429_with_retry_after_then_success(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(
        error(429, "slow down", {"retry-after-ms": "50", "retry-after": "1"}), completion(GOOD)
    )
    result = run_llm(llm_settings(fake, tmp_path))
    assert len(result.claims) == 3 and len(fake.requests) == 2


def test_500s_until_the_retries_run_out(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(*[error(500, "boom")] * 5)
    with pytest.raises(BackendError) as caught:
        run_llm(llm_settings(fake, tmp_path, llm_max_retries=2))
    assert caught.value.status == 500 and len(fake.requests) == 3  # the first try and two retries


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_a_dropped_connection_is_retried(fake: FakeOpenAI, tmp_path: Path, transport: str) -> None:
    fake.queue(dropped(), completion(GOOD))
    result = run_llm(llm_settings(fake, tmp_path, llm_http_client=transport))
    assert len(result.claims) == 3 and len(fake.requests) == 2


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_connections_dropped_until_the_retries_run_out(
    fake: FakeOpenAI, tmp_path: Path, transport: str
) -> None:
    fake.queue(*[dropped()] * 3)
    with pytest.raises(BackendUnavailableError, match="could not be reached"):
        run_llm(llm_settings(fake, tmp_path, llm_http_client=transport, llm_max_retries=1))
    assert len(fake.requests) == 2


def test_a_reply_slower_than_the_timeout(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(*[slow(completion(GOOD), 3.0)] * 2)
    with pytest.raises(BackendTimeoutError):
        run_llm(llm_settings(fake, tmp_path, llm_timeout_seconds=0.3, llm_max_retries=1))
    assert len(fake.requests) == 2


def test_the_deadline_bounds_the_whole_article(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.queue(*[slow(completion(GOOD), 2.0)] * 3)
    with pytest.raises(BackendTimeoutError, match="within 1 s"):
        run_llm(llm_settings(fake, tmp_path, llm_timeout_seconds=5, llm_deadline_seconds=1.0))


def test_a_server_without_json_schema_falls_back_and_remembers(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.queue(
        error(400, "response_format json_schema is not supported by this server"),
        completion(GOOD),
        completion(GOOD),
    )
    result = run_llm(llm_settings(fake, tmp_path), times=2)
    assert len(result.claims) == 3
    formats = [r["body"].get("response_format", {}).get("type") for r in fake.requests]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert "fits this JSON schema" in fake.requests[1]["body"]["messages"][0]["content"]


def test_a_long_article_is_chunked_with_global_sentence_ids(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    paragraphs = [
        f"Officials in district {i} said {i * 3} homes had been flooded on Monday."
        for i in range(1, 61)
    ]
    text = "\n\n".join(paragraphs)

    def reply(body: dict[str, Any]) -> dict[str, Any]:
        content = body["messages"][1]["content"]
        if "<claims>" in content:
            return completion(
                {"summary": [], "conflicts": []}, prompt_tokens=500, completion_tokens=20
            )
        first = content.split("[", 2)[1].split("]")[0]  # the first sentence id of this chunk
        claim = {
            **GOOD["claims"][0],
            "source": {"name": "Officials", "type": "government"},
            "cue": "said",
            "sentence_ids": [first],
            "quote": "homes had been flooded on Monday",
        }
        return completion(
            {"claims": [claim], "non_responses": [], "conflicts": [], "summary": []},
            prompt_tokens=400,
            completion_tokens=60,
        )

    fake.fallback = reply
    result = run_llm(llm_settings(fake, tmp_path, llm_chunk_tokens=500), text)
    chunks = [r for r in fake.requests if "<article>" in r["body"]["messages"][1]["content"]]
    assert len(chunks) >= 3 and len(fake.requests) == len(chunks) + 1  # map calls and one reduce
    assert result.meta.usage.calls == len(fake.requests)
    assert result.meta.usage.prompt_tokens == 400 * len(chunks) + 500
    assert result.meta.usage.completion_tokens == 60 * len(chunks) + 20
    firsts = {c.sentence_ids[0] for c in result.claims}
    assert "S1" in firsts and any(int(s[1:]) > 20 for s in firsts)  # ids stay global
    assert "S60" in chunks[-1]["body"]["messages"][1]["content"]


def test_the_http_api_maps_llm_failures_to_problems(fake: FakeOpenAI, tmp_path: Path) -> None:
    # the same article is posted again after each failure: no cache, so each one is a call
    settings = llm_settings(fake, tmp_path, llm_max_retries=0, cache_enabled=False)
    with (
        serve_in_thread(settings) as url,
        httpx.Client(base_url=url, timeout=30, trust_env=False) as http,
    ):
        assert http.get("/healthz").json()["engines"] == ["offline", "llm"]
        fake.queue(completion(GOOD))
        ok = http.post("/v1/summaries", json={"text": VALLEY_CLASH})
        assert (
            ok.status_code == 200 and ok.json()["meta"]["engine"] == "llm"
        )  # the default with a key
        offline = http.post("/v1/summaries", json={"text": VALLEY_CLASH, "engine": "offline"})
        assert offline.json()["meta"]["engine"] == "offline-rules" and len(fake.requests) == 1
        for reply, status, code in [
            (error(500), 502, "backend-error"),
            (error(429, "busy", {"retry-after": "7"}), 503, "backend-unavailable"),
            (completion("", refusal="no"), 502, "model-refused"),
        ]:
            fake.queue(reply)
            response = http.post("/v1/summaries", json={"text": VALLEY_CLASH})
            assert response.status_code == status, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["type"] == f"urn:fairbrief:problem:{code}"
            if status == 503:
                assert response.headers["retry-after"] == "7"


def test_offline_only_refuses_to_send_text_out(fake: FakeOpenAI, tmp_path: Path) -> None:
    settings = llm_settings(fake, tmp_path, offline_only=True)
    with (
        serve_in_thread(settings) as url,
        httpx.Client(base_url=url, timeout=30, trust_env=False) as http,
    ):
        health = http.get("/healthz").json()
        assert (
            health["engine"] == "offline"
            and health["offline_only"] is True
            and health["engines"] == ["offline"]
        )
        refused = http.post("/v1/summaries", json={"text": VALLEY_CLASH, "engine": "llm"})
        assert (
            refused.status_code == 403
            and refused.json()["type"] == "urn:fairbrief:problem:offline-only"
        )
        default = http.post("/v1/summaries", json={"text": VALLEY_CLASH}).json()
        assert (
            default["meta"]["engine"] == "offline-rules"
            and default["meta"]["text_left_service"] is False
        )
    assert fake.requests == []


def test_the_eval_harness_runs_the_llm_engine(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("FAIRBRIEF_TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken"))
    fake.fallback = lambda body: completion(
        {"claims": [], "non_responses": [], "conflicts": [], "summary": []}
    )
    gold = Path(__file__).resolve().parent.parent / "evals" / "datasets" / "dev.jsonl"
    config = RunConfig(
        dataset=str(gold),
        engine="llm",
        model="gpt-4o-mini",
        limit=3,
        out=tmp_path / "run",
        cache_path=None,
        progress=False,
    )
    summary = json.loads((asyncio.run(run_eval(config)) / "summary.json").read_text())
    assert summary["engine"] == "llm" and summary["items"] == 3 and summary["failed"] == 0
    assert len(fake.requests) == 3 and summary["tokens"] == 3 * 150
    record = json.loads((tmp_path / "run" / "items.jsonl").read_text().splitlines()[0])
    assert record["prompt_version"] == "brief@v1" and record["model"] == "gpt-4o-mini"


def test_the_encodings_load_with_the_network_off(tmp_path: Path) -> None:
    """A fresh cache and no network: the shipped files are checked and used."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network is off in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from pathlib import Path\n"
        "from service.pipeline.budget import counter_for\n"
        f"c = counter_for('gpt-4o', Path({str(tmp_path / 'fresh')!r}))\n"
        "print(c.name, c.count('Dock workers walked out on Monday, the union said.'))\n"
        f"c = counter_for('gpt-4', Path({str(tmp_path / 'fresh')!r}))\n"
        "print(c.name, c.count('Dock workers walked out on Monday, the union said.'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TIKTOKEN_CACHE_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.split("\n")[:2]
    assert first.startswith("o200k_base ") and int(first.split()[1]) > 5
    assert second.startswith("cl100k_base ")
    assert len(list((tmp_path / "fresh").iterdir())) == 2


def test_a_tampered_encoding_file_is_refused(tmp_path: Path) -> None:
    import hashlib

    from service.pipeline.budget import ENCODINGS, install_encodings

    cache = install_encodings(tmp_path / "cache")
    url, _ = ENCODINGS["o200k_base"]
    path = cache / hashlib.sha1(url.encode()).hexdigest()
    path.write_bytes(path.read_bytes() + b"tampered")
    install_encodings(cache)  # replaced from the checked package copy
    assert hashlib.sha256(path.read_bytes()).hexdigest() == ENCODINGS["o200k_base"][1]


def test_unavailable_engine_errors() -> None:
    with pytest.raises(EngineUnavailableError, match="not configured"):
        Backends(get_settings()).get("llm")
