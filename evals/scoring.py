"""Scorers: a Result against a gold item, as counts with an explanation.

``score_item`` gives one ``ItemScore``; ``summarize_scores`` reduces many into the overall
numbers (micro-averaged: counts are summed over items before dividing).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from evals.gold import GoldClaim, GoldItem
from evals.matching import (
    SPAN_OVERLAP,
    STATEMENT_F1,
    best_overlap,
    match_one_to_one,
    names_match,
    source_matches,
    token_f1,
)
from service.pipeline.checks import missing_numbers

# reporting cues that carry attribution in a summary sentence, by language
REPORTING_CUES = {
    "en": r"according to|said|says|say|claimed|claims|alleged|alleges|allegedly|reportedly|"
    r"reported|reports|told|tells|stated|states|denied|denies|per|insisted|insists|warned|"
    r"warns|estimated|estimates|added|accused|accuses|maintained|maintains|argued|argues",
    "es": r"según|de acuerdo con|dijo|dice|afirmó|afirma|aseguró|asegura|señaló|señala|"
    r"declaró|declara|negó|niega|denunció|denuncia|informó|indicó|estimó",
    "fr": r"selon|d'après|a déclaré|déclare|affirme|a affirmé|a dit|dit|a indiqué|indique|"
    r"a assuré|assure|a estimé|estime|a nié|nie|a ajouté|ajoute|a annoncé|annonce|aurait",
}
_ALL_CUES = re.compile(r"(?<!\w)(" + "|".join(REPORTING_CUES.values()) + r")(?!\w)", re.IGNORECASE)


@dataclass
class PredictedClaim:
    spans: list[tuple[int, int]]
    statement: str
    source: str
    source_type: str
    id: str
    evidence: str
    # what each span says it holds: the evidence's text, then each more_evidence part's
    texts: list[str]


@dataclass
class ItemScore:
    item_id: str
    scope: str
    gold_claims: int = 0
    predicted_claims: int = 0
    span_matched: int = 0
    attributed_matched: int = 0
    attribution_correct: int = 0
    grounded: int = 0
    gold_non_responses: int = 0
    predicted_non_responses: int = 0
    non_responses_matched: int = 0
    gold_conflicts: int = 0
    conflicts_found: int = 0
    predicted_conflicts: int = 0
    conflicts_flagged_right: int = 0  # flagged conflicts whose claims are one gold conflict's
    key_points: int = 0
    key_points_covered: int = 0
    summary_sentences: int = 0
    summary_words: int = 0
    neutrality_violations: int = 0
    numbers_not_in_text: int = 0
    boilerplate_leaks: int = 0
    # content overlap in words (citron's "overlap" measure for content spans)
    content_words_predicted: int = 0
    content_words_predicted_in_gold: int = 0
    content_words_gold: int = 0
    content_words_gold_found: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    matched_gold: dict[str, str] = field(default_factory=dict)  # predicted claim id -> gold id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def predicted_claims(result: dict[str, Any]) -> list[PredictedClaim]:
    claims = []
    for index, claim in enumerate(result.get("claims", [])):
        evidence = claim.get("evidence") or None
        parts = ([evidence] if evidence else []) + list(claim.get("more_evidence") or [])
        # with the rest of the content where the source and cue interrupt it (schema 1.3)
        spans = [(part["start"], part["end"]) for part in parts]
        source = claim.get("source") or {}
        claims.append(
            PredictedClaim(
                spans=spans,
                statement=claim.get("statement") or (evidence or {}).get("text", ""),
                source=source.get("name", ""),
                source_type=source.get("type", "unknown"),
                id=claim.get("id") or f"p{index}",
                evidence=(evidence or {}).get("text", ""),
                texts=[part.get("text", "") for part in parts],
            )
        )
    return claims


def _span_score(predicted: PredictedClaim, gold: GoldClaim) -> float:
    gold_spans = [(s.start, s.end) for s in gold.spans]
    if predicted.spans:
        overlap = best_overlap(predicted.spans, gold_spans)
        return overlap if overlap >= SPAN_OVERLAP else 0.0
    similarity = token_f1(predicted.statement, gold.claim or gold.evidence)
    return similarity if similarity >= STATEMENT_F1 else 0.0


def _source_ok(predicted: PredictedClaim, gold: GoldClaim) -> bool:
    return source_matches(
        predicted.source, predicted.source_type, gold.source, gold.source_aliases, gold.source_type
    )


def score_item(result: dict[str, Any], item: GoldItem) -> ItemScore:
    """Score one Result (as JSON) against one gold item."""
    score = ItemScore(item_id=item.id, scope=item.scope)
    text = result.get("article", {}).get("text", item.text)
    if text != item.text:
        score.notes.append("the Result's text differs from the gold text; spans compared as given")
    gold = item.gold
    predicted = predicted_claims(result)
    score.gold_claims, score.predicted_claims = len(gold.claims), len(predicted)
    score.grounded = sum(
        1
        for p in predicted
        if p.spans
        and all(
            text[s:e] and text[s:e] == said for (s, e), said in zip(p.spans, p.texts, strict=True)
        )
    )

    _score_content_overlap(
        text,
        [p.spans for p in predicted],
        [[(s.start, s.end) for s in c.spans] for c in gold.claims],
        score,
    )
    span_pairs = match_one_to_one(predicted, gold.claims, _span_score)
    score.span_matched = len(span_pairs)
    for pair in span_pairs:
        p, g = predicted[pair.predicted], gold.claims[pair.gold]
        score.matched_gold[p.id] = g.id
        if _source_ok(p, g):
            score.attribution_correct += 1
        else:
            score.wrong_sources.append(f"{g.id}: predicted {p.source!r}, gold {g.source!r}")

    attributed = match_one_to_one(
        predicted, gold.claims, lambda p, g: _span_score(p, g) if _source_ok(p, g) else 0.0
    )
    score.attributed_matched = len(attributed)
    matched_gold = {pair.gold for pair in span_pairs}
    matched_predicted = {pair.predicted for pair in span_pairs}
    score.misses = [
        f"{c.id}: {c.source}: {c.evidence}"
        for j, c in enumerate(gold.claims)
        if j not in matched_gold
    ]
    score.false_positives = [
        f"{p.source}: {p.evidence or p.statement}"
        for i, p in enumerate(predicted)
        if i not in matched_predicted
    ]
    if item.scope == "claims":
        return score

    _score_non_responses(result, item, score)
    _score_conflicts(result, item, score)
    _score_summary(result, item, score)
    _score_leaks(result, item, score)
    return score


_WORD = re.compile(r"\w+")


def _score_content_overlap(
    text: str,
    predicted: Sequence[Sequence[tuple[int, int]]],
    gold: Sequence[Sequence[tuple[int, int]]],
    score: ItemScore,
) -> None:
    """Claimed content as words, predicted against gold, with no matching of claims: the
    words of each prediction that lie in some gold content, and the words of each gold
    content that lie in some prediction. A claim cut in two, or one quotation given as two
    claims, loses nothing here; a claim's words are counted once per claim."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = [start for start, _ in words]

    def inside(spans: Sequence[tuple[int, int]]) -> set[int]:
        found: set[int] = set()
        for start, end in spans:
            at = bisect_left(starts, start)
            while at < len(words) and words[at][1] <= end:
                found.add(at)
                at += 1
        return found

    predicted_words = [inside(spans) for spans in predicted]
    gold_words = [inside(spans) for spans in gold]
    any_predicted = set().union(*predicted_words)
    any_gold = set().union(*gold_words)
    score.content_words_predicted = sum(len(w) for w in predicted_words)
    score.content_words_predicted_in_gold = sum(len(w & any_gold) for w in predicted_words)
    score.content_words_gold = sum(len(w) for w in gold_words)
    score.content_words_gold_found = sum(len(w & any_predicted) for w in gold_words)


