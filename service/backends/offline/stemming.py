"""Snowball stems (snowballstemmer, the pure-Python stemmer Sphinx uses), safe to call from
the worker threads the engine runs in (a Snowball stemmer keeps state while it works: one
per thread and language) and cached, since an article repeats its words."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

_SNOWBALL = {"en": "english", "fr": "french", "es": "spanish"}
_LOCAL = threading.local()


def _cached(name: str) -> Callable[[str], str]:
    @lru_cache(maxsize=100_000)
    def stem(word: str) -> str:
        stemmers: dict[str, object] = _LOCAL.__dict__.setdefault("stemmers", {})
        stemmer = stemmers.get(name)
        if stemmer is None:
            stemmer = stemmers[name] = snowballstemmer.stemmer(name)
        return str(stemmer.stemWord(word))  # type: ignore[attr-defined]

    return stem


_STEMS = {code: _cached(name) for code, name in _SNOWBALL.items()}
ENGLISH = _STEMS["en"]


def stemmer(language: str) -> Callable[[str], str] | None:
    """The stem function for an ISO 639-1 code, or None for a language Snowball is not
    used for here."""
    return _STEMS.get(language)


def clear_caches() -> None:
    """Forget every cached stem (for tests that must see the stemmers work)."""
    for stem in _STEMS.values():
        stem.cache_clear()  # type: ignore[attr-defined]
