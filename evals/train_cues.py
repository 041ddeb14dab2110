"""Fit the offline engine's cue model on an attribution corpus in brat standoff.

Every (word, dependent) pair the engine would score (``learned.candidates``) is an example;
it is positive when the word lies in an annotated Cue span and the dependent's subtree
overlaps that attribution's Content by at least half of the shorter span (the eval
harness's match). Sentences and parses are the engine's own (ingest, spaCy), so training
and use see the same input. The fit is scikit-learn's logistic regression (liblinear, L2);
only the weights are kept, in a file outside the repository.

    fairbrief eval train-cues --out ~/fairbrief-cues.npz     # PolNeAR train, from ../shared

The regularisation (C 0.5) and the threshold (0.3) were chosen on 140 PolNeAR train
articles held out from a fit on the other 700: neither PolNeAR dev nor any test split was
used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evals.matching import SPAN_OVERLAP, best_overlap
from evals.polnear import Ranges, read_corpus, read_standoff
from service.backends.offline import learned, parse
from service.ingest import ingest_text

C = 0.5
THRESHOLD = 0.3


@dataclass(frozen=True)
class Annotated:
    """One attribution of the corpus: its content fragments and its cue's ranges."""

    content: Ranges
    cue: Ranges


@dataclass
class Examples:
    rows: list[list[int]]
    labels: list[int]
    articles: int = 0
    attributions: int = 0


def read_annotations(standoff: str) -> list[Annotated]:
    spans, events = read_standoff(standoff)
    found = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        cue = spans.get(event.get("Cue", ""))
        if content is None or cue is None:
            continue  # an attribution without a cue teaches the cue model nothing
        fragments = [(a, b) for a, b in content[1] if b > a]
        if fragments:
            found.append(Annotated(content=fragments, cue=cue[1]))
    return found


def article_examples(text: str, gold: list[Annotated], into: Examples) -> None:
    article = ingest_text(text)
    sentences = [(s.start, s.end) for s in article.sentences]
    docs = parse.parse_sentences([text[a:b] for a, b in sentences])
    for (base, _end), doc in zip(sentences, docs, strict=True):
        for candidate in learned.candidates(doc):
            at = base + candidate.cue.idx
            span = (base + candidate.start, base + candidate.end)
            positive = any(
                any(a <= at < b for a, b in item.cue)
                and best_overlap([span], item.content) >= SPAN_OVERLAP
                for item in gold
            )
            into.rows.append(learned.indices(learned.features(doc, candidate)))
            into.labels.append(int(positive))
    into.articles += 1
    into.attributions += len(gold)


def collect(
    articles: Iterable[tuple[str, str, str]], tick: Callable[[], None] | None = None
) -> Examples:
    examples = Examples(rows=[], labels=[])
    for _name, text, standoff in articles:
        article_examples(text, read_annotations(standoff), examples)
        if tick is not None:
            tick()
    return examples


def _learner() -> tuple[Any, Any]:
    try:
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:
        raise ValueError(
            "training needs scikit-learn: pip install -e '.[train]' (make test installs it)"
        ) from error
    return sparse, LogisticRegression


def fit(
    examples: Examples, *, c: float = C, threshold: float = THRESHOLD, trained_on: str
) -> learned.CueModel:
    sparse, LogisticRegression = _learner()

    if sum(examples.labels) == 0 or all(examples.labels):
        raise ValueError("the corpus gives no positive or no negative examples: nothing to learn")
    columns = np.fromiter((i for row in examples.rows for i in row), dtype=np.int64)
    pointers = np.cumsum([0, *(len(row) for row in examples.rows)])
    matrix = sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.float64), columns, pointers),
        shape=(len(examples.rows), learned.DIMENSIONS),
    )
    matrix.sum_duplicates()
    # liblinear shuffles the examples: a fixed seed makes the same corpus the same model
    model = LogisticRegression(C=c, solver="liblinear", max_iter=300, random_state=0)
    model.fit(matrix, np.asarray(examples.labels))
    return learned.CueModel(
        weights=model.coef_[0].astype(np.float32),
        bias=float(model.intercept_[0]),
        threshold=threshold,
        trained_on=trained_on,
    )


def train(
    root: Path, *, limit: int | None = None, tick: Callable[[], None] | None = None
) -> tuple[learned.CueModel, Examples]:
    _learner()  # before the parse, not after it
    articles = list(read_corpus(root))[:limit]
    if not articles:
        raise FileNotFoundError(f"no articles in {root} (text/*.txt with attributions/*.ann)")
    examples = collect(articles, tick)
    model = fit(examples, trained_on=f"{root} ({examples.articles} articles)")
    return model, examples
