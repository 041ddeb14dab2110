"""Each metric on small hand-made cases whose answers are known."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evals.gold import GoldItem, parse_item
from evals.scoring import score_item, summarize_scores
from tests.evals.gold_items import STRIKE_TEXT, strike_item


@pytest.fixture
def item() -> GoldItem:
    return parse_item(json.dumps(strike_item()))


def span(text: str) -> dict[str, Any]:
    start = STRIKE_TEXT.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def claim(
    evidence: str, source: str, kind: str = "person", claim_id: str | None = None
) -> dict[str, Any]:
    return {
        "id": claim_id or evidence[:8],
        "evidence": span(evidence),
        "source": {"name": source, "type": kind},
        "statement": evidence,
    }


def result(
    claims: list[dict[str, Any]],
    summary: list[str] = (),
    non_responses: list[str] = (),
    conflicts: list[list[str]] = (),
) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        "article": {"text": STRIKE_TEXT},
        "claims": claims,
        "non_responses": [{"source": {"name": n}} for n in non_responses],
        "conflicts": [{"claim_ids": c, "about": "x"} for c in conflicts],
        "summary": {"text": " ".join(summary), "sentences": [{"text": s} for s in summary]},
    }


PERFECT = [
    claim(
        "Dock workers in Kestravia walked out on Monday",
        "the Harbour Workers' Union",
        "organization",
        "p1",
    ),
    claim("All container traffic had stopped by noon", "Mara Olsen", "person", "p2"),
    claim(
        "only 1,500 of its 6,000 workers had joined the strike",
        "The port authority",
        "government",
        "p3",
    ),
]


def test_a_perfect_result(item: GoldItem) -> None:
    summary = [
        "Dock workers went on strike in Kestravia.",
        "All container traffic had stopped, union leader Mara Olsen said.",
    ]
    score = score_item(result(PERFECT, summary, ["the transport ministry"], [["p2", "p3"]]), item)
    overall = summarize_scores([score])
    assert overall["attributed_claim_f1"] == 1.0 and overall["claim_span_f1"] == 1.0
    assert overall["attribution_accuracy"] == 1.0 and overall["grounding_rate"] == 1.0
    assert overall["non_response_recall"] == 1.0 and overall["non_response_precision"] == 1.0
    assert overall["conflict_recall"] == 1.0 and overall["key_point_coverage"] == 1.0
    assert (
        overall["neutrality_violations"],
        overall["numbers_not_in_text"],
        overall["boilerplate_leaks"],
    ) == (0, 0, 0)


def test_a_wrong_source_counts_for_spans_but_not_for_attribution(item: GoldItem) -> None:
    claims = [
        *PERFECT[:2],
        claim("only 1,500 of its 6,000 workers had joined the strike", "Tom Berg", "person", "p3"),
    ]
    overall = summarize_scores([score_item(result(claims), item)])
    assert overall["claim_span_f1"] == 1.0
    assert overall["attributed_claim_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert overall["attributed_claim_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert overall["attribution_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


def test_whole_sentence_evidence_matches_spans_yet_not_the_headline(item: GoldItem) -> None:
    sentence = "All container traffic had stopped by noon, according to union leader Mara Olsen."
    floor = [claim(sentence, "All", "unknown", "f1")]
    overall = summarize_scores([score_item(result(floor), item)])
    assert overall["claim_span_precision"] == 1.0  # the lenient span overlap
    assert overall["attributed_claim_f1"] == 0.0


def test_precision_and_recall_with_a_miss_and_a_false_positive(item: GoldItem) -> None:
    claims = [
        PERFECT[1],
        claim("The transport ministry did not respond", "transport ministry", "government", "x"),
    ]
    overall = summarize_scores([score_item(result(claims), item)])
    assert (overall["claim_span_precision"], overall["claim_span_recall"]) == (
        0.5,
        pytest.approx(1 / 3, abs=1e-4),
    )
    score = score_item(result(claims), item)
    assert len(score.misses) == 2 and len(score.false_positives) == 1


def test_evidence_that_does_not_slice_the_text_is_not_grounded(item: GoldItem) -> None:
    fake = claim("All container traffic had stopped by noon", "Mara Olsen")
    fake["evidence"]["text"] = "All container traffic had stopped by dawn"
    assert summarize_scores([score_item(result([fake]), item)])["grounding_rate"] == 0.0


def test_conflict_precision_is_the_share_of_flags_that_pair_a_gold_conflicts_claims(
    item: GoldItem,
) -> None:
    score = score_item(result(PERFECT, conflicts=[["p2", "p3"], ["p1", "p2"]]), item)
    assert (score.predicted_conflicts, score.conflicts_flagged_right) == (2, 1)
    assert summarize_scores([score])["conflict_precision"] == 0.5
    nothing_flagged = score_item(result(PERFECT), item)
    assert summarize_scores([nothing_flagged])["conflict_precision"] is None


def test_a_conflict_needs_both_claims_matched_and_flagged_together(item: GoldItem) -> None:
    assert score_item(result(PERFECT, conflicts=[["p1", "p2"]]), item).conflicts_found == 0
    assert score_item(result(PERFECT[1:2], conflicts=[["p2", "zz"]]), item).conflicts_found == 0
    assert score_item(result(PERFECT, conflicts=[["p3", "p2"]]), item).conflicts_found == 1


@pytest.mark.parametrize(
    ("sentence", "violations"),
    [
        ("All container traffic had stopped by noon.", 1),
        ("All container traffic had stopped by noon, according to the union.", 0),
        ("Olsen: container traffic stopped.", 0),  # a gold source's name carries it
        ("Dock workers walked out on Monday.", 0),  # no contested cue
    ],
)
def test_neutrality_violations(item: GoldItem, sentence: str, violations: int) -> None:
    assert score_item(result([], [sentence]), item).neutrality_violations == violations


def test_summary_numbers_key_points_and_leaks(item: GoldItem) -> None:
    score = score_item(
        result([], ["The strike drew 7,000 of 6,000 workers. Sign up for our newsletter"]), item
    )
    assert score.numbers_not_in_text == 1
    assert score.boilerplate_leaks == 1
    assert (score.key_points_covered, score.key_points) == (1, 2)


def test_chrome_as_a_claim_is_a_leak(item: GoldItem) -> None:
    leaked = claim("Sign up for our newsletter", "Sign up", "unknown")
    assert score_item(result([leaked]), item).boilerplate_leaks == 1


def test_overall_numbers_are_micro_averaged(item: GoldItem) -> None:
    first = score_item(result(PERFECT), item)  # 3 of 3
    second = score_item(result([]), item)  # 0 of 3
    overall = summarize_scores([first, second])
    assert overall["claim_span_recall"] == 0.5 and overall["claim_span_precision"] == 1.0
    assert overall["counts"]["gold_claims"] == 6


def test_a_prediction_without_a_span_matches_on_its_statement(item: GoldItem) -> None:
    loose = {
        "id": "s1",
        "evidence": None,
        "source": {"name": "Olsen", "type": "person"},
        "statement": "All container traffic stopped by noon.",
    }
    overall = summarize_scores([score_item(result([loose]), item)])
    assert overall["attributed_claim_precision"] == 1.0
    assert overall["grounding_rate"] == 0.0


def test_content_overlap_counts_words_without_matching_claims(item: GoldItem) -> None:
    claims = [
        claim("Dock workers in Kestravia", "the Harbour Workers' Union", "organization", "a"),
        claim("walked out on Monday", "the Harbour Workers' Union", "organization", "b"),
        claim("All container traffic", "Mara Olsen", "person", "c"),  # 3 of its 7 words
        claim("The transport ministry did not respond", "x", "unknown", "d"),  # not a claim
    ]
    overall = summarize_scores([score_item(result(claims), item)])
    # gold content: 8 + 7 + 12 words ("1,500" and "6,000" are two words each)
    assert overall["content_overlap_precision"] == pytest.approx(11 / 17, abs=1e-4)
    assert overall["content_overlap_recall"] == pytest.approx(11 / 27, abs=1e-4)
    # claim span F1 matches claims one to one: of the two halves only one matches the
    # first claim (the other is a false positive, as is the non-claim)
    assert overall["counts"]["span_matched"] == 2
    assert overall["claim_span_precision"] == 0.5


def test_the_rest_of_an_interrupted_content_counts_as_content(item: GoldItem) -> None:
    # one claim, its content cut in two by its source and cue: both parts are its content
    whole = claim("walked out on Monday", "the Harbour Workers' Union", "organization", "a")
    whole["more_evidence"] = [span("Dock workers in Kestravia")]
    overall = summarize_scores([score_item(result([whole]), item)])
    assert overall["content_overlap_precision"] == 1.0
    assert overall["content_overlap_recall"] == pytest.approx(8 / 27, abs=1e-4)
    assert overall["counts"]["span_matched"] == 1
    assert overall["grounding_rate"] == 1.0  # each part slices the text to its own words
    whole["more_evidence"][0]["text"] = "Dock workers in Vellanport"
    assert summarize_scores([score_item(result([whole]), item)])["grounding_rate"] == 0.0


def test_content_overlap_of_a_perfect_result_is_one(item: GoldItem) -> None:
    overall = summarize_scores([score_item(result(PERFECT), item)])
    assert overall["content_overlap_f1"] == 1.0
    assert summarize_scores([score_item(result([]), item)])["content_overlap_recall"] == 0.0
