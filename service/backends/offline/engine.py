"""The offline engine: deterministic reporting-cue rules, no network, no model.

It drafts like any other backend (quotes and sentence ids, no offsets) and its draft goes
through the same verify stage as a model's.
"""

from __future__ import annotations

import collections
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple, TypeVar

import anyio

from service.backends.offline import cues, parse, quotemarks, romance, sources, stemming
from service.backends.offline.learned import CueModel
from service.backends.offline.lexicon import CUE_FORMS, stance_of
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
from service.domain.claims import SourceType, Stance
from service.pipeline.checks import content_words
from service.pipeline.textmatch import find_phrase
from service.pipeline.verify import MIN_QUOTE_CHARS

ENGINE_NAME = "offline-rules"
ENGINE_VERSION = "0.2.25"
_PRONOUN_START = re.compile(r"^\W*(he|she|they|it|we|i|his|her|their|its)\b", re.I)
_MIN_SUMMARY_WORDS = 6
_MIN_CLAIM_WORDS = 4
# a party described, not named: "The agency", "the ministry"
_DESCRIBED_PARTY = re.compile(r"^(?:the|its|his|her|their)\s+[a-z][\w-]*$", re.I)
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_PRONOUN_CUE = re.compile(r"^(?P<pronoun>He|She|They)\s+(?:also\s+|later\s+)?(?P<cue>\w+)")


@dataclass
class _Speaker:
    name: str
    type: SourceType


class _LastQuote(NamedTuple):
    """The speaker of the last quote, its paragraph and the position of its sentence. A
    quotation with no speaker of its own, up to ``reach`` paragraphs further on, is theirs."""

    speaker: _Speaker
    paragraph: int
    position: int
    reach: int = 1


class OfflineEngine:
    """Reporting-cue rules over the article's sentences, and a cue model when one is given
    (``learned.py``): its digest is then part of the version, and so of every cache key."""

    name = ENGINE_NAME
    sends_text_out = False

    def __init__(self, cue_model: CueModel | None = None) -> None:
        self.cue_model = cue_model
        self.version = (
            ENGINE_VERSION if cue_model is None else f"{ENGINE_VERSION}+cues.{cue_model.digest}"
        )

    async def draft(self, article: Article, options: SummaryOptions) -> Draft:
        # the parse is CPU work: off the event loop, so the service keeps answering
        return await anyio.to_thread.run_sync(draft_article, article, options, self.cue_model)


class _Speakers:
    """Who has spoken so far: resolves pronouns and surnames to the names used before."""

    def __init__(self) -> None:
        self.known: list[_Speaker] = []
        self.named: list[_Speaker] = []  # every person named so far, speaker or not
        self.last_person: _Speaker | None = None
        self.last_other: _Speaker | None = None
        self.last_group: _Speaker | None = None  # whom "they" stands for
        self.last_body: _Speaker | None = None  # a body a sentence opened with, speaking or not
        # who a description stood beside: "Vashek's lawyer, Pell Ormund," makes "the lawyer"
        # Pell Ormund, and "Interior Minister Galen Troy" makes "the minister" Galen Troy
        self.described: dict[str, _Speaker] = {}
        # the words a source was first introduced with ("union general secretary Tomas
        # Reindl", "A company spokeswoman, Adela Fink"): whose side it speaks for
        self.introduced_as: dict[str, str] = {}

    def resolve(self, phrase: str, appositive: str = "") -> _Speaker | None:
        words = phrase.split()
        if not words:  # "It is alleged that ...": nobody is named
            return _Speaker(name="", type="anonymous")
        first = words[0]
        if phrase.strip().lower() in _NOBODY_IN_PARTICULAR:
            # the reader, or whoever a transcript's speaker addressed; "Anyone who tells you
            # that ..." inside a quotation
            return None
        # "she", and "He went on to" say ...; not "Her lawyer", whose "her" is a possessive
        if sources.is_pronoun(first) and (len(words) == 1 or first.lower() not in _OBJECT_FORMS):
            phrase = first
            if sources.is_person_pronoun(phrase):
                return self.last_person
            if phrase.lower() == "they":  # "Two officials said ... They said": not a person
                return self.last_group or self.last_other or self.last_person
            if phrase.lower() == "it":  # "The ministry published its figures. It said ..."
                return self.last_other or self.last_body or self.last_person
            return self.last_other or self.last_person
        again = _DESCRIPTION_AGAIN.match(phrase.strip())
        if again and not appositive and again.group("noun").lower() in self.described:
            return self.described[again.group("noun").lower()]  # "the lawyer said"
        party = self.party_described(phrase) if not appositive else None
        if party is not None:
            return party  # "the ministry said": The Health Ministry, which spoke before
        speaking_for = _SPEAKING_FOR.match(phrase.strip()) if not appositive else None
        if speaking_for is not None:
            # "a spokesman for the army" speaks for the Serevan army that spoke before
            # (GUIDE.md); a spokesman for a body not heard yet stays as written
            noun = speaking_for.group("body") or speaking_for.group("body2")
            body = self.party_described("the " + noun)
            if body is not None:
                return body
        described = phrase
        # "Her daughter, Freya, a nurse, says"; "One resident, farmer Ciaran Moyle, said"
        introduced = appositive.split(",")[0].strip()
        named = sources.role_before_name(introduced) or introduced
        # "A local rights group, the Teluva Monitor, said": a name after "the" too, for a
        # group the phrase does not name (not "Figures published ..., the Authority, show")
        indefinite = phrase.split()[0].lower() in ("a", "an") if phrase.split() else False
        bare = named[4:] if named.lower().startswith("the ") and indefinite else named
        if named and _BARE_NAME.match(bare) and not _BARE_NAME.match(phrase):
            # "The cannery's manager, Lukas Brem, said": the name, not the description
            phrase, appositive = named, phrase
        name = sources.canonical_name(phrase)
        kind = sources.source_type(f"{described}, {appositive}" if appositive else described, name)
        if kind in ("unknown", "organization") and named != introduced:
            # "Brennholt's sponsor, the sportswear company Fjordline": what it is called
            hinted = sources.source_type(introduced[: -len(named)].strip())
            kind = hinted if hinted not in ("unknown", "anonymous") else kind
        if kind == "anonymous":
            return _Speaker(name=phrase.strip().split(",")[0], type=kind)
        self.introduced_as.setdefault(name, f"{described} {appositive}")
        for speaker in self._latest_first():
            # "Varnow denied ...": the "Elias Varnow" named before, who had not spoken yet
            if speaker.name != name and _is_short_form(name, speaker.name):
                return speaker
        return _Speaker(name=name, type=kind)

    def by_name(self, name: str) -> _Speaker | None:
        """Who spoke or was named before under ``name`` or a longer name it shortens
        ("Varnow" for "Elias Varnow", "The agency" for "The national water agency")."""
        name = name.strip()
        return next(
            (s for s in self._latest_first() if s.name == name or _is_short_form(name, s.name)),
            None,
        )

    def party_described(self, phrase: str) -> _Speaker | None:
        """The organisation that spoke last whose name ends in the noun of "the ministry",
        "the council" ("The Health Ministry", "Dunmarra County Council"); not a person
        described by it ("A spokesman for the army")."""
        found = _DESCRIBED_PARTY.match(phrase.strip())
        if found is None or not phrase.strip().lower().startswith("the "):
            return None
        noun = phrase.split()[-1].casefold()
        named = next(
            (
                s
                for s in reversed(self.known)
                if s.type not in _NOT_A_PARTY
                and s.name.split()[-1].casefold() == noun
                and " for " not in s.name
                and s.name.casefold() != phrase.strip().casefold()
            ),
            None,
        )
        kind = _KIND_OF_NOUN.get(noun)
        if named is not None or kind is None:
            return named
        # "the carmaker said", "the newspaper reported": the last of that kind that spoke,
        # by name (not "the firm", a description itself)
        return next(
            (
                s
                for s in reversed(self.known)
                if s.type == kind and not _DESCRIBED_PARTY.match(s.name) and s.name[:1].isupper()
            ),
            None,
        )

    def _latest_first(self) -> list[_Speaker]:
        """Who has spoken, then who has only been named, the latest first in each."""
        return [*reversed(self.known), *reversed(self.named)]

    def saw(self, sentence: str, spoke: bool = False) -> None:
        """The first person a sentence names becomes who "he" or "she" most likely means,
        unless someone ``spoke`` in it ('"... vote for Hillary Clinton," Gorka declared.'
        leaves "he" for Gorka); every person it names can be called by surname later."""
        first: _Speaker | None = None
        for name in sources.person_names(sentence):
            speaker = self.by_name(name)
            if speaker is None:
                speaker = _Speaker(name=name, type="person")
                self.named.append(speaker)
            first = first or speaker
        opening = _OPENING_WORD.match(sentence) if first is None else None
        if opening and any(
            s.name.endswith(opening.group(1)) for group in (self.known, self.named) for s in group
        ):
            # "Varnock attended his funeral. She says ...": the subject, by the surname of
            # someone known (a surname further in says less: political copy names many)
            first = next(
                (
                    s
                    for s in self._latest_first()
                    if s.type == "person" and _is_short_form(opening.group(1), s.name)
                ),
                None,
            )
        if first is not None and not spoke:
            self.last_person = first
        group = _OPENING_GROUP.match(sentence)
        if group is not None and not spoke:
            # "The study's authors appeared to agree. ... they wrote that ...": the people a
            # sentence opens with are whom "they" next stands for
            phrase = group.group("group")
            kind = sources.source_type(phrase)  # "The study's authors": people, not the study
            self.last_group = _Speaker(phrase, kind if kind != "document" else "anonymous")
        body = _OPENING_BODY.match(sentence)
        if body is not None:
            name = body.group("body")
            self.last_body = self.by_name(name) or _Speaker(name, sources.source_type(name))
        lowered = sentence.lower()
        roles = any(word in lowered for word in _ROLE_WORDS)  # few sentences have one
        for found in _DESCRIBED_NAME.finditer(sentence) if roles else ():
            speaker = self.by_name(sources.canonical_name(found.group("name")))
            if speaker is not None:
                self.described[(found.group("noun") or found.group("noun2")).lower()] = speaker

    def heard(self, speaker: _Speaker) -> bool:
        """Who spoke; true when it is a person, whom "he" or "she" now stands for."""
        if speaker.type != "person" and (speaker.type != "anonymous" or _plural(speaker.name)):
            self.last_group = speaker  # "officials", "the union": whom "they" stands for
        if speaker.type == "anonymous":
            if not _plural(speaker.name) and speaker.name:
                # "One surgeon, who gave only her first name, Mila, said ... 'We are asking
                # everyone to donate,' she said": the one who spoke, though unnamed
                self.last_person = speaker
                return True
            return False
        if speaker not in self.known:
            self.known.append(speaker)
        if speaker.type != "person":
            self.last_other = speaker
        if speaker.type == "person" or sources.is_person_described(speaker.name):
            self.last_person = speaker  # "A spokesman for the embassy said ... He declined"
            return True
        return False


