"""HTTP payloads. The Result itself is the domain model; only the request is API-specific."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.domain import SummaryOptions
from service.pipeline.summarizer import ArticleRequest, lone_surrogate


class ArticleFields(BaseModel):
    """An article as plain text, as HTML, or as the URL of its page (exactly one of the three),
    with an optional title: what a summary request and each batch item carry."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}]
        },
    )

    text: str | None = Field(default=None, description="the article as plain text")
    html: str | None = Field(default=None, description="the article page as HTML")
    url: str | None = Field(
        default=None,
        max_length=4096,
        description="the article page's http(s) URL, fetched by the service (public addresses only)",
    )
    title: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _one_input(self) -> Self:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("send exactly one of 'text', 'html' or 'url'")
        for name in (*given, "title"):
            problem = lone_surrogate(name, getattr(self, name))
            if problem is not None:  # refused here, before a batch stores it
                raise ValueError(problem)
        return self


class SummaryRequest(ArticleFields):
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}],
            "examples": [
                {
                    "text": "Dock workers walked out on Monday, the union said.",
                    "title": "Port strike",
                    "options": {"summary_sentences": 3},
                }
            ],
        },
    )

    engine: Literal["offline", "llm"] | None = Field(
        default=None, description="default: the LLM when one is configured, else offline"
    )
    options: SummaryOptions = Field(default_factory=SummaryOptions)

    def to_request(self) -> ArticleRequest:
        return ArticleRequest(
            text=self.text,
            html=self.html,
            url=self.url,
            title=self.title,
            engine=self.engine,
            options=self.options,
        )


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    engine: str = Field(description="the engine used when a request names none")
    engines: list[str] = Field(description="the engines this service can use")
    offline_only: bool
    offline_engine_version: str = Field(
        description="the offline engine's version; '+cues.<digest>' when it uses a cue model"
    )


class ReadyResponse(BaseModel):
    status: Literal["ready", "not-ready"]
    checks: dict[str, str] = Field(description="each check: ok, or what is wrong")


class DeletedResponse(BaseModel):
    article_id: str
    cache_entries_deleted: int
    batch_items_scrubbed: int = Field(description="batch items whose Result was removed")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    request_id: str | None = None
    errors: list[dict[str, object]] | None = None
