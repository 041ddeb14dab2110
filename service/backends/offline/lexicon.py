"""Reporting verbs: their forms, and the stance each one gives a claim.

The lemmas were chosen from the cues that attribution corpora annotate (PolNeAR's train
split lists said, says, told, added, wrote, noted, reported, announced, suggested, found,
argued, ...); forms are spelled out so that no lemmatiser is needed at run time.
"""

from __future__ import annotations

from service.domain.claims import Stance

# lemma -> stance ("asserts" unless listed)
_STANCES: dict[str, Stance] = {
    "deny": "denies", "reject": "denies", "dismiss": "denies", "refute": "denies",
    "claim": "alleges", "allege": "alleges", "accuse": "alleges", "charge": "alleges",
    "warn": "predicts", "predict": "predicts", "forecast": "predicts", "expect": "predicts",
    "estimate": "predicts", "promise": "predicts", "vow": "predicts", "pledge": "predicts",
    "threaten": "predicts", "project": "predicts",
    "dispute": "disputes", "contest": "disputes", "question": "disputes", "counter": "disputes",
    "contend": "disputes", "challenge": "disputes", "disagree": "disputes",
}  # fmt: skip

# lemma: irregular or awkward forms (regular -s/-ed/-ing forms are generated)
_IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "find": ["found", "finds", "finding"],
    "show": ["showed", "shown", "shows", "showing"],
    "think": ["thought", "thinks", "thinking"],
    "know": ["knew", "known", "knows"],
    "hold": ["held", "holds", "holding"],
    "teach": ["taught"],
    "feel": ["felt", "feels"],
    "see": ["saw", "sees", "seen", "seeing"],
    "forecast": ["forecast", "forecasts", "forecasting"],
    "testify": ["testified", "testifies", "testifying"],
    "reply": ["replied", "replies", "replying"],
    "deny": ["denied", "denies", "denying"],
    "worry": ["worried", "worries"],
    "call": ["called", "calls", "calling"],
    "ask": ["asked", "asks", "asking"],
    "put": ["put", "puts", "putting"],
    "want": ["wanted", "wants", "wanting"],
}
_REGULAR = """add announce acknowledge admit agree allege argue assert accuse believe caution
charge claim complain concede conclude confirm contend counter declare describe dismiss
dispute disclose emphasize emphasise estimate expect explain fear hope indicate insist
maintain mention note observe point predict project promise pledge question recall
recount refute reject remark report respond reveal state stress suggest tweet urge vow warn
thank praise criticize criticise blame mock condemn welcome applaud endorse oppose support
demand propose defend attack slam cite express blast denounce reiterate decry refer
threaten challenge contest disagree warn view regard post""".split()


# verbs that double their last consonant before -ed and -ing ("admitted", "slamming")
_DOUBLING = frozenset({"admit", "refer", "slam"})


def _regular_forms(lemma: str) -> list[str]:
    if lemma in _DOUBLING:
        return [lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    return [lemma, third, past, stem + "ing"]


CUE_FORMS: dict[str, str] = {}
for _lemma in _REGULAR:
    for _form in _regular_forms(_lemma):
        CUE_FORMS[_form] = _lemma
for _lemma, _forms in _IRREGULAR.items():
    CUE_FORMS[_lemma] = _lemma
    for _form in _forms:
        CUE_FORMS[_form] = _lemma

# verbs whose object and its complement are the content ("called him a loser", "sees the
# plan as a threat")
OBJECT_AND_COMPLEMENT = frozenset(
    {"call", "describe", "put", "accuse", "estimate", "see", "view", "regard"}
)
# verbs that report only with a clause ("a poll found that"): no object, no nearby quote
CLAUSE_ONLY = frozenset(
    {
        "find",
        "show",
        "think",
        "know",
        "believe",
        "hope",
        "fear",
        "feel",
        "see",
        "expect",
        "indicate",
        "worry",
        "hold",
        "post",  # "posted on Facebook that ...", not "posted a loss"
    }
)
# verbs that report a wish or a question: content only as a clause or an infinitive
WISH_OR_QUESTION = frozenset({"want", "ask"})
# verbs of judgement and demand: their whole predicate is the content
# ("thanked Obama for taking these steps", "blamed the club for the crush")
PREDICATE_CONTENT = frozenset(
    """thank praise criticize criticise blame mock condemn welcome applaud endorse oppose
    support demand propose defend attack slam urge cite express blast denounce reiterate decry
    point refer""".split()
)
# verbs whose object is the claimed content ("denied the allegation", "announced a plan")
OBJECT_CONTENT = frozenset(
    {
        "deny",
        "reject",
        "announce",
        "confirm",
        "dismiss",
        "refute",
        "dispute",
        "question",
        "predict",
        "promise",
        "pledge",
        "vow",
        "acknowledge",
        "admit",
        "disclose",
        "reveal",
        "report",
        "estimate",
        "forecast",
        "tweet",
        "note",
        "mention",
        "stress",
        "emphasize",
        "emphasise",
        "maintain",  # only a stand: "maintained his innocence", not "maintains close ties"
        "recall",
    }
)
# verbs that introduce a clause they follow ("The strike goes on, the union said")
SAY_LIKE = frozenset(
    {
        "say",
        "tell",
        "add",
        "write",
        "note",
        "claim",
        "allege",
        "insist",
        "warn",
        "explain",
        "argue",
        "state",
        "report",
        "announce",
        "confirm",
        "declare",
        "assert",
        "maintain",
        "contend",
        "counter",
        "reply",
        "respond",
        "tweet",
        "testify",
        "acknowledge",
        "admit",
        "predict",
        "estimate",
        "suggest",
        "stress",
        "emphasize",
        "emphasise",
        "recall",
        "concede",
        "remark",
        "observe",
        "deny",
    }
)


def stance_of(lemma: str) -> Stance:
    return _STANCES.get(lemma, "asserts")
