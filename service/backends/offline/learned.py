"""A learned attribution finder over the dependency parse, from a model you train yourself.

The cue rules know a lexicon of reporting words; real news attributes content with many
more ("reserved his most eloquent passion for", "worries so much about"). A cue model
scores every (word, dependent) pair of a parsed sentence: is this word a cue whose content
is that dependent's subtree? It is a logistic regression over hashed parse features (the
word, its stem and its neighbours, tags, dependency labels, the subject, the content's
size and side), fitted by ``fairbrief eval train-cues`` on an attribution
corpus in brat standoff (PolNeAR's layout). fairbrief ships no trained weights: PolNeAR states no data licence, so
a model trained on it stays on the machine that trained it (``FAIRBRIEF_CUE_MODEL``).

With a model the engine parses every English sentence, keeps what the rules find, and adds
the model's attributions whose content none of the rules' overlaps; each still needs a
subject the source can be read from, and goes through verify like any other claim.
"""

from __future__ import annotations

import hashlib
import io
import math
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from service.backends.offline import stemming
from service.backends.offline.cues import Attribution
from service.backends.offline.lexicon import CUE_FORMS, stance_of
from service.backends.offline.parse import _inside_quotes, _source_phrase, _span_of, source_of

FEATURES_VERSION = 2
DIMENSIONS = 2**18
_CUE_TAGS = ("VB", "NN", "JJ")
# the dependents whose subtree can be a claim's content (a preposition's object stands for
# the preposition: "warned of a shortage", "worries about the cost")
_PART_DEPS = frozenset(
    """ccomp xcomp dobj prep advcl acl nsubjpass attr acomp oprd nsubj conj npadvmod relcl
    dative agent parataxis csubj""".split()
)
_FUNCTION_DEPS = frozenset({"aux", "auxpass", "neg", "prt", "advmod", "mark", "det", "poss"})
_QUOTE_MARKS = ('"', "\u201c")
_stem = stemming.ENGLISH


@dataclass(frozen=True)
class Candidate:
    """A cue word and the dependent whose subtree would be its content (character offsets
    into the sentence)."""

    cue: Any
    part: Any
    relation: str
    start: int
    end: int
    quoted: bool  # the sentence holds a quotation mark


def candidates(doc: Any) -> Iterator[Candidate]:
    text = doc.text  # built anew on every access
    quoted = any(mark in text for mark in _QUOTE_MARKS)
    for token in doc:
        if not (token.tag_.startswith(_CUE_TAGS) or token.lower_ == "according"):
            continue
        for child in token.children:
            if child.dep_ not in _PART_DEPS:
                continue
            if child.dep_ == "prep":
                for grandchild in child.children:
                    if grandchild.dep_ in ("pobj", "pcomp"):
                        start, end = _extent(grandchild)
                        relation = f"prep_{child.lower_}"
                        yield Candidate(token, grandchild, relation, start, end, quoted)
            else:
                start, end = _extent(child)
                yield Candidate(token, child, child.dep_, start, end, quoted)


def _extent(token: Any) -> tuple[int, int]:
    last = token.right_edge
    return token.left_edge.idx, last.idx + len(last.text)


def features(doc: Any, candidate: Candidate) -> list[str]:
    cue, part, relation = candidate.cue, candidate.part, candidate.relation
    kids = list(cue.children)
    subjects = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
    subject_tag = subjects[0].tag_ if subjects else "none"
    word = cue.lower_
    stem = _stem(word)
    length = candidate.end - candidate.start
    size = "S" if length < 20 else "M" if length < 60 else "L" if length < 150 else "XL"
    side = "after" if part.i > cue.i else "before"
    marks = ",".join(c.lower_ for c in part.children if c.dep_ == "mark")
    auxiliaries = ",".join(c.lower_ for c in kids if c.dep_ == "aux")
    found = [
        f"w={word}",
        f"s={stem}",
        f"t={cue.tag_}",
        f"dep={cue.dep_}",
        f"cd={relation}",
        f"ct={part.tag_}",
        f"sd={relation}|{stem}",
        f"sd={relation}|{cue.tag_}",
        f"st={subject_tag}",
        f"st={subject_tag}|{stem}",
        f"L={size}",
        f"L={size}|{relation}",
        f"pos={side}|{relation}",
        f"hd={cue.head.tag_}|{cue.dep_}",
        "kids=" + "|".join(sorted({c.dep_ for c in kids})),
        f"cw={part.lower_}|{relation}",
        f"mark={marks}|{relation}",
        f"neg={any(c.dep_ == 'neg' for c in kids)}",
        f"aux={auxiliaries}",
        f"q={candidate.quoted}",
    ]
    found.extend(f"kid={c.dep_}|{c.tag_}" for c in kids)
    found.extend(f"kidw={c.dep_}|{c.lower_}" for c in kids if c.dep_ in _FUNCTION_DEPS)
    before = doc[cue.i - 1].lower_ if cue.i > 0 else "<s>"
    after = doc[cue.i + 1].lower_ if cue.i + 1 < len(doc) else "</s>"
    found += [
        f"prev={before}",
        f"next={after}",
        f"head={_stem(cue.head.lower_)}|{cue.dep_}",
        f"sr={stem}|{relation}|{subject_tag}",
    ]
    return found