def _plural(name: str) -> bool:
    """A source phrase that names several people: "Two officials at the bureau",
    "Residents of Drovna", not "A person familiar with the matter"."""
    head = re.split(r"\s+(?:at|in|of|from|for|with|who|familiar|close)\b", name, maxsplit=1)[0]
    last = head.split()[-1:] if head.split() else []
    return bool(last) and (last[0].lower() == "people" or last[0].lower().endswith("s"))


# a body a sentence opens with: "The ministry published ...", "The Health Ministry said ..."
_OPENING_BODY = re.compile(
    r"^\W*(?P<body>[Tt]he\s+(?:[A-Z][\w'-]*\s+){0,4}(?i:ministry|agency|company|council|"
    r"government|commission|board|authority|department|bank|firm|union|federation|"
    r"association|institute|regulator|inspectorate|hospital|university|club|party|"
    r"army|police|court|office|bureau))\b(?!['\u2019])"
)
_OPENING_GROUP = re.compile(
    r"^\W*(?P<group>(?:[Tt]he|[Ii]ts|[Tt]heir|[\w-]+['\u2019]s)\s+(?:[\w'\u2019-]+\s+){0,2}?"
    r"(?:authors|researchers|scientists|officials|investigators|prosecutors|lawyers|doctors|"
    r"nurses|teachers|parents|residents|villagers|workers|members|protesters|economists|"
    r"analysts|experts|critics|leaders|organi[sz]ers|witnesses|inspectors|auditors))\b"
    r"(?!\s+(?:said|say|says|told|added|warned))"
)
_OPENING_WORD = re.compile(r"\W*([A-Z][\w'\u2019-]+)\s+[a-z]")
_BARE_NAME = re.compile(r"^(?:[A-Z][\w'\u2019.&-]*\s*){1,4}$")
# a person's role said of them: "Vashek's lawyer, Pell Ormund,", "the agency's director,
# Ada Krenn,", or a title before the name ("Interior Minister Galen Troy")
_ROLE = (
    r"lawyer|attorney|judge|prosecutor|spokes(?:man|woman|person)|minister|mayor|governor|"
    r"president|senator|chairman|chairwoman|director|manager|chief|leader|commander|"
    r"economist|analyst|doctor|surgeon|coach|captain|inspector|officer|ambassador|secretary"
)
_ROLE_WORDS = tuple(re.sub(r"\(\?:[^)]*\)", "", _ROLE).split("|"))  # "spokes(?:man|...)": "spokes"
_DESCRIBED_NAME = re.compile(
    rf"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|\w+['\u2019]s)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>{_ROLE}),\s+|\b(?:[A-Z]\w+\s+)?(?P<noun2>(?i:{_ROLE}))\s+)"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,2})"
)
_DESCRIPTION_AGAIN = re.compile(rf"^the\s+(?:[\w-]+\s+)?(?P<noun>{_ROLE})$", re.I)


def _is_short_form(short: str, full: str) -> bool:
    """ "Olsen" and "Dr. Olsen" are short forms of "Dr. Mara Olsen"; "Union" is not."""
    short_words, full_words = short.split(), full.split()
    return (
        len(short_words) < len(full_words)
        and len(short_words[-1]) > 2
        and short_words[-1] == full_words[-1]
        and set(short_words) <= set(full_words)
    )


_NOT_A_PARTY = frozenset({"person", "anonymous", "document"})
_SPEAKING_FOR = re.compile(
    r"^an?\s+(?:(?:spokes(?:man|woman|person)|representative)\s+for\s+the\s+(?P<body>[a-z][\w-]*)|"
    # "a ministry spokesman"
    r"(?P<body2>[a-z][\w-]*)\s+(?:spokes(?:man|woman|person)|representative))$",
    re.I,
)
_NOBODY_IN_PARTICULAR = frozenset(
    """you anyone anybody everyone everybody someone somebody whoever no one nobody""".split()
) | {"no one"}
# a description by kind ("the carmaker") and the source type it describes
_KIND_OF_NOUN: dict[str, SourceType] = {
    **dict.fromkeys(("newspaper", "paper", "broadcaster", "daily", "weekly"), "media"),
    **dict.fromkeys(
        """company firm carmaker automaker airline carrier bank lender insurer miner
        retailer operator manufacturer developer contractor""".split(),
        "company",
    ),
}
# pronouns that are objects or possessives, never the subject of a longer source phrase
_OBJECT_FORMS = frozenset({"her", "him", "them"})


def draft_article(
    article: Article, options: SummaryOptions, cue_model: CueModel | None = None
) -> Draft:
    written = article.text
    reading = quotemarks.read_article(article)  # ''two apostrophes'' as one quotation mark
    if reading is not None:
        article = reading[0]
    claims: list[DraftClaim] = []
    non_responses: list[DraftNonResponse] = []
    speakers = _Speakers()
    last_quote: _LastQuote | None = None
    turn: int | None = None  # the paragraph a speaker's label opened ("BRENNER: ...")
    interviewed: _Speaker | None = None  # whom an interview's "A:" stands for
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
    attributions, introducers, rebuttals = _attributions_by_sentence(article, cue_model)
    answered: list[tuple[_Speaker, Stance, str, int]] = []  # pointed rebuttals, resolved
    for position, sentence in enumerate(article.sentences):
        text = article.sentence_text(sentence)
        if turn == sentence.paragraph:  # the turn's claim holds the rest of its paragraph
            speakers.saw(text)
            continue
        parties = cues.find_non_responses(text)
        previous = article.sentences[position - 1].id if position else None
        if not parties and non_responses and previous in non_responses[-1].sentence_ids:
            parties = [other] if (other := cues.neither_did(text)) else []  # "Neither did X."
        found = attributions[sentence.id]
        early: dict[int, _Speaker | None] = {}
        if parties:
            # "Olsen declined to name them but said one was ...": what is said beside a
            # refusal is a claim; what was refused ("declined to say whether ...") is not.
            # A source before the first party is resolved before the parties are heard
            # ("a video which it said showed ...; the ministry did not answer": the army)
            found = [_cut_at_refusal(text, a) for a in found]
            found = [a for a in found if _said_beside_refusal(text, a)]
            first_party = min(offset for _, offset in parties)
            early = {
                i: speakers.resolve(a.source, a.appositive)
                for i, a in enumerate(found)
                if a.source_start < first_party
            }
        for party, _offset in parties:
            if not sources.is_pronoun(party):
                # "The agency did not respond": the national water agency that spoke before
                # "Koval declined to comment": the Martin Koval who spoke before
                known = speakers.by_name(party) or (
                    speakers.party_described(party) if _DESCRIBED_PARTY.match(party) else None
                )
                party = known.name if known else party
                speakers.heard(known or _Speaker(name=party, type=sources.source_type(party)))
            elif non_responses and previous in non_responses[-1].sentence_ids:
                # "X did not respond. A receptionist at its office said ...": X again
                party = non_responses[-1].source.name
            else:  # "He did not answer ...": the last speaker
                speaker = speakers.resolve(party)
                party = speaker.name if speaker else party
            same = next((n for n in non_responses if n.source.name == party), None)
            if same is not None:  # one entry per party, citing each sentence
                same.sentence_ids.append(sentence.id)
                continue
            non_responses.append(
                DraftNonResponse(
                    source=DraftSource(name=party, type=sources.source_type(party)),
                    sentence_ids=[sentence.id],
                    quote=text.rstrip(" .").strip(),
                )
            )
        if parties and not found:
            speakers.saw(text)
            continue
        # a sentence inside a quotation that the sentence before it quoted
        opened = (
            (last_quote is not None and last_quote.position == position - 1)
            or _opened_by_a_word(article, position)
        ) and _quote_open(article, sentence.paragraph, sentence.start)
        continuing = cues.unattributed_quote(text, opened)
        if (
            found
            and continuing
            and all(cues.quoted_at(text, a.source_start, opened) for a in found)
            # '"Ada Krenn: We ...' quotes a transcript: the label is the speaker
            and not any(a.cue == ":" for a in found)
            and _quotation_speaker(article, position, last_quote, speakers, attributions)
        ):
            # '"... I want you to know the campaign goes on."' goes on with the quotation's
            # speaker: what is attributed inside it is theirs, as in parse._nested_in_quotation
            # (a source outside the marks, '"...," he added, "..."', speaks for itself)
            found = []
        spoke = False  # a person spoke in this sentence
        for i, attribution in enumerate(found):
            if (attribution.cue or "").lower() in ("told", "heard") and _a_hearing(
                attribution.source
            ):
                # '"Boss pocketed savings", jury told': the jury heard it, nobody named said it
                attribution = replace(attribution, source="", appositive="")
            answer = attribution.cue == ":" and attribution.source in cues.ANSWER_LABELS
            if answer or (
                # "Q: You said yesterday that ...": the "you" of a question is the one asked
                attribution.source.strip().lower() == "you"
                and _in_a_question(article, sentence.paragraph)
            ):
                # the one interviewed: the person named last before the first answer
                interviewed = interviewed or speakers.last_person
                speaker = interviewed or speakers.resolve(attribution.source)  # or "A" itself
            else:
                speaker = (
                    early[i]
                    if i in early
                    else speakers.resolve(attribution.source, attribution.appositive)
                )
            if speaker is None:
                continue
            claim = _claim(len(claims), sentence, text, attribution, speaker)
            if (
                attribution.cue == ":"
                and attribution.source.isupper()  # "Q:", "A:", "TAPPER:"; not a headline's "Poll:"
                and _opens_paragraph(article, position)
            ):
                claim, turn = _whole_turn(article, position, claim), sentence.paragraph
            claims.append(claim)
            spoke = speakers.heard(speaker) or spoke
            if attribution.quote or _opens_quotation(text, attribution):
                last_quote = _LastQuote(speaker, sentence.paragraph, position)
            elif _ends_in_quotation(text, attribution):
                # 'The plans are "deeply unfair," said Brem. "It leaves us ..."'
                last_quote = _LastQuote(speaker, sentence.paragraph, position, reach=0)
        if sentence.id in rebuttals:
            phrase, appositive, stance, noun = rebuttals[sentence.id]
            rebutting = speakers.resolve(phrase, appositive)
            if rebutting is not None:
                answered.append((rebutting, stance, noun, position))
                speakers.heard(rebutting)
        if sentence.id in introducers:
            # "Cruz continued:" hands over to the quotation the next paragraph opens
            introduced = speakers.resolve(*introducers[sentence.id])
            if introduced is not None:
                last_quote = _LastQuote(introduced, sentence.paragraph, position)
        elif not found and last_quote is not None and parse.hands_over(text):
            # "The transcript follows:" hands over to the one quoted last
            last_quote = _LastQuote(last_quote.speaker, sentence.paragraph, position)
        speakers.saw(text, spoke)
        if found:
            continue
        if cues.is_hedged(text):  # "The claims could not be independently verified."
            _hedge_what_it_names(article, position, text, claims)
        if continuing is None:
            continue
        speaker = _quotation_speaker(article, position, last_quote, speakers, attributions)
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
        last_quote = _LastQuote(speaker, sentence.paragraph, position)
    claims = _join_quotations(article, claims)
    conflicts = _conflicts(claims, article.language, speakers.introduced_as)
    claims, conflicts = _pointed_rebuttals(article, claims, conflicts, answered)
    if article.language in ("en", "und"):  # the negations _NEGATED reads are English
        claims = _negations_that_answer(claims, conflicts)
    summary = _lead_summary(article, claims, conflicts, options.summary_sentences)
    if reading is not None:
        claims = [_as_written(c, article, written, reading[1]) for c in claims]
        non_responses = [_as_written(n, article, written, reading[1]) for n in non_responses]
    return Draft(
        summary=summary,
        claims=claims,
        non_responses=non_responses,
        conflicts=conflicts,
        notes=notes,
    )


