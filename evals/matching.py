"""Matching predictions to gold: spans, sources, one-to-one.

Thresholds (stated in every report, see ``THRESHOLDS``):

- a predicted claim's span matches a gold claim's span when they overlap by at least
  half of the shorter span; with several spans on either side, the best pair counts;
- a prediction without a span matches on its statement: token F1 with the gold claim
  text of at least ``STATEMENT_F1``;
- matching is one-to-one and maximum (augmenting paths), larger overlaps preferred;
- sources match after folding (case, accents, punctuation), when equal or when one is a
  whole-word sequence of the other (ignoring "the", "a", "an"), against the gold source
  or any alias; an anonymous gold source is also matched by any anonymous prediction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

SPAN_OVERLAP = 0.5
STATEMENT_F1 = 0.6
THRESHOLDS = {
    "span_overlap_of_shorter": SPAN_OVERLAP,
    "statement_token_f1_without_span": STATEMENT_F1,
    "matching": "one-to-one, maximum matching (augmenting paths), preferring larger overlaps",
    "source_match": "folded equality or whole-word containment, against the source or an alias; "
    "anonymous matches anonymous",
}
_DETERMINERS = frozenset({"the", "a", "an"})

P = TypeVar("P")
G = TypeVar("G")


def fold_words(name: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[\u2019']s\b", "", plain)  # "union's" names the union
    return tuple(re.findall(r"\w+", plain))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def names_match(predicted: str, gold_names: Sequence[str]) -> bool:
    words = tuple(w for w in fold_words(predicted) if w not in _DETERMINERS)
    if not words:
        return False
    for name in gold_names:
        other = tuple(w for w in fold_words(name) if w not in _DETERMINERS)
        if not other:
            continue
        if words == other or _contains(words, other) or _contains(other, words):
            return True
    return False


def source_matches(
    predicted_name: str,
    predicted_type: str,
    gold_source: str,
    aliases: Sequence[str],
    gold_type: str,
) -> bool:
    if gold_type == "anonymous" and predicted_type == "anonymous":
        return True
    return names_match(predicted_name, [gold_source, *aliases])


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a share of the shorter one (0 when they do not touch)."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    if shorter <= 0:
        return 0.0
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / shorter


def best_overlap(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> float:
    return max((overlap_ratio(p, g) for p in predicted for g in gold), default=0.0)


def token_f1(a: str, b: str) -> float:
    left, right = fold_words(a), fold_words(b)
    if not left or not right:
        return 0.0
    common = sum(min(left.count(w), right.count(w)) for w in set(left))
    if common == 0:
        return 0.0
    precision, recall = common / len(left), common / len(right)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Pair:
    predicted: int
    gold: int
    score: float


def match_one_to_one(
    predicted: Sequence[P], gold: Sequence[G], score: Callable[[P, G], float]
) -> list[Pair]:
    """A maximum one-to-one matching over pairs scoring above 0, preferring high scores.

    Augmenting paths (Kuhn's algorithm): each prediction, best-scoring first, tries its
    candidates best first and may move an earlier prediction to its next candidate, so
    no pair is lost to a greedy tie (a sentence-long span must not take the only gold
    claim a short span could match when another was free for it).
    """
    scores = {
        (i, j): s
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if (s := score(p, g)) > 0
    }
    options: dict[int, list[int]] = {}
    for (i, j), _value in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        options.setdefault(i, []).append(j)
    owner: dict[int, int] = {}  # gold index -> prediction index

    def assign(i: int, seen: set[int]) -> bool:
        for j in options.get(i, []):
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    order = sorted(options, key=lambda i: -scores[(i, options[i][0])])
    for i in order:
        assign(i, set())
    return sorted((Pair(i, j, scores[(i, j)]) for j, i in owner.items()), key=lambda p: p.predicted)
