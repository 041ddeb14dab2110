"""How well verify's summary checks separate faithful from unfaithful summaries (FRANK, QAGS).

The checks are the ones verify applies to any free-form summary sentence: numbers that are
not in the article, quoted words that are not verbatim, and names the article never uses.
FRANK's and QAGS's summaries are lower-cased and tokenised, so a capitalised name cannot be
told from any other word there; for them the name check is replaced by its lower-case
proxy, words of four or more letters that the article never uses. A summary is flagged
unfaithful when its failed checks reach a threshold; the checks and the threshold are
chosen on FRANK's validation split only, then reported on FRANK test and on QAGS.
Labels: FRANK ``Factuality == 1`` is faithful; a QAGS sentence is faithful when most of
its three annotators said "yes".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from service.pipeline.checks import altered_quotes, missing_numbers
from service.pipeline.textmatch import fold

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_QUOTES = re.compile(r"``|''|` | '")


@dataclass(frozen=True)
class Sample:
    corpus: str
    split: str
    article: str
    summary: str
    faithful: bool


@dataclass(frozen=True)
class Features:
    numbers: int
    quotes: int
    novel_words: int


def features(article: str, summary: str) -> Features:
    summary = _QUOTES.sub('"', summary)
    known = set(re.findall(r"[\w'-]+", fold(article)))
    novel = [
        w for w in _WORD.findall(fold(summary)) if w not in known and w.rstrip("s") not in known
    ]
    return Features(
        numbers=len(missing_numbers(summary, article)),
        quotes=len(altered_quotes(summary, article)),
        novel_words=len(novel),
    )


CHECKS: dict[str, Callable[[Features], int]] = {
    "numbers": lambda f: f.numbers,
    "numbers+quotes": lambda f: f.numbers + f.quotes,
    "numbers+quotes+names": lambda f: f.numbers + f.quotes + f.novel_words,
    "names": lambda f: f.novel_words,
}


def load_frank(datasets_dir: Path) -> list[Sample]:
    root = datasets_dir / "frank" / "data"
    annotations = json.loads((root / "human_annotations.json").read_text(encoding="utf-8"))
    articles: dict[str, dict[str, Any]] = {}
    samples = []
    for row in annotations:
        doc = articles.get(row["hash"])
        if doc is None:
            doc = json.loads(
                (root / "articles-wbertscore-json" / f"{row['hash']}.json").read_text(
                    encoding="utf-8"
                )
            )
            articles[row["hash"]] = doc
        summary = doc.get(row["model_name"]) or (
            doc.get("reference") if row["model_name"] == "Gold" else None
        )
        if not summary:
            continue
        lines = doc.get("article_lines")
        article = " ".join(lines) if isinstance(lines, list) and lines else doc["article"]
        samples.append(
            Sample(
                f"frank-{row['dataset']}", row["split"], article, summary, row["Factuality"] == 1.0
            )
        )
    return samples


def load_qags(datasets_dir: Path) -> list[Sample]:
    samples = []
    for corpus in ("cnndm", "xsum"):
        path = datasets_dir / "qags" / "data" / f"mturk_{corpus}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            for sentence in row["summary_sentences"]:
                yes = sum(r["response"] == "yes" for r in sentence["responses"])
                samples.append(
                    Sample(
                        f"qags-{corpus}",
                        "test",
                        row["article"],
                        sentence["sentence"],
                        yes * 2 > len(sentence["responses"]),
                    )
                )
    return samples


def balanced_accuracy(pairs: Iterable[tuple[bool, bool]]) -> dict[str, float | int]:
    """pairs of (flagged unfaithful, truly unfaithful)."""
    tp = fp = tn = fn = 0
    for flagged, unfaithful in pairs:
        if unfaithful:
            tp += flagged
            fn += not flagged
        else:
            fp += flagged
            tn += not flagged
    tpr = tp / (tp + fn) if tp + fn else 0.0
    tnr = tn / (tn + fp) if tn + fp else 0.0
    return {
        "balanced_accuracy": round((tpr + tnr) / 2, 4),
        "unfaithful_recall": round(tpr, 4),
        "faithful_recall": round(tnr, 4),
        "n": tp + fp + tn + fn,
        "unfaithful": tp + fn,
    }


def evaluate(datasets_dir: Path) -> dict[str, Any]:
    frank = load_frank(datasets_dir)
    scored = [(s, features(s.article, s.summary)) for s in frank]
    validation = [(s, f) for s, f in scored if s.split == "valid"]
    best: tuple[float, str, int] = (-1.0, "", 0)
    search = []
    for check, threshold in product(CHECKS, range(1, 7)):
        rule = CHECKS[check]
        result = balanced_accuracy((rule(f) >= threshold, not s.faithful) for s, f in validation)
        search.append({"checks": check, "threshold": threshold, **result})
        if float(result["balanced_accuracy"]) > best[0]:
            best = (float(result["balanced_accuracy"]), check, threshold)
    _, check, threshold = best
    rule = CHECKS[check]

    def report(samples: list[tuple[Sample, Features]]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "all": balanced_accuracy((rule(f) >= threshold, not s.faithful) for s, f in samples)
        }
        for corpus in sorted({s.corpus for s, _ in samples}):
            subset = [(s, f) for s, f in samples if s.corpus == corpus]
            out[corpus] = balanced_accuracy(
                (rule(f) >= threshold, not s.faithful) for s, f in subset
            )
        return out

    qags = [(s, features(s.article, s.summary)) for s in load_qags(datasets_dir)]
    return {
        "chosen_on": "FRANK validation split",
        "rule": {"checks": check, "threshold": threshold},
        "validation_search": search,
        "frank_test": report([(s, f) for s, f in scored if s.split == "test"]),
        "qags": report(qags),
        "note": "names are checked by their lower-case proxy (words the article never uses), "
        "as these corpora's summaries are lower-cased",
    }
