"""The cue-word floor: every sentence with a reporting verb is a claim, evidence = sentence.

It is what any engine must beat. It names the first capitalised words of the sentence as
the source (or "unknown"), and its summary is the first three sentences. Scored by the
same harness, through the same pipeline and verify stage, as every other engine.
"""

from __future__ import annotations

import re

from service.domain import (
    Article,
    Draft,
    DraftClaim,
    DraftSource,
    DraftSummarySentence,
    SummaryOptions,
)

_CUE = re.compile(
    r"\b(said|says|told|according to|claimed|claims|alleged|denied|denies|warned|added|"
    r"stated|estimated|insisted|accused|reported|announced|confirmed)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)")


class CueFloorEngine:
    name = "cue-floor"
    version = "1"
    sends_text_out = False

    async def draft(self, article: Article, options: SummaryOptions) -> Draft:
        claims: list[DraftClaim] = []
        for sentence in article.sentences:
            text = article.sentence_text(sentence)
            if not _CUE.search(text):
                continue
            name = _NAME.search(text)
            claims.append(
                DraftClaim(
                    id=f"f{len(claims) + 1}",
                    source=DraftSource(name=name.group(1) if name else "", type="unknown"),
                    sentence_ids=[sentence.id],
                    quote=text,
                )
            )
        summary = [
            DraftSummarySentence(text=article.sentence_text(s), sentence_ids=[s.id])
            for s in article.sentences[: options.summary_sentences]
        ]
        return Draft(claims=claims, summary=summary)
