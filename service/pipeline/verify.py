"""Verify: the only way a draft becomes a Result. The model is never trusted.

Every claim's evidence is found again in the article from the draft's quote and sentence
ids (exact, then tolerant); offsets a draft might bring are never read, it has none to
bring. Sources must be named in the article or typed anonymous. Summary sentences must
rest on real sentences, use only the article's numbers, names and quoted words, and carry
the attribution of any claim they restate. What fails is dropped, or kept with
``verified: false``, and always reported in ``warnings`` with what and why.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from service.domain import (
    Article,
    Claim,
    Conflict,
    Draft,
    DraftClaim,
    NonResponse,
    Source,
    Span,
    Summary,
    SummarySentence,
    VerifyStats,
    Warning,
)
from service.domain.article import Sentence
from service.domain.draft import DraftSource
from service.pipeline import checks
from service.pipeline.textmatch import Match, find_phrase, find_quote, fold

MIN_QUOTE_CHARS = 4
_HEDGES = ("reportedly", "allegedly", "purportedly")
_CUE_DISTANCE = 4  # words between a source's name and its reporting cue
_STOP = frozenset(
    """the a an of for and to in on at by with from said says told according spokesman
    spokeswoman spokesperson official officials leader head chief""".split()
)


@dataclass
class Verified:
    claims: list[Claim] = field(default_factory=list)
    non_responses: list[NonResponse] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    summary: Summary = field(default_factory=lambda: Summary(text="", sentences=[]))
    warnings: list[Warning] = field(default_factory=list)
    stats: VerifyStats = field(default_factory=VerifyStats)

    def warn(self, code: str, message: str, target: str | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, target=target))


def verify_draft(article: Article, draft: Draft) -> Verified:
    out = Verified()
    for note in draft.notes:
        out.warn("backend_note", note)
    claim_ids = _verify_claims(article, draft, out)
    _verify_non_responses(article, draft, out)
    _verify_conflicts(draft, claim_ids, out)
    _verify_summary(article, draft, out)
    return out


# -- locating quotes ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    start: int
    end: int
    sentence_ids: list[str]
    corrected: bool


def _locate(article: Article, quote: str, cited: list[str]) -> _Located | str:
    """Find ``quote`` in the cited sentences, else anywhere in the content; or say why not."""
    if len(quote.strip()) < MIN_QUOTE_CHARS:
        return "the quote is empty or too short to pin down"
    known = [s for s in (article.sentence(i) for i in cited) if s is not None]
    if known:
        first = min(known, key=lambda s: s.start)
        last = max(known, key=lambda s: s.end)
        match = find_quote(article.text, quote, first.start, last.end)
        if match is not None:
            ids = _sentences_over(article, match.start, match.end)
            if ids:
                return _Located(match.start, match.end, ids, corrected=False)
    for sentence in article.sentences:  # anywhere else in the article's content?
        match = find_quote(article.text, quote, sentence.start, sentence.end)
        if match is not None:
            return _Located(match.start, match.end, [sentence.id], corrected=True)
    paragraph_match = _find_across_sentences(article, quote)
    if paragraph_match is not None:
        return paragraph_match
    if find_quote(article.text, quote) is not None:
        return "the quote is found only in page chrome, which is not article content"
    return "the quote is not in the article"


def _find_across_sentences(article: Article, quote: str) -> _Located | None:
    for paragraph in article.paragraphs:
        match = find_quote(article.text, quote, paragraph.start, paragraph.end)
        if match is not None:
            ids = _sentences_over(article, match.start, match.end)
            if ids and _inside_content(article, match.start, match.end):
                return _Located(match.start, match.end, ids, corrected=True)
    return None


def _sentences_over(article: Article, start: int, end: int) -> list[str]:
    return [s.id for s in article.sentences if s.start < end and start < s.end]


def _inside_content(article: Article, start: int, end: int) -> bool:
    return not any(c.start < end and start < c.end for c in article.chrome)


# -- claims ------------------------------------------------------------------------------


def _claim_id(article: Article, start: int, end: int, source: str) -> str:
    key = f"{article.id}:{start}:{end}:{fold(source)}"
    return "c" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _verify_claims(article: Article, draft: Draft, out: Verified) -> dict[str, str]:
    """Verified claims into ``out``; returns draft id -> claim id for the conflicts."""
    ids: dict[str, str] = {}
    seen: set[str] = set()
    out.stats.claims_in = len(draft.claims)
    for draft_claim in draft.claims:
        target = f"draft:{draft_claim.id}"
        located = _locate(article, draft_claim.quote, draft_claim.sentence_ids)
        if isinstance(located, str):
            out.stats.claims_dropped += 1
            out.warn(
                "claim_evidence_not_found",
                f"claim dropped: {located} (quote: {_short(draft_claim.quote)!r})",
                target,
            )
            continue
        if located.corrected:
            out.warn(
                "claim_sentence_ids_corrected",
                f"the quote is not in the cited sentences {draft_claim.sentence_ids}; "
                f"it was found in {located.sentence_ids}",
                target,
            )
        source, source_ok = _verify_source(article, draft_claim.source, located)
        claim_id = _claim_id(article, located.start, located.end, source.name)
        if claim_id in seen:
            out.stats.claims_dropped += 1
            out.warn("claim_duplicate", "claim dropped: same evidence and source as another")
            continue
        seen.add(claim_id)
        ids[draft_claim.id] = claim_id
        verified = source_ok
        if not source_ok:
            out.stats.claims_unverified += 1
            out.warn(
                "claim_source_not_in_article",
                f"the source {draft_claim.source.name!r} is not named in the article",
                claim_id,
            )
        cue_span = _find_cue(article, draft_claim, located)
        if draft_claim.cue and cue_span is None:
            out.warn(
                "claim_cue_not_found",
                f"the cue {draft_claim.cue!r} is not near the evidence",
                claim_id,
            )
        evidence = article.span(located.start, located.end)
        more_evidence = _more_evidence(article, draft_claim, located, out, claim_id)
        out.claims.append(
            Claim(
                id=claim_id,
                statement=(draft_claim.statement or evidence.text).strip(),
                source=source,
                stance=draft_claim.stance,
                cue=draft_claim.cue if cue_span is not None else None,
                evidence=evidence,
                more_evidence=more_evidence,
                cue_span=cue_span,
                sentence_ids=located.sentence_ids,
                hedged=draft_claim.hedged,
                verified=verified,
            )
        )
    out.stats.claims_kept = len(out.claims)
    return ids


def _more_evidence(
    article: Article, draft_claim: DraftClaim, located: _Located, out: Verified, claim_id: str
) -> list[Span]:
    """The rest of the claimed content, each part found again from its quote in the
    sentences of the evidence and apart from it; a part that is not there is left out."""
    parts: list[Span] = []
    taken = [(located.start, located.end)]
    for quote in draft_claim.more_quotes:
        part = _locate(article, quote, located.sentence_ids)
        if (
            isinstance(part, str)
            or part.corrected
            or any(part.start < end and start < part.end for start, end in taken)
        ):
            out.warn(
                "claim_part_not_found",
                f"part of the content left out: not found beside the evidence in "
                f"{located.sentence_ids} (quote: {_short(quote)!r})",
                claim_id,
            )
            continue
        parts.append(article.span(part.start, part.end))
        taken.append((part.start, part.end))
    return sorted(parts, key=lambda p: p.start)


def _window(article: Article, located: _Located, before: int = 1) -> tuple[int, int]:
    """The evidence's sentences plus ``before`` sentences ahead (continuing attribution)."""
    sentences = article.sentences
    positions = [i for i, s in enumerate(sentences) if s.id in located.sentence_ids]
    first = max(0, min(positions) - before)
    return sentences[first].start, sentences[max(positions)].end