_Quoted = TypeVar("_Quoted", DraftClaim, DraftNonResponse)


def _as_written(part: _Quoted, read: Article, written: str, reading: quotemarks.Reading) -> _Quoted:
    """A claim or non-response drafted from the article as read, its quote cut from the
    article as written (quotemarks.py), found in its cited sentences."""
    cited = [s for s in read.sentences if s.id in part.sentence_ids]

    def written_as(quote: str) -> str:
        at = read.text.find(quote, cited[0].start, cited[-1].end) if cited else -1
        if at < 0:
            return quote  # verify will say the quote is not in the article
        return reading.as_written(written, at, at + len(quote))

    update: dict[str, object] = {"quote": written_as(part.quote)}
    if isinstance(part, DraftClaim):
        update["more_quotes"] = [written_as(q) for q in part.more_quotes]
    return part.model_copy(update=update)


# the words just before a content that refuse to give it ("declined to say", "would not
# say whether", "did not comment on") or ask it ("questions about whether others had
# reported ..."); a comma ends them ("declined to comment, saying that ...")
_REFUSED = re.compile(
    r"\b(?:declin\w*|refus\w*|not|n't|never|no|whether)[^\w,]+(?:\w+[^\w,]+){0,4}$",
    re.IGNORECASE,
)
# a content that is itself the refusal: "said it would not comment", "said no one was
# available", "referred questions to the ministry"
_ABOUT_COMMENT = re.compile(
    r"\b(?:comment\w*|(?:un)?available|interview\w*|elaborate|discuss|respond\w*|questions|"
    r"nothing to add|declin\w*|refus\w*)\b",
    re.IGNORECASE,
)
_REFERRING_CUES = frozenset({"referred", "refers", "refer", "respond", "responded", "citing"})


# a refusal that a content goes on with: "said the plant was safe but would not comment on
# the lawsuit", 'said the federation would "follow the rules" and would not comment ...'
_REFUSAL_AFTER = re.compile(
    r"[\s,]+(?:but|and)\s+(?:(?:it|he|she|they|would|will|did|could|has|had|was)\s+){0,2}"
    r"(?:not|n't|never|declined|refused)\b",
    re.IGNORECASE,
)


def _cut_at_refusal(text: str, attribution: cues.Attribution) -> cues.Attribution:
    found = _REFUSAL_AFTER.search(text, attribution.content_start, attribution.content_end)
    if found is None or len(text[attribution.content_start : found.start()].split()) < 3:
        return attribution
    return replace(attribution, content_end=found.start())


def _said_beside_refusal(text: str, attribution: cues.Attribution) -> bool:
    """In a sentence with a non-response, an attribution that is a claim of its own ("...
    declined to name them but said one was a supporter"), not the refusal again."""
    content = text[attribution.content_start : attribution.content_end]
    return not (
        _REFUSED.search(text[: attribution.content_start])
        or _ABOUT_COMMENT.search(content)
        or (attribution.cue or "").lower() in _REFERRING_CUES
    )


# what a sentence of its own says could not be verified: the figures given before it
_FIGURES = re.compile(
    r"^\W*(?:the|these|those|both|all)\s+(?:\w+\s+)?(?:figures?|tolls?|numbers?|counts?|estimates?|tallies)\b",
    re.I,
)
# or the claims the sentence before it gave ("Neither claim could be confirmed")
_CLAIMS_BEFORE = re.compile(
    r"^\W*(?:neither|both|these|those|the)\s+(?:claims?|accounts?|allegations?|reports?)\b", re.I
)


def _hedge_what_it_names(
    article: Article, position: int, text: str, claims: list[DraftClaim]
) -> None:
    """ "Rastov's account could not be independently verified": the claims of the source
    it names; "The figures could not be verified": the figures of the paragraphs before;
    otherwise what the sentence before claimed."""
    if position == 0:
        return
    paragraph = article.sentences[position].paragraph
    recent = {s.id for s in article.sentences[:position] if paragraph - s.paragraph <= 3}
    nearby = [c for c in claims if set(c.sentence_ids) & recent]
    words = set(re.findall(r"([A-Z][\w-]+)(?:['\u2019]s)?", text))
    named = [c for c in claims if c.source.name.split() and c.source.name.split()[-1] in words]
    if _FIGURES.match(text):
        named = [c for c in nearby if re.search(r"\d", c.quote)]
    elif not named:
        previous = article.sentences[position - 1].id
        named = [c for c in nearby if previous in c.sentence_ids]
        if not named and _CLAIMS_BEFORE.match(text):
            named = nearby[-2:]
    for claim in named:
        claim.hedged = True


_Rebuttal = tuple[str, str, Stance, str]


