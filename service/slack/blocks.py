"""A Result as a Slack message in Block Kit, readable at a glance and within Slack's limits.

The message, top to bottom: a header; the neutral summary; a line of counts; the claims
grouped by source, each with its short evidence quote (and its stance when it is not a
plain assertion; unverified claims marked); a "more" note when not every claim fits;
conflicts; non-responses; warnings (the count and the first few); and a context line
naming the engine, its version, the model and whether the Result came from the cache.

Limits kept (Slack refuses a message that breaks one, so a long article must never fail):

- at most ``MAX_BLOCKS`` (50) blocks in a message;
- section text at most ``MAX_SECTION_CHARS`` (3000) characters, header text at most
  ``MAX_HEADER_CHARS`` (150), at most ``MAX_CONTEXT_ELEMENTS`` (10) context elements;
- at most ``MAX_MESSAGE_CHARS`` characters of text over all blocks: Slack documents no such
  total, but refuses long messages (``msg_blocks_too_long``) from about 13,000 characters.

Claims are shown in article order until a limit is reached; the rest are counted in one
note ("n more claims not shown — full result: use the API"). Everything taken from the
article (quotes, names, the summary) is escaped, so article text cannot format the message
or mention ``@channel``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from service.domain import Claim, Result

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_MESSAGE_CHARS = 10_000
MAX_FALLBACK_CHARS = 300
QUOTE_CHARS = 300
SHOWN_CONFLICTS = 5
SHOWN_NON_RESPONSES = 5
SHOWN_WARNINGS = 3
ELLIPSIS = "\u2026"

Block = dict[str, Any]
Message = dict[str, Any]


def escape(text: str) -> str:
    """Slack's three control characters, escaped as Slack asks (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit(text: str, limit: int, *, escaped: bool = True) -> str:
    """``text`` (escaped for mrkdwn unless ``escaped`` is false) in at most ``limit``
    characters, cut at a word where possible and ended with an ellipsis when cut."""
    text = " ".join(text.split())
    render: Callable[[str], str] = escape if escaped else str
    if len(render(text)) <= limit:
        return render(text)
    keep = limit - 1
    while keep > 0:
        cut = text[:keep]
        if " " in cut[keep // 2 :]:
            cut = cut[: cut.rindex(" ")]
        out = render(cut.rstrip(" ,;:")) + ELLIPSIS
        if len(out) <= limit:
            return out
        keep -= max(1, len(out) - limit)
    return ELLIPSIS


def render_result(result: Result, *, origin: str | None = None) -> Message:
    """``{"text": fallback, "blocks": [...]}``: the Result as one Slack message.

    ``origin`` is the article's URL when it was fetched (shown as a link under the header).
    """
    title = result.article.title or _host(origin) or "pasted article"
    head = [_header(f"Brief: {title}"), *_origin(origin), _summary(result), _counts(result)]
    tail = [*_conflicts(result), *_non_responses(result), *_warnings(result), _context(result)]
    room_blocks = MAX_BLOCKS - len(head) - len(tail) - 2  # a divider and the "more" note
    room_chars = MAX_MESSAGE_CHARS - _chars(head) - _chars(tail) - 200
    claim_blocks, shown = _claims(result.claims, room_blocks, room_chars)
    blocks = [*head, {"type": "divider"}, *claim_blocks]
    if shown < len(result.claims):
        blocks.append(_more(len(result.claims) - shown))
    blocks.extend(tail)
    fallback = f"Brief: {title}: {result.summary.text or 'no summary'}"
    return {"text": fit(fallback, MAX_FALLBACK_CHARS), "blocks": blocks}


def group_claims(claims: Iterable[Claim]) -> list[list[Claim]]:
    """Claims grouped by source, in the order sources first appear. "The port authority"
    and "the port authority" are one source."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        key = (" ".join(claim.source.name.split()).casefold(), claim.source.type)
        groups.setdefault(key, []).append(claim)
    return list(groups.values())


def _claims(claims: list[Claim], room_blocks: int, room_chars: int) -> tuple[list[Block], int]:
    """Sections of claims, one or more per source, while blocks and characters last; and how
    many claims they show."""
    if not claims:
        return [_section("_No attributed claims were found in the article._")], 0
    blocks: list[Block] = []
    shown = used = 0
    for group in group_claims(claims):
        label = _source_label(group[0])
        lines: list[str] = []
        for claim in group:
            line = _claim_line(claim)
            text = "\n".join([label, *lines, line])
            if len(text) > MAX_SECTION_CHARS:  # the source goes on in a new section
                blocks.append(_section("\n".join([label, *lines])))
                used += len(blocks[-1]["text"]["text"])
                label, lines = f"{_source_label(claim)} _(continued)_", []
                text = f"{label}\n{line}"
            if len(blocks) + 1 > room_blocks or used + len(text) > room_chars:
                if lines:
                    blocks.append(_section("\n".join([label, *lines])))
                return blocks, shown
            lines.append(line)
            shown += 1
        blocks.append(_section("\n".join([label, *lines])))
        used += len(blocks[-1]["text"]["text"])
    return blocks, shown


def _source_label(claim: Claim) -> str:
    kind = claim.source.type.replace("_", " ")
    return f"*{fit(claim.source.name, 200)}* \u00b7 {kind}"


def _claim_line(claim: Claim) -> str:
    line = f"\u2022 \u201c{fit(claim.evidence.text, QUOTE_CHARS)}\u201d"
    if claim.stance != "asserts":
        line += f" _({claim.stance})_"
    if not claim.verified:
        line += " :warning: _unverified_"
    return line


def _header(text: str) -> Block:
    plain = fit(text, MAX_HEADER_CHARS, escaped=False)
    return {"type": "header", "text": {"type": "plain_text", "text": plain, "emoji": False}}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS]}}


def _context_block(texts: list[str]) -> Block:
    elements = [{"type": "mrkdwn", "text": t} for t in texts[:MAX_CONTEXT_ELEMENTS]]
    return {"type": "context", "elements": elements}


def _origin(origin: str | None) -> list[Block]:
    if not origin or any(c in origin for c in "<>| \n"):
        return []
    return [_context_block([f"<{escape(origin)[:2000]}|{fit(_host(origin) or origin, 200)}>"])]


def _summary(result: Result) -> Block:
    prefix = "*Summary*\n"
    if not result.summary.text.strip():
        return _section(prefix + "_No summary sentence could be verified against the article._")
    return _section(prefix + fit(result.summary.text, MAX_SECTION_CHARS - len(prefix)))


def _counts(result: Result) -> Block:
    sources = len(group_claims(result.claims))
    parts = [
        _plural(len(result.claims), "claim") + f" from {_plural(sources, 'source')}",
        _plural(len(result.conflicts), "conflict"),
        _plural(len(result.non_responses), "non-response"),
        _plural(len(result.warnings), "warning"),
    ]
    return _context_block([" \u00b7 ".join(parts)])


def _more(hidden: int) -> Block:
    what = _plural(hidden, "more claim")
    return _context_block(
        [f":information_source: {what} not shown \u2014 full result: use the API"]
    )


def _conflicts(result: Result) -> list[Block]:
    if not result.conflicts:
        return []
    names = {claim.id: claim.source.name for claim in result.claims}
    lines = [f"*:left_right_arrow: Conflicts ({len(result.conflicts)})*"]
    for conflict in result.conflicts[:SHOWN_CONFLICTS]:
        who = " vs ".join(fit(names.get(i, i), 100) for i in conflict.claim_ids)
        lines.append(f"\u2022 {fit(conflict.about, 300)}: {who}")
    lines += _and_more(len(result.conflicts) - SHOWN_CONFLICTS)
    return [_section("\n".join(lines))]


def _non_responses(result: Result) -> list[Block]:
    if not result.non_responses:
        return []
    lines = [f"*:speak_no_evil: No response ({len(result.non_responses)})*"]
    for item in result.non_responses[:SHOWN_NON_RESPONSES]:
        quote = fit(item.evidence.text, QUOTE_CHARS)
        lines.append(f"\u2022 *{fit(item.source.name, 200)}*: \u201c{quote}\u201d")
    lines += _and_more(len(result.non_responses) - SHOWN_NON_RESPONSES)
    return [_section("\n".join(lines))]


def _warnings(result: Result) -> list[Block]:
    if not result.warnings:
        return []
    lines = [f"*:warning: Warnings ({len(result.warnings)})*"]
    for warning in result.warnings[:SHOWN_WARNINGS]:
        lines.append(f"\u2022 `{fit(warning.code, 60)}` {fit(warning.message, 300)}")
    lines += _and_more(len(result.warnings) - SHOWN_WARNINGS)
    return [_section("\n".join(lines))]


def _context(result: Result) -> Block:
    meta = result.meta
    texts = [f"engine *{escape(meta.engine)}* {escape(meta.engine_version)}"]
    if meta.model:
        texts.append(f"model {escape(meta.model)}")
    if meta.prompt_version:
        texts.append(f"prompt {escape(meta.prompt_version)}")
    if meta.cached:
        texts.append("cached")
    texts.append(f"fairbrief {escape(meta.fairbrief_version)}")
    return _context_block(texts)


def _and_more(hidden: int) -> list[str]:
    return [f"_\u2026and {hidden} more (full result: use the API)_"] if hidden > 0 else []


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _host(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    return url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0] or None


def _chars(blocks: list[Block]) -> int:
    total = 0
    for block in blocks:
        if "text" in block:
            total += len(block["text"]["text"])
        total += sum(len(e["text"]) for e in block.get("elements", ()))
    return total
