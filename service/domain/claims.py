"""Verified claims, their sources, non-responses and conflicts."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from service.domain.article import Span

SourceType = Literal[
    "person",
    "organization",
    "government",
    "military",
    "armed_group",
    "company",
    "media",
    "document",
    "anonymous",
    "unknown",
]

Stance = Literal["asserts", "denies", "alleges", "predicts", "disputes"]


class Source(BaseModel):
    name: str
    type: SourceType
    span: Span | None = Field(
        default=None, description="where the article names the source, nearest the claim"
    )


class Claim(BaseModel):
    id: str = Field(description="stable: derived from the article, the evidence span and source")
    statement: str
    source: Source
    stance: Stance
    cue: str | None = None
    evidence: Span = Field(description="the claimed content, not the cue or the source")
    more_evidence: list[Span] = Field(
        default_factory=list,
        description="the rest of the claimed content where the source and cue interrupt it "
        '("The strike, the union said, will go on": "will go on" is the evidence, "The '
        'strike" the rest)',
    )
    cue_span: Span | None = None
    sentence_ids: list[str]
    hedged: bool = False
    verified: bool = Field(description="false when a check failed; the warnings say which")


class NonResponse(BaseModel):
    source: Source
    evidence: Span
    sentence_ids: list[str]


class Conflict(BaseModel):
    claim_ids: list[str] = Field(min_length=2)
    about: str
