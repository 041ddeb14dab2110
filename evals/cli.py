"""``fairbrief eval ...``: run, compare, gate, faithfulness, check gold files."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from evals.compare import (
    below_thresholds,
    check_gate,
    compare_runs,
    gate_key,
    load_run,
    parse_thresholds,
)
from evals.gold import GoldFormatError, load_gold
from evals.runner import DEFAULT_DATASETS_DIR, ENGINES, RunConfig, run_eval

_datasets_dir = click.option(
    "--datasets-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATASETS_DIR,
    show_default=True,
    help="where the public corpora (PolNeAR, FRANK, QAGS) are",
)


@click.group("eval")
def eval_group() -> None:
    """Score engines against gold annotations (gold-format v1) and real corpora."""


@eval_group.command("run")
@click.option("--dataset", required=True, help="a gold JSONL file, or polnear:dev / polnear:train")
@click.option("--engine", type=click.Choice(ENGINES), default="offline", show_default=True)
@click.option("--model", default=None, help="the model name, for engines that use one")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="only the first N items")
@click.option(
    "--every",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="every Nth item only (a sample across all of PolNeAR's publishers), before --limit",
)
@click.option(
    "--offset", type=click.IntRange(min=0), default=0, show_default=True, help="with --every"
)
@click.option("--concurrency", type=click.IntRange(min=1), default=4, show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="the run directory (default runs/<time>-<dataset>-<engine>)",
)
@_datasets_dir
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite response cache (default ~/.cache/fairbrief/evals.sqlite)",
)
@click.option("--no-cache", is_flag=True, help="run every item afresh")
@click.option(
    "--recording",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="score recorded Results (a JSONL of item_id + result, e.g. a run's items.jsonl) instead of running an engine",
)
def run_command(
    dataset: str,
    engine: str,
    model: str | None,
    limit: int | None,
    every: int,
    offset: int,
    concurrency: int,
    out: Path | None,
    datasets_dir: Path,
    cache_path: Path | None,
    no_cache: bool,
    recording: Path | None,
) -> None:
    """Run an engine over a data set through the service's pipeline; write log, summary, report."""
    config = RunConfig(
        dataset=dataset,
        engine=engine,
        model=model,
        limit=limit,
        every=every,
        offset=offset,
        concurrency=concurrency,
        out=out,
        datasets_dir=datasets_dir,
    )
    config.recording = recording
    if no_cache or recording:
        config.cache_path = None
    elif cache_path is not None:
        config.cache_path = cache_path
    try:
        run_dir = asyncio.run(run_eval(config))
    except (GoldFormatError, FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    metrics = summary["metrics"]
    click.echo(f"run: {run_dir}")
    click.echo(
        f"{summary['items']} items, {summary['failed']} failed, {summary['cached']} cached, "
        f"{summary['engine_calls']} engine calls, {summary['wall_seconds']} s"
    )
    for name in (
        "attributed_claim_f1",
        "claim_span_f1",
        "content_overlap_f1",
        "attribution_accuracy",
        "non_response_recall",
        "conflict_recall",
        "conflict_precision",
        "key_point_coverage",
        "neutrality_violations",
        "boilerplate_leaks",
    ):
        click.echo(f"  {name:<24} {metrics.get(name)}")
    click.echo(f"report: {run_dir / 'report.html'}")


@eval_group.command("compare")
@click.argument("run_a", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("run_b", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--fail-under", multiple=True, help="METRIC=VALUE: exit 1 when RUN_B is below it (repeatable)"
)
@click.option(
    "--fail-on-regression",
    is_flag=True,
    help="exit 1 when a headline metric of RUN_B is worse than RUN_A's",
)
@click.option("--tolerance", type=float, default=0.0, show_default=True)
def compare_command(
    run_a: Path,
    run_b: Path,
    fail_under: tuple[str, ...],
    fail_on_regression: bool,
    tolerance: float,
) -> None:
    """What changed from RUN_A to RUN_B, overall and per item."""
    a, b = load_run(run_a), load_run(run_b)
    comparison = compare_runs(a, b, tolerance)
    click.echo(comparison.render())
    try:
        failures = below_thresholds(b, parse_thresholds(list(fail_under)))
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    if fail_on_regression:
        failures += comparison.regressions
    for failure in failures:
        click.echo(f"FAIL {failure}", err=True)
    if failures:
        sys.exit(1)


@eval_group.command("gate")
@click.argument(
    "runs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("evals/baseline.json"),
    show_default=True,
)
def gate_command(runs: tuple[Path, ...], baseline: Path) -> None:
    """Exit 1 when a run falls below the committed baseline (which this never writes)."""
    failures = []
    for path in runs:
        run = load_run(path)
        found = check_gate(run, baseline)
        failures += found
        status = "FAIL" if found else "ok"
        click.echo(
            f"{status} {gate_key(run)} attributed_claim_f1={run.metrics.get('attributed_claim_f1')}"
        )
    for failure in failures:
        click.echo(f"FAIL {failure}", err=True)
    if failures:
        sys.exit(1)


@eval_group.command("faithfulness")
@_datasets_dir
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="write the full results as JSON",
)
def faithfulness_command(datasets_dir: Path, out: Path | None) -> None:
    """Balanced accuracy of verify's summary checks on FRANK (test) and QAGS."""
    from evals.faithfulness import evaluate

    result = evaluate(datasets_dir)
    rule = result["rule"]
    click.echo(f"rule chosen on FRANK validation: {rule['checks']} >= {rule['threshold']}")
    for block in ("frank_test", "qags"):
        for corpus, values in result[block].items():
            click.echo(
                f"  {block:<11}{corpus:<13}balanced accuracy {values['balanced_accuracy']:.4f} (n={values['n']})"
            )
    click.echo(f"note: {result['note']}")
    if out:
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


@eval_group.command("train-cues")
@_datasets_dir
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="a corpus in PolNeAR's layout (text/, attributions/); default: PolNeAR train",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="only the first N articles")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="the model file"
)
def train_cues_command(
    datasets_dir: Path, corpus: Path | None, limit: int | None, out: Path
) -> None:
    """Fit the offline engine's cue model; use it with FAIRBRIEF_CUE_MODEL=<out>."""
    from tqdm import tqdm

    from evals.polnear import polnear_dir
    from evals.train_cues import train

    root = corpus or polnear_dir(datasets_dir) / "train"
    held_out = {(polnear_dir(datasets_dir) / split).resolve() for split in ("dev", "test")}
    if root.resolve() in held_out:
        raise click.ClickException(f"{root} is an evaluation split: train on train only")
    if not root.is_dir():
        raise click.ClickException(f"no corpus at {root} (set --datasets-dir or --corpus)")
    try:
        with tqdm(desc="articles", unit="article", disable=not sys.stderr.isatty()) as bar:
            model, examples = train(root, limit=limit, tick=bar.update)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    model.save(out)
    positives = sum(examples.labels)
    click.echo(
        f"{examples.articles} articles, {examples.attributions} attributions with a cue, "
        f"{len(examples.labels)} candidate pairs of which {positives} positive"
    )
    click.echo(f"wrote {out} (cue model {model.digest}); use it with FAIRBRIEF_CUE_MODEL={out}")


@eval_group.command("check-gold")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def check_gold_command(files: tuple[str, ...]) -> None:
    """Check gold files against gold-format v1."""
    failed = False
    for name in files:
        try:
            items = load_gold(name)
        except GoldFormatError as error:
            click.echo(str(error), err=True)
            failed = True
            continue
        click.echo(
            f"{name}: {len(items)} items, {sum(len(i.gold.claims) for i in items)} claims: OK"
        )
    if failed:
        sys.exit(1)
