"""What the verify stage costs per article, beside what producing the draft costs.

Every article is different (bench/corpus.py) and each is verified once, with verify's
caches cleared first, so no number comes from a warm cache. The baseline, measured in the
same run on the same drafts, is the least a check could do: ``str.find`` of each quote.

    python bench/verify_cost.py [--articles 300] [--words 600]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_articles
from service.backends.offline.engine import draft_article
from service.domain import SummaryOptions
from service.ingest import ingest_text
from service.pipeline import checks, textmatch
from service.pipeline.verify import verify_draft


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()

    texts = make_articles(args.articles, seed=7, words=args.words)
    assert len(set(texts)) == len(texts), "the corpus repeats an article"
    ingest_text("Warm up the language model once. It is not part of any measurement.")

    ingest_ms, draft_ms, verify_ms, naive_ms, claims = [], [], [], [], 0
    checks._article_numbers.cache_clear()
    checks._article_words.cache_clear()
    textmatch.folded_text.cache_clear()
    for text in texts:
        started = time.perf_counter()
        article = ingest_text(text)
        ingested = time.perf_counter()
        draft = draft_article(article, SummaryOptions())
        textmatch.folded_text.cache_clear()  # verify pays for its own folding
        checks._article_words.cache_clear()
        drafted = time.perf_counter()
        verified = verify_draft(article, draft)
        finished = time.perf_counter()
        for claim in draft.claims:
            article.text.find(claim.quote)
        for sentence in draft.summary:
            article.text.find(sentence.text)
        naive = time.perf_counter()
        ingest_ms.append((ingested - started) * 1000)
        draft_ms.append((drafted - ingested) * 1000)
        verify_ms.append((finished - drafted) * 1000)
        naive_ms.append((naive - finished) * 1000)
        claims += len(verified.claims)

    words = statistics.mean(len(t.split()) for t in texts)
    print(
        f"verify cost over {len(texts)} different articles (mean {words:.0f} words, "
        f"{claims / len(texts):.1f} verified claims each), each verified once, cold"
    )
    print(f"{'stage':<28}{'mean ms':>10}{'p50 ms':>10}{'p95 ms':>10}")
    for name, values in [
        ("ingest", ingest_ms),
        ("draft (offline engine)", draft_ms),
        ("verify", verify_ms),
        ("baseline: str.find quotes", naive_ms),
    ]:
        print(
            f"{name:<28}{statistics.mean(values):>10.3f}{_pct(values, 50):>10.3f}{_pct(values, 95):>10.3f}"
        )
    total = statistics.mean(ingest_ms) + statistics.mean(draft_ms) + statistics.mean(verify_ms)
    print(f"verify per claim: {sum(verify_ms) / max(claims, 1):.3f} ms")
    print(
        f"verify / baseline str.find: {statistics.mean(verify_ms) / statistics.mean(naive_ms):.0f}x"
    )
    print(f"verify share of the pipeline: {statistics.mean(verify_ms) / total:.0%}")


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * pct // 100)]


if __name__ == "__main__":
    main()