def _score_non_responses(result: dict[str, Any], item: GoldItem, score: ItemScore) -> None:
    predicted = [n.get("source", {}).get("name", "") for n in result.get("non_responses", [])]
    gold = item.gold.non_responses
    score.gold_non_responses, score.predicted_non_responses = len(gold), len(predicted)
    pairs = match_one_to_one(
        predicted, gold, lambda p, g: 1.0 if names_match(p, [g.source, *g.source_aliases]) else 0.0
    )
    score.non_responses_matched = len(pairs)


def _score_conflicts(result: dict[str, Any], item: GoldItem, score: ItemScore) -> None:
    """A gold conflict is found when its claims were matched and flagged together."""
    score.gold_conflicts = len(item.gold.conflicts)
    predicted_to_gold = score.matched_gold
    flagged: list[set[str]] = [
        {predicted_to_gold[c] for c in conflict.get("claim_ids", []) if c in predicted_to_gold}
        for conflict in result.get("conflicts", [])
    ]
    for conflict in item.gold.conflicts:
        wanted = set(conflict.claims)
        if any(len(wanted & found) >= 2 for found in flagged):
            score.conflicts_found += 1
    # precision: a flagged conflict is right when two of its claims are one gold conflict's
    # (a lower bound where annotators marked only the conflicts that matter most)
    score.predicted_conflicts = len(flagged)
    score.conflicts_flagged_right = sum(
        any(len(set(c.claims) & found) >= 2 for c in item.gold.conflicts) for found in flagged
    )


def _summary_sentences(result: dict[str, Any]) -> list[str]:
    summary = result.get("summary") or {}
    sentences = [s.get("text", "") for s in summary.get("sentences", [])]
    if not sentences and summary.get("text"):
        sentences = re.split(r"(?<=[.!?])\s+", summary["text"])
    return [s for s in sentences if s.strip()]


