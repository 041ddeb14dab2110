"""The runner: the service's pipeline, a cache that saves work but never serves stale
answers, failed items recorded, and a run directory a person and a machine can read."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from evals.runner import RunConfig, load_dataset, run_eval
from service.backends.offline import OfflineEngine
from service.domain import Article, Draft, SummaryOptions
from tests.evals.gold_items import strike_item, write_jsonl


class CountingEngine(OfflineEngine):
    """The real offline engine, counting its calls; ``version`` is settable."""

    def __init__(self, version: str = "test-1", fail_on: str | None = None) -> None:
        super().__init__()
        self.version = version
        self.calls = 0
        self.fail_on = fail_on

    async def draft(self, article: Article, options: SummaryOptions) -> Draft:
        self.calls += 1
        if self.fail_on and self.fail_on in article.text:
            raise RuntimeError("the engine broke on this article")
        return await super().draft(article, options)


def gold_file(tmp_path: Path) -> Path:
    other = strike_item(id="strike-02", text=strike_item()["text"].replace("Monday", "Tuesday"))
    other["gold"]["claims"][0]["evidence"] = "Dock workers in Kestravia walked out on Tuesday"
    third = strike_item(id="strike-03", text=strike_item()["text"].replace("Kestravia", "Velmora"))
    third["gold"]["claims"][0]["evidence"] = "Dock workers in Velmora walked out on Monday"
    return write_jsonl(tmp_path / "gold.jsonl", [strike_item(), other, third])


def run(tmp_path: Path, engine: CountingEngine, out: str) -> dict:  # type: ignore[type-arg]
    config = RunConfig(
        dataset=str(gold_file(tmp_path)),
        out=tmp_path / out,
        cache_path=tmp_path / "cache.sqlite",
        progress=False,
    )
    run_dir = asyncio.run(run_eval(config, backend=engine))
    return json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))


def test_a_second_run_makes_no_engine_calls(tmp_path: Path) -> None:
    first = CountingEngine()
    cold = run(tmp_path, first, "cold")
    assert first.calls == 3 and cold["cached"] == 0
    second = CountingEngine()
    warm = run(tmp_path, second, "warm")
    assert second.calls == 0 and warm["cached"] == 3 and warm["engine_calls"] == 0
    assert warm["metrics"] == cold["metrics"]


def test_a_new_engine_version_never_reads_stale_answers(tmp_path: Path) -> None:
    run(tmp_path, CountingEngine(version="test-1"), "v1")
    bumped = CountingEngine(version="test-2")
    summary = run(tmp_path, bumped, "v2")
    assert bumped.calls == 3 and summary["cached"] == 0


def test_a_failed_item_is_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    engine = CountingEngine(fail_on="Velmora")
    summary = run(tmp_path, engine, "failing")
    assert summary["items"] == 3 and summary["failed"] == 1
    records = [
        json.loads(line) for line in (tmp_path / "failing" / "items.jsonl").read_text().splitlines()
    ]
    failed = [r for r in records if r["status"] == "error"]
    assert [r["item_id"] for r in failed] == ["strike-03"]
    assert failed[0]["reason"] == "RuntimeError: the engine broke on this article"
    assert summary["metrics"]["items"] == 2  # scored over what ran
    again = CountingEngine()
    run(tmp_path, again, "retry")
    assert again.calls == 1  # the failure was not cached


def test_the_run_directory(tmp_path: Path) -> None:
    summary = run(tmp_path, CountingEngine(), "out")
    out = tmp_path / "out"
    record = json.loads((out / "items.jsonl").read_text().splitlines()[0])
    for key in (
        "dataset",
        "engine",
        "engine_version",
        "model",
        "prompt_version",
        "git_commit",
        "score",
        "result",
        "latency_ms",
    ):
        assert key in record
    assert record["dataset"] == "gold" and record["engine"] == "offline-rules"
    assert summary["thresholds"]["span_overlap_of_shorter"] == 0.5
    assert summary["dataset_sha256"] and summary["git_commit"]
    page = (out / "report.html").read_text()
    assert "strike-01" in page and "attributed-claim F1" in page and "<svg" in page
    assert "<script" not in page


def test_a_recorded_run_is_scored_as_it_was_recorded(tmp_path: Path) -> None:
    original = run(tmp_path, CountingEngine(), "original")
    config = RunConfig(
        dataset=str(tmp_path / "gold.jsonl"),
        out=tmp_path / "rescored",
        recording=tmp_path / "original" / "items.jsonl",
        cache_path=None,
        progress=False,
    )
    rescored = json.loads((asyncio.run(run_eval(config)) / "summary.json").read_text())
    assert rescored["engine"] == "recorded" and rescored["engine_calls"] == 0
    assert rescored["metrics"] == original["metrics"]


def test_every_nth_item_from_an_offset_then_the_limit(tmp_path: Path) -> None:
    path = gold_file(tmp_path)
    every = [i.id for i in load_dataset(str(path), tmp_path, every=2, offset=1)[1]]
    assert every == ["strike-02"]
    first_of_each = [i.id for i in load_dataset(str(path), tmp_path, every=2, limit=1)[1]]
    assert first_of_each == ["strike-01"]
    with pytest.raises(ValueError, match="offset"):
        load_dataset(str(path), tmp_path, every=2, offset=2)
