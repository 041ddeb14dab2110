"""What a backend returns: an untrusted draft.

A draft carries quotes and sentence ids, never offsets: the verify stage finds every
quote in the article itself. Drafts come from a model or from the offline engine and
are treated alike, as input from a stranger.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.domain.claims import SourceType, Stance


class DraftSource(BaseModel):
    name: str
    type: SourceType = "unknown"


class DraftClaim(BaseModel):
    id: str = Field(description="draft-local id, used by conflicts")
    source: DraftSource
    stance: Stance = "asserts"
    cue: str | None = None
    sentence_ids: list[str] = Field(default_factory=list)
    quote: str = Field(description="exact words of the article that carry the claimed content")
    more_quotes: list[str] = Field(
        default_factory=list,
        description="the rest of the claimed content, in the same sentences, where the source "
        "and cue interrupt it",
    )
    statement: str | None = None
    hedged: bool = False


class DraftNonResponse(BaseModel):
    source: DraftSource
    sentence_ids: list[str] = Field(default_factory=list)
    quote: str


class DraftConflict(BaseModel):
    claim_ids: list[str]
    about: str


class DraftSummarySentence(BaseModel):
    text: str
    sentence_ids: list[str] = Field(default_factory=list)


class Draft(BaseModel):
    summary: list[DraftSummarySentence] = Field(default_factory=list)
    claims: list[DraftClaim] = Field(default_factory=list)
    non_responses: list[DraftNonResponse] = Field(default_factory=list)
    conflicts: list[DraftConflict] = Field(default_factory=list)
    model: str | None = None
    prompt_version: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    encoding: str | None = Field(default=None, description="the tiktoken encoding that counted")
    notes: list[str] = Field(default_factory=list, description="backend remarks for the warnings")