def _attributions_by_sentence(
    article: Article, cue_model: CueModel | None = None
) -> tuple[dict[str, list[cues.Attribution]], dict[str, tuple[str, str]], dict[str, _Rebuttal]]:
    """Attributions per sentence: from the dependency parse for English (only sentences
    with a reporting cue are parsed, in one batch, or all of them for a cue model), from
    the cue rules otherwise. And, for English, the source phrase (and appositive) that a
    sentence ending in a colon hands over to (parse.introducer), and the rebuttals that
    point at a claim made elsewhere (parse.pointed_rebuttal)."""
    texts = {s.id: article.sentence_text(s) for s in article.sentences}
    if article.language in ("fr", "es"):
        return {sid: romance.find_attributions(text) for sid, text in texts.items()}, {}, {}
    if article.language not in ("en", "und"):
        return {sid: cues.find_attributions(text) for sid, text in texts.items()}, {}, {}
    wanted = [
        sid
        for sid, text in texts.items()
        if cue_model is not None or parse.needs_parse(text) or parse.hands_over(text)
    ]
    docs = parse.parse_sentences([texts[sid] for sid in wanted])
    found: dict[str, list[cues.Attribution]] = {sid: [] for sid in texts}
    introducers: dict[str, tuple[str, str]] = {}
    rebuttals: dict[str, _Rebuttal] = {}
    for sid, doc in zip(wanted, docs, strict=True):
        sentence = article.sentence(sid)
        opened = sentence is not None and _quote_open(article, sentence.paragraph, sentence.start)
        found[sid] = cues.whole_quotations(
            texts[sid],
            _with_quotation_beside_cue(texts[sid], parse.find_attributions(doc)),
            opened,
        )
        surface = cues.surface_attribution(texts[sid]) if not found[sid] else None
        if surface is not None and (
            surface.content_start < surface.source_start or parse.misread_cue(doc, surface)
        ):
            found[sid] = [surface]  # "..., the lead author, Professor Hugo Lindqvist, said."
        # 'Olsen went further: "..."': where no other attribution has the quotation
        quoted = parse.colon_quotation(doc)
        if quoted is not None:
            # what is attributed inside the quotation is its speaker's, as in
            # parse._nested_in_quotation
            kept = [
                a
                for a in found[sid]
                if not parse.nested_in(a, quoted.content_start, quoted.content_end)
            ]
            if not any(
                a.content_start < quoted.content_end and quoted.content_start < a.content_end
                for a in kept
            ):
                kept = sorted([*kept, quoted], key=lambda a: a.content_start)
            found[sid] = kept
        if (introduced := parse.introducer(doc)) is not None:
            introducers[sid] = introduced
        if not found[sid] and (rebuttal := parse.pointed_rebuttal(doc)) is not None:
            rebuttals[sid] = rebuttal
        if cue_model is not None:
            found[sid] = sorted(
                found[sid] + cue_model.find(doc, found[sid]), key=lambda a: a.content_start
            )
    opening = {
        article.sentences[p].id
        for p in range(len(article.sentences))
        if _opens_paragraph(article, p)
    }
    for sid, text in texts.items():
        if not found[sid] and (shown := cues.document_attribution(text)) is not None:
            found[sid] = [shown]  # "..., court records show": lost by the parse
        colon = cues.colon_attribution(text)
        if colon is not None and colon.source in cues.QUESTION_LABELS:
            # "Q: The ministry says the project was cancelled ...": the interviewer's question
            # claims nothing; what it reports another source saying stays that source's
            colon = None
        if colon is not None and (
            not found[sid]
            # "BRENNER: I think the levy is a mistake.": what a turn attributes is its speaker's
            or (sid in opening and all(a.source_start >= colon.content_start for a in found[sid]))
        ):
            found[sid] = [colon]
        found[sid] = cues.with_split_quotations(text, found[sid])
    return found, introducers, rebuttals


_PREPOSITIONS = frozenset({"on", "in", "at", "to", "from", "for", "with", "by", "during"})


def _with_quotation_beside_cue(text: str, parsed: list[cues.Attribution]) -> list[cues.Attribution]:
    """The parse's attributions, and a quotation with its speaker and cue written beside it
    that the parse missed. An attribution the parse gave the same speaker, for content
    outside the quotation, gives way: for "When Brenner first described the gate, he said,
    'We're going to build a gate; ...'" the parser hangs "he said" on the "when" clause."""
    # the quotations of four words or more: a title ('on "New Day"') is no quotation
    stretches = [(s, e) for s, e in cues.quoted_stretches(text) if len(text[s:e].split()) >= 4]
    for quoted in cues.quoted_attribution(text):
        if not cues.quoted_at(text, quoted.source_start):
            # '"Companies that hold data have a duty," the commissioner said': the parser
            # made "Companies" the speaker and "hold" the cue; inside the marks, nobody is
            parsed = [a for a in parsed if not cues.quoted_at(text, a.source_start)]
        words = text[quoted.content_start : quoted.content_end].split()
        speaker = quoted.source.split()
        if (
            not speaker
            or len(words) < 4
            or speaker[0] in _PREPOSITIONS
            or not (speaker[0][:1].isupper() or speaker[0].lower() in cues.SPEAKER_OPENERS)
            or len(speaker) > 12
        ):
            continue  # 'said on the Courier's "This Week"': a title, and no speaker
        if any(
            a.content_start < end and start < a.content_end
            for a in parsed
            for start, end in stretches
        ):
            continue  # the parse has the quotation, or one of its parts
        kept = [a for a in parsed if a.source_start != quoted.source_start]
        parsed = sorted([*kept, quoted], key=lambda a: a.content_start)
    return parsed


def _opens_quotation(text: str, attribution: cues.Attribution) -> bool:
    """The content opens a quotation that goes on past the sentence ('Olsen said she
    believes "there may be some captains who are angry. But ..."')."""
    stretches = cues.quoted_stretches(text)
    return bool(stretches) and (
        stretches[-1][1] == len(text)
        and attribution.content_start <= stretches[-1][0] < attribution.content_end
    )


def _ends_in_quotation(text: str, attribution: cues.Attribution) -> bool:
    """The content ends in a quoted phrase ('The plans are "deeply unfair," said Brem'),
    not just holds one ('found the system "not functional" in one hall')."""
    return any(
        attribution.content_start <= start < attribution.content_end
        and not re.search(r"\w", text[end : attribution.content_end])
        for start, end in cues.quoted_stretches(text)
    )


def _opens_paragraph(article: Article, position: int) -> bool:
    return position == 0 or (
        article.sentences[position - 1].paragraph != article.sentences[position].paragraph
    )


def _a_hearing(phrase: str) -> bool:
    words = phrase.lower().split()
    return 1 <= len(words) <= 2 and words[-1] in parse.HEARINGS


def _in_a_question(article: Article, paragraph: int) -> bool:
    """The paragraph is an interview's question, opened by its label ("Q: ...")."""
    start = article.paragraphs[paragraph].start
    label = re.match(r"\W*(\w+\.?)\s*:", article.text[start : start + 12])
    return label is not None and label.group(1) in cues.QUESTION_LABELS


def _whole_turn(article: Article, position: int, claim: DraftClaim) -> DraftClaim:
    """A speaker's turn in a transcript or an interview, labelled in capitals ("BRENNER:
    ...", "A: ..."), is one claim: what the label opens, to the end of its paragraph."""
    paragraph = article.sentences[position].paragraph
    rest = [s for s in article.sentences[position + 1 :] if s.paragraph == paragraph]
    if not rest:
        return claim
    start = article.sentences[position].start + article.sentence_text(
        article.sentences[position]
    ).find(claim.quote)
    end = rest[-1].end
    while end > start and article.text[end - 1] in _TURN_END:
        end -= 1
    return claim.model_copy(
        update={
            "quote": article.text[start:end],
            "sentence_ids": [claim.sentence_ids[0], *(s.id for s in rest)],
        }
    )


_TURN_END = " \t\n.;:,"


def _join_quotations(article: Article, claims: list[DraftClaim]) -> list[DraftClaim]:
    """One claim for one quotation: a quotation of several sentences ('"We did our part.
    The rest is up to the council," Brenner said.') gave a claim per sentence, by the same
    speaker, with nothing but the full stop and space between them."""
    joined: list[tuple[DraftClaim, int, int]] = []  # each claim with its offsets
    for claim in claims:
        sentence = article.sentence(claim.sentence_ids[0])
        at = article.sentence_text(sentence).find(claim.quote) if sentence else -1
        if sentence is None or at < 0 or len(claim.sentence_ids) != 1:
            joined.append((claim, -1, -1))
            continue
        start, end = sentence.start + at, sentence.start + at + len(claim.quote)
        if joined:
            last, last_start, last_end = joined[-1]
            gap = article.text[last_end:start] if last_end >= 0 else ""
            if (
                gap
                and _SENTENCE_GAP.fullmatch(gap)
                and last.source.name == claim.source.name
                and _quote_open(article, sentence.paragraph, last_end)
                and _quote_open(article, sentence.paragraph, end)
            ):
                cued = last if last.cue else claim
                joined[-1] = (
                    cued.model_copy(
                        update={
                            "sentence_ids": [*last.sentence_ids, *claim.sentence_ids],
                            "quote": article.text[last_start:end],
                            "more_quotes": [*last.more_quotes, *claim.more_quotes],
                            "statement": None,
                            "hedged": last.hedged or claim.hedged,
                        }
                    ),
                    last_start,
                    end,
                )
                continue
        joined.append((claim, start, end))
    return [
        claim.model_copy(update={"id": f"d{index + 1}"})
        for index, (claim, _, _) in enumerate(joined)
    ]


# what lies between two sentences of one quotation: the end of one (a full stop, ? or !, or
# an ellipsis, spaced or not: ". . . ."), the space before the next
_SENTENCE_GAP = re.compile(r"(?:[.?!\u2026](?:\s?[.\u2026])*)?\s+")


def _quote_open(article: Article, paragraph: int, at: int) -> bool:
    """A quotation opened in the paragraph before ``at`` is not closed before it."""
    paragraph_start = article.paragraphs[paragraph].start
    if not paragraph_start <= at <= article.paragraphs[paragraph].end:
        return False
    return parse.quotation_left_open(article.text[paragraph_start:at])


