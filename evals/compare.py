"""Comparing runs, and gating on thresholds or on a committed baseline.

``compare_runs`` shows what changed between two runs, overall and per item (paired on
item ids). ``check_gate`` checks a run against the baseline file committed in the
repository; nothing here ever writes that file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# metrics where higher is better; the rest listed in LOWER_IS_BETTER
HEADLINE = [
    "attributed_claim_f1",
    "claim_span_f1",
    "content_overlap_f1",
    "attribution_accuracy",
    "grounding_rate",
    "non_response_recall",
    "non_response_precision",
    "conflict_recall",
    "conflict_precision",
    "key_point_coverage",
]
LOWER_IS_BETTER = ["neutrality_violations", "numbers_not_in_text", "boilerplate_leaks"]


@dataclass
class Run:
    path: Path
    summary: dict[str, Any]
    items: dict[str, dict[str, Any]]

    @property
    def metrics(self) -> dict[str, Any]:
        return dict(self.summary["metrics"])


def load_run(path: str | Path) -> Run:
    path = Path(path)
    summary = json.loads((path / "summary.json").read_text(encoding="utf-8"))
    items = {}
    with (path / "items.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            items[record["item_id"]] = record
    return Run(path, summary, items)


def item_f1(record: dict[str, Any]) -> float | None:
    score = record.get("score")
    if not score:
        return None
    predicted, gold, matched = (
        score["predicted_claims"],
        score["gold_claims"],
        score["attributed_matched"],
    )
    if predicted + gold == 0:
        return 1.0
    return 2 * matched / (predicted + gold)


@dataclass
class Comparison:
    rows: list[tuple[str, Any, Any]] = field(default_factory=list)
    items: list[tuple[str, float | None, float | None]] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"{'metric':<28}{'A':>10}{'B':>10}{'change':>10}"]
        for name, a, b in self.rows:
            change = (
                f"{b - a:+.4f}" if isinstance(a, int | float) and isinstance(b, int | float) else ""
            )
            lines.append(f"{name:<28}{_fmt(a):>10}{_fmt(b):>10}{change:>10}")
        changed = [(i, a, b) for i, a, b in self.items if a != b]
        better = sum(1 for _, a, b in changed if (a or 0) < (b or 0))
        lines.append("")
        lines.append(
            f"per item (attributed-claim F1, paired on {len(self.items)} items): "
            f"{better} better, {len(changed) - better} worse, {len(self.items) - len(changed)} unchanged"
        )
        for item_id, a, b in sorted(changed, key=lambda x: (x[2] or 0) - (x[1] or 0))[:20]:
            lines.append(f"  {item_id:<50}{_fmt(a):>8} -> {_fmt(b):<8}")
        if self.regressions:
            lines.append("")
            lines += [f"REGRESSION {r}" for r in self.regressions]
        return "\n".join(lines)


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def compare_runs(a: Run, b: Run, tolerance: float = 0.0) -> Comparison:
    comparison = Comparison()
    for name in HEADLINE + LOWER_IS_BETTER:
        old, new = a.metrics.get(name), b.metrics.get(name)
        comparison.rows.append((name, old, new))
        if old is None or new is None:
            continue
        worse = new < old - tolerance if name in HEADLINE else new > old + tolerance
        if worse:
            comparison.regressions.append(f"{name}: {_fmt(old)} -> {_fmt(new)}")
    for item_id in sorted(set(a.items) & set(b.items)):
        comparison.items.append((item_id, item_f1(a.items[item_id]), item_f1(b.items[item_id])))
    return comparison


def parse_thresholds(values: list[str]) -> dict[str, float]:
    thresholds = {}
    for value in values:
        name, _, number = value.partition("=")
        if not name or not number:
            raise ValueError(f"--fail-under takes METRIC=VALUE, got {value!r}")
        thresholds[name.strip()] = float(number)
    return thresholds


def below_thresholds(run: Run, thresholds: dict[str, float]) -> list[str]:
    failures = []
    for name, minimum in thresholds.items():
        value = run.metrics.get(name)
        if value is None:
            failures.append(f"{name}: not measured in {run.path}")
        elif value < minimum:
            failures.append(f"{name}: {_fmt(value)} < {minimum}")
    return failures


def gate_key(run: Run) -> str:
    """The baseline entry for a run: dataset and engine, and '+cues' for the offline
    engine with a cue model, which is gated on numbers of its own."""
    key = f"{run.summary['dataset']}/{run.summary['engine']}"
    if "+cues." in str(run.summary.get("engine_version", "")):
        key += "+cues"
    return key


def check_gate(run: Run, baseline_path: Path) -> list[str]:
    """Failures of ``run`` against the committed baseline for its dataset and engine."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    key = gate_key(run)
    entry = baseline.get("runs", {}).get(key)
    if entry is None:
        return [f"no baseline for {key} in {baseline_path}"]
    tolerance = float(baseline.get("tolerance", 0.0))
    failures = []
    if run.summary.get("failed"):
        failures.append(f"{key}: {run.summary['failed']} items failed")
    for name, value in entry.get("min", {}).items():
        measured = run.metrics.get(name)
        if measured is None or measured < value - tolerance:
            failures.append(
                f"{key}: {name} {_fmt(measured)} is below the baseline {value} (tolerance {tolerance})"
            )
    for name, value in entry.get("max", {}).items():
        measured = run.metrics.get(name)
        if measured is None or measured > value:
            failures.append(f"{key}: {name} {_fmt(measured)} is above the baseline {value}")
    return failures
