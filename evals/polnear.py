"""PolNeAR (brat standoff) converted to gold items, at run time, from ../shared/datasets.

The article texts are copyrighted: they are read from the shared folder and never copied
into the repository. Conversion rules (stated in every report, see ``RULES``):

- one gold claim per attribution relation (an ``E`` line); the Content span is the
  evidence, the Source span the source; an attribution without a source is anonymous;
- the first annotator file per article, in sorted order;
- a discontinuous span (``start end;start end``) gives one evidence fragment per piece,
  and a prediction may match any fragment; a discontinuous source is its pieces joined;
- a pronoun source ("he", "they") also matches the nearest one or two named sources that
  precede it in the article (PolNeAR has no coreference links): predicting the entity it
  refers to, or the pronoun itself, counts as a match;
- a source span that runs on into an appositive ("Bush, Florida's former governor,",
  "Kristen Gillibrand (D-NY)") also matches the name before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from evals.gold import Gold, GoldClaim, GoldItem, GoldSpan

RULES = [
    "one gold claim per attribution relation: Content = evidence, Source = source",
    "attributions without a source: source type anonymous",
    "first annotator file per article in sorted order",
    "discontinuous content: each piece is a fragment; a prediction may match any fragment",
    "pronoun sources also match the nearest one or two preceding named sources",
    "a source with an appositive also matches the name before the comma or parenthesis",
]
PRONOUNS = frozenset(
    "he she they it we i you him her them us his hers its their theirs our my".split()
)
_APPOSITIVE = re.compile(r"\s*[,(]")
_SPAN = re.compile(r"^(?P<label>\S+) (?P<ranges>\d+ \d+(?:;\d+ \d+)*)$")


def polnear_dir(datasets_dir: Path) -> Path:
    return datasets_dir / "polnear" / "data"


def load_polnear(split: str, datasets_dir: Path, limit: int | None = None) -> list[GoldItem]:
    if split not in ("train", "dev"):
        raise ValueError(f"PolNeAR split {split!r}: use train or dev (test is withheld)")
    root = polnear_dir(datasets_dir) / split
    if not root.is_dir():
        raise FileNotFoundError(f"PolNeAR not found at {root} (set --datasets-dir)")
    items = []
    for article, text, standoff in read_corpus(root):
        items.append(convert(article, text, standoff))
        if limit is not None and len(items) >= limit:
            break
    return items


def read_corpus(root: Path) -> Iterator[tuple[str, str, str]]:
    """(article, text, standoff) for each article of a corpus in PolNeAR's layout
    (``text/<article>.txt``, ``attributions/<article>_<annotator>.ann``)."""
    annotations: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(article, ann)  # the first annotator file in sorted order
    for article, ann in sorted(annotations.items()):
        text_path = root / "text" / f"{article}.txt"
        if text_path.exists():
            yield article, text_path.read_text(encoding="utf-8"), ann.read_text(encoding="utf-8")


Ranges = list[tuple[int, int]]


def read_standoff(standoff: str) -> tuple[dict[str, tuple[str, Ranges]], list[dict[str, str]]]:
    """The labelled spans (id: label, character ranges) and the relations (role: span id)."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for line in standoff.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            found = _SPAN.match(parts[1])
            if found:
                ranges = [tuple(map(int, r.split())) for r in found.group("ranges").split(";")]
                spans[parts[0]] = (found.group("label"), [(a, b) for a, b in ranges])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(role.split(":", 1) for role in parts[1].split() if ":" in role)
            events.append(roles)
    return spans, events


def convert(article: str, text: str, standoff: str) -> GoldItem:
    spans, events = read_standoff(standoff)
    raw_claims = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        fragments = [(a, b) for a, b in content[1] if b > a]
        if not fragments:
            continue
        source = spans.get(event.get("Source", ""))
        name = " ".join(text[a:b] for a, b in source[1]) if source else ""
        start = source[1][0][0] if source else fragments[0][0]
        raw_claims.append((start, fragments, name.strip()))
    claims = []
    named = sorted(
        (start, name) for start, _, name in raw_claims if name and name.lower() not in PRONOUNS
    )
    for index, (start, fragments, name) in enumerate(raw_claims):
        longest = max(fragments, key=lambda f: f[1] - f[0])
        aliases: list[str] = []
        if name.lower() in PRONOUNS:
            before = [n for s, n in named if s < start]
            aliases = list(dict.fromkeys(reversed(before)))[:2]
        head = _APPOSITIVE.split(name, maxsplit=1)[0].strip()
        if head and head != name:
            aliases.append(head)
        claims.append(
            GoldClaim(
                id=f"c{index + 1}",
                source=name or "anonymous",
                source_aliases=aliases,
                source_type="anonymous" if not name else "unknown",
                claim=text[longest[0] : longest[1]],
                evidence=text[longest[0] : longest[1]],
                spans=[GoldSpan(start=a, end=b) for a, b in fragments],
            )
        )
    gold = Gold(
        claims=claims,
        non_responses=[],
        conflicts=[],
        key_points=[],
        must_attribute=[],
        boilerplate=[],
    )
    return GoldItem(id=article, text=text, gold=gold, scope="claims")
