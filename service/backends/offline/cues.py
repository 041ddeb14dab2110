"""Reporting-cue rules: who says what, found in one sentence.

Each rule returns :class:`Attribution` values with offsets into the sentence: the source
phrase, the cue, and the claimed content (never the whole sentence when the content can
be told apart from the cue and the source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from service.backends.offline.sources import OPENING_QUOTES, source_type
from service.domain.claims import Stance

_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|claimed|claims|alleged|alleges|"
    r"denied|denies|warned|warns|insisted|insists|noted|notes|argued|argues|explained|"
    r"estimated|estimates|announced|announces|confirmed|confirms|acknowledged|"
    r"acknowledges|accused|accuses|predicted|predicts|asserted|asserts|maintained|"
    r"maintains|wrote|writes|reported|reports|disputed|disputes|contended|contends|"
    r"countered|counters|suggested|suggests|admitted|admits|rejected|rejects|"
    r"posted|tweeted|testified|concluded|concludes|forecast|forecasts"
)
# verbs the surface rule reads beside a quotation besides _VERBS; some report only there
# ('"...," she continued', where "The strike continued" reports nothing)
_QUOTATION_VERBS = (
    r"continued|continues|went on|goes on|replied|replies|responded|responds|recalled|"
    r"recalls|quipped|quips|joked|jokes|conceded|concedes|shouted|shouts|yelled|yells|"
    r"declared|declares|observed|observes|remarked|remarks"
)
QUOTATION_CUE = re.compile(rf"\b(?:{_QUOTATION_VERBS})\b")
_STANCES: dict[str, Stance] = {
    "denied": "denies", "denies": "denies", "rejected": "denies", "rejects": "denies",
    "claimed": "alleges", "claims": "alleges", "alleged": "alleges", "alleges": "alleges",
    "accused": "alleges", "accuses": "alleges",
    "warned": "predicts", "warns": "predicts", "predicted": "predicts", "predicts": "predicts",
    "estimated": "predicts", "estimates": "predicts",
    "forecast": "predicts", "forecasts": "predicts",
    "disputed": "disputes", "disputes": "disputes", "contended": "disputes",
    "contends": "disputes", "countered": "disputes", "counters": "disputes",
}  # fmt: skip
# the channel of "told": reporters, Reuters, the Northwire agency (a channel, not a source)
_CHANNEL = (
    r"(?:reporters|journalists|the press|(?:an?|the)\s+(?:[\w-]+\s+){0,3}"
    r"(?:agency|newspaper|broadcaster|network|radio|television|magazine|conference|briefing|"
    r"gathering|crowd|lawmakers|parliament|court)|(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
)
_ADVERBIAL = (
    r"(?:\s+(?:on|in|at|late|early|last|this|earlier|later|during|after|before|by|via|"
    r"through|from|when|while)\b[^,\"\u201c\u201d]{0,60}?(?:,\s*|\s+that\s+)|,?\s+that\s+|[,:]?\s+)"
)
_TRAILING = (
    r"(?:\s+(?:on|in|at|late|early|last|this|earlier|later|during|after|before|by|via|"
    r"through|from|when|while)\b[^,\"\u201c\u201d]{0,60}?)?"
)
# how a speaker's phrase may open when it does not open with a capital
SPEAKER_OPENERS = frozenset(
    "the a an one two three several some many officials police he she they it we i her his "
    "their its".split()
)
_SOURCE = (
    rf"(?P<src>(?:[A-Z\u00c0-\u00de]|(?:{'|'.join(sorted(SPEAKER_OPENERS))})\b)"
    r"[^,\"\u201c\u201d;:]{0,90}?)"
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})
_HEDGE = re.compile(
    r"\b(reportedly|allegedly|purportedly|could not (be )?(independently )?(verified|confirmed|verify|confirm)|"
    r"unconfirmed|unverified|"
    # "Neither claim could be independently confirmed"
    r"(neither|none)\b[^.]{0,40}\bcould (be )?(independently )?(verified|confirmed|verify|confirm))\b",
    re.I,
)

_ACCORDING_FIRST = re.compile(
    r"^(?:\W*)according to (?P<src>[^,]{2,120}?),\s*(?P<content>.+?)[\s.!?\"\u201d]*$", re.I
)
_ACCORDING_LAST = re.compile(
    r"^(?P<content>.+?),?\s+according to (?P<src>[^,]{2,120}?)(?P<appositive>,[^,]{0,80})?"
    r"[\s.!?]*$",
    re.I,
)
_SOURCE_FIRST = re.compile(
    rf"^{_SOURCE}(?P<appositive>,[^,]{{2,80}},)?\s+(?:also\s+|later\s+|previously\s+|has\s+|had\s+)?"
    rf"(?P<cue>{_VERBS})(?:\s+{_CHANNEL})?{_ADVERBIAL}"
    r"(?P<content>[^\"\u201c].+?)[\s.!?]*$"
)
_CONTENT_FIRST = re.compile(
    rf"^(?P<content>.+?),\s+(?:{_SOURCE}(?P<appositive>,[^,\"\u201c\u201d]{{2,80}},)?\s+"
    rf"(?P<cue>{_VERBS})|(?!told\b|tells\b)(?P<cue2>{_VERBS})\s+"
    r"(?P<src2>[^\"\u201c\u201d]{2,120}?))"
    rf"(?:\s+{_CHANNEL})?{_TRAILING}[\s.!?]*$"
)
# '"...," a civil servant, who spoke on condition of anonymity, told the Gazette.': the
# speaker, with a clause between commas; "told" after a quotation is never inverted ("told
# the Gazette" names the listener, where "said Olsen" names the speaker)
_SPEAKER_AROUND_QUOTE = re.compile(
    rf"(?:^\s*|[,\u201d\"]\s*){_SOURCE}(?P<appositive>,[^,\"\u201c\u201d]{{2,80}},)?\s+"
    rf"(?P<cue>{_VERBS}|{_QUOTATION_VERBS})(?:\s+{_CHANNEL})?"
    rf"{_TRAILING}\s*[,:.]?\s*$|(?:^\s*|[,\u201d\"]\s*)(?!told\b|tells\b)"
    rf"(?P<cue2>{_VERBS}|{_QUOTATION_VERBS})\s+"
    r"(?P<src2>[^,\"\u201c\u201d]{2,80}?)(?=\s*(?:,|[.!?]\s*$|$))"
)
_CLAUSE_START = r"(?:(?:and|but|while|whereas|however,?|though|although)\s+)?"
# a party at a clause's start, with an optional appositive: "Its director, Ada Krenn, "
_PARTY = _CLAUSE_START + r"(?P<src>[^,;]{2,100}?)(?:,\s*(?P<appositive>[^;]{2,120}?),)?\s+"
_NON_RESPONSE = re.compile(
    _PARTY + r"(?:did not|didn't|has not|have not|had not|could not|would not|(?:has|have|had) yet|"
    r"(?:also )?(?:has |have |had )?(?:declined|refused)|was not|were not|also did not|"
    r"tampoco|no|"
    r"n'a pas|n'ont pas|ne s'est pas)\s+"
    r"(?:immediately\s+|(?:yet\s+)?)(?:to\s+)?(?:be\s+)?(?:immediately\s+|directly\s+)?"
    r"(?:respond|reply|return|comment|answer|be reached|reached|contacted|available|reachable|"
    r"give a comment|have an immediate comment|say\b|discuss|elaborate|interviewed|"
    r"made (?:any |a )?(?:public )?(?:statement|comment)|"
    r"requests? for (?:comment|an interview)|an interview|interview requests?|"
    r"respondi[oó]|respondieron|contest[oó]|répondu|souhaité faire de commentaire|"
    r"souhaité commenter|donné suite)",
    re.I,
)
_DECLINED_ES_FR = re.compile(
    _PARTY + r"(?:declin[oó]|se neg[oó] a|rehus[oó]|a refusé de|a décliné)\s+"
    r"(?:hacer\s+|de\s+|tout\s+)?(?:comentarios?|comentar|commenter|commentaire)",
    re.I,
)
# what a statement left out, not a question it declined: "did not say who had applied it"
_LEFT_UNSAID = re.compile(
    r"\s+(?:did not|didn't|does not|doesn't)\s+say\s+(?:who|which|what|how|why|when|where)\b",
    re.I,
)
_NOT_A_PARTY = re.compile(
    r"\b(not|had|has|have|was|were|is|are|said|says|added|that|after|when|because|reached|"
    r"contacted|asked)\b",
    re.I,
)
_NAME_ONLY = re.compile(r"^(?:[A-Z][\w'\u2019.-]*\s*){1,4}$")
_UNREACHABLE = re.compile(
    r"(?:attempts?|efforts?|repeated attempts) to (?:reach|contact) (?P<src>[^,;]{2,80}?)"
    r"(?:,\s*(?P<appositive>[^;]{2,120}?),)?"
    r"(?: by (?:phone|telephone|email|e-mail|text message)(?:(?:,| and| or) (?:phone|telephone|email|e-mail|text message))*)?"
    r"(?: for comment)? (?:were|was|have been|had been) unsuccessful|"
    r"(?:no one|nobody) (?:at|from) (?P<src2>[^,;]{2,80}?) could be reached",
    re.I,
)
# "Calls to the offices of X went unanswered", "Emails to X were not returned"
_WENT_UNANSWERED = re.compile(
    r"(?:calls?|phone calls?|emails?|e-mails?|messages?|requests?|questions?|inquiries)"
    r"(?: for comment| seeking comment)?\s+(?:to|(?<=comment )from|left (?:with|for)|sent to)\s+"
    r"(?:the (?:offices?|press office|spokesperson|spokesman|spokeswoman) (?:of|for)\s+)?"
    r"(?P<src>[^,;]{2,80}?)(?:'s (?:press office|offices?|spokesperson|spokesman|spokeswoman))?"
    r"(?:,\s*[^;]{2,120}?,)?"
    r"\s+(?:went unanswered|went unreturned|were not returned|was not returned|bounced(?: back)?|"
    r"were not answered|was not answered|have not been (?:answered|returned)|"
    r"had not been (?:answered|returned))",
    re.I,
)
# "Repeated requests for an interview with X were declined"
_REQUESTS_DECLINED = re.compile(
    r"requests? for (?:an )?(?:interview|comment|an interview)s? (?:with|from|to) (?P<src>[^,;]{2,80}?)"
    r"(?:,\s*(?P<appositive>[^;]{2,120}?),)?\s+(?:were|was|have been|had been) "
    r"(?:declined|refused|turned down|rejected|denied|not answered|ignored)",
    re.I,
)
# "No one answered the door at the home of X" / "at X's home"
_NO_ONE_ANSWERED = re.compile(
    r"(?:no one|nobody) answered (?:the door|the phone|the telephone|calls?)[^.;]*? at "
    r"(?:the (?:[\w-]+ )?(?:home|house|office|offices) of "
    r"(?P<src>(?-i:[A-Z][\w'\u2019.&-]*(?:\s+[A-Z][\w'\u2019.&-]*)*))|"
    r"(?P<src2>[A-Z][^,;.]{1,60}?)['\u2019]s (?:[\w-]+ )?(?:home|house|office|offices))",
    re.I,
)
# a third party speaks for the silent one: "A receptionist at X said no one was available to
# comment", "A woman who answered the phone at X's home said he was not giving interviews",
# "The office of ..., X, said she was travelling and unavailable", "X said it had nothing to add"
_SPOKEN_FOR = re.compile(
    r"^(?P<subject>[^;]{2,200}?)\s+said(?: on \w+| in an? \w+)?(?: that)?\s+"
    r"(?:no one|nobody|(?:he|she|they|it))\s+(?:was|were|had|is|are)\s+"
    r"(?:not |un)?(?:available|travelling and unavailable|not giving interviews|giving no interviews|"
    r"nothing (?:further |more )?to add)",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"\b(?:at|for|of)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:home|house|office|offices|head office)\s+of\s+"
    r"(?P<of>[^,;]{2,60})|\bat\s+(?P<at>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
    r"(?:['\u2019]s (?:[\w-]+ )?(?:home|house|flat|office|offices|head office))?(?=['\u2019,;\s]|$)"
)
# "X, reached on Sunday, said ... and declined to comment further"; "X walked past reporters
# without answering their questions"
_SUBJECT_DECLINED = re.compile(
    r"^(?:(?P<src>[^,;]{2,100}?),\s*(?P<appositive>[^,;]{2,80}?),|"
    r"(?P<name>(?-i:(?!(?:A|An)\s)(?!(?:The|the)\s+[a-z])(?:(?:The|the)\s+)?(?:[A-Z][\w'\u2019.&-]*\s+){0,4}[A-Z][\w'\u2019.&-]*))"
    r"\s+(?=(?-i:[a-z]+\b(?!\s+[A-Z])))|"
    r"(?P<desc>(?-i:The|the)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)"
    r"(?=\s+(?:said|says|told|confirmed|acknowledged|insisted|added)\b))"
    r"[^;]*?"
    r"(?:\b(?:and|but) (?:(?:declined|refused) (?:to )?|(?:would|could|did) not |didn't )"
    r"(?:immediately )?(?:comment|be interviewed|answer|elaborate|respond|reply|discuss|"
    r"say (?:whether|if|how|who|what|why|when)\b|make (?:\w+ ){0,2}available)|"
    r"\bwithout (?:answering|responding to|taking) (?:their |any |reporters['\u2019] )?questions)",
    re.I,
)
# "Neither A nor B responded to requests for comment"
_NEITHER_NOR = re.compile(
    r"\bneither (?P<first>[^,;]{2,80}?) nor (?P<second>[^,;]{2,80}?)\s+"
    r"(?:has |have |had )?(?:immediately )?(?:responded|replied|commented|answered|returned)",
    re.I,
)
# "X hung up", "X referred questions to Y", "X said it would not comment on ..."
_REFUSED_OTHERWISE = re.compile(
    _PARTY + r"(?:hung up|referred (?:questions|inquiries|requests|calls)|"
    r"said(?: in an? (?:email|e-mail|statement|text message))?(?: that)? "
    r"(?:it|he|she|they) (?:[^.;\"\u201c]{0,80}? (?:and|but) )?"
    r"(?:(?:would|will|could|can) ?not (?:comment|discuss|respond|answer)|"
    # "does not comment on ongoing cases", "did not comment on local decisions"
    r"(?:(?:does|do|did) not|doesn't|don't|didn't|never) comment))",
    re.I,
)
# not commenting in a document of one's own is not declining a request, and a place that
# cannot be reached by road is not a party that cannot be reached for comment
_NOT_A_REQUEST = re.compile(
    r"\bin (?:its|their|his|her|the|a) (?:annual |quarterly |latest )?"
    r"(?:report|statement|filing|accounts|results|letter to shareholders)\b|"
    r"^\s*(?:by|on|via) (?:road|ferry|boat|sea|air|land|rail|train|car|bus|foot|helicopter)\b|"
    r"^\w*\s*to (?:a |the |any |repeated |several )?(?:[\w-]+ ){0,3}?(?:treatment|antibiotics|"
    r"medication|therapy|drugs?|commands?|orders|reset|alarm|signals?|radio calls?|"
    r"radio messages?|hails?|distress calls?)\b",
    re.I,
)
_NOT_ANSWERED_BY = re.compile(
    r"(?:requests?|calls?|messages?|emails?|questions?)(?: for comment)?[^.]{0,80}? (?:were|was) not "
    r"(?:immediately )?(?:answered|returned) by (?P<list>.+?)[.]?$",
    re.I,
)
# "The ministry declined to confirm the request", "refused to name the buyer"
_DECLINED_TO_CONFIRM = re.compile(
    _PARTY + r"(?:has |have |had )?(?:declined|refused) to (?:confirm|deny|identify|name)\b",
    re.I,
)
_NO_COMMENT = re.compile(
    _CLAUSE_START + r"(?P<src>[^,;]{2,100}?)\s+(?:had|has|have) no (?:immediate )?comment", re.I
)


@dataclass(frozen=True)
class Attribution:
    source: str
    appositive: str  # ", who spoke on condition of anonymity," (for the source's type)
    source_start: int
    cue: str | None
    content_start: int
    content_end: int
    stance: Stance
    quote: bool = False
    # the rest of the content on the other side of a parenthetical source and cue
    rest: tuple[int, int] | None = None


def stance_of(cue: str | None) -> Stance:
    return _STANCES.get((cue or "").lower().split(" ")[0], "asserts")


def is_hedged(sentence: str) -> bool:
    return bool(_HEDGE.search(sentence))


def find_attributions(sentence: str) -> list[Attribution]:
    """Attributions in one sentence, by the first rule that fits."""
    quoted = quoted_attribution(sentence)
    if quoted:
        return quoted
    for rule in (_according, _source_first, _content_first):
        found = rule(sentence)
        if found is not None:
            return [found]
    return []


def unattributed_quote(sentence: str, opened: bool = False) -> tuple[int, int] | None:
    """The content of a quote with no speaker in the sentence (a continuing quote): one that
    the sentence opens, or, with ``opened``, one that an earlier sentence of the paragraph
    opened ('Olsen said: "The rest is up to us. We have done our part."': the second)."""
    stripped = sentence.strip()
    if not stripped:
        return None
    if stripped[0] in '"\u201c':
        # closed by a mark of its own kind: in '"... about “Equal Justice” anymore.' the
        # curly marks are a quotation inside it, and with no closing mark it runs on
        opening = sentence.index(stripped[0])
        close = sentence.rfind('"' if stripped[0] == '"' else "\u201d")
        end = close if close > opening else len(sentence.rstrip())
        if (
            close > opening
            and re.search(r"\w", sentence[close:])
            and len(sentence[opening:close].split()) < _TITLE_WORDS
            and sentence[close - 1] not in ",.!?\u2026"
        ):
            # '"The Big Short" was nominated for an award.': a title, a term; not '"Go
            # back," he barked', which a speaker's punctuation closes
            return None
        return _trim(sentence, opening + 1, end)
    if not opened:
        return None
    closes = [at for at in (sentence.find("\u201d"), sentence.find('"')) if at >= 0]
    return _trim(sentence, 0, min(closes) if closes else len(sentence))


# a sentence that opens with a quotation this short, and goes on after it, names a title
_TITLE_WORDS = 6


def _trim(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (sentence[start].isspace() or sentence[start] in '"\u201c'):
        start += 1
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ',;:."\u201d'):
        end -= 1
    return (start, end) if end - start >= 3 else None


_MARK = re.compile(r"[\"\u201c\u201d]")
_CLOSER = {'"': '"', "\u201c": "\u201d"}
# between the two parts of a quotation its source and cue interrupt: '," Olsen said, "'
_INTERRUPTION = re.compile(
    r"[\"\u201d]\s*[,\u2014\u2013]?\s*(?P<words>[^\"\u201c\u201d!?;]{2,160}?)\s*[,:\u2014\u2013]\s*"
    r"(?:and\s+)?[\"\u201c]"  # '"A," she said, and "B."' too
)


def quoted_stretches(sentence: str, opened: bool = False) -> list[tuple[int, int]]:
    """The stretches of ``sentence`` inside quotation marks, the marks left out. A mark
    is closed by one of its own kind (a straight one by a straight one); one left open
    runs to the sentence's end, and with ``opened`` the sentence begins inside one."""
    stretches: list[tuple[int, int]] = []
    start = 0 if opened and not sentence.lstrip().startswith(('"', "\u201c")) else None
    closer = None  # None with start set: opened before the sentence, closed by either kind
    for mark in _MARK.finditer(sentence):
        char = mark.group()
        if start is None:
            if char in _CLOSER:
                start, closer = mark.end(), _CLOSER[char]
        elif char == closer or (closer is None and char in '"\u201d'):
            stretches.append((start, mark.start()))
            start = None
    if start is not None:
        stretches.append((start, len(sentence)))
    return stretches