def _verify_source(
    article: Article, draft_source: DraftSource, located: _Located
) -> tuple[Source, bool]:
    name = draft_source.name.strip()
    if not name:
        return Source(name="anonymous", type="anonymous"), draft_source.type == "anonymous"
    start, end = _window(article, located)
    near = [m for m in find_phrase(article.text, name, start, end) if not _overlaps(m, located)]
    everywhere = near or [
        m
        for m in find_phrase(article.text, name)
        if _inside_content(article, m.start, m.end) and not _overlaps(m, located)
    ]
    if everywhere:
        best = min(everywhere, key=lambda m: abs(m.start - located.start))
        return Source(
            name=name, type=draft_source.type, span=article.span(best.start, best.end)
        ), True
    # an anonymous source need not be named ("officials said"), but is never invented
    return Source(name=name, type=draft_source.type), draft_source.type == "anonymous"


def _overlaps(match: Match, located: _Located) -> bool:
    return match.start < located.end and located.start < match.end


def _find_cue(article: Article, claim: DraftClaim, located: _Located) -> Span | None:
    if not claim.cue:
        return None
    start, end = _window(article, located)
    matches = [
        m for m in find_phrase(article.text, claim.cue, start, end) if not _overlaps(m, located)
    ]
    if not matches:
        return None
    best = min(matches, key=lambda m: abs(m.start - located.start))
    return article.span(best.start, best.end)


