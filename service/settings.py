"""One Settings object, built by ``get_settings()`` and passed in; never read at import time."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from ``FAIRBRIEF_*`` environment variables (or a ``.env`` file)."""

    model_config = SettingsConfigDict(env_prefix="FAIRBRIEF_", env_file=None, extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    engine: str = Field(default="offline", description="the backend used when none is asked for")
    max_body_bytes: int = Field(default=2_000_000, ge=1_000)
    max_text_chars: int = Field(default=300_000, ge=100)
    log_level: str = "INFO"


def get_settings(**overrides: object) -> Settings:
    """Read the environment now; keyword overrides win (tests build their own this way)."""
    return Settings(**overrides)  # type: ignore[arg-type]