def quoted_at(sentence: str, at: int, opened: bool = False) -> bool:
    """Position ``at`` of ``sentence`` lies inside a quotation."""
    return any(start <= at < end for start, end in quoted_stretches(sentence, opened))


def whole_quotations(
    sentence: str, found: list[Attribution], opened: bool = False
) -> list[Attribution]:
    """``found``, where a content lies inside a quotation that its source and cue stand
    outside of, widened to the whole quotation: the parser may give only the first of the
    quotation's clauses ('"The government tried to put me away, but a judge refused to let
    them," Brem said' gave the part before ", but"), or leave out its first words ('So,
    you know, let's move on," he said', in a quotation an earlier sentence opened)."""
    widened = []
    stretches = quoted_stretches(sentence, opened)
    for attribution in found:
        start, end = attribution.content_start, attribution.content_end
        for q_start, q_end in stretches:
            # the quotation holds the content's end, and neither the source nor the cue
            if not (q_start < end <= q_end) or q_start <= attribution.source_start < q_end:
                continue
            whole = _trim(sentence, q_start, q_end)
            if whole is not None and (
                re.search(r"\w", sentence[end : whole[1]])
                or re.search(r"\w", sentence[whole[0] : start])
            ):
                start, end = min(start, whole[0]), max(end, whole[1])
            break
        widened.append(replace(attribution, content_start=start, content_end=end))
    return widened