# -- non-responses and conflicts ---------------------------------------------------------


def _verify_non_responses(article: Article, draft: Draft, out: Verified) -> None:
    out.stats.non_responses_in = len(draft.non_responses)
    seen: set[tuple[int, int, str]] = set()
    for index, item in enumerate(draft.non_responses):
        target = f"draft-non-response:{index}"
        located = _locate(article, item.quote, item.sentence_ids)
        if isinstance(located, str):
            out.stats.non_responses_dropped += 1
            out.warn("non_response_evidence_not_found", f"non-response dropped: {located}", target)
            continue
        name = item.source.name.strip()
        # named in the sentence, or just before it when the sentence says "he" or "it", or,
        # as for a claim's source, elsewhere in the article ("Harlowe said ... She declined
        # to say ...": Deputy Chief Constable Wynne Harlowe, named in full paragraphs back)
        matches = (
            find_phrase(article.text, name, *_window(article, located, before=2))
            or [
                m
                for m in find_phrase(article.text, name)
                if _inside_content(article, m.start, m.end)
            ]
            if name
            else []
        )
        if not matches:
            out.stats.non_responses_dropped += 1
            out.warn(
                "non_response_source_not_found",
                f"non-response dropped: {name!r} is not named where the article says it",
                target,
            )
            continue
        key = (located.start, located.end, fold(name))
        if key in seen:
            continue
        seen.add(key)
        out.non_responses.append(
            NonResponse(
                source=Source(
                    name=name,
                    type=item.source.type,
                    span=article.span(matches[0].start, matches[0].end),
                ),
                evidence=article.span(located.start, located.end),
                sentence_ids=located.sentence_ids,
            )
        )


def _verify_conflicts(draft: Draft, claim_ids: dict[str, str], out: Verified) -> None:
    out.stats.conflicts_in = len(draft.conflicts)
    for index, conflict in enumerate(draft.conflicts):
        kept = list(dict.fromkeys(claim_ids[i] for i in conflict.claim_ids if i in claim_ids))
        if len(kept) < 2 or not conflict.about.strip():
            out.stats.conflicts_dropped += 1
            out.warn(
                "conflict_claims_missing",
                "conflict dropped: fewer than two of its claims survived verification",
                f"draft-conflict:{index}",
            )
            continue
        out.conflicts.append(Conflict(claim_ids=kept, about=conflict.about.strip()))


# -- summary -----------------------------------------------------------------------------


