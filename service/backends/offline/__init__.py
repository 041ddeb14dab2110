"""The embedded offline engine: no API key, no network."""

from service.backends.offline.engine import ENGINE_NAME, ENGINE_VERSION, OfflineEngine

__all__ = ["ENGINE_NAME", "ENGINE_VERSION", "OfflineEngine"]