def with_split_quotations(sentence: str, found: list[Attribution]) -> list[Attribution]:
    """``found``, where a quotation its source and cue interrupt ('"It will not pass,"
    Olsen said, "not while I sit here."') is one claim: its longer part the evidence (the
    gold guide's rule) and the other part its ``rest``, so that its statement has both."""
    stretches = quoted_stretches(sentence)
    if len(stretches) < 2:
        return found
    claimed = [(a.content_start, a.content_end) for a in found]
    return [_with_other_part(sentence, stretches, a, claimed) for a in found]


def _with_other_part(
    sentence: str,
    stretches: list[tuple[int, int]],
    attribution: Attribution,
    claimed: list[tuple[int, int]],
) -> Attribution:
    here = next(
        (
            i
            for i, (start, end) in enumerate(stretches)
            if start <= attribution.content_start and attribution.content_end <= end
        ),
        None,
    )
    if here is None:
        return attribution
    for other in (here - 1, here + 1):
        if not 0 <= other < len(stretches):
            continue
        first, second = sorted((stretches[here], stretches[other]))
        between = _INTERRUPTION.fullmatch(sentence, first[1], second[0])
        if (
            between is None
            or not first[1] < attribution.source_start < second[0]
            or len(between.group("words").split()) > 14
            or not (
                sentence[: first[1]].rstrip().endswith((",", "\u2014", "\u2013"))
                or sentence[first[1] + 1 :].lstrip().startswith((",", "\u2014"))
            )
        ):
            continue
        span = _trim(sentence, *stretches[other])
        if span is None or any(s < span[1] and span[0] < e for s, e in claimed):
            continue
        own = (attribution.content_start, attribution.content_end)
        longer, shorter = (span, own) if span[1] - span[0] > own[1] - own[0] else (own, span)
        return replace(
            attribution, content_start=longer[0], content_end=longer[1], quote=True, rest=shorter
        )
    return attribution


