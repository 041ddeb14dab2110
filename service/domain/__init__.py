"""Pure pydantic models of fairbrief's contract. Imports nothing from the rest of the project."""

from service.domain.article import Article, ChromeSpan, Paragraph, Sentence, Span
from service.domain.claims import (
    Claim,
    Conflict,
    NonResponse,
    Source,
    SourceType,
    Stance,
)
from service.domain.draft import (
    Draft,
    DraftClaim,
    DraftConflict,
    DraftNonResponse,
    DraftSource,
    DraftSummarySentence,
)
from service.domain.result import (
    SCHEMA_VERSION,
    Meta,
    Result,
    Summary,
    SummaryOptions,
    SummarySentence,
    Usage,
    VerifyStats,
    Warning,
)

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ChromeSpan",
    "Claim",
    "Conflict",
    "Draft",
    "DraftClaim",
    "DraftConflict",
    "DraftNonResponse",
    "DraftSource",
    "DraftSummarySentence",
    "Meta",
    "NonResponse",
    "Paragraph",
    "Result",
    "Sentence",
    "Source",
    "SourceType",
    "Span",
    "Stance",
    "Summary",
    "SummaryOptions",
    "SummarySentence",
    "Usage",
    "VerifyStats",
    "Warning",
]
