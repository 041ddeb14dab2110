"""What the model must return (``...Output``), kept apart from the API's models.

The schema is sent to the server as a strict JSON schema; whatever comes back is still
validated here, and then still verified against the article.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.domain import (
    Draft,
    DraftClaim,
    DraftConflict,
    DraftNonResponse,
    DraftSource,
    DraftSummarySentence,
)
from service.domain.claims import SourceType, Stance


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceOutput(_Strict):
    name: str = Field(description="as the article names it; for an unnamed source, its description")
    type: SourceType


class ClaimOutput(_Strict):
    source: SourceOutput
    stance: Stance
    cue: str = Field(description="the reporting verb or phrase, e.g. said, according to")
    sentence_ids: list[str] = Field(description="ids like S3 of the sentences the claim is in")
    quote: str = Field(description="exact words of the article carrying the claimed content")
    statement: str = Field(description="the claim restated neutrally, one sentence")


class NonResponseOutput(_Strict):
    source: SourceOutput
    sentence_ids: list[str]
    quote: str = Field(description="exact words of the article that say it did not respond")


class ConflictOutput(_Strict):
    claims: list[int] = Field(description="indexes (from 0) of the conflicting claims")
    about: str


class SummarySentenceOutput(_Strict):
    text: str
    sentence_ids: list[str]


class BriefOutput(_Strict):
    """The single-call answer (or one chunk's, whose summary and conflicts are ignored)."""

    claims: list[ClaimOutput]
    non_responses: list[NonResponseOutput]
    conflicts: list[ConflictOutput]
    summary: list[SummarySentenceOutput]


class ReduceOutput(_Strict):
    """The reduce call of a long article: the summary, and conflicts across all claims."""

    summary: list[SummarySentenceOutput]
    conflicts: list[ConflictOutput]


def to_draft(
    claims: list[ClaimOutput],
    non_responses: list[NonResponseOutput],
    conflicts: list[ConflictOutput],
    summary: list[SummarySentenceOutput],
) -> Draft:
    draft_claims = [
        DraftClaim(
            id=f"m{index}",
            source=DraftSource(name=claim.source.name, type=claim.source.type),
            stance=claim.stance,
            cue=claim.cue or None,
            sentence_ids=claim.sentence_ids,
            quote=claim.quote,
            statement=claim.statement or None,
        )
        for index, claim in enumerate(claims)
    ]
    return Draft(
        claims=draft_claims,
        non_responses=[
            DraftNonResponse(
                source=DraftSource(name=n.source.name, type=n.source.type),
                sentence_ids=n.sentence_ids,
                quote=n.quote,
            )
            for n in non_responses
        ],
        conflicts=[
            DraftConflict(claim_ids=[f"m{i}" for i in c.claims], about=c.about) for c in conflicts
        ],
        summary=[DraftSummarySentence(text=s.text, sentence_ids=s.sentence_ids) for s in summary],
    )