# a preposition right before a quotation makes it a title: 'said on "The Late Show"'
TITLE_BEFORE = re.compile(r"\b(?:on|in|at|during)\s+$", re.I)


def quoted_attribution(sentence: str) -> list[Attribution]:
    """A quotation and the speaker and cue written right beside it ("'...,' said X",
    "X said, '...'"), read from the surface of the sentence."""
    quotes = quoted_stretches(sentence)
    if not quotes:
        return []
    # the sentence with each quotation blanked out, marks included; one left open runs on
    # into the next sentence ('"I have studied it," she continued, "and what I ...')
    blanked = list(sentence)
    for start, end in quotes:
        blanked[start - 1 : end + 1] = (
            "\u201d" + " " * (end - start) + "\u201d"[: len(sentence) - end]
        )
    outside = "".join(blanked)
    for piece in re.finditer(r"[^\u201d]+", outside):
        found = _SPEAKER_AROUND_QUOTE.search(piece.group(0))
        if not found:
            continue
        if (
            found.group("src2")
            and not piece.group(0)[found.end("src2") :].strip()
            and piece.end() < len(outside.rstrip(" .\u201d\"'"))
        ):
            continue  # 'said the early readings were "concerning"': a clause runs into it
        src = found.group("src") or found.group("src2")
        cue = found.group("cue") or found.group("cue2")
        src_group = "src" if found.group("src") else "src2"
        source_start = piece.start() + found.start(src_group)
        spoken = [q for q in quotes if not TITLE_BEFORE.search(sentence, 0, q[0] - 1)]
        if not spoken:
            return []
        longest = max(spoken, key=lambda q: q[1] - q[0])
        inner = _trim(sentence, longest[0], longest[1])
        if inner is None or len(src.split()) > 14:
            continue
        return [
            Attribution(
                source=src.strip(),
                appositive=(found.group("appositive") or "").strip(", "),
                source_start=source_start,
                cue=cue,
                content_start=inner[0],
                content_end=inner[1],
                stance=stance_of(cue),
                quote=True,
            )
        ]
    return []