def _quotation_speaker(
    article: Article,
    position: int,
    last_quote: _LastQuote | None,
    speakers: _Speakers,
    attributions: dict[str, list[cues.Attribution]],
) -> _Speaker | None:
    """Who speaks a quotation that no one is named for in its sentence: the speaker of
    the last quote, a paragraph back at most, or of one a paragraph or two further on. A
    quotation that opens a paragraph after one that closed its quotations is a new one:
    its speaker, named later in the paragraph ('"Well, yes. I will look at it," Brenner
    said.'), comes first; so does the speaker after a quotation that opens within a
    paragraph, "he" or "she" too ('Vandrell said he had called. "I wrote twice. Nobody
    answered," he said.')."""
    sentence = article.sentences[position]
    paragraph = sentence.paragraph
    if _opens_paragraph(article, position):
        if (
            paragraph > 0
            and not parse.quotation_left_open(
                article.text[
                    article.paragraphs[paragraph - 1].start : article.paragraphs[paragraph - 1].end
                ]
            )
            and (named := _speaker_ahead(article, position, speakers, attributions, 0))
        ):
            return named
    elif not _quote_open(article, paragraph, sentence.start) and (
        named := _speaker_ahead(article, position, speakers, attributions, 0, pronouns=True)
    ):
        return named
    if last_quote and paragraph - last_quote.paragraph <= last_quote.reach:
        return last_quote.speaker
    ahead = _speaker_ahead(article, position, speakers, attributions)
    if (
        ahead is None
        and (_opens_paragraph(article, position) or _opened_by_a_word(article, position))
        and _after_a_question(article, paragraph)
    ):
        # an interview: 'Why did you refuse?\n\n"I had 300 passengers ..."' is the answer of
        # the one quoted before, or of the person the story is about
        return last_quote.speaker if last_quote else speakers.last_person
    if ahead is None and _opens_paragraph(article, position):
        return _introduced(article, paragraph, speakers.last_person)
    return ahead


_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


def _introduced(article: Article, paragraph: int, person: _Speaker | None) -> _Speaker | None:
    """The person the paragraph before ends on, in the reporter's words, for a quotation
    no one is named for ('Brekke, 58, described the days that followed.\n\n"I called the
    water board that afternoon ...')."""
    if person is None or paragraph == 0:
        return None
    before = [s for s in article.sentences if s.paragraph == paragraph - 1]
    if not before:
        return None
    text = article.sentence_text(before[-1]).lstrip()
    if _QUOTE_MARKS.search(text):
        return None
    opening = re.match(r"([A-Z][\w'\u2019-]+)[\s,]", text)  # "Brekke, 58, described ..."
    named = text.startswith(person.name) or (
        opening is not None and _is_short_form(opening.group(1), person.name)
    )
    return person if named else None


def _opened_by_a_word(article: Article, position: int) -> bool:
    """The sentence before opened the paragraph's quotation with a word or two ('"No. I
    did not expect ..."'), too short to be a claim of its own."""
    if position == 0:
        return False
    before = article.sentences[position - 1]
    return (
        before.paragraph == article.sentences[position].paragraph
        and len(article.sentence_text(before).split()) <= 2
        and article.sentence_text(before).lstrip().startswith(sources.OPENING_QUOTES)
    )


def _after_a_question(article: Article, paragraph: int) -> bool:
    """The paragraph before is a question in the reporter's voice, as an interview puts it."""
    if paragraph == 0:
        return False
    before = article.paragraphs[paragraph - 1]
    text = article.text[before.start : before.end].strip()
    return text.endswith("?") and not text.startswith(sources.OPENING_QUOTES)


def _speaker_ahead(
    article: Article,
    position: int,
    speakers: _Speakers,
    attributions: dict[str, list[cues.Attribution]],
    paragraphs: int = 2,
    pronouns: bool = False,
) -> _Speaker | None:
    """An AP-style quote opened here and attributed further on, within ``paragraphs``
    paragraphs after this one: by a quotation's speaker, or, in this paragraph, by a
    speaker after the quotation closes ('I'm going to look at it," Brenner said.'). Within
    the paragraph (``paragraphs`` 0) a pronoun is passed over unless ``pronouns``: at a
    paragraph's start, whom it stands for is only known further on."""
    paragraph = article.sentences[position].paragraph
    for later in article.sentences[position + 1 :]:
        if later.paragraph - paragraph > paragraphs:
            return None
        found = attributions[later.id]
        if not found:
            continue
        text = article.sentence_text(later)
        opened = _quote_open(article, later.paragraph, later.start)
        for attribution in found:
            inside = cues.quoted_at(text, attribution.source_start, opened)
            if inside and (paragraphs == 0 or attribution.source.strip().lower() != "i"):
                continue  # "he thinks", "We know that ..." inside the quotation: only its "I"
            if paragraphs == 0 and sources.is_pronoun(attribution.source) and not pronouns:
                continue
            if attribution.quote or (later.paragraph == paragraph and opened):
                speaker = speakers.resolve(attribution.source)
                if speaker is not None:  # not a "you" inside the quotation
                    return speaker
    return None


# a claim whose content is a negation ("no civilians were killed", "it had never paid",
# "None of its commanders were there", 'it had "never cut a post"') denies something:
# within its first few words
# Not what someone will or would not do, has no plans to do, or is not yet: an intent
# ("he would not concede", "it had no plans to change", "we are not yet in a position")
_NEGATED = re.compile(
    r"^\W*(?:that\s+)?(?:no|none|never|nothing|nobody|neither|at no (?:point|time|stage))\b"
    r"(?!\s+(?:\w+\s+)?(?:should|would|will|can|must|may|might)\b)"
    r"(?!\s+(?:more|fewer|less)\s+than\b)|"  # "no more than five people": a figure
    r"^\W*(?:that\s+)?(?:\S+\s+){0,5}?(?:had|has|have|was|were|did|does|do|is|are)\s+"
    r"(?:not|never)\b(?!\s+yet\b)|^\W*(?:that\s+)?(?:\S+\s+){0,5}?\S+n['\u2019]t\b|"
    # "There is no depot", "it had no record of", "had found no evidence", "The strike
    # killed no civilians"
    r"^\W*(?:that\s+)?(?:\S+\s+){0,3}?(?:is|are|was|were|had|has|have|found|saw|\w+ed)\s+no\b"
    r"(?!\s+(?:plans?|intention|immediate)\b)",
    re.I,
)
# a denial reported in the content: 'his client "categorically denies" receiving'
_DENIAL_IN_CONTENT = re.compile(
    r"^\W*(?:that\s+)?(?:\S+\s+){0,4}?(?:\w+ly\s+)?(?:denies|denied|rejects|rejected)\b", re.I
)


# what makes an estimate a forecast: a modal, a date or a period to come
_TO_COME = re.compile(
    r"\b(?:will|would|could|might|may|shall|going to|next|by (?:the end of )?(?:\d{4}|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|fall|winter))\b",
    re.I,
)


def _estimate_of_now(cue: str | None, content: str) -> bool:
    """ "estimated that 1,500 people spent the night in shelters", "estimated the crowd at
    400": a figure for now or the past, asserted; "estimated the toll would rise" predicts."""
    return (cue or "").lower().startswith("estimat") and not _TO_COME.search(content)


_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose)\b[^,]*,")
_NO_QUOTATION_MARKS = str.maketrans("", "", '"\u201c\u201d')


def _as_negation(content: str) -> str:
    """A content as _NEGATED reads it: without quotation marks, and without a relative
    clause's negation ("the officer, who has not been named, had been ...")."""
    return _RELATIVE_CLAUSE.sub("", content).translate(_NO_QUOTATION_MARKS)


# content that calls what another source said untrue: "the figures were propaganda",
# "called the Veskan figure a fiction", "the charges are baseless"
_REBUTTAL = re.compile(
    r"\b(?:is|are|was|were|be|been|being|as|remains?)\s+(?:(?:a|an|pure|simply|just|"
    r"\w+ly)\s+)*[\"\u201c']?(?:"
    # a noun for an untruth, or an adjective that ends its clause ("false", not "a false alarm")
    r"(?:propaganda|fiction|fabrications?|lies|a lie|slander|smears?|nonsense)\b|"
    r"(?:false|untrue|baseless|groundless|unfounded|misleading|inaccurate|fictitious|"
    r"fabricated|wrong|incorrect|exaggerated|inflated)(?=\s*$|\s*[,.;:!?\"\u201d']|\s+(?:and|or|but)\b))|"
    r"^(?:the|its|their|his|her|this|that|these|those)\b[^,;]{0,60}?\s[\"\u201c']?(?:a|an|pure)\s+"
    r"(?:\w+\s+)?(?:fiction|lie|fabrication|smear|propaganda|invention)\b",
    re.I,
)


# a noun phrase the reporter adds after a content, about it: ", a figure that could not be
# verified", ", a figure far higher than the government's count", ", a view that supports ..."
_REPORTERS_GLOSS = re.compile(
    r",\s+(?:a|an)\s+(?:figure|number|claim|view|estimate|toll|count|total|allegation|"
    r"assertion|account|charge|version)\s+(?:that|which|far|well|much|significantly|"
    r"considerably|slightly|higher|lower|larger|smaller|more|less|disputed|denied|rejected|"
    r"contested|echoed|shared|at odds)\b[^\"\u201c\u201d]*$",
    re.I,
)
# a quotation's closing mark after the sentence's own stop, at the end of the content (the
# gold guide leaves trailing punctuation out, the closing mark with it)
_CLOSING_PUNCTUATION = re.compile(r"(?<=\w)[.,;:!?]+[\"\u201d]$")


