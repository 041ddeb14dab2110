"""The first offline engine: reporting cues, quotes, non-responses, a lead summary."""

from __future__ import annotations

import asyncio

import pytest

from service.backends.offline import OfflineEngine
from service.domain import Result
from service.pipeline.summarize import ArticleInput, summarize_article
from tests.articles import FRENCH, PORT_STRIKE, VALLEY_CLASH


def run(text: str, sentences: int = 3) -> Result:
    from service.domain import SummaryOptions

    return asyncio.run(
        summarize_article(
            ArticleInput(text), OfflineEngine(), SummaryOptions(summary_sentences=sentences)
        )
    )


def claims_of(text: str) -> list[tuple[str, str, str]]:
    return [(c.source.name, c.cue or "", c.evidence.text) for c in run(text).claims]


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "evidence"),
    [
        (
            "According to the rebel coalition, strikes killed 21 civilians.",
            "rebel coalition",
            "according to",
            "strikes killed 21 civilians",
        ),
        (
            "Strikes killed 21 civilians, according to the rebel coalition.",
            "rebel coalition",
            "according to",
            "Strikes killed 21 civilians",
        ),
        (
            "The ministry said on Monday that 40 people had died.",
            "The ministry",
            "said",
            "40 people had died",
        ),
        (
            "The strike will continue until wages rise, the union said.",
            "the union",
            "said",
            "The strike will continue until wages rise",
        ),
        (
            "Mara Olsen told reporters that the port was closed.",
            "Mara Olsen",
            "told",
            "the port was closed",
        ),
        (
            "Mara Olsen told the Northwire agency the port was closed.",
            "Mara Olsen",
            "told",
            "the port was closed",
        ),
        (
            '"We will not back down," said union leader Mara Olsen.',
            "Mara Olsen",
            "said",
            "We will not back down",
        ),
        (
            "Mara Olsen said: \u201cThe port is shut.\u201d",
            "Mara Olsen",
            "said",
            "The port is shut",
        ),
        (
            "Gen. Pavel Rusk, the army chief, denied that civilians were hit.",
            "Gen. Pavel Rusk",
            "denied",
            "civilians were hit",
        ),
    ],
)
def test_reporting_cues(sentence: str, source: str, cue: str, evidence: str) -> None:
    [(found_source, found_cue, found_evidence)] = claims_of(sentence)
    assert source in found_source
    assert (found_cue, found_evidence) == (cue, evidence)


def test_reporters_voice_is_not_a_claim() -> None:
    assert claims_of("Dock workers walked out on Monday. The port handles 40 ships a day.") == []


def test_the_article_as_a_whole() -> None:
    result = run(PORT_STRIKE)
    by_source: dict[str, list[str]] = {}
    for claim in result.claims:
        by_source.setdefault(claim.source.name, []).append(claim.evidence.text)
    assert by_source["Mara Olsen"] == [
        "All container traffic had stopped by noon",
        "We will not back down until wages rise by 12 percent",
        "4,000 members had joined the strike",  # "She added": the pronoun resolved
        "We never asked for a strike",  # an AP quote, attributed in the next paragraph
        "We asked for a fair wage",
    ]
    assert by_source["Harbour Workers' Union"] and by_source["The port authority"]
    assert [n.source.name for n in result.non_responses] == ["The transport ministry"]
    assert all(c.verified for c in result.claims)
    assert not any("ignore previous instructions" in c.evidence.text for c in result.claims)


def test_stances_and_hedges() -> None:
    result = run(VALLEY_CLASH)
    stances = {c.evidence.text: c.stance for c in result.claims}
    # "said 9 people had died, ..., and denied that its drones had struck ...": two claims
    assert stances["9 people had died, all of them fighters"] == "asserts"
    assert stances["its drones had struck the village of Tamla"] == "denies"
    anonymous = [c for c in result.claims if c.source.type == "anonymous"]
    assert [(c.source.name, c.evidence.text) for c in anonymous] == [
        ("Residents", "the market in Tamla had been hit twice"),
        ("A United Nations official", "aid convoys had been stopped at the river"),
    ]
    hedged = [c.evidence.text for c in result.claims if c.hedged]
    assert hedged == ["the market in Tamla had been hit twice"]  # hedged by the next sentence
    assert [n.source.name for n in result.non_responses] == ["The interior ministry"]


def test_different_figures_from_different_sources_are_a_conflict() -> None:
    text = (
        "Strikes killed 21 civilians in Tamla, according to the rebel coalition.\n\n"
        "The army said 9 civilians were killed in Tamla."
    )
    result = run(text)
    [conflict] = result.conflicts
    assert len(conflict.claim_ids) == 2
    sources = {c.source.name for c in result.claims if c.id in conflict.claim_ids}
    assert sources == {"the rebel coalition", "The army"}


def test_the_lead_summary_keeps_attribution_and_passes_verify() -> None:
    result = run(VALLEY_CLASH, sentences=2)
    assert [s.sentence_ids for s in result.summary.sentences] == [["S1"], ["S2"]]
    assert "according to the Free Valley Coalition" in result.summary.text
    assert result.meta.verify.summary_dropped == 0


def test_a_non_english_article_says_what_the_engine_does() -> None:
    result = run(FRENCH)
    assert result.article.language == "fr"
    assert any(w.code == "backend_note" and "'fr'" in w.message for w in result.warnings)