def _according(sentence: str) -> Attribution | None:
    for pattern in (_ACCORDING_FIRST, _ACCORDING_LAST):
        found = pattern.match(sentence)
        if found:
            appositive = found.groupdict().get("appositive")
            return _make(sentence, found, "src", "according to", "content", appositive)
    return None


def _source_first(sentence: str) -> Attribution | None:
    found = _SOURCE_FIRST.match(sentence)
    if not found or not 1 <= len(_named_words(found.group("src"))) <= 12:
        return None
    return _make(sentence, found, "src", found.group("cue"), "content", found.group("appositive"))


def _content_first(sentence: str) -> Attribution | None:
    found = _CONTENT_FIRST.match(sentence)
    if not found:
        return None
    src_group = "src" if found.group("src") else "src2"
    cue = found.group("cue") or found.group("cue2")
    if len(found.group(src_group).split()) > 12:
        return None
    return _make(sentence, found, src_group, cue, "content", found.group("appositive"))


def surface_attribution(sentence: str) -> Attribution | None:
    """ "..., the valley fire service said.", "..., the lead author, Professor Hugo
    Lindqvist, said.", "The Civic Watch Network, an observer group, estimated turnout at
    52 percent.": a short speaker phrase and its cue beside content of a clause or more,
    where the parser lost them (it made the speaker an object, the verb a noun or an
    adjective, or left the verb with no subject). Not the inverted form ("..., said
    Olsen"), which the parse reads well."""
    for pattern in (_CONTENT_FIRST, _SOURCE_FIRST):
        found = pattern.match(sentence)
        if found is None or not found.group("src") or len(found.group("content").split()) < 3:
            continue
        if pattern is _CONTENT_FIRST and len(found.group("content").split()) < 5:
            continue
        words = found.group("src").split()
        if len(words) > 8 or _NOT_A_SPEAKER.intersection(w.lower() for w in words):
            continue  # "Texas and other", "a process that began in May and"
        appositive = (found.group("appositive") or "").strip(", ")
        phrase = f"{found.group('src')}, {appositive}" if appositive else found.group("src")
        name = appositive if appositive[:1].isupper() else found.group("src").strip()
        if source_type(phrase, name) == "unknown":
            continue  # "a plan": a speaker the phrase does not make out ("her daughter,
            # Ingrid Alsvik-Moreau" it does)
        return _make(
            sentence, found, "src", found.group("cue"), "content", found.group("appositive")
        )
    return None


_NOT_A_SPEAKER = frozenset("and or that which to had has have was were is are other".split())


# what a document shows, found on the surface where the parser loses it ("court records"
# read as a compound whose verb has no subject, "show" read as a noun)
_DOCUMENT_NOUNS = (
    r"(?:polls?|surveys?|stud(?:y|ies)|reports?|data|figures|records|documents|filings|"
    r"statistics|analysis|census|audit|tally|results|papers|files|logs|minutes|receipts|"
    r"e-?mails|transcripts)"
)
_FINDS = r"(?:show|shows|showed|indicate|indicates|indicated|reveal|reveals|revealed)"
# "A company gave 5,000 marks to the fund, court records show."
_DOCUMENT_LAST = re.compile(
    r"^(?P<content>.{12,}?),\s+(?P<src>(?:[\w'\u2019-]+\s+){0,4}?"
    + _DOCUMENT_NOUNS
    + r"(?:\s+(?:compiled|obtained|released|filed|published|reviewed|kept|seen)\s+by"
    r"(?:\s+[\w'\u2019&.-]+){1,6}?)?)\s+(?P<cue>" + _FINDS + r")[\s.]*$",
    re.I,
)
# "In the poll, Brem's support has risen ..."; "In a survey released Sunday, ..."
_IN_DOCUMENT = re.compile(
    r"^In\s+(?P<src>(?:(?:a|an|the|its|their|his|her|this|that|these|those|new|latest|"
    r"[\w'\u2019.-]+['\u2019]s)\s+)?(?:[\w'\u2019.&/-]+\s+){0,4}?"
    r"(?:polls?|surveys?|stud(?:y|ies)|census|audit|tally))"
    r"(?:\s+(?:released|published|conducted|taken|carried out)\b[^,]{0,40})?,\s+"
    r"(?P<content>[^,].{11,}?)[\s.]*$",
    re.I,
)


