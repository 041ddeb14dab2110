"""One Settings object, built by ``get_settings()`` and passed in; never read at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from ``FAIRBRIEF_*`` environment variables; ``OPENAI_API_KEY`` and
    ``OPENAI_BASE_URL`` are honoured as the OpenAI SDK names them."""

    model_config = SettingsConfigDict(env_prefix="FAIRBRIEF_", env_file=None, extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="`fairbrief serve` processes sharing the port (each with its own "
        "event loop, LLM concurrency and batch workers)",
    )
    engine: Literal["auto", "offline", "llm"] = Field(
        default="auto", description="auto: the LLM when an API key is configured, else offline"
    )
    offline_only: bool = Field(default=False, description="never send article text out")
    cue_model: Path | None = Field(
        default=None,
        description="a cue model for the offline engine, from `fairbrief eval train-cues` "
        "(none is shipped)",
    )
    max_body_bytes: int = Field(default=2_000_000, ge=1_000)
    max_text_chars: int = Field(default=300_000, ge=100)
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"

    # the LLM backend (any OpenAI-compatible server)
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "FAIRBRIEF_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "FAIRBRIEF_OPENAI_BASE_URL")
    )
    llm_model: str = "gpt-4o-mini"
    llm_output_mode: Literal["auto", "json_schema", "json_object", "text"] = "auto"
    llm_timeout_seconds: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0)
    llm_http_client: Literal["aiohttp", "httpx"] = Field(
        default="aiohttp",
        description="the SDK's HTTP transport: aiohttp (the SDK's choice for many calls at "
        "once) or its default httpx",
    )
    llm_deadline_seconds: float = Field(default=180.0, gt=0)
    llm_context_tokens: int = Field(default=128_000, ge=2_000)
    llm_max_output_tokens: int = Field(default=4_000, ge=256)
    llm_chunk_tokens: int = Field(default=12_000, ge=500, description="article tokens per call")
    llm_max_article_tokens: int = Field(default=200_000, ge=1_000)
    llm_concurrency: int = Field(
        default=8, ge=1, description="calls in flight, shared by all requests"
    )
    llm_prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description='per model: (input, output) price per million tokens, e.g. {"gpt-4o-mini": [0.15, 0.6]}',
    )
    tiktoken_cache_dir: Path = Field(
        default_factory=lambda: Path.home() / ".cache" / "fairbrief" / "tiktoken"
    )

    # fetching articles by URL (the one guarded fetcher every entry point uses)
    fetch_allow: list[str] = Field(
        default_factory=list,
        description="host names, addresses or networks (CIDR) that may be fetched even "
        "though they are loopback, private, link-local or otherwise not public",
    )
    fetch_timeout_seconds: float = Field(default=10.0, gt=0)
    fetch_max_bytes: int = Field(default=5_000_000, ge=1_000)
    fetch_max_redirects: int = Field(default=5, ge=0, le=20)
    fetch_user_agent: str = "fairbrief/0.1 (+https://github.com/fairbrief/fairbrief)"

    # API keys: "name:sha256-hex-of-key[:scope,scope]"; none configured = no auth
    api_keys: list[str] = Field(default_factory=list)
    require_api_keys: bool = Field(
        default=False, description="refuse to start without keys (the Docker image sets it)"
    )
    rate_limit: str = Field(default="60/minute", description="per API key")
    rate_limit_anonymous: str | None = Field(
        default=None,
        description="per client address when no keys are configured (default: no limit)",
    )

    # stores: SQLite files by default; Redis shared by several instances when a URL is set
    data_dir: Path = Field(default_factory=lambda: Path.home() / ".local" / "share" / "fairbrief")
    redis_url: str | None = None
    cache_enabled: bool = True
    cache_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=1)

    # batch jobs
    batch_max_items: int = Field(default=500, ge=1)
    batch_workers: int = Field(
        default=2, ge=1, description="items run at once: in the service (local), per worker (arq)"
    )
    job_queue: Literal["local", "arq"] = Field(
        default="local", description="local: in-process workers; arq: Redis + `fairbrief worker`"
    )
    webhook_secret: SecretStr | None = None
    webhook_allow: list[str] = Field(
        default_factory=list, description="non-public hosts webhooks may be sent to"
    )
    request_deadline_seconds: float = Field(default=300.0, gt=0)

    # Slack (issue 7): requests are checked with the signing secret; answers go to the
    # response_url, or through chat.postMessage with the bot token
    slack_signing_secret: SecretStr | None = None
    slack_bot_token: SecretStr | None = None
    slack_api_url: str = Field(
        default="https://slack.com/api/", description="Slack's Web API (tests point it elsewhere)"
    )

    def workers_problem(self) -> str | None:
        """Why this configuration cannot run several service processes, or None."""
        if self.workers == 1 or self.redis_url is not None:
            return None
        if self.api_keys or self.rate_limit_anonymous:
            return (
                f"{self.workers} workers would each keep their own rate-limit windows in "
                "memory, letting every key through that many times over: set "
                "FAIRBRIEF_REDIS_URL so that they share one, or run one worker"
            )
        return None

    def active_engine(self) -> Literal["offline", "llm"]:
        if self.offline_only:
            return "offline"
        if self.engine == "auto":
            return "llm" if self.openai_api_key is not None else "offline"
        return self.engine


def get_settings(**overrides: object) -> Settings:
    """Read the environment now; keyword overrides win (tests build their own this way)."""
    return Settings(**overrides)  # type: ignore[arg-type]
