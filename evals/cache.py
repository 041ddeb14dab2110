"""The eval response cache: SQLite, keyed by everything that can change an answer.

The key covers the item (id, text, title), the engine's name and version, a fingerprint
of fairbrief's own code, the model, the prompt version and the options: a re-run of an
unchanged item costs nothing, and a changed engine never reads a stale answer.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import service


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over fairbrief's Python sources: any code change is a new engine."""
    digest = hashlib.sha256()
    root = Path(service.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(parts: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


class ResultCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result TEXT NOT NULL, created REAL NOT NULL)"
        )
        self._db.commit()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, result: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO results (key, result, created) VALUES (?, ?, ?)",
                (key, json.dumps(result, ensure_ascii=False), time.time()),
            )
            self._db.commit()

    def close(self) -> None:
        self._db.close()