def document_attribution(sentence: str) -> Attribution | None:
    """What a document shows, for a sentence with no other attribution: "..., court records
    show" and "In the poll, ..." (the document is the source, type document)."""
    for pattern, cue in ((_DOCUMENT_LAST, None), (_IN_DOCUMENT, "in"), (_IN_POLL_AFTER, "in")):
        found = pattern.match(sentence)
        if found and (pattern is not _IN_POLL_AFTER or _STANDING.search(found.group("content"))):
            return _make(sentence, found, "src", cue or found.group("cue"), "content")
    return None


# "Brem leads Olsen by 9 points, 42% to 33%, in the Courier's average of recent polls.",
# "Olsen took 6 percent of the vote in a Courier poll released Sunday, ...": a standing
# in a poll that the sentence names after it
_IN_POLL_AFTER = re.compile(
    r"^(?P<content>[^,;:].{11,}?),?\s+in\s+(?P<src>(?:(?:a|an|the|its|this|that|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"[\w'\u2019.-]+['\u2019]s)\s+)?(?:(?!to\s)[\w'\u2019.&/-]+\s+){0,6}?"
    r"(?:polls?|surveys?))\b"
    # after it, only when and by whom it was taken, or an aside after a comma
    r"(?:\s+(?:released|conducted|taken|published|carried|last|this|on|by|of|from)\b[^.;:]*"
    r"|,[^.;:]*)?[\s.]*$",
)
# what a poll's figures say of a standing: a figure, or who leads or trails
_STANDING = re.compile(
    r"\d|\b(?:percent|points?|lead|leads|led|ahead|behind|trails?|trailed)\b", re.I
)


def _named_words(phrase: str) -> list[str]:
    """The words of a source phrase other than determiners ("The claims ..." names nobody)."""
    return [w for w in phrase.split() if w.lower() not in _DETERMINERS]


def _make(
    sentence: str,
    found: re.Match[str],
    src: str,
    cue: str,
    content: str,
    appositive: str | None = None,
) -> Attribution | None:
    trimmed = _trim(sentence, found.start(content), found.end(content))
    if trimmed is None:
        return None
    return Attribution(
        source=found.group(src).strip(),
        appositive=(appositive or "").strip(" ,"),
        source_start=found.start(src),
        cue=cue,
        content_start=trimmed[0],
        content_end=trimmed[1],
        stance=stance_of(cue),
    )


_COLON = re.compile(
    r"^(?P<src>[A-Z\u00c0-\u00de][\w.'\u2019-]*(?:\s+[A-Z\u00c0-\u00de][\w.'\u2019-]*){0,4})"
    r":\s+(?P<content>\S.*)$"
)
_LABELS = frozenset(
    """photo image video watch update updated correction note editor editors related read
    analysis opinion exclusive breaking live warning caption source sources credit
    advertisement sponsored share byline contributing contributors previously stat
    revealed email e-mail phone tel remember""".split()
)
# a turn of a transcript says a sentence; under a label that is no speaker's in capitals,
# a phrase this short is a heading ("Krenn: A long shot.")
_TURN_WORDS = 4


_OPENING_MARKS = "".join(OPENING_QUOTES)  # '"Olsen: ...' quotes a transcript's turn


# an interview's labels: the question's and the answer's (whose speaker is the one
# interviewed, the engine's to find)
QUESTION_LABELS = frozenset({"Q", "Q.", "QUESTION"})
ANSWER_LABELS = frozenset({"A", "A.", "ANSWER"})


def colon_attribution(sentence: str) -> Attribution | None:
    """ "Olsen: We will not back down." — a speaker's name, a colon, what they say."""
    found = _COLON.match(sentence.strip().lstrip(_OPENING_MARKS))
    if not found or found.group("src").split()[0].lower().strip("'\u2019s") in _LABELS:
        return None
    label = found.group("src")
    offset = sentence.index(label)
    start, end = offset + found.start("content"), offset + found.end("content")
    if label in ANSWER_LABELS:  # "A: No." opens an answer the paragraph goes on with
        end = start + len(found.group("content").rstrip(" .;:,"))
        trimmed: tuple[int, int] | None = (start, end) if end > start else None
    elif len(found.group("content")) < 7:
        return None  # "Iowa: Yes." says too little
    else:
        trimmed = _trim(sentence, start, end)
        if trimmed is None or _says_nothing(label, sentence[trimmed[0] : trimmed[1]]):
            return None
    if trimmed is None:
        return None
    if not label.isupper() and len(sentence[trimmed[0] : trimmed[1]].split()) < _TURN_WORDS:
        return None
    return Attribution(
        source=found.group("src"),
        appositive="",
        source_start=offset,
        cue=":",
        content_start=trimmed[0],
        content_end=trimmed[1],
        stance="asserts",
    )


_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs with".split())


def _says_nothing(label: str, content: str) -> bool:
    """What follows a label's colon that says nothing: a name ("Contributing: Ada Krenn"),
    a list of names ("Iowa: Tim Albrecht, Brad Anderson, ..."), or a headline in title case
    after a label in capitals ("DIGEST: Port Strike Enters Its Second Week"), where a
    transcript's turn would be a sentence."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019.-]*", content) if w not in _SMALL_WORDS]
    if not words or not all(w[0].isupper() for w in words):
        return False
    return len(words) <= 3 or content.count(",") >= 2 or label.isupper()


_RELATIVE = frozenset({"who", "which", "that"})
_ANTECEDENT_BREAK = re.compile(
    r".*(?:[,;:(]|\b(?:to|and|with|from|by|for|said|says|told)\b)\s*", re.I
)
_SPOKESPEOPLE = re.compile(
    r"^(?:spokes(?:people|persons|men|women)|representatives|officials) (?:for|of|at|from) (?P<rest>.+)$",
    re.I,
)


def _named(found: re.Match[str], group: str = "src") -> tuple[str, int]:
    """The party of a match with ``src`` (or ``group``) and an optional ``appositive``: the
    name the appositive opens with when the head is a description ("the commissioner,
    Alder Kremmin", "His brother-in-law, Edrik Salm, who has not been charged, ...")."""
    appositive = found.groupdict().get("appositive") or ""
    name = appositive.split(",")[0].strip()
    if name and _NAME_ONLY.match(name) and not _NAME_ONLY.match(found.group(group)):
        return name, found.start("appositive") + appositive.index(name)
    party = found.group(group).strip()
    return party, found.start(group) + found.group(group).index(party)


_OWN_PLACE = re.compile(
    r"\b(?:at|for|of) (its|his|her|their) (?:[\w-]+ )?"
    r"(?:headquarters|home|house|flat|office|offices|head office|press office)\b",
    re.I,
)
_PRONOUN_OF = {"its": "it", "his": "he", "her": "she", "their": "they"}
# things that do not answer requests for comment: "the engine did not respond", "the ship
# did not respond to radio calls"
_NOT_A_RESPONDENT = re.compile(
    r"\b(?:engines?|motors?|pumps?|brakes|systems?|devices?|machines?|computers?|servers?|"
    r"vessels?|ships?|boats?|trawlers?|tankers?|freighters?|ferries|ferry|barges?|trains?|"
    r"trucks?|lorries|drones?|aircraft|planes?|cars?|vehicles?|patients?|tumou?rs?|"
    r"infections?|wounds?|animals?)$"  # lower case: "Quillon Systems" is a company
)


def _spoken_for(found: re.Match[str]) -> tuple[str, int]:
    """Who a third party spoke for: the place or person after "at"/"of" in the subject
    ("a receptionist at X"), else the name in an appositive, else the subject itself."""
    subject = found.group("subject")
    own = _OWN_PLACE.search(subject)
    if own:  # "a receptionist at its headquarters": the party named before ("it")
        return _PRONOUN_OF[own.group(1).lower()], found.start("subject") + own.start(1)
    place = _THIRD_PARTY.search(subject)
    if place:
        group = "of" if place.group("of") else "at"
        return place.group(group).strip(), found.start("subject") + place.start(group)
    parts = [p.strip() for p in subject.split(",")]
    names = [p for p in parts[1:] if _NAME_ONLY.match(p)]
    if names:
        return names[0], found.start("subject") + subject.index(names[0])
    return subject.strip(), found.start("subject")


def find_non_responses(sentence: str) -> list[tuple[str, int]]:
    """(party, offset) for each party that declined or did not answer: a relative pronoun
    ("the authority, which did not respond") stands for the noun phrase before it, and
    "spokespeople for A and B" for A and B."""
    parties = []
    for party, offset in _find_parties(sentence):
        if party.startswith(OPENING_QUOTES) or quoted_at(sentence, offset):
            continue  # '"We didn't discuss that," Brenner said': speech, not a non-response
        if party.lower() in _RELATIVE:
            before = sentence[:offset].rstrip(" ,")
            broken = _ANTECEDENT_BREAK.match(before)
            head = before[broken.end() if broken else 0 :]
            if len(head.strip()) >= 2:
                parties.append((head.strip(), before.index(head.strip(), len(before) - len(head))))
            continue
        group = _SPOKESPEOPLE.match(party)
        if group and re.search(r"\s+and\s+", group.group("rest")):
            rest_at = offset + group.start("rest")
            for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", group.group("rest")):
                if name.strip():
                    parties.append((name.strip(), sentence.index(name.strip(), rest_at)))
            continue
        parties.append((party, offset))
    if parties:  # "The ministry did not respond, and nor did the police."
        parties += [(m.group("src"), m.start("src")) for m in _NOR_DID.finditer(sentence)]
    return parties


def neither_did(sentence: str) -> tuple[str, int] | None:
    """ "Neither did the engineers.": a party that, like the one before, did not answer."""
    found = _NEITHER_DID.match(sentence)
    if found is None:
        return None
    if found.group("named"):  # "Neither did the company that built it, Arctis Data."
        return found.group("named"), found.start("named")
    party = found.group("src")
    if _NOT_A_PARTY.search(party) or _UNSAID.search(party) or len(party.split()) > 6:
        return None  # "Neither did it say when ...": what was left unsaid, not a party
    return party, found.start("src")


# "Neither did it say when ...": a pronoun and a verb of saying, what was left unsaid
_UNSAID = re.compile(r"\b(?:say|tell|explain|give|comment|respond|reply|confirm|it|he|she|they)\b")
_NOR_DID = re.compile(
    r"(?:,\s*|\s+)(?:and\s+)?(?:nor|neither)\s+(?:did|has|have|had|was|were|could|would)\s+"
    r"(?P<src>[^,.;]{2,80}?)(?:\s+(?:either|respond|reply|comment))?\s*(?=[,.;]|$)"
)
_NEITHER_DID = re.compile(
    r"^\W*(?:Neither|Nor)\s+(?:did|has|have|had|was|were|could|would)\s+"
    r"(?:[^,.;]{2,80}?,\s*(?P<named>[A-Z][^,.;]{1,60}?)|(?P<src>[^,.;]{2,80}?))\s*[.!]?\s*$"
)


def _find_parties(sentence: str) -> list[tuple[str, int]]:
    listed = _NOT_ANSWERED_BY.search(sentence)
    if listed:
        names = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", listed.group("list"))
        out = []
        for name in names:
            name = name.strip()
            if name:
                out.append((name, sentence.index(name, listed.start("list"))))
        return out
    unreachable = _UNREACHABLE.search(sentence)
    if unreachable:
        # "the airline's shareholder, Vessan Holdings, ..."
        return [_named(unreachable, "src" if unreachable.group("src") else "src2")]
    unanswered = _WENT_UNANSWERED.search(sentence)
    if unanswered:
        return [(unanswered.group("src"), unanswered.start("src"))]
    declined = _REQUESTS_DECLINED.search(sentence)
    if declined:
        return [_named(declined)]
    no_one = _NO_ONE_ANSWERED.search(sentence)
    if no_one:
        group = "src" if no_one.group("src") else "src2"
        return [(no_one.group(group), no_one.start(group))]
    spoken_for = _SPOKEN_FOR.search(sentence)
    if spoken_for:
        return [_spoken_for(spoken_for)]
    subject = _SUBJECT_DECLINED.search(sentence)
    if subject and (subject.group("name") or subject.group("desc")):
        group = "name" if subject.group("name") else "desc"
        return [(subject.group(group), subject.start(group))]
    if subject and not _NOT_A_PARTY.search(subject.group("src")):
        return [_named(subject)]
    neither = _NEITHER_NOR.search(sentence)
    if neither:
        return [(neither.group(g), neither.start(g)) for g in ("first", "second")]
    parties: list[tuple[str, int]] = []
    taken_until = -1
    starts = [0, *(m.end() for m in re.finditer(r"[,;]\s*", sentence))]
    for start in starts:
        if start < taken_until:
            continue
        for pattern in (
            _NON_RESPONSE,
            _DECLINED_ES_FR,
            _NO_COMMENT,
            _REFUSED_OTHERWISE,
            _DECLINED_TO_CONFIRM,
        ):
            found = pattern.match(sentence, start)
            if found is None or _NOT_A_PARTY.search(found.group("src")):
                continue
            if _NOT_A_RESPONDENT.search(found.group("src").strip()):
                continue
            if _LEFT_UNSAID.match(sentence, found.start("src") + len(found.group("src"))):
                continue  # "The report did not say which candidate had benefited"
            clause_end = sentence.find(",", found.end())
            rest = sentence[found.end() : clause_end if clause_end >= 0 else len(sentence)]
            if _NOT_A_REQUEST.search(rest):
                continue
            taken_until = found.end()
            several = _listed_parties(sentence, found)
            if several:
                # "..., but the police and ... did not": a clause before, not a party
                head = _list_head(sentence, start) if found.start("src") == start else []
                parties += head + several
                break
            parties.append(_named(found))  # "Its chief executive, Ines Marlow, did not ..."
            break
    return parties


_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_TRAILING_RELATIVE = re.compile(r",\s*(?:whose|which|who|where)\b.*$")


def _listed_parties(sentence: str, found: re.Match[str]) -> list[tuple[str, int]]:
    """Several parties in one subject, one each: "The governor, the police chief and the
    railway company, whose line ..., did not respond"; "Two of the players, the midfielder
    A and the goalkeeper B, have not commented" (the names in the appositive)."""
    appositive = found.groupdict().get("appositive")
    end = found.end("appositive") if appositive else found.end("src")
    start = found.start("src")
    phrase = _TRAILING_RELATIVE.sub("", sentence[start:end])
    if appositive:
        named = _items(phrase[found.end("src") - start :].lstrip(", "))
        if (
            len(named) >= 2
            and all(re.search(r"\b[A-Z]", n) for n in named)
            and not re.search(r"\b(?:and|or)\b", found.group("src"))
        ):
            return [(n, sentence.index(n, found.end("src"))) for n in named]
    if _SPOKESPEOPLE.match(phrase):
        return []  # "spokespeople for A and B": find_non_responses splits the rest
    items = _items(phrase)
    if len(items) < 2 or any(len(i.split()) > 7 for i in items):
        return []
    return [(i, sentence.index(i, start)) for i in items]


# words that open a phrase before a list of parties without being one ("On Monday, ...")
_NOT_A_LIST_HEAD = re.compile(
    r"(?:on|in|at|after|before|since|during|by|for|with|when|while|asked|meanwhile|however|"
    r"but|and|also|separately|later|earlier|then|still|yet|so|as|although|though)\b",
    re.I,
)


def _list_head(sentence: str, start: int) -> list[tuple[str, int]]:
    """The parties before the comma a list was found after: "The defence ministry, the
    presidential office and the air force did not answer" names three."""
    head: list[tuple[str, int]] = []
    end = start
    for comma in reversed([m for m in re.finditer(r",\s*", sentence[:start])]):
        if comma.end() != end:
            break
        opening = sentence.rfind(",", 0, comma.start()) + 1
        item = sentence[opening : comma.start()].strip()
        if (
            not item
            or len(item.split()) > 7
            or _NOT_A_LIST_HEAD.match(item)
            or _NOT_A_PARTY.search(item)
            or not re.match(r"(?:the|its|his|her|their|[A-Z])", item)
        ):
            break
        head.insert(0, (item, sentence.index(item, opening)))
        end = opening + (len(sentence[opening:]) - len(sentence[opening:].lstrip()))
    return head if head and head[0][1] == _first_word(sentence) else []


def _first_word(sentence: str) -> int:
    return len(sentence) - len(sentence.lstrip(" \"'\u201c"))


def _items(phrase: str) -> list[str]:
    if not re.search(r"\s(?:and|or)\s", phrase):
        return []
    return [p.strip() for p in _LIST_SEPARATOR.split(phrase) if p.strip()]
