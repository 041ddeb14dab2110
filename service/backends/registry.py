"""Choosing a backend by name."""

from __future__ import annotations

from service.backends import Backend
from service.backends.offline import OfflineEngine
from service.errors import InputError

ENGINES = ("offline",)


def get_backend(name: str) -> Backend:
    if name == "offline":
        return OfflineEngine()
    raise InputError(
        f"unknown engine {name!r}; known engines: {', '.join(ENGINES)}", field="engine"
    )
