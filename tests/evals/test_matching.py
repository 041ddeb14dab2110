"""Matching: spans, one-to-one, best span, whole-word alias folding, anonymous by type."""

from __future__ import annotations

import pytest

from evals.matching import (
    best_overlap,
    match_one_to_one,
    names_match,
    overlap_ratio,
    source_matches,
)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Sun", ["Sunday Times"], False),  # whole words only
        ("Sunday", ["the Sunday Times"], True),  # a whole-word sequence of the gold name
        ("Mara Olsen", ["union leader Mara Olsen"], True),
        ("union leader Mara Olsen", ["Mara Olsen"], True),  # either contains the other
        ("MARA  ÓLSEN!", ["Mara Olsen"], True),  # case, accents, punctuation folded
        ("the union's leader", ["the union"], True),
        ("Olsen", ["Mara Olsen", "Olsen"], True),
        ("Tom Berg", ["Mara Olsen", "the union"], False),
        ("the", ["the union"], False),  # a determiner names nobody
        ("", ["the union"], False),
    ],
)
def test_names_match(predicted: str, gold: list[str], expected: bool) -> None:
    assert names_match(predicted, gold) is expected


def test_anonymous_sources_match_by_type() -> None:
    assert source_matches("officials", "anonymous", "a senior police official", [], "anonymous")
    assert not source_matches(
        "officials", "government", "a senior police official", [], "anonymous"
    )
    assert not source_matches("Mara Olsen", "anonymous", "the union", [], "organization")


def test_overlap_is_a_share_of_the_shorter_span() -> None:
    assert overlap_ratio((0, 10), (5, 15)) == 0.5
    assert overlap_ratio((0, 100), (10, 20)) == 1.0  # a whole sentence covers a short content span
    assert overlap_ratio((0, 10), (10, 20)) == 0.0
    assert best_overlap([(0, 4), (50, 60)], [(52, 58)]) == 1.0  # the best of several spans counts


def test_matching_is_one_to_one_and_takes_the_best_pairs_first() -> None:
    predicted = [(0, 100), (10, 20)]
    gold = [(10, 20), (30, 40)]
    pairs = match_one_to_one(predicted, gold, lambda p, g: overlap_ratio(p, g))
    assert {(p.predicted, p.gold) for p in pairs} == {(1, 0), (0, 1)}
    one = match_one_to_one([(10, 20)], gold, lambda p, g: overlap_ratio(p, g))
    assert [(p.predicted, p.gold) for p in one] == [(0, 0)]
    twice = match_one_to_one([(10, 20), (10, 20)], [(10, 20)], lambda p, g: overlap_ratio(p, g))
    assert len(twice) == 1  # a gold claim is matched once