def _verify_summary(article: Article, draft: Draft, out: Verified) -> None:
    content = " ".join(article.sentence_text(s) for s in article.sentences)
    out.stats.summary_in = len(draft.summary)
    kept: list[SummarySentence] = []
    for index, sentence in enumerate(draft.summary):
        target = f"summary:{index}"
        text = re.sub(r"\s+", " ", sentence.text).strip()
        problem = _summary_problem(article, content, text, sentence.sentence_ids, out)
        if problem is not None:
            code, message = problem
            out.stats.summary_dropped += 1
            out.warn(code, f"summary sentence dropped: {message} ({_short(text)!r})", target)
            continue
        cited = [i for i in sentence.sentence_ids if article.sentence(i) is not None]
        loaded = checks.loaded_words(text)
        if loaded:
            out.stats.summary_flagged += 1
            out.warn(
                "summary_loaded_word",
                f"loaded word(s) in the summary's own voice: {', '.join(sorted(set(loaded)))}",
                target,
            )
        kept.append(SummarySentence(text=text, sentence_ids=cited))
    out.summary = Summary(text=" ".join(s.text for s in kept), sentences=kept)


def _summary_problem(
    article: Article, content: str, text: str, cited: list[str], out: Verified
) -> tuple[str, str] | None:
    if not text:
        return "summary_empty", "it is empty"
    known = [s for s in (article.sentence(i) for i in cited) if s is not None]
    if not known:
        return "summary_unsupported", f"it cites no sentence of the article ({cited})"
    if len(known) < len(cited):
        unknown = [i for i in cited if article.sentence(i) is None]
        return "summary_unsupported", f"it cites sentences that do not exist ({unknown})"
    numbers = checks.missing_numbers(text, content)
    if numbers:
        return "summary_number_not_in_article", f"number(s) not in the article: {numbers}"
    quotes = checks.altered_quotes(text, content)
    if quotes:
        return "summary_quote_altered", f"quoted words not verbatim in the article: {quotes}"
    names = checks.unknown_names(text, content)
    if names:
        return "summary_name_not_in_article", f"name(s) not in the article: {names}"
    unattributed = _unattributed_claims(article, text, known, out.claims)
    if unattributed:
        claim = unattributed[0]
        return (
            "summary_unattributed_claim",
            f"it restates claim {claim.id} by {claim.source.name!r} without attributing it",
        )
    return None


def _unattributed_claims(
    article: Article, text: str, cited: list[Sentence], claims: list[Claim]
) -> list[Claim]:
    """Claims restated by ``text`` (from its cited sentences) whose source it does not name."""
    cited_ids = {s.id for s in cited}
    words = checks.content_words(text)
    summary_numbers = set(checks.numbers_in(text))
    missing = []
    for claim in claims:
        if not cited_ids.intersection(claim.sentence_ids):
            continue
        evidence_words = checks.content_words(claim.evidence.text)
        shared = words & evidence_words
        shares_number = bool(summary_numbers & set(checks.numbers_in(claim.evidence.text)))
        restates = shares_number or (
            evidence_words and len(shared) >= max(2, len(evidence_words) // 2)
        )
        if restates and not _attributes(text, claim):
            missing.append(claim)
    return missing


def _attributes(text: str, claim: Claim) -> bool:
    """Does ``text`` carry the claim's attribution, not just any "said"?

    Either the source's full name, or a distinctive word of it (a surname, "coalition")
    close to a reporting cue ("Olsen said", "according to the coalition"). For a source
    without a name, a hedge ("reportedly") also carries it.
    """
    if find_phrase(text, claim.source.name):
        return True
    words = re.findall(r"[\w'\u2019-]+", fold(text))
    cue_positions = [i for i, w in enumerate(words) if w in checks.REPORTING_CUES]
    heads = {
        fold(token)
        for token in re.findall(r"[\w'\u2019-]+", claim.source.name)
        if len(token) > 2 and fold(token) not in _STOP
    }
    for position, word in enumerate(words):
        if word in heads and any(abs(position - c) <= _CUE_DISTANCE for c in cue_positions):
            return True
    if claim.source.type in ("anonymous", "unknown"):
        return any(find_phrase(text, hedge) for hedge in _HEDGES)
    return False


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