def indices(names: Iterable[str]) -> list[int]:
    """Feature names to weight indices (CRC-32, stable across processes and machines)."""
    return [zlib.crc32(name.encode("utf-8")) % DIMENSIONS for name in names]


@dataclass(frozen=True)
class CueModel:
    weights: np.ndarray
    bias: float
    threshold: float
    trained_on: str

    @property
    def digest(self) -> str:
        """Names the model in the engine's version, and so in every cache key."""
        hashed = hashlib.sha256(self.weights.tobytes())
        hashed.update(f"{self.bias}:{self.threshold}".encode())
        return hashed.hexdigest()[:12]

    @classmethod
    def load(cls, path: Path) -> CueModel:
        try:
            with np.load(path, allow_pickle=False) as stored:
                version = int(stored["features_version"])
                weights = stored["weights"].astype(np.float32)
                bias = float(stored["bias"])
                threshold = float(stored["threshold"])
                trained_on = str(stored["trained_on"])
        except (OSError, KeyError, ValueError) as exc:
            raise ValueError(f"cannot read the cue model {path}: {exc}") from exc
        if version != FEATURES_VERSION or weights.shape != (DIMENSIONS,):
            raise ValueError(
                f"the cue model {path} was trained with features version {version} and "
                f"{weights.shape[0]} weights; this fairbrief reads version {FEATURES_VERSION} "
                f"with {DIMENSIONS}: train it again (fairbrief eval train-cues)"
            )
        if not 0.0 < threshold < 1.0 or not np.isfinite(weights).all():
            raise ValueError(f"the cue model {path} holds an invalid threshold or weights")
        return cls(weights=weights, bias=bias, threshold=threshold, trained_on=trained_on)

    def save(self, path: Path) -> None:
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            features_version=np.int64(FEATURES_VERSION),
            weights=self.weights.astype(np.float32),
            bias=np.float64(self.bias),
            threshold=np.float64(self.threshold),
            trained_on=np.str_(self.trained_on),
        )
        path.write_bytes(buffer.getvalue())

    def probability(self, names: list[str]) -> float:
        score = self.bias + float(self.weights[indices(names)].sum(dtype=np.float64))
        return 1.0 / (1.0 + math.exp(-score))

    def find(self, doc: Any, found: list[Attribution]) -> list[Attribution]:
        """The model's attributions in one parsed sentence that the rules' ``found`` do not
        already cover: the best-scored content per cue word, above the threshold."""
        best: dict[int, tuple[float, Candidate]] = {}
        for candidate in candidates(doc):
            p = self.probability(features(doc, candidate))
            if p >= self.threshold and p > best.get(candidate.cue.i, (0.0, None))[0]:
                best[candidate.cue.i] = (p, candidate)
        added: list[Attribution] = []
        for _p, candidate in sorted(best.values(), key=lambda pair: -pair[0]):
            attribution = _attribution(doc, candidate)
            if attribution is None:
                continue
            if any(_overlaps(attribution, other) for other in [*found, *added]):
                continue
            added.append(attribution)
        return added


def _attribution(doc: Any, candidate: Candidate) -> Attribution | None:
    cue = candidate.cue
    source = source_of(cue)
    if source is None:
        return None
    phrase, appositive = _source_phrase(source)
    content = _span_of(doc, list(candidate.part.subtree))
    if not phrase or content is None:
        return None
    start, end = content
    source_tokens = {t.i for t in source.subtree}
    if cue.i in {t.i for t in candidate.part.subtree} or source_tokens & {
        t.i for t in candidate.part.subtree
    }:
        return None  # the content must not hold its own cue or source
    return Attribution(
        source=phrase,
        appositive=appositive,
        source_start=source.idx,
        cue=cue.text,
        content_start=start,
        content_end=end,
        stance=stance_of(CUE_FORMS.get(cue.lower_, "")),
        quote=_inside_quotes(doc.text, start, end),
    )


def _overlaps(a: Attribution, b: Attribution) -> bool:
    shared = min(a.content_end, b.content_end) - max(a.content_start, b.content_start)
    shorter = min(a.content_end - a.content_start, b.content_end - b.content_start)
    return shared > 0 and shared >= 0.5 * max(1, shorter)
