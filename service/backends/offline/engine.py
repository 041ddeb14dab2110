"""The offline engine: deterministic reporting-cue rules, no network, no model.

It drafts like any other backend (quotes and sentence ids, no offsets) and its draft goes
through the same verify stage as a model's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import anyio

from service.backends.offline import cues, parse, romance, sources
from service.backends.offline.lexicon import CUE_FORMS
from service.domain import (
    Article,
    Draft,
    DraftClaim,
    DraftConflict,
    DraftNonResponse,
    DraftSource,
    DraftSummarySentence,
    SummaryOptions,
)
from service.domain.article import Sentence
from service.domain.claims import SourceType
from service.pipeline.checks import content_words
from service.pipeline.textmatch import find_phrase

ENGINE_NAME = "offline-rules"
ENGINE_VERSION = "0.2.2"
_PRONOUN_START = re.compile(r"^\W*(he|she|they|it|we|i|his|her|their|its)\b", re.I)
_MIN_SUMMARY_WORDS = 6
_PRONOUN_CUE = re.compile(r"^(?P<pronoun>He|She|They)\s+(?:also\s+|later\s+)?(?P<cue>\w+)")
_PERSON_RUN = re.compile(
    r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Cmdr|Rep|Sen|Gov)\.\s+)?"
    r"[A-Z][a-z\u00e0-\u00ff'\u2019]+(?:\s+[A-Z]\.)*(?:\s+(?:de|van|von|al|da|di|le|la))?"
    r"\s+[A-Z][a-z\u00e0-\u00ff'\u2019]+(?:-[A-Z][a-z\u00e0-\u00ff'\u2019]+)?"
)
_SENTENCE_OPENERS = frozenset(
    """The A An In On At After Before When While But And However Meanwhile Last Next This
    That These Those It He She They We Our Its Their His Her According""".split()
)


@dataclass
class _Speaker:
    name: str
    type: SourceType


class OfflineEngine:
    """Reporting-cue rules over the article's sentences."""

    name = ENGINE_NAME
    version = ENGINE_VERSION
    sends_text_out = False

    async def draft(self, article: Article, options: SummaryOptions) -> Draft:
        # the parse is CPU work: off the event loop, so the service keeps answering
        return await anyio.to_thread.run_sync(draft_article, article, options)


class _Speakers:
    """Who has spoken so far: resolves pronouns and surnames to the names used before."""

    def __init__(self) -> None:
        self.known: list[_Speaker] = []
        self.last_person: _Speaker | None = None
        self.last_other: _Speaker | None = None

    def resolve(self, phrase: str, appositive: str = "") -> _Speaker | None:
        first = phrase.split()[0] if phrase.split() else phrase
        if sources.is_pronoun(first):  # "she", and "He went on to" say ...
            phrase = first
            if sources.is_person_pronoun(phrase):
                return self.last_person
            return self.last_other or self.last_person
        name = sources.canonical_name(phrase)
        kind = sources.source_type(f"{phrase}, {appositive}" if appositive else phrase, name)
        if kind == "anonymous":
            return _Speaker(name=phrase.strip().split(",")[0], type=kind)
        for speaker in reversed(self.known):
            if speaker.name != name and _is_short_form(name, speaker.name):
                return speaker
        return _Speaker(name=name, type=kind)

    def saw(self, sentence: str) -> None:
        """The first person a sentence names becomes who "he" or "she" most likely means."""
        for found in _PERSON_RUN.finditer(sentence):
            name = found.group(0)
            before = sentence[: found.start()].rstrip().lower()
            if before.endswith(("the", "a", "an")) or sources.is_organisation_like(name):
                continue
            if found.start() == 0 and name.split()[0] in _SENTENCE_OPENERS:
                continue
            known = next(
                (s for s in reversed(self.known) if _is_short_form(name, s.name) or s.name == name),
                None,
            )
            self.last_person = known or _Speaker(name=name, type="person")
            return

    def heard(self, speaker: _Speaker) -> None:
        if speaker.type == "anonymous":
            return
        if speaker not in self.known:
            self.known.append(speaker)
        if speaker.type == "person":
            self.last_person = speaker
        else:
            self.last_other = speaker


def _is_short_form(short: str, full: str) -> bool:
    """ "Olsen" and "Dr. Olsen" are short forms of "Dr. Mara Olsen"; "Union" is not."""
    short_words, full_words = short.split(), full.split()
    return (
        len(short_words) < len(full_words)
        and len(short_words[-1]) > 2
        and short_words[-1] == full_words[-1]
        and set(short_words) <= set(full_words)
    )


