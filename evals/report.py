"""The run report a person reads: one self-contained HTML page (no scripts, no network).

Overall table, bar charts of the headline rates and of per-item attributed-claim F1, the
thresholds, and per item the article with predicted evidence highlighted by source,
missed gold claims underlined and false positives struck through.
"""

from __future__ import annotations

import hashlib
import html
import itertools
from pathlib import Path
from typing import Any

from evals.compare import item_f1
from evals.gold import GoldItem

_RATES = [
    ("attributed_claim_f1", "attributed-claim F1 (headline)"),
    ("claim_span_f1", "claim span F1"),
    ("content_overlap_f1", "content overlap F1 (words)"),
    ("attribution_accuracy", "attribution accuracy"),
    ("grounding_rate", "grounding rate"),
    ("non_response_recall", "non-response recall"),
    ("non_response_precision", "non-response precision"),
    ("conflict_recall", "conflict recall"),
    ("conflict_precision", "conflict precision (a lower bound)"),
    ("key_point_coverage", "key-point coverage"),
]
_COUNTS = [
    ("neutrality_violations", "neutrality violations"),
    ("numbers_not_in_text", "summary numbers not in the text"),
    ("boilerplate_leaks", "boilerplate leaks"),
    ("summary_words_mean", "summary length (words, mean)"),
]
_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222;padding:0 1rem}
h1{font-size:1.5rem} h2{margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse} td,th{padding:.25rem .75rem;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555} details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.5rem 1rem}
summary{cursor:pointer;font-weight:600} .article{white-space:pre-wrap;background:#fafafa;padding:1rem;border-radius:4px}
mark{border-radius:3px;padding:0 1px} .miss{text-decoration:underline wavy #c00;text-decoration-thickness:2px}
.fp{background:#fdd;text-decoration:line-through #c00} .legend span{margin-right:1rem}
.bad{color:#b00} .ok{color:#070} ul.small{font-size:.9em}
"""


def _pct(value: object) -> str:
    return (
        "n/a"
        if value is None
        else f"{float(value):.3f}"
        if isinstance(value, float)
        else str(value)
    )


def _color(name: str) -> str:
    hue = int(hashlib.md5(name.casefold().encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue},70%,82%)"


def _bars(rows: list[tuple[str, float | None]], width: int = 420, label_width: int = 330) -> str:
    height = 22 * len(rows) + 10
    parts = [f'<svg width="{label_width + width + 70}" height="{height}" role="img">']
    for index, (label, value) in enumerate(rows):
        y = 5 + index * 22
        length = 0 if value is None else max(0.0, min(1.0, value)) * width
        short = label if len(label) <= 44 else label[:43] + "\u2026"
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="13"><title>{html.escape(label)}</title>{html.escape(short)}</text>'
        )
        parts.append(f'<rect x="{label_width}" y="{y}" width="{width}" height="16" fill="#eee"/>')
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="16" fill="#4a7fb5"/>'
        )
        parts.append(
            f'<text x="{label_width + width + 6}" y="{y + 13}" font-size="13">{_pct(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _highlight(text: str, result: dict[str, Any], score: dict[str, Any], item: GoldItem) -> str:
    """The text with predicted spans (by source), false positives and gold misses marked."""
    marks: list[tuple[int, int, str, str]] = []  # start, end, kind, label
    matched = score.get("matched_gold", {})
    for claim in result.get("claims", []):
        evidence = claim.get("evidence")
        if not evidence:
            continue
        source = (claim.get("source") or {}).get("name", "")
        kind = "match" if claim.get("id") in matched else "fp"
        marks.append((evidence["start"], evidence["end"], kind, source))
    found = set(matched.values())
    for gold in item.gold.claims:
        if gold.id not in found:
            for span in gold.spans:
                marks.append((span.start, span.end, "miss", f"missed: {gold.source}"))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for start, end in itertools.pairwise(cuts):
        piece = html.escape(text[start:end])
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        for _, _, kind, label in covering:
            title = html.escape(label, quote=True)
            if kind == "match":
                piece = f'<mark style="background:{_color(label)}" title="{title}">{piece}</mark>'
            elif kind == "fp":
                piece = f'<span class="fp" title="false positive: {title}">{piece}</span>'
            else:
                piece = f'<span class="miss" title="{title}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def write_report(
    path: Path, summary: dict[str, Any], records: list[dict[str, Any]], items: dict[str, GoldItem]
) -> None:
    metrics = summary["metrics"]
    esc = html.escape
    head = (
        f"<h1>fairbrief eval: {esc(summary['dataset'])} with {esc(summary['engine'])} "
        f"{esc(summary['engine_version'])}</h1>"
        f"<p class=meta>model {esc(str(summary['model']))} · commit {esc(summary['git_commit'])} · "
        f"{esc(summary['started'])} · {summary['items']} items, {summary['failed']} failed, "
        f"{summary['cached']} from cache · {summary['wall_seconds']} s · latency p50 "
        f"{summary['latency_ms']['p50']} ms · {summary['tokens']} tokens</p>"
    )
    table = ["<table><tr><th>metric</th><th>value</th></tr>"]
    for key, label in _RATES + _COUNTS:
        table.append(f"<tr><td>{esc(label)}</td><td class=n>{_pct(metrics.get(key))}</td></tr>")
    table.append("</table>")
    per_item = sorted(
        ((r["item_id"], item_f1(r)) for r in records if r["score"]),
        key=lambda x: x[1] or 0,
    )
    thresholds = "".join(
        f"<li>{esc(k)}: {esc(str(v))}</li>" for k, v in summary["thresholds"].items()
    )
    rules = "".join(f"<li>{esc(r)}</li>" for r in summary.get("conversion_rules") or [])
    body = [
        head,
        "<h2>Overall</h2>",
        "".join(table),
        "<h2>Headline rates</h2>",
        _bars([(label, metrics.get(key)) for key, label in _RATES]),
        "<h2>Attributed-claim F1 per item (worst first)</h2>",
        _bars(per_item[:60]),
        f"<h2>Matching thresholds</h2><ul>{thresholds}</ul>",
        f"<h2>Conversion rules</h2><ul>{rules}</ul>" if rules else "",
        "<h2>Items</h2>",
        '<p class="legend"><mark style="background:#cde">matched evidence (colour = source)</mark>'
        '<span class="fp">false positive</span><span class="miss">missed gold claim</span></p>',
    ]
    for record in records:
        item = items[record["item_id"]]
        if record["status"] != "ok":
            body.append(
                f"<details open><summary class=bad>{esc(item.id)}: failed</summary>"
                f"<p>{esc(record['reason'] or '')}</p></details>"
            )
            continue
        score, result = record["score"], record["result"]
        f1 = item_f1(record)
        lists = [
            ("missed gold claims", score["misses"]),
            ("false positives", score["false_positives"]),
            ("wrong sources", score["wrong_sources"]),
            ("notes", score["notes"]),
        ]
        detail = "".join(
            f"<p><b>{esc(title)}</b></p><ul class=small>{''.join(f'<li>{esc(x)}</li>' for x in values)}</ul>"
            for title, values in lists
            if values
        )
        body.append(
            f"<details><summary>{esc(item.id)} · attributed F1 {_pct(f1)} · "
            f"{score['attributed_matched']}/{score['gold_claims']} gold, {score['predicted_claims']} predicted"
            f"</summary><p><b>Summary:</b> {esc(result['summary']['text'])}</p>{detail}"
            f"<div class=article>{_highlight(result['article']['text'], result, score, item)}</div></details>"
        )
    page = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>fairbrief eval "
        f"{esc(summary['dataset'])}</title><style>{_STYLE}</style></head><body>{''.join(body)}</body></html>"
    )
    path.write_text(page, encoding="utf-8")
