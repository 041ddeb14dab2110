"""Offline engine speed on 800-word articles, one core, and its memory.

Every article is different (bench/corpus.py) and each is processed once. Two baselines are
measured in the same run: the engine's rules-only path (the reporting-cue rules without
the dependency parse, which non-English articles get) and ingest alone. Loading the spaCy
pipeline is timed on its own, not hidden in the first article.

    python bench/engine_speed.py [--articles 200] [--words 800] [--cue-model PATH]
    python bench/engine_speed.py --polnear ../shared/datasets   # real news instead

With ``--polnear`` the articles are PolNeAR dev's 84 (real political news, about 800
words on average), read at run time from the shared folder: generated articles carry a
reporting cue in more of their sentences than most news does.

With ``--cue-model`` (from ``fairbrief eval train-cues``) the engine with that model is
timed too, on the same articles: it parses every sentence and scores every candidate pair.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_articles
from service.backends.offline import engine, parse
from service.backends.offline.learned import CueModel
from service.domain import SummaryOptions
from service.ingest import ingest_text
from service.pipeline.verify import verify_draft


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--cue-model", type=Path, default=None)
    parser.add_argument("--polnear", type=Path, default=None, metavar="DATASETS_DIR")
    args = parser.parse_args()
    cue_model = CueModel.load(args.cue_model) if args.cue_model else None
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    if args.polnear is not None:
        from evals.polnear import load_polnear

        texts = [item.text for item in load_polnear("dev", args.polnear)]
    else:
        texts = make_articles(args.articles, seed=21, words=args.words)
    assert len(set(texts)) == len(texts), "the corpus repeats an article"
    ingest_text("Warm up the language identifier; not measured.")
    before = rss_mb()
    started = time.perf_counter()
    parse.load_pipeline()
    load_s = time.perf_counter() - started
    after_load = rss_mb()

    articles = [ingest_text(t) for t in texts]
    options = SummaryOptions()
    timings: dict[str, list[float]] = {
        "ingest": [],
        "rules only": [],
        "engine": [],
        "engine + verify": [],
        **({"engine + cue model": []} if cue_model else {}),
    }
    parsed = total = 0
    for text, article in zip(texts, articles, strict=True):
        t0 = time.perf_counter()
        ingest_text(text)
        t1 = time.perf_counter()
        engine.draft_article(article.model_copy(update={"language": "xx"}), options)
        t2 = time.perf_counter()
        draft = engine.draft_article(article, options)
        t3 = time.perf_counter()
        verify_draft(article, draft)
        t4 = time.perf_counter()
        timings["ingest"].append(t1 - t0)
        timings["rules only"].append(t2 - t1)
        timings["engine"].append(t3 - t2)
        timings["engine + verify"].append(t4 - t2)
        if cue_model is not None:
            t5 = time.perf_counter()
            engine.draft_article(article, options, cue_model)
            timings["engine + cue model"].append(time.perf_counter() - t5)
        total += len(article.sentences)
        parsed += sum(parse.needs_parse(article.sentence_text(s)) for s in article.sentences)

    words = statistics.mean(len(t.split()) for t in texts)
    print(f"{len(texts)} different articles, mean {words:.0f} words, one core, each processed once")
    print(f"spaCy pipeline load: {load_s:.2f} s (once per process)")
    print(f"sentences parsed: {parsed} of {total} ({parsed / total:.0%})")
    print(f"{'stage':<22}{'articles/s':>12}{'mean ms':>10}{'p95 ms':>10}")
    for name, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[int(len(ordered) * 0.95)] * 1000
        print(
            f"{name:<22}{len(values) / sum(values):>12.1f}{statistics.mean(values) * 1000:>10.2f}{p95:>10.2f}"
        )
    full = sum(timings["ingest"]) + sum(timings["engine + verify"])
    print(f"whole pipeline (ingest + engine + verify): {len(texts) / full:.1f} articles/s")
    print(f"engine / rules-only time: {sum(timings['engine']) / sum(timings['rules only']):.1f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"memory: {before:.0f} MB before spaCy, {after_load:.0f} MB after loading it, peak {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