def _claim(
    index: int, sentence: Sentence, text: str, attribution: cues.Attribution, speaker: _Speaker
) -> DraftClaim:
    opening = _OPENING_CONNECTIVE.match(text, attribution.content_start, attribution.content_end)
    if opening is not None:  # "Meanwhile, the transfer has collapsed, the Herald reported"
        attribution = replace(attribution, content_start=opening.end())
    gloss = _REPORTERS_GLOSS.search(text, attribution.content_start, attribution.content_end)
    if gloss is not None and not cues.quoted_at(text, gloss.start()):
        # "..., a figure that could not be independently verified": the reporter's words
        attribution = replace(attribution, content_end=gloss.start())
    closing = _CLOSING_PUNCTUATION.search(text, attribution.content_start, attribution.content_end)
    if closing is not None:  # 'had been "precise and lawful."': the sentence's stop left out
        attribution = replace(attribution, content_end=closing.start())
    content = text[attribution.content_start : attribution.content_end]
    stance = attribution.stance
    if stance == "predicts" and _estimate_of_now(attribution.cue, content):
        stance = "asserts"  # "Officials estimated that 1,500 people spent the night ..."
    # (not a negation in a relative clause: "the officer, who has not been named, had been")
    negation = _as_negation(content)
    if stance == "asserts" and (_NEGATED.search(negation) or _DENIAL_IN_CONTENT.search(negation)):
        stance = "denies"  # "the army said no civilians had been killed"
    elif stance == "asserts" and _REBUTTAL.search(content):
        stance = "disputes"  # "the army said the hospital's figures were propaganda"
    return DraftClaim(
        id=f"d{index + 1}",
        source=DraftSource(name=speaker.name, type=speaker.type),
        stance=stance,
        cue=attribution.cue,
        sentence_ids=[sentence.id],
        quote=content,
        more_quotes=_rest_of_content(text, attribution),
        statement=_statement(text, attribution),
        hedged=cues.is_hedged(text),
    )


# a connective that opens the content and is the reporter's, not the source's
_OPENING_CONNECTIVE = re.compile(
    r"(?:Meanwhile|However|Still|Instead|Moreover|Furthermore|Separately|Nevertheless|"
    r"Nonetheless|Indeed|Besides|In addition|At the same time),\s+(?=\S)"
)
# what may stand before a parenthetical cue without being content ("But, she added, ...")
_CONNECTIVE = re.compile(r"(?:and|but|or|nor|so|yet|still|however|instead|also|now|then)", re.I)


def _rest_of_content(text: str, attribution: cues.Attribution) -> list[str]:
    """The other side of a content its source and cue interrupt, as a quote that verify can
    pin down (four characters or more), unless it is only a connective."""
    if attribution.rest is None:
        return []
    rest = text[slice(*attribution.rest)]
    if len(rest) < MIN_QUOTE_CHARS or _CONNECTIVE.fullmatch(rest):
        return []
    return [rest]


def _statement(text: str, attribution: cues.Attribution) -> str | None:
    """The content in the article's words; around a parenthetical source and cue ("The
    strike, the union said, will go on") its two parts joined."""
    if attribution.rest is None:
        return None
    parts = sorted([attribution.rest, (attribution.content_start, attribution.content_end)])
    return " ".join(text[start:end] for start, end in parts)


def _lead_summary(
    article: Article, claims: list[DraftClaim], conflicts: list[DraftConflict], count: int
) -> list[DraftSummarySentence]:
    """The lead, then the other side of the article's first conflicts, then the next
    informative sentences: each sentence carrying its own attribution, in article order."""
    by_sentence: dict[str, list[DraftClaim]] = {}
    for claim in claims:
        for sentence_id in claim.sentence_ids:
            by_sentence.setdefault(sentence_id, []).append(claim)
    sentences = {sentence.id: sentence for sentence in article.sentences}
    looked: dict[str, DraftSummarySentence | None] = {}  # each sentence is looked at once

    def usable(sid: str) -> DraftSummarySentence | None:
        if sid not in looked:
            looked[sid] = _summary_sentence(article, sentences[sid], by_sentence.get(sid, []))
        return looked[sid]

    order = list(sentences)
    chosen = next(([sid] for sid in order if usable(sid)), [])
    # a neutral summary gives both sides: the claim a conflict sets against one already
    # chosen, or both claims of a conflict the summary has not touched yet
    by_id = {claim.id: claim for claim in claims}
    for conflict in conflicts if chosen else []:
        sides = [by_id[i].sentence_ids[0] for i in conflict.claim_ids if i in by_id]
        heard = {c.source.name for sid in chosen for c in by_sentence.get(sid, [])}
        if all(by_id[i].source.name in heard for i in conflict.claim_ids if i in by_id):
            continue  # both sides already speak in the summary
        if any(side in chosen for side in sides):
            wanted = [side for side in sides if side not in chosen]
        else:
            wanted = sides
        wanted = [side for side in wanted if usable(side)]
        if wanted and len(chosen) + len(wanted) <= count:
            chosen += wanted
    for sid in order:
        if len(chosen) >= count:
            break
        if sid not in chosen and usable(sid):
            chosen.append(sid)
    return [summary for sid in order if sid in chosen and (summary := looked[sid])]


def _summary_sentence(
    article: Article, sentence: Sentence, claims: list[DraftClaim]
) -> DraftSummarySentence | None:
    """The sentence as a summary sentence, if it can stand on its own: a whole sentence
    (not a headline or a heading, which end in no full stop), long enough, no leading
    pronoun, whole quotes, and every claim's source named in it."""
    text = re.sub(r"\s+", " ", article.sentence_text(sentence)).strip()
    text = _name_the_parties(_name_the_speaker(text, claims), claims)
    # a sentence that names who says what may be short ("Rebels said 40 people died.")
    if (
        len(text.split()) < (_MIN_CLAIM_WORDS if claims else _MIN_SUMMARY_WORDS)
        or _PRONOUN_START.match(text)
        or not _SENTENCE_END.search(text)
    ):
        return None
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        return None  # half a quote, opened or closed elsewhere
    if not all(find_phrase(text, c.source.name) for c in claims):
        return None
    return DraftSummarySentence(text=text, sentence_ids=[sentence.id])


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


def _name_the_parties(text: str, claims: list[DraftClaim]) -> str:
    """ "the commission said ..." -> "the Central Election Commission said ...", for a
    claim whose source is the organisation a description stood for (party_described)."""
    for claim in claims:
        name = claim.source.name
        if claim.source.type in _NOT_A_PARTY or not name or find_phrase(text, name):
            continue
        found = re.search(rf"\bthe\s+{re.escape(name.split()[-1])}\b", text, re.I)
        if found is None:
            continue
        if found.start() == 0:
            name = name[0].upper() + name[1:]
        elif name.startswith("The "):
            name = "the " + name[4:]
        text = text[: found.start()] + name + text[found.end() :]
    return text


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
        "citizens",
        "prisoners",
        "detainees",
        "hostages",
        "refugees",
        "evacuees",
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
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_CURRENCY = frozenset("$€£¥")
_MAGNITUDE_KEY = "million"  # a sum with no unit after it ("2.6 billion"): its own family
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}  # fmt: skip
_FIGURE = re.compile(
    r"(?<![\w.,])(\d[\d,.]*\d|\d|"
    + "|".join(_NUMBER_WORDS)
    + r")\b(%?)((?:\s+[\w'\u2019-]+){0,3})",
    re.I,
)


_INCREMENT = frozenset({"more", "additional", "further", "other", "extra", "new"})
# words that end in "s" and count nothing: "8,500 across the region"
_NOT_PLURALS = frozenset(
    "across always perhaps thus besides towards afterwards unless whereas less this".split()
)
# "a further 600 jobs", "another 300 workers": added to a count, not a count of its own
_INCREMENT_BEFORE = frozenset({"further", "another", "additional", "extra"})
# "14 patients per nurse": a rate, which only another rate can contradict
_RATE = "rate:"
_RATE_WORDS = frozenset({"per", "each", "apiece"})
# units of measure: two sources giving different times, distances or weights in one
# article are two measurements ("68 minutes" on the floor, "19 minutes" on average) unless
# they share a word about what is measured, as sums of money do
_MEASURES = frozenset(
    """minutes hours seconds days weeks months years decades kilometres kilometers metres
    meters miles feet inches tonnes tons kilograms kilos grams milligrams litres liters
    gallons hectares acres degrees times points""".split()
)
_MEASURES_KEYS = frozenset(w[:5] for w in _MEASURES)


def _units(quote: str) -> tuple[dict[str, set[str]], set[str]]:
    """Figures in a quote by what they count: a unit family ("people": dead, killed,
    civilians ...), or else the plural noun right after the number ("cases", "workers");
    key -> the numbers given for it; and the keys given as sums ("3.4 million marks")."""
    out: dict[str, set[str]] = {}
    sums: set[str] = set()
    for found in _FIGURE.finditer(quote):
        number = found.group(1).lower()
        value = _NUMBER_WORDS.get(number, number.replace(",", "").rstrip("."))
        following = [w.lower() for w in found.group(3).split()]
        if following and following[0] in _INCREMENT:
            continue  # "seven more bodies": added to a count, not a count of its own
        previous = quote[: found.start()].lower().split()[-1:]
        if previous and previous[0] in _INCREMENT_BEFORE:
            continue  # "a further 600 jobs", "Another 300"
        if found.group(2) or (following and following[0] in ("percent", "per")):
            out.setdefault("%", set()).add(value)
            continue
        scale = _MAGNITUDES.get(following[0]) if following else None
        if scale is not None:  # "3.4 million marks" is the 3,400,000 marks of another source
            with contextlib.suppress(ValueError):
                value = f"{float(value) * scale:.0f}"
            following = following[1:] or [_MAGNITUDE_KEY]
        key = next(
            (
                family
                for at, word in enumerate(following)
                if (family := _family(word)) is not None
                and not (word in _ADJECTIVES and _qualifies_other_noun(following[at + 1 : at + 2]))
            ),
            None,
        )
        if quote[: found.start()].rstrip()[-1:] in _CURRENCY:
            # "$14.2 million in the coming year", "transfers totalling £243,500": a sum,
            # whatever follows it
            key, scale = _MAGNITUDE_KEY, scale or 1.0
        if key is None and (of := _OF_THE.match(quote[found.end(1) :])) is not None:
            key = f"noun:{of.group(1).lower()[:5]}"  # "61 of the bridges"
        if key is None:
            nouns = [
                w
                for w in following[:2]
                if len(w) > 3 and w.endswith("s") and w.isalpha() and w not in _NOT_PLURALS
            ]
            key = f"noun:{nouns[0][:5]}" if nouns else None
        if key is None:
            key = _counted_before(quote[: found.start()])
        if key in (_PEOPLE, _WORKERS):  # the dead, the injured, the missing: counts apart
            key = _people_counted(quote, found.start(), found.end(1), key)
        after = quote[found.end(1) :]
        verb = _verb_after(after, skip=key is not None) if scale is None else None
        bare = not following or following[0] in _AUXILIARIES or following[0].endswith("ed")
        if key is None and bare:
            # a number with no noun: "The fever has killed six" counts the dead; "only
            # 1,500 had joined" counts whoever another source said joined (not "4,000 dead
            # fish", not "one Orundi soldier")
            key = _people_counted(quote, found.start(), found.end(1), "") or (
                _VERB + verb if verb else None
            )
        elif verb and (key in _HEADCOUNTS or key == _PEOPLE):
            out.setdefault(_VERB + verb, set()).add(value)  # "4,000 workers had joined"
        if key is None:
            continue
        measured = scale is not None or key[5:] in _MEASURES_KEYS
        if _is_rate(after):  # "9.6 patients per nurse" meets only a rate
            key = _RATE + key
        out.setdefault(key, set()).add(value)
        if measured:
            sums.add(key)
    return out, sums


