"""Gold loading: gold-format v1 exactly, and every malformed case named to the field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from evals.gold import GoldFormatError, load_gold
from tests.evals.gold_items import strike_item, write_jsonl


def test_a_valid_file_loads_with_spans_found(tmp_path: Path) -> None:
    extra = strike_item(
        id="strike-02", publisher="Northwire"
    )  # unknown fields are kept and ignored
    items = load_gold(write_jsonl(tmp_path / "g.jsonl", [strike_item(), extra]))
    assert [i.id for i in items] == ["strike-01", "strike-02"]
    claim = items[0].gold.claims[1]
    span = claim.spans[0]
    assert items[0].text[span.start : span.end] == claim.evidence


def broken(path: Path, mutate: Any) -> GoldFormatError:
    item = copy.deepcopy(strike_item())
    mutate(item)
    good = strike_item(id="fine")
    with pytest.raises(GoldFormatError) as caught:
        load_gold(write_jsonl(path, [good, item]))
    return caught.value


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (lambda i: i.pop("text"), "text", "Field required"),
        (lambda i: i.update(text=""), "text", "at least 1 character"),
        (lambda i: i.pop("gold"), "gold", "Field required"),
        (lambda i: i["gold"].pop("key_points"), "gold.key_points", "Field required"),
        (
            lambda i: i["gold"]["claims"][0].update(evidence="words that are not there"),
            "gold.claims.0.evidence",
            "not found in text",
        ),
        (
            lambda i: i["gold"]["claims"][1].update(source_type="celebrity"),
            "gold.claims.1.source_type",
            "Input should be",
        ),
        (
            lambda i: i["gold"]["claims"][1].update(stance="shouts"),
            "gold.claims.1.stance",
            "Input should be",
        ),
        (lambda i: i["gold"]["claims"][1].pop("source"), "gold.claims.1.source", "Field required"),
        (lambda i: i["gold"]["claims"][1].update(id="c1"), "gold", "claim ids are not unique"),
        (
            lambda i: i["gold"]["conflicts"][0].update(claims=["c2", "c9"]),
            "gold.conflicts.0.claims",
            "unknown claim ids",
        ),
        (
            lambda i: i["gold"]["conflicts"][0].update(claims=["c2"]),
            "gold.conflicts.0.claims",
            "at least 2",
        ),
        (
            lambda i: i["gold"]["non_responses"][0].update(evidence="The army declined"),
            "gold.non_responses.0.evidence",
            "not found",
        ),
        (
            lambda i: i["gold"]["boilerplate"].append("Add a Comment"),
            "gold.boilerplate.1",
            "not found",
        ),
        (
            lambda i: i["gold"]["key_points"][0].update(terms=[]),
            "gold.key_points.0.terms",
            "at least 1",
        ),
        (lambda i: i.update(id="fine"), "id", "already used on line 1"),
    ],
)
def test_malformed_items_are_rejected_with_file_line_and_field(
    tmp_path: Path, mutate: Any, field: str, message: str
) -> None:
    error = broken(tmp_path / "bad.jsonl", mutate)
    assert error.line == 2
    assert error.field == field
    assert message in error.message
    assert str(error).startswith(f"{tmp_path / 'bad.jsonl'}:2: {field}: ")


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [("{not json", "(line)", "not valid JSON"), ("[1, 2]", "(line)", "JSON object")],
)
def test_lines_that_are_not_items(tmp_path: Path, line: str, field: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(strike_item()) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError) as caught:
        load_gold(path)
    assert (caught.value.line, caught.value.field) == (3, field)
    assert message in caught.value.message


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="no items"):
        load_gold(path)
