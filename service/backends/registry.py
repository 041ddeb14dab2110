"""Choosing a backend: by configuration, and per request."""

from __future__ import annotations

from service.backends import Backend
from service.backends.offline import OfflineEngine
from service.backends.offline.learned import CueModel
from service.errors import EngineUnavailableError, InputError, OfflineOnlyError
from service.settings import Settings

ENGINES = ("offline", "llm")


class Backends:
    """The service's engines, built once and shared by all requests (the LLM engine's
    bounded concurrency is shared with them)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.offline = OfflineEngine(
            CueModel.load(settings.cue_model) if settings.cue_model is not None else None
        )
        self._llm: Backend | None = None

    @property
    def default_name(self) -> str:
        return self.settings.active_engine()

    def get(self, name: str | None = None) -> Backend:
        name = name or self.default_name
        if name == "offline":
            return self.offline
        if name != "llm":
            raise InputError(
                f"unknown engine {name!r}; known engines: {', '.join(ENGINES)}", field="engine"
            )
        if self.settings.offline_only:
            raise OfflineOnlyError(
                "this service is offline-only: no article text may be sent to an LLM"
            )
        if self.settings.openai_api_key is None and self.settings.openai_base_url is None:
            raise EngineUnavailableError(
                "the LLM engine is not configured (set OPENAI_API_KEY, and OPENAI_BASE_URL for other servers)"
            )
        return self._llm_engine()

    async def aclose(self) -> None:
        if self._llm is not None:
            await close_backend(self._llm)
            self._llm = None

    def _llm_engine(self) -> Backend:
        if self._llm is None:
            from service.backends.llm.engine import LLMEngine

            self._llm = LLMEngine(self.settings)
        return self._llm


async def close_backend(backend: Backend) -> None:
    """Release what a backend holds open (the LLM engine's connections)."""
    close = getattr(backend, "aclose", None)
    if close is not None:
        await close()
