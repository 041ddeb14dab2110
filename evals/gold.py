"""Gold-format v1: loading and checking gold annotations (see ../shared/gold-format.md).

A malformed item is rejected with the file, the line and the field named. Fields the
format does not name are kept (``extra="allow"``) and ignored. Evidence, non-response and
boilerplate strings must occur in the item's text; their first occurrence gives the span.
Items converted from other corpora (PolNeAR) carry spans directly and may give several
evidence fragments for a discontinuous span.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from service.domain.claims import SourceType, Stance


class GoldFormatError(ValueError):
    """A gold file that does not follow gold-format v1, located to the field."""

    def __init__(self, path: str, line: int, field: str, message: str) -> None:
        super().__init__(f"{path}:{line}: {field}: {message}")
        self.path = path
        self.line = line
        self.field = field
        self.message = message


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class GoldSpan(BaseModel):
    start: int
    end: int


class GoldClaim(_Open):
    id: str
    source: str
    source_aliases: list[str] = Field(default_factory=list)
    source_type: SourceType
    claim: str = ""
    evidence: str
    stance: Stance = "asserts"
    # filled by the loader (or given by a converter): where the evidence is in the text
    spans: list[GoldSpan] = Field(default_factory=list, exclude=True)


class GoldNonResponse(_Open):
    source: str
    source_aliases: list[str] = Field(default_factory=list)
    evidence: str


class GoldConflict(_Open):
    claims: list[str] = Field(min_length=2)
    about: str = ""


class GoldKeyPoint(_Open):
    point: str
    terms: list[str] = Field(min_length=1)


class GoldMustAttribute(_Open):
    fact: str
    cues: list[str] = Field(min_length=1)


class Gold(_Open):
    claims: list[GoldClaim]
    non_responses: list[GoldNonResponse]
    conflicts: list[GoldConflict]
    key_points: list[GoldKeyPoint]
    must_attribute: list[GoldMustAttribute]
    boilerplate: list[str]

    @model_validator(mode="after")
    def _unique_claim_ids(self) -> Gold:
        ids = [c.id for c in self.claims]
        if len(ids) != len(set(ids)):
            raise ValueError("claim ids are not unique")
        return self


class GoldItem(_Open):
    id: str = Field(min_length=1)
    title: str | None = None
    text: str = Field(min_length=1)
    gold: Gold
    language: str | None = None
    # which parts of the gold the item annotates; PolNeAR annotates claims only
    scope: Literal["full", "claims"] = Field(default="full", exclude=True)


def load_gold(path: str | Path) -> list[GoldItem]:
    """Every item of a gold-format v1 JSON Lines file, checked."""
    path = Path(path)
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            items.append(parse_item(line, str(path), number))
            item_id = items[-1].id
            if item_id in seen:
                raise GoldFormatError(
                    str(path), number, "id", f"{item_id!r} is already used on line {seen[item_id]}"
                )
            seen[item_id] = number
    if not items:
        raise GoldFormatError(str(path), 0, "(file)", "no items")
    return items


def parse_item(line: str, path: str = "<string>", number: int = 1) -> GoldItem:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise GoldFormatError(path, number, "(line)", f"not valid JSON: {error.msg}") from error
    if not isinstance(raw, dict):
        raise GoldFormatError(path, number, "(line)", "an item must be a JSON object")
    try:
        item = GoldItem.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(item)"
        raise GoldFormatError(path, number, field, first["msg"]) from error
    check_item(item, path, number)
    return item


def check_item(item: GoldItem, path: str, number: int) -> None:
    """Every string that must be in the text is; spans are found; conflicts name real claims."""
    text = item.text
    ids = {c.id for c in item.gold.claims}
    for index, claim in enumerate(item.gold.claims):
        field = f"gold.claims.{index}.evidence"
        if not claim.spans:
            start = text.find(claim.evidence) if claim.evidence else -1
            if start < 0:
                raise GoldFormatError(path, number, field, f"not found in text: {claim.evidence!r}")
            claim.spans = [GoldSpan(start=start, end=start + len(claim.evidence))]
    for index, item_nr in enumerate(item.gold.non_responses):
        if item_nr.evidence not in text:
            raise GoldFormatError(
                path,
                number,
                f"gold.non_responses.{index}.evidence",
                f"not found in text: {item_nr.evidence!r}",
            )
    for index, conflict in enumerate(item.gold.conflicts):
        unknown = [c for c in conflict.claims if c not in ids]
        if unknown:
            raise GoldFormatError(
                path, number, f"gold.conflicts.{index}.claims", f"unknown claim ids {unknown}"
            )
    for index, chrome in enumerate(item.gold.boilerplate):
        if not chrome or chrome not in text:
            raise GoldFormatError(
                path, number, f"gold.boilerplate.{index}", f"not found in text: {chrome!r}"
            )


def main(argv: list[str] | None = None) -> int:
    """``python -m evals.gold FILE...``: check gold files, print a line per file."""
    import sys

    status = 0
    for name in argv if argv is not None else sys.argv[1:]:
        try:
            items = load_gold(name)
        except GoldFormatError as error:
            print(error)
            status = 1
            continue
        claims = sum(len(i.gold.claims) for i in items)
        print(f"{name}: {len(items)} items, {claims} claims: OK")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