_VERB = "verb:"  # a count known by what was done: "4,000 workers had joined", "1,500 had joined"
_AUXILIARIES = frozenset("had have has were was are is been would will".split())


def _verb_after(after: str, skip: bool) -> str | None:
    """The verb right after a number (or, ``skip``, after its noun), past any auxiliary:
    "had joined" -> "join"; None where anything else comes first."""
    words = re.split(r"[,;:()]", after, maxsplit=1)[0].lower().split()[:5]
    words = [w for w in words[1 if skip else 0 :] if w not in _AUXILIARIES]
    if words and re.fullmatch(r"[a-z]+ed", words[0]) and len(words[0]) > 4:
        return words[0][:-2].rstrip("e")[:5]
    return None


def _is_rate(after: str) -> bool:
    """The words after a number make it a rate per head or per item: "patients per
    nurse", "patients each". A rate per period ("90 million dinars a year") is no other
    count than the same figure given without its period, as a second source often does."""
    words = re.split(r"[,;:()]", after, maxsplit=1)[0].lower().split()[:5]
    return any(w in _RATE_WORDS for w in words)


def _people_counted(quote: str, start: int, end: int, family: str) -> str:
    """The key of a count of people, from what they did or what befell them, in the words
    after the number ("30 people were still missing") or else before it ("killing at least
    12 people"), within its clause: the dead, the injured and the missing ("0d", "0i",
    "0m"), people held ("0p"), people evacuated ("0e"), a crowd ("6,500 people gathered":
    the protesters' family), a workforce ("300 people work at the base": the workers'
    family), or people doing anything else ("0": who spent the night in shelters), whom two
    sources may count differently without disagreeing. Workers killed or injured ("killing 11 workers") are a toll like people;
    workers doing anything else stay the workers' family."""
    after = re.split(r"[,;:()]|\band\b", quote[end:], maxsplit=1)[0].lower().split()[:5]
    before = re.split(r"[,;:()]|\band\b", quote[max(0, start - 60) : start])[-1]
    for words in (after, before.lower().split()[-5:]):
        found = {w.strip(".\"'\u201d\u201c") for w in words}
        for kind, telling in _WHAT_BEFELL_PEOPLE:
            if found & telling and (family == _PEOPLE or kind[:1] == _PEOPLE):
                return kind
    return family


def _qualifies_other_noun(after: list[str]) -> bool:
    """The word after a family word is a noun it qualifies: "4,000 dead fish" count fish."""
    return (
        bool(after)
        and after[0].isalpha()
        and after[0] not in _NOT_A_NOUN
        and _family(after[0]) is None
    )


def _family(word: str) -> str | None:
    """The key of the unit family a word (or its singular) belongs to: "0" for people."""
    return next(
        (
            str(index)
            for index, family in enumerate(_UNIT_FAMILIES)
            if word in family or word.rstrip("s") in family
        ),
        None,
    )


_ADJECTIVES = frozenset({"dead", "injured", "wounded", "killed", "infected"})
# what may follow "dead", "injured" and the like in a count of people
_NOT_A_NOUN = frozenset(
    """of in at on and or by from with were was had have has are is as after when since
    during overnight so far yet still""".split()
)
# "put the crowd at 45,000", "the number of nurses on strike at about 1,400", "the
# figure at 18,000", "the toll was at least 130": what is counted named before the number
_COUNTED_BEFORE = re.compile(
    r"\b(?:the|its|their|his|her)(?:\s+(?:real|true|actual|official|final|overall))?"
    r"((?:\s+[\w-]+){1,5}?)"
    r"\s+(?:(?:was|is|stood|has\s+risen|had\s+risen|rose|climbed|reached)\s+(?:at\s+|to\s+)?|at\s+)\W*"
    r"(?:(?:about|around|roughly|nearly|some|only|just|over|under|at\s+least|at\s+most|"
    r"more\s+than|fewer\s+than|less\s+than|no\s+more\s+than|closer\s+to|close\s+to|"
    r"as\s+many\s+as|up\s+to|almost|approximately)\s+)?\W*$",
    re.I,
)
# "a crowd of 18,412", "a turnout of 91 percent": the noun the number is "of"
_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s+(?:about|around|roughly|nearly|some|over)?\s*\W*$", re.I)
# "61 of the bridges": how many of the things named after
_OF_THE = re.compile(r"^\s+of\s+(?:the|its|their|these|those)\s+(?:[\w-]+\s+)?([a-z]{4,}s)\b", re.I)
_GENERIC_COUNTS = {"number", "figure", "total", "tally"}
_IT_AT = re.compile(
    r"\bit\s+at\s+"
    r"(?:(?:about|around|roughly|nearly|some|only|just|over|under|at\s+least|more\s+than)\s+)?\W*$",
    re.I,
)
_GENERIC = "count"  # a count that names nothing ("the figure"): the last one before it


def _counted_before(before: str) -> str | None:
    if _IT_AT.search(before[-40:]):
        return _GENERIC  # "police estimated it at 150": the count given before
    found = _COUNTED_BEFORE.search(before[-80:])
    if found is None:
        noun = _NOUN_OF.search(before[-40:])
        return _family(noun.group(1).lower()) if noun is not None else None
    words = [w.lower() for w in found.group(1).split()]
    for word in words:
        if word == "toll":  # "the death toll"
            return "0"
        if (family := _family(word)) is not None:
            return family
        # "the number of displaced": what befell them names the count
        if (kind := next((k for k, said in _WHAT_BEFELL_PEOPLE if word in said), None)) is not None:
            return kind
    if words[0] not in _GENERIC_COUNTS:
        return None
    if len(words) > 2 and words[1] == "of":  # "the number of evacuees", "of unexplained transfers"
        plural = next((w for w in reversed(words[2:]) if w.endswith("s")), None)
        return f"noun:{plural[:5]}" if plural else None
    return _GENERIC


def _conflicts(
    claims: list[DraftClaim], language: str, introduced_as: dict[str, str] | None = None
) -> list[DraftConflict]:
    """Different sources giving different figures for the same count; and each denial or
    dispute paired with the other source's claim it has the most in common with."""
    stem = _stemmer(language)
    stems = [_stems(c.quote, stem) for c in claims]
    unit_stems = _unit_stems(language)
    units, sums = zip(*(_units(c.quote) for c in claims), strict=True) if claims else ((), ())
    conflicts: list[DraftConflict] = []
    paired: set[tuple[int, int]] = set()

    def flag(earlier: int, later: int, about: str) -> None:
        paired.add((earlier, later))
        conflicts.append(
            DraftConflict(claim_ids=[claims[earlier].id, claims[later].id], about=about)
        )

    for i, first in enumerate(claims):
        for j in range(i + 1, len(claims)):
            second = claims[j]
            if _same_source(first, second):
                continue
            counted = set(units[i]) & set(units[j])
            differing = [u for u in counted if units[i][u] != units[j][u]]
            # the same count: people (a toll) or the same plural noun ("cases"), or a unit in
            # common and a word about what is counted ("the bridge", "the deck")
            # a word in common other than the counted noun itself ("marks": stem "mark",
            # key "marks"; "customers": stem "custom", key "custo")
            nouns = [u[5:] for u in counted if u.startswith("noun:")]
            about_same = any(
                not any(w.startswith(n) or n.startswith(w) for n in nouns)
                for w in (stems[i] & stems[j]) - unit_stems
            )
            # sums of money or tonnes differ from story to story within an article ("1.2
            # million crowns" moved, "a villa for 900,000 crowns"): the same count only
            # with a word about what is counted in common
            headcount = [u for u in differing if u not in sums[i] and u not in sums[j]]
            if (about_same and differing) or any(
                u.removeprefix(_RATE) in _HEADCOUNTS
                or u.removeprefix(_RATE).startswith(("noun:", _VERB))
                for u in headcount
            ):
                flag(i, j, _SAME_COUNT)
    # "the figure", "the number" answer the count given last before them, by another source
    for i, claim in enumerate(claims):
        if _GENERIC not in units[i]:
            continue
        for j in range(i - 1, -1, -1):
            counts = [
                u for u in units[j] if u in _HEADCOUNTS or u[:1] == _PEOPLE or u[:5] == "noun:"
            ]
            if not counts or _same_source(claim, claims[j]):
                continue
            pair = (j, i)
            if pair not in paired and all(units[j][u] != units[i][_GENERIC] for u in counts):
                flag(j, i, _SAME_COUNT)
            break
    # a word many claims use ("workers" in a strike story) says less about which claim a
    # denial answers than one only two of them share ("replacement")
    spread = collections.Counter(w for words in stems for w in words)
    for i, denial in enumerate(claims):
        if denial.stance not in ("denies", "disputes"):
            continue
        # what is denied is often said of the one who denies it ("Brannic Catering denied
        # its food was the source" answers "samples from Brannic Catering tested positive")
        denied = stems[i] | _stems(denial.source.name, stem)
        scored = sorted(
            (
                (-sum(1 / spread[w] for w in common), j, common)
                for j, other in enumerate(claims)
                if j != i
                and not _same_source(denial, other)
                and not _same_side(denial.source, other.source, introduced_as or {})
                and other.stance != denial.stance
                and (common := denied & stems[j])
            ),
            key=lambda item: item[:2],
        )
        # the claim it answers best and, where another says much the same ("the payments
        # came from Bellrock" and "Bellrock paid the port chief"), that one too
        answered = [
            (j, common)
            for rank, (score, j, common) in enumerate(scored)
            if score <= _SECOND_ANSWER * scored[0][0]
            and (len(common) >= 2 or (rank == 0 and _denied_by_cue(denial)))
        ][:2]  # "Snowmelt does not stop at a fence line" denies nothing in particular
        word = "a denial" if denial.stance == "denies" else "a dispute"
        for j, common in answered:
            pair = (min(i, j), max(i, j))
            if pair not in paired:
                words = _surface_words(common, f"{claims[j].quote} {denial.quote}", stem)
                flag(*pair, f"{word}: {', '.join(words[:3])}")
    return conflicts