def draft_article(article: Article, options: SummaryOptions) -> Draft:
    claims: list[DraftClaim] = []
    non_responses: list[DraftNonResponse] = []
    speakers = _Speakers()
    last_quote: tuple[_Speaker, int] | None = None  # speaker and paragraph of the last quote
    notes: list[str] = []
    if article.language not in ("en", "und"):
        depth = (
            "a small set of French and Spanish reporting-cue rules"
            if article.language in ("fr", "es")
            else "no rules for this language"
        )
        notes.append(
            f"the article's language is {article.language!r}: the offline engine parses "
            f"English only and uses {depth}, so claims may be missed"
        )
    attributions = _attributions_by_sentence(article)
    for position, sentence in enumerate(article.sentences):
        text = article.sentence_text(sentence)
        parties = cues.find_non_responses(text)
        for party, _offset in parties:
            if sources.is_pronoun(party):  # "He did not answer ...": the last speaker
                speaker = speakers.resolve(party)
                party = speaker.name if speaker else party
            non_responses.append(
                DraftNonResponse(
                    source=DraftSource(name=party, type=sources.source_type(party)),
                    sentence_ids=[sentence.id],
                    quote=text.rstrip(" .").strip(),
                )
            )
        if parties:
            speakers.saw(text)
            continue
        found = attributions[sentence.id]
        for attribution in found:
            speaker = speakers.resolve(attribution.source, attribution.appositive)
            if speaker is None:
                continue
            claims.append(_claim(len(claims), sentence, text, attribution, speaker))
            speakers.heard(speaker)
            if attribution.quote:
                last_quote = (speaker, sentence.paragraph)
        speakers.saw(text)
        if found:
            continue
        if cues.is_hedged(text):  # "The claims could not be independently verified."
            _hedge_previous(claims, article.sentences[position - 1].id if position else None)
        continuing = cues.unattributed_quote(text)
        if continuing is None:
            continue
        if last_quote and sentence.paragraph - last_quote[1] <= 1:
            speaker = last_quote[0]
        else:
            speaker = _speaker_ahead(article, position, speakers, attributions)
        if speaker is None:
            continue
        claims.append(
            DraftClaim(
                id=f"d{len(claims) + 1}",
                source=DraftSource(name=speaker.name, type=speaker.type),
                stance="asserts",
                cue=None,
                sentence_ids=[sentence.id],
                quote=text[continuing[0] : continuing[1]],
                hedged=cues.is_hedged(text),
            )
        )
        last_quote = (speaker, sentence.paragraph)
    return Draft(
        summary=_lead_summary(article, claims, options.summary_sentences),
        claims=claims,
        non_responses=non_responses,
        conflicts=_conflicts(claims),
        notes=notes,
    )


def _hedge_previous(claims: list[DraftClaim], sentence_id: str | None) -> None:
    for claim in claims:
        if sentence_id in claim.sentence_ids:
            claim.hedged = True


def _attributions_by_sentence(article: Article) -> dict[str, list[cues.Attribution]]:
    """Attributions per sentence: from the dependency parse for English (only sentences
    with a reporting cue are parsed, in one batch), from the cue rules otherwise."""
    texts = {s.id: article.sentence_text(s) for s in article.sentences}
    if article.language in ("fr", "es"):
        return {sid: romance.find_attributions(text) for sid, text in texts.items()}
    if article.language not in ("en", "und"):
        return {sid: cues.find_attributions(text) for sid, text in texts.items()}
    wanted = [sid for sid, text in texts.items() if parse.needs_parse(text)]
    docs = parse.parse_sentences([texts[sid] for sid in wanted])
    found: dict[str, list[cues.Attribution]] = {sid: [] for sid in texts}
    for sid, doc in zip(wanted, docs, strict=True):
        found[sid] = parse.find_attributions(doc)
    for sid, text in texts.items():
        if not found[sid] and (colon := cues.colon_attribution(text)) is not None:
            found[sid] = [colon]
    return found


def _speaker_ahead(
    article: Article,
    position: int,
    speakers: _Speakers,
    attributions: dict[str, list[cues.Attribution]],
) -> _Speaker | None:
    """An AP-style quote opened here and attributed a paragraph or two further on."""
    paragraph = article.sentences[position].paragraph
    for later in article.sentences[position + 1 :]:
        if later.paragraph - paragraph > 2:
            return None
        for attribution in attributions[later.id]:
            if attribution.quote:
                return speakers.resolve(attribution.source)
    return None


