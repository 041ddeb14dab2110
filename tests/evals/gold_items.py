"""A small fictional gold set built in code, for the harness's own tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STRIKE_TEXT = (
    "Dock workers in Kestravia walked out on Monday, the Harbour Workers' Union said.\n\n"
    "All container traffic had stopped by noon, according to union leader Mara Olsen. "
    "The port authority said only 1,500 of its 6,000 workers had joined the strike.\n\n"
    "The transport ministry did not respond to a request for comment.\n\n"
    "Sign up for our newsletter"
)


def strike_item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "strike-01",
        "title": "Port strike",
        "text": STRIKE_TEXT,
        "gold": {
            "claims": [
                {
                    "id": "c1",
                    "source": "Harbour Workers' Union",
                    "source_aliases": ["the union"],
                    "source_type": "organization",
                    "claim": "Dock workers walked out on Monday.",
                    "evidence": "Dock workers in Kestravia walked out on Monday",
                    "stance": "asserts",
                },
                {
                    "id": "c2",
                    "source": "Mara Olsen",
                    "source_aliases": ["union leader Mara Olsen", "Olsen"],
                    "source_type": "person",
                    "claim": "All container traffic stopped by noon.",
                    "evidence": "All container traffic had stopped by noon",
                    "stance": "asserts",
                },
                {
                    "id": "c3",
                    "source": "port authority",
                    "source_aliases": ["The port authority"],
                    "source_type": "government",
                    "claim": "Only 1,500 of 6,000 workers joined.",
                    "evidence": "only 1,500 of its 6,000 workers had joined the strike",
                    "stance": "disputes",
                },
            ],
            "non_responses": [
                {
                    "source": "transport ministry",
                    "source_aliases": [],
                    "evidence": "The transport ministry did not respond to a request for comment",
                }
            ],
            "conflicts": [{"claims": ["c2", "c3"], "about": "how far the strike reaches"}],
            "key_points": [
                {"point": "Dock workers went on strike.", "terms": ["strike"]},
                {
                    "point": "Traffic stopped, says the union leader.",
                    "terms": ["container traffic", "Olsen"],
                },
            ],
            "must_attribute": [
                {"fact": "that all container traffic stopped", "cues": ["container traffic"]}
            ],
            "boilerplate": ["Sign up for our newsletter"],
        },
    }
    item.update(changes)
    return item


def write_jsonl(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
    )
    return path
