"""PolNeAR conversion on a hand-made standoff file (the real corpus stays in shared/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.polnear import convert, load_polnear
from evals.runner import load_dataset

TEXT = (
    "Mara Olsen said the port was shut. \u201cWe will stay out,\u201d she said, \u201cuntil wages rise.\u201d "
    "Traffic had stopped, it was reported."
)


def offsets(fragment: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    return f"{start} {start + len(fragment)}"


STANDOFF = "\n".join(
    [
        f"T1\tSource {offsets('Mara Olsen')}\tMara Olsen",
        f"T2\tCue {offsets('said')}\tsaid",
        f"T3\tContent {offsets('the port was shut')}\tthe port was shut",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {offsets('she')}\tshe",
        f"T5\tContent {offsets('We will stay out')};{offsets('until wages rise')}\tWe will stay out until wages rise",
        "E2\tAttribution:T2 Content:T5 Source:T4",
        f"T6\tContent {offsets('Traffic had stopped')}\tTraffic had stopped",
        "E3\tAttribution-no-source:T2 Content:T6",
    ]
)


def test_attributions_become_claims() -> None:
    item = convert("doc", TEXT, STANDOFF)
    first, quote, anonymous = item.gold.claims
    assert (first.source, first.evidence) == ("Mara Olsen", "the port was shut")
    assert item.scope == "claims"
    # a discontinuous content span: one fragment per piece
    assert [TEXT[s.start : s.end] for s in quote.spans] == ["We will stay out", "until wages rise"]
    # a pronoun source also matches the named source before it
    assert quote.source == "she" and quote.source_aliases == ["Mara Olsen"]
    assert (anonymous.source, anonymous.source_type) == ("anonymous", "anonymous")


def test_a_source_with_an_appositive_also_matches_its_name() -> None:
    text = "Olsen, the union's leader, said the port was shut."
    standoff = "\n".join(
        [
            "T1\tSource 0 26\tOlsen, the union's leader,",
            "T2\tCue 27 31\tsaid",
            "T3\tContent 32 49\tthe port was shut",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    (claim,) = convert("doc", text, standoff).gold.claims
    assert claim.source == "Olsen, the union's leader,"
    assert claim.source_aliases == ["Olsen"]


def test_the_dev_split_reads_from_the_shared_folder() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "datasets"
    if not (shared / "polnear").is_dir():
        pytest.fail(f"PolNeAR is expected beside the repository at {shared}")
    items = load_polnear("dev", shared, limit=3)
    assert len(items) == 3
    for item in items:
        for claim in item.gold.claims:
            assert all(0 <= s.start < s.end <= len(item.text) for s in claim.spans)


def test_every_nth_article_spreads_a_sample_over_the_publishers() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "datasets"
    first = load_dataset("polnear:dev", shared, limit=7)[1]
    spread = load_dataset("polnear:dev", shared, every=12)[1]
    assert len({i.id.split("_")[0] for i in first}) == 1  # sorted: one publisher's articles
    assert len({i.id.split("_")[0] for i in spread}) == 7