# a second claim a denial answers shares at least this share of the telling words of the
# first (chosen on the dev split: 0.3 to 0.6 all found more conflicts than one answer)
_SECOND_ANSWER = 0.4
_PEOPLE = "0"  # the family of _UNIT_FAMILIES that counts people
_WORKERS = "1"  # and the one that counts workers and jobs
_DEATH_WORDS = frozenset(
    "dead deaths death died die dying killed killing kills kill drowned perished bodies "
    "fatalities toll victims casualties".split()
)
_WHAT_BEFELL_PEOPLE = [
    ("0d", _DEATH_WORDS),
    ("0i", frozenset({"injured", "wounded", "hurt", "injuries"})),
    ("0m", frozenset({"missing", "unaccounted"})),
    ("0p", frozenset("held holding holds detained jailed imprisoned captured".split())),
    ("0e", frozenset("evacuated evacuate moved displaced fled".split())),
    ("2", frozenset("gathered marched rallied attended protested demonstrated part".split())),
    ("1", frozenset("work works worked working employed employs employ".split())),
]
# unit families that count heads (the dead, workers, crowds, cases): two sources giving
# different numbers of them disagree; money and percentages need more in common
_HEADCOUNTS = {"0d", "0i", "0m", "0p", "0e", "1", "2", "4"}
_SAME_COUNT = "different figures for the same count"
_UNIT_WORDS = [w for family in _UNIT_FAMILIES for w in family] + [
    *("percent", "million", "billion", "thousand", "hundred"),
    *("about", "least", "more", "than", "nearly"),
    # when, not what: "this year" and "next year" do not make two figures one count
    *("year", "years", "month", "months", "week", "weeks", "day", "days", "quarter"),
    *("next", "last", "since", "until", "early", "late", "end"),
    *("morning", "afternoon", "evening", "night", "overnight", "dawn", "today", "yesterday"),
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("january", "february", "march", "april", "june", "july", "august", "september"),
    *("october", "november", "december"),
]


@lru_cache(maxsize=8)
def _unit_stems(language: str) -> frozenset[str]:
    """The stems of the words that name a unit or qualify a figure, per language."""
    return frozenset(_stems(" ".join(_UNIT_WORDS), _stemmer(language)))


def _stemmer(language: str) -> Callable[[str], str]:
    """Snowball stems for the language, so that "hired" meets "hiring" and "warned" meets
    "warnings"; elsewhere the first five letters."""
    return stemming.stemmer("en" if language == "und" else language) or (lambda word: word[:5])


def _stems(text: str, stem: Callable[[str], str]) -> set[str]:
    """The stems of a text's content words (numbers left out), a word for the same thing
    as another one counted as that one ("a shortfall of $14.2 million", "the deficit")."""
    return {stem(_SAME_THING.get(w, w)) for w in content_words(text) if not w.isdigit()}


_SAME_THING = {"shortfall": "deficit", "shortfalls": "deficits", "death": "dead", "deaths": "dead"}


# what a rebuttal points at with a word for a figure answers the last claim with one
_FIGURE_WORDS = frozenset(
    "figure figures number numbers count counts tally estimate estimates toll total".split()
)


def _pointed_rebuttals(
    article: Article,
    claims: list[DraftClaim],
    conflicts: list[DraftConflict],
    answered: list[tuple[_Speaker, Stance, str, int]],
) -> tuple[list[DraftClaim], list[DraftConflict]]:
    """ "Councillor Oyelaran disputed that figure. According to Oyelaran, the real deficit
    is closer to $22 million": what the one who rebuts says next, within two sentences,
    answers the last claim of another source before the rebuttal (the last with a figure,
    for "that figure"): it disputes or denies it, and the two are in conflict."""
    at = {sentence.id: position for position, sentence in enumerate(article.sentences)}
    paired = {frozenset(c.claim_ids) for c in conflicts}
    claims, conflicts = list(claims), list(conflicts)
    for speaker, stance, noun, position in answered:
        before = [
            c
            for c in claims
            if max(at[s] for s in c.sentence_ids) < position
            and c.source.name.casefold() != speaker.name.casefold()
            and (noun not in _FIGURE_WORDS or re.search(r"\d", c.quote))
        ]
        after = [
            i
            for i, c in enumerate(claims)
            if position <= min(at[s] for s in c.sentence_ids) <= position + 2
            and c.source.name == speaker.name
        ]
        if not before or not after:
            continue
        target, answer = before[-1], claims[after[0]]
        if answer.stance == "asserts":
            answer = claims[after[0]] = answer.model_copy(update={"stance": stance})
        if frozenset((target.id, answer.id)) not in paired:
            word = "a denial" if stance == "denies" else "a dispute"
            conflicts.append(
                DraftConflict(claim_ids=[target.id, answer.id], about=f"{word}: {noun}")
            )
            paired.add(frozenset((target.id, answer.id)))
    return claims, conflicts


def _surface_words(stems: set[str], text: str, stem: Callable[[str], str]) -> list[str]:
    """The words of ``text`` that the stems come from, as written, in text order: "a denial:
    army, civilians", not "armi, civilian"."""
    found: dict[str, str] = {}
    telling = content_words(text)
    for word in re.findall(r"[^\W\d_][\w'\u2019-]*", text.lower()):
        if word in telling and (root := stem(word)) in stems and root not in found:
            found[root] = word
    return list(found.values()) or sorted(stems)


def _negations_that_answer(
    claims: list[DraftClaim], conflicts: list[DraftConflict]
) -> list[DraftClaim]:
    """A negation denies what another source says ("no civilians were killed" answers a
    toll); one that answers no claim of the article ("Our job is not finished", "we had no
    choice") asserts it. A denial by its cue or in so many words stays one."""
    answering = {claim_id for conflict in conflicts for claim_id in conflict.claim_ids}

    def negation_only(claim: DraftClaim) -> bool:
        content = _as_negation(claim.quote)
        return bool(_NEGATED.search(content)) and not _DENIAL_IN_CONTENT.search(content)

    return [
        claim.model_copy(update={"stance": "asserts"})
        if claim.stance == "denies"
        and claim.id not in answering
        and not _denied_by_cue(claim)
        and negation_only(claim)
        else claim
        for claim in claims
    ]


def _denied_by_cue(claim: DraftClaim) -> bool:
    """The claim denies or disputes by its cue ("denied", "rejected"), not only by a
    negation or a rebuttal in what it says."""
    word = (claim.cue or "").lower().split(" ")[0]
    return stance_of(CUE_FORMS.get(word, "")) in ("denies", "disputes")


# the kinds of body a person may be introduced as speaking for
_SIDES = frozenset(
    """union company firm ministry army military police government party campaign council
    board club federation association agency department prosecution defence defense
    hospital school university""".split()
)


def _same_side(first: DraftSource, second: DraftSource, introduced_as: dict[str, str]) -> bool:
    """One source speaks for the other: "union general secretary Tomas Reindl" for the
    United Dock and Harbour Workers' Union, "A company spokeswoman, Adela Fink" for the
    company, "a spokeswoman for Velmore Terminal Holdings" for Velmore. A denial does not
    answer its own side."""
    if (first.type == "person") == (second.type == "person"):
        return False  # two people, or two bodies: two sides
    member, body = (first, second) if first.type == "person" else (second, first)
    member_words, body_words = (
        content_words(f"{s.name} {introduced_as.get(s.name, '')}") for s in (member, body)
    )
    # the member's role names the body's kind, or the member's words the body's name
    return any(
        w in _SIDES and (w in body_words or _KIND_OF_NOUN.get(w) == body.type) for w in member_words
    ) or bool((body_words - _SIDES) & member_words)


def _same_source(first: DraftClaim, second: DraftClaim) -> bool:
    return first.source.name.casefold() == second.source.name.casefold()
