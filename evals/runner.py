"""The eval runner: the service's own pipeline over a gold set, cached, bounded, logged.

Each run writes a directory: ``items.jsonl`` (one record per item: dataset, engine and
versions, model, git commit, status, score and the Result), ``summary.json`` (overall
metrics, thresholds, timing) and ``report.html`` (for a person). A failed item is recorded
with its reason and the run goes on.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from evals.cache import ResultCache, cache_key, code_fingerprint
from evals.floor import CueFloorEngine
from evals.gold import GoldItem, load_gold
from evals.matching import THRESHOLDS
from evals.polnear import RULES, load_polnear
from evals.report import write_report
from evals.scoring import ItemScore, score_item, summarize_scores
from service.backends import Backend
from service.backends.registry import Backends, close_backend
from service.domain import SummaryOptions
from service.pipeline.summarize import ArticleInput, summarize_article
from service.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS_DIR = ROOT.parent / "shared" / "datasets"
ENGINES = ("offline", "llm", "floor")


@dataclass
class RunConfig:
    dataset: str
    engine: str = "offline"
    model: str | None = None
    limit: int | None = None
    every: int = 1  # every Nth item, from the offset-th: a sample spread over the data set
    offset: int = 0
    concurrency: int = 4
    out: Path | None = None
    datasets_dir: Path = DEFAULT_DATASETS_DIR
    cache_path: Path | None = field(
        default_factory=lambda: Path.home() / ".cache" / "fairbrief" / "evals.sqlite"
    )
    summary_sentences: int = 3
    progress: bool = True
    recording: Path | None = None  # score recorded Results (JSONL of item_id + result) instead


class RecordedResults:
    """A recorded run as an engine: Results kept from an earlier run or another system.

    Each line of the file is ``{"item_id": ..., "result": {...}}`` (a run's items.jsonl is
    one). Nothing is re-run; the Results are scored as they were recorded.
    """

    name = "recorded"
    version = "1"
    sends_text_out = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.results: dict[str, dict[str, Any]] = {}
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    if record.get("result") is not None:
                        self.results[str(record["item_id"])] = record["result"]


def load_dataset(
    spec: str, datasets_dir: Path, limit: int | None = None, every: int = 1, offset: int = 0
) -> tuple[str, list[GoldItem], str]:
    """(name, items, fingerprint) for a gold file path or ``polnear:dev`` / ``polnear:train``:
    every ``every``-th item from the ``offset``-th (PolNeAR's articles are sorted by
    publisher, so its first items are of one or two publishers only), then the first
    ``limit`` of those."""
    if not 0 <= offset < every:
        raise ValueError(f"the offset must be from 0 to {every - 1} for every {every}th item")
    if spec.startswith("polnear:"):
        split = spec.split(":", 1)[1]
        items = load_polnear(split, datasets_dir, None if every > 1 else limit)
        items = items[offset::every][:limit]
        digest = hashlib.sha256("".join(i.id + i.text for i in items).encode()).hexdigest()
        return f"polnear-{split}", items, digest
    path = Path(spec)
    items = load_gold(path)[offset::every][:limit]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return path.stem, items, digest


def build_backend(engine: str, model: str | None = None) -> Backend:
    if engine == "floor":
        return CueFloorEngine()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; available: {', '.join(ENGINES)}")
    settings = get_settings(**({"llm_model": model} if model else {}))
    return Backends(settings).get(engine)


def git_commit() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


@dataclass
class _Outcome:
    item: GoldItem
    result: dict[str, Any] | None
    cached: bool
    reason: str | None
    latency_ms: float


async def run_eval(config: RunConfig, backend: Backend | None = None) -> Path:
    """Run, score and report; returns the run directory."""
    name, items, dataset_sha = load_dataset(
        config.dataset, config.datasets_dir, config.limit, config.every, config.offset
    )
    recorded = RecordedResults(config.recording) if config.recording else None
    engine: Backend = backend or recorded or build_backend(config.engine, config.model)  # type: ignore[assignment]
    options = SummaryOptions(summary_sentences=config.summary_sentences)
    started = datetime.now(UTC)
    out = config.out or ROOT / "runs" / f"{started:%Y%m%d-%H%M%S}-{name}-{engine.name}"
    out.mkdir(parents=True, exist_ok=True)
    cache = ResultCache(config.cache_path) if config.cache_path else None
    commit = git_commit()
    semaphore = asyncio.Semaphore(max(1, config.concurrency))
    progress = tqdm(
        total=len(items), desc=f"{name} [{engine.name}]", unit="item", disable=not config.progress
    )
    calls = 0

    async def one(item: GoldItem) -> _Outcome:
        nonlocal calls
        key = cache_key(
            {
                "item": item.id,
                "text": hashlib.sha256(item.text.encode()).hexdigest(),
                "title": item.title,
                "engine": engine.name,
                "engine_version": engine.version,
                "code": code_fingerprint(),
                "model": config.model,
                "prompt_version": getattr(engine, "prompt_version", None),
                "options": options.model_dump(),
            }
        )
        async with semaphore:
            try:
                if recorded is not None:
                    if item.id not in recorded.results:
                        raise LookupError(f"no recorded Result for {item.id!r} in {recorded.path}")
                    stored = recorded.results[item.id]
                    return _Outcome(
                        item,
                        stored,
                        False,
                        None,
                        stored.get("meta", {}).get("timings_ms", {}).get("total", 0.0),
                    )
                cached = cache.get(key) if cache else None
                if cached is not None:
                    return _Outcome(item, cached, True, None, cached["meta"]["timings_ms"]["total"])
                calls += 1
                began = time.perf_counter()
                result = await summarize_article(
                    ArticleInput(item.text, title=item.title), engine, options
                )
                latency = (time.perf_counter() - began) * 1000
                data = result.model_dump(mode="json")
                if cache:
                    cache.put(key, data)
                return _Outcome(item, data, False, None, latency)
            except Exception as error:  # a failed item is recorded, the run goes on
                return _Outcome(item, None, False, f"{type(error).__name__}: {error}", 0.0)
            finally:
                progress.update(1)

    began = time.perf_counter()
    try:
        outcomes = await asyncio.gather(*(one(item) for item in items))
    finally:
        if backend is None:  # built here, so closed here
            await close_backend(engine)
    wall = time.perf_counter() - began
    progress.close()
    if cache:
        cache.close()

    scores: list[ItemScore] = []
    records = []
    for outcome in outcomes:
        score = score_item(outcome.result, outcome.item) if outcome.result is not None else None
        if score is not None:
            scores.append(score)
        meta = (outcome.result or {}).get("meta", {})
        records.append(
            {
                "dataset": name,
                "item_id": outcome.item.id,
                "engine": engine.name,
                "engine_version": engine.version,
                "code_fingerprint": code_fingerprint(),
                "model": meta.get("model", config.model),
                "prompt_version": meta.get("prompt_version"),
                "git_commit": commit,
                "status": "ok" if outcome.result is not None else "error",
                "reason": outcome.reason,
                "cached": outcome.cached,
                "latency_ms": round(outcome.latency_ms, 3),
                "usage": meta.get("usage"),
                "score": score.to_dict() if score else None,
                "result": outcome.result,
            }
        )
    latencies = [r["latency_ms"] for r in records if r["status"] == "ok"]
    summary = {
        "dataset": name,
        "dataset_spec": config.dataset,
        "sample": {"every": config.every, "offset": config.offset, "limit": config.limit},
        "dataset_sha256": dataset_sha,
        "engine": engine.name,
        "engine_version": engine.version,
        "code_fingerprint": code_fingerprint(),
        "model": config.model,
        "git_commit": commit,
        "started": started.isoformat(),
        "wall_seconds": round(wall, 3),
        "items": len(items),
        "failed": sum(r["status"] == "error" for r in records),
        "cached": sum(r["cached"] for r in records),
        "engine_calls": calls,
        "latency_ms": {
            "mean": round(statistics.mean(latencies), 3) if latencies else None,
            "p50": round(statistics.median(latencies), 3) if latencies else None,
            "max": round(max(latencies), 3) if latencies else None,
        },
        "tokens": sum(((r["usage"] or {}).get("total_tokens") or 0) for r in records),
        "metrics": summarize_scores(scores),
        "thresholds": THRESHOLDS,
        "conversion_rules": RULES if config.dataset.startswith("polnear:") else None,
    }
    with (out / "items.jsonl").open("w", encoding="utf-8") as log:
        for record in records:
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write_report(out / "report.html", summary, records, {i.id: i for i in items})
    return out
