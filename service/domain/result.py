"""The Result a client receives, and the options it may send."""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.domain.article import Article
from service.domain.claims import Claim, Conflict, NonResponse

SCHEMA_VERSION = "1.3"


class SummaryOptions(BaseModel):
    summary_sentences: int = Field(default=3, ge=1, le=10)


class SummarySentence(BaseModel):
    text: str
    sentence_ids: list[str] = Field(description="the article sentences this sentence rests on")


class Summary(BaseModel):
    text: str
    sentences: list[SummarySentence]


class Warning(BaseModel):
    code: str
    message: str
    target: str | None = Field(default=None, description="claim id, draft id or summary index")


class Usage(BaseModel):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class VerifyStats(BaseModel):
    claims_in: int = 0
    claims_kept: int = 0
    claims_dropped: int = 0
    claims_unverified: int = 0
    non_responses_in: int = 0
    non_responses_dropped: int = 0
    conflicts_in: int = 0
    conflicts_dropped: int = 0
    summary_in: int = 0
    summary_dropped: int = 0
    summary_flagged: int = 0


class Meta(BaseModel):
    engine: str
    engine_version: str
    model: str | None = None
    prompt_version: str | None = None
    fairbrief_version: str
    timings_ms: dict[str, float]
    usage: Usage
    token_encoding: str | None = None
    cost_usd: float | None = Field(default=None, description="estimate from the price table")
    verify: VerifyStats
    text_left_service: bool = False
    cached: bool = Field(default=False, description="served from the result cache")


class Result(BaseModel):
    schema_version: str = SCHEMA_VERSION
    article: Article
    summary: Summary
    claims: list[Claim]
    non_responses: list[NonResponse]
    conflicts: list[Conflict]
    warnings: list[Warning]
    meta: Meta