def _claim(
    index: int, sentence: Sentence, text: str, attribution: cues.Attribution, speaker: _Speaker
) -> DraftClaim:
    return DraftClaim(
        id=f"d{index + 1}",
        source=DraftSource(name=speaker.name, type=speaker.type),
        stance=attribution.stance,
        cue=attribution.cue,
        sentence_ids=[sentence.id],
        quote=text[attribution.content_start : attribution.content_end],
        hedged=cues.is_hedged(text),
    )


def _lead_summary(
    article: Article, claims: list[DraftClaim], count: int
) -> list[DraftSummarySentence]:
    """The first informative sentences, each carrying its own attribution."""
    by_sentence: dict[str, list[DraftClaim]] = {}
    for claim in claims:
        for sentence_id in claim.sentence_ids:
            by_sentence.setdefault(sentence_id, []).append(claim)
    chosen: list[DraftSummarySentence] = []
    for sentence in article.sentences:
        if len(chosen) >= count:
            break
        text = re.sub(r"\s+", " ", article.sentence_text(sentence)).strip()
        text = _name_the_speaker(text, by_sentence.get(sentence.id, []))
        if len(text.split()) < _MIN_SUMMARY_WORDS or _PRONOUN_START.match(text):
            continue
        if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
            continue  # half a quote, opened or closed elsewhere
        carried = all(find_phrase(text, c.source.name) for c in by_sentence.get(sentence.id, []))
        if carried:
            chosen.append(DraftSummarySentence(text=text, sentence_ids=[sentence.id]))
    return chosen


def _name_the_speaker(text: str, claims: list[DraftClaim]) -> str:
    """ "She added that ..." -> "Mara Olsen added that ...", when the sentence's claims all
    come from the one source the pronoun was resolved to."""
    found = _PRONOUN_CUE.match(text)
    names = {c.source.name for c in claims}
    if not found or len(names) != 1 or CUE_FORMS.get(found.group("cue").lower()) is None:
        return text
    name = names.pop()
    name = name[0].upper() + name[1:]
    return name + text[found.end("pronoun") :]


_UNIT_FAMILIES = [
    {
        "people",
        "person",
        "civilians",
        "civilian",
        "dead",
        "deaths",
        "bodies",
        "victims",
        "killed",
        "casualties",
        "fatalities",
        "injured",
        "wounded",
        "residents",
        "children",
    },
    {
        "workers",
        "staff",
        "employees",
        "members",
        "strikers",
        "nurses",
        "doctors",
        "miners",
        "drivers",
        "jobs",
        "posts",
        "redundancies",
    },
    {"protesters", "demonstrators", "marchers", "participants", "crowd", "supporters"},
    {"percent", "per", "%"},
    {"cases", "infections", "patients", "infected"},
    {"million", "billion"},
]
_NUMBER_UNIT = re.compile(r"(\d[\d,.]*)\s*(?:%|(?:\w+\s+){0,2}?([a-z%]+))", re.I)


def _units(quote: str) -> dict[str, set[str]]:
    """Figures in a quote by what they count: family name -> the numbers given for it."""
    out: dict[str, set[str]] = {}
    for found in _NUMBER_UNIT.finditer(quote):
        unit = (found.group(2) or "%").lower()
        for index, family in enumerate(_UNIT_FAMILIES):
            if unit in family or unit.rstrip("s") in family:
                out.setdefault(str(index), set()).add(found.group(1).replace(",", "").rstrip("."))
                break
    return out


def _conflicts(claims: list[DraftClaim]) -> list[DraftConflict]:
    """Different sources giving different figures for the same count, or denying each other."""
    words = [{w for w in content_words(c.quote) if not w.isdigit()} for c in claims]
    units = [_units(c.quote) for c in claims]
    conflicts = []
    for i, first in enumerate(claims):
        for j in range(i + 1, len(claims)):
            second = claims[j]
            if _same_source(first, second):
                continue
            counted = set(units[i]) & set(units[j])
            differing = [u for u in counted if units[i][u] != units[j][u]]
            if differing:
                conflicts.append(
                    DraftConflict(
                        claim_ids=[first.id, second.id],
                        about="different figures for the same count",
                    )
                )
            elif "denies" in (first.stance, second.stance) and len(words[i] & words[j]) >= 2:
                shared = ", ".join(sorted(words[i] & words[j])[:3])
                conflicts.append(
                    DraftConflict(claim_ids=[first.id, second.id], about=f"a denial: {shared}")
                )
    return conflicts


def _same_source(first: DraftClaim, second: DraftClaim) -> bool:
    return first.source.name.casefold() == second.source.name.casefold()
