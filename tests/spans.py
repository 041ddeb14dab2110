"""The offset invariant: every span in a Result slices the Result's own text."""

from __future__ import annotations

from typing import Any


def assert_spans_slice(result: dict[str, Any]) -> int:
    """Check every span of a Result (as JSON); returns how many were checked."""
    text = result["article"]["text"]
    spans = []
    for claim in result["claims"]:
        spans += [claim["evidence"], claim["cue_span"], claim["source"]["span"]]
    for item in result["non_responses"]:
        spans += [item["evidence"], item["source"]["span"]]
    checked = 0
    for span in spans:
        if span is None:
            continue
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]
        checked += 1
    ids = {s["id"] for s in result["article"]["sentences"]}
    for claim in result["claims"]:
        assert set(claim["sentence_ids"]) <= ids
    for sentence in result["summary"]["sentences"]:
        assert sentence["sentence_ids"] and set(sentence["sentence_ids"]) <= ids
    return checked