def _score_summary(result: dict[str, Any], item: GoldItem, score: ItemScore) -> None:
    sentences = _summary_sentences(result)
    summary = " ".join(sentences)
    folded = summary.casefold()
    score.summary_sentences = len(sentences)
    score.summary_words = len(summary.split())
    score.key_points = len(item.gold.key_points)
    score.key_points_covered = sum(
        1 for point in item.gold.key_points if all(t.casefold() in folded for t in point.terms)
    )
    names = [name for c in item.gold.claims for name in (c.source, *c.source_aliases)]
    for sentence in sentences:
        lowered = sentence.casefold()
        contested = any(
            cue.casefold() in lowered for fact in item.gold.must_attribute for cue in fact.cues
        )
        if contested and not _carries_attribution(sentence, names):
            score.neutrality_violations += 1
            score.notes.append(f"unattributed contested sentence: {sentence!r}")
    numbers = missing_numbers(summary, item.text)
    score.numbers_not_in_text = len(numbers)
    if numbers:
        score.notes.append(f"numbers not in the text: {numbers}")


def _carries_attribution(sentence: str, names: list[str]) -> bool:
    if _ALL_CUES.search(sentence):
        return True
    return any(names_match(name, [sentence]) for name in names if name.strip())


def _score_leaks(result: dict[str, Any], item: GoldItem, score: ItemScore) -> None:
    produced = _summary_sentences(result)
    for claim in result.get("claims", []):
        produced.append((claim.get("evidence") or {}).get("text", ""))
        produced.append((claim.get("source") or {}).get("name", ""))
    for chrome in item.gold.boilerplate:
        needle = chrome.strip().casefold()
        if needle and any(
            needle in p.casefold() or (p.strip() and p.strip().casefold() in needle and len(p) > 12)
            for p in produced
        ):
            score.boilerplate_leaks += 1
            score.notes.append(f"boilerplate reached the output: {chrome!r}")


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def summarize_scores(scores: list[ItemScore]) -> dict[str, Any]:
    """Overall metrics, micro-averaged over items (counts summed, then divided)."""
    total: dict[str, int] = {}
    for score in scores:
        for key, value in score.to_dict().items():
            if isinstance(value, int):
                total[key] = total.get(key, 0) + value
    full = [s for s in scores if s.scope == "full"]
    claims_p = _ratio(total.get("span_matched", 0), total.get("predicted_claims", 0))
    claims_r = _ratio(total.get("span_matched", 0), total.get("gold_claims", 0))
    attributed_p = _ratio(total.get("attributed_matched", 0), total.get("predicted_claims", 0))
    attributed_r = _ratio(total.get("attributed_matched", 0), total.get("gold_claims", 0))
    overlap_p = _ratio(
        total.get("content_words_predicted_in_gold", 0), total.get("content_words_predicted", 0)
    )
    overlap_r = _ratio(total.get("content_words_gold_found", 0), total.get("content_words_gold", 0))
    nr_p = _ratio(total.get("non_responses_matched", 0), total.get("predicted_non_responses", 0))
    nr_r = _ratio(total.get("non_responses_matched", 0), total.get("gold_non_responses", 0))
    return {
        "items": len(scores),
        "items_with_full_gold": len(full),
        "attributed_claim_f1": _f1(attributed_p, attributed_r),
        "attributed_claim_precision": attributed_p,
        "attributed_claim_recall": attributed_r,
        "claim_span_f1": _f1(claims_p, claims_r),
        "claim_span_precision": claims_p,
        "claim_span_recall": claims_r,
        "content_overlap_f1": _f1(overlap_p, overlap_r),
        "content_overlap_precision": overlap_p,
        "content_overlap_recall": overlap_r,
        "attribution_accuracy": _ratio(
            total.get("attribution_correct", 0), total.get("span_matched", 0)
        ),
        "grounding_rate": _ratio(total.get("grounded", 0), total.get("predicted_claims", 0)),
        "non_response_precision": nr_p,
        "non_response_recall": nr_r,
        "conflict_recall": _ratio(total.get("conflicts_found", 0), total.get("gold_conflicts", 0)),
        "conflict_precision": _ratio(
            total.get("conflicts_flagged_right", 0), total.get("predicted_conflicts", 0)
        )
        if total.get("gold_conflicts", 0)
        else None,
        "key_point_coverage": _ratio(
            total.get("key_points_covered", 0), total.get("key_points", 0)
        ),
        "neutrality_violations": total.get("neutrality_violations", 0),
        "numbers_not_in_text": total.get("numbers_not_in_text", 0),
        "boilerplate_leaks": total.get("boilerplate_leaks", 0),
        "summary_words_mean": _ratio(total.get("summary_words", 0), len(full)),
        "counts": total,
    }
