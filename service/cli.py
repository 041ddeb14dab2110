"""The ``fairbrief`` command: ``serve`` and ``summarize``, thin over the pipeline."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import click

from service.api.auth import SCOPES, new_key
from service.domain import Result, SummaryOptions
from service.errors import FairbriefError, NotUTF8Error
from service.logs import configure_logging
from service.metrics import MULTIPROCESS_ENV
from service.pipeline.summarizer import ArticleRequest, Summarizer
from service.settings import get_settings


@click.group()
@click.version_option(package_name="fairbrief")
def main() -> None:
    """Neutral, source-attributed summaries of news articles."""


@main.command()
@click.option("--host", default=None, help="address to bind (default: settings, 127.0.0.1)")
@click.option("--port", default=None, type=int, help="port (default: settings, 8000)")
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="processes sharing the port (default: settings, 1)",
)
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Run the HTTP service."""
    import uvicorn

    from service.api.app import create_app, freeze_start_up_objects

    try:
        settings = get_settings()
        if workers is not None:
            settings = settings.model_copy(update={"workers": workers})
        configure_logging(settings.log_level, settings.log_format)
        problem = settings.workers_problem()
        if problem:
            raise ValueError(problem)
        app = create_app(settings)  # built here in any case: a configuration error stops us now
    except ValueError as error:  # a configuration error (pydantic's included), said plainly
        raise click.ClickException(f"configuration: {error}") from error
    options = {
        "host": host or settings.host,
        "port": settings.port if port is None else port,
        "log_level": settings.log_level.lower(),
        "log_config": None,  # keep the JSON logging configured above
        "access_log": False,  # the app logs each request itself, without bodies
        "timeout_graceful_shutdown": int(settings.request_deadline_seconds),
    }
    if settings.workers == 1:
        freeze_start_up_objects()
        uvicorn.run(app, **options)  # type: ignore[arg-type]
        return
    del app
    # Several processes: uvicorn binds the port here and starts each worker afresh, which
    # builds its app from the same environment (service.api.app:worker_app). Their metrics
    # go to files in one directory that /metrics reads whole (prometheus_client's
    # multiprocess mode); the directory must be empty at start.
    with _metrics_directory():
        uvicorn.run(
            "service.api.app:worker_app",
            factory=True,
            workers=settings.workers,
            **options,  # type: ignore[arg-type]
        )


@contextlib.contextmanager
def _metrics_directory() -> Iterator[None]:
    """PROMETHEUS_MULTIPROC_DIR for the workers: the one given, emptied of an earlier run's
    files, or a new temporary directory removed at the end."""
    given = os.environ.get(MULTIPROCESS_ENV)
    if given:
        for stale in Path(given).glob("*.db"):
            stale.unlink()
        yield
        return
    with tempfile.TemporaryDirectory(prefix="fairbrief-metrics-") as made:
        os.environ[MULTIPROCESS_ENV] = made
        try:
            yield
        finally:
            del os.environ[MULTIPROCESS_ENV]


@main.command()
def worker() -> None:
    """Run batch-job workers over Redis (FAIRBRIEF_JOB_QUEUE=arq): as many processes, on as
    many machines, as the work needs; each runs FAIRBRIEF_BATCH_WORKERS items at a time."""
    try:
        settings = get_settings()
    except ValueError as error:
        raise click.ClickException(f"configuration: {error}") from error
    if settings.redis_url is None or settings.job_queue != "arq":
        raise click.ClickException(
            "a worker takes batch jobs from Redis: set FAIRBRIEF_REDIS_URL and "
            "FAIRBRIEF_JOB_QUEUE=arq (for the service too). With the local queue "
            "(the default) `fairbrief serve` runs its own workers and needs none."
        )
    from redis.exceptions import RedisError

    from service.jobs.worker import build_worker

    configure_logging(settings.log_level, settings.log_format)
    try:
        runner = build_worker(settings)
    except ValueError as error:
        raise click.ClickException(f"configuration: {error}") from error
    try:
        runner.run()
    except RedisError as error:  # unreachable at start (arq tried a few times), or lost
        raise click.ClickException(f"Redis: {type(error).__name__}: {error}") from error


@main.command()
def engine() -> None:
    """Say which engine answers by default, and how the LLM is configured (no secrets)."""
    settings = get_settings()
    click.echo(f"default engine: {settings.active_engine()}")
    click.echo(f"offline only: {settings.offline_only}")
    if settings.cue_model is None:
        click.echo("offline cue model: none (rules only)")
    else:
        from service.backends.offline.learned import CueModel

        try:
            model = CueModel.load(settings.cue_model)
        except ValueError as error:
            raise click.ClickException(f"configuration: {error}") from error
        click.echo(f"offline cue model: {model.digest}, from {settings.cue_model}")
    configured = settings.openai_api_key is not None or settings.openai_base_url is not None
    click.echo(f"llm configured: {configured and not settings.offline_only}")
    if configured:
        click.echo(f"llm model: {settings.llm_model}")
        click.echo(
            f"llm server: {settings.openai_base_url or 'https://api.openai.com/v1 (the SDK default)'}"
        )
        click.echo(f"llm output mode: {settings.llm_output_mode}")


@main.command()
@click.argument("source", type=str)
@click.option("--format", "output", type=click.Choice(["json", "text"]), default="text")
@click.option(
    "--input",
    "input_format",
    type=click.Choice(["auto", "text", "html"]),
    default="auto",
    help="auto: HTML when the file name ends in .htm(l) or the content starts with '<'",
)
@click.option("--title", default=None)
@click.option("--sentences", default=3, show_default=True, type=click.IntRange(1, 10))
@click.option(
    "--engine",
    type=click.Choice(["offline", "llm"]),
    default=None,
    help="default: the LLM when OPENAI_API_KEY is set, else offline",
)
@click.option(
    "--cache/--no-cache", default=False, show_default=True, help="use the service's result cache"
)
def summarize(
    source: str,
    output: str,
    input_format: str,
    title: str | None,
    sentences: int,
    engine: str | None,
    cache: bool,
) -> None:
    """Summarise the article in SOURCE: a file, - for standard input, or an http(s) URL."""
    is_url = source.startswith(("http://", "https://"))
    if not is_url and source != "-" and not Path(source).is_file():
        raise click.BadParameter(
            f"{source} does not exist or is not a file (give a file, - or an http(s) URL)",
            param_hint="SOURCE",
        )
    try:
        settings = get_settings()
        if not cache:
            settings = settings.model_copy(update={"cache_enabled": False})
        summarizer = Summarizer(settings)  # builds the engines: a bad cue model stops here
    except ValueError as error:  # a configuration error (pydantic's included), said plainly
        raise click.ClickException(f"configuration: {error}") from error
    options = SummaryOptions(summary_sentences=sentences)
    try:
        if is_url:
            request = ArticleRequest(url=source, title=title, engine=engine, options=options)
        else:
            content = _read(source)
            if _input_format(source, content, input_format) == "html":
                request = ArticleRequest(html=content, title=title, engine=engine, options=options)
            else:
                request = ArticleRequest(text=content, title=title, engine=engine, options=options)
        result = asyncio.run(_summarize(summarizer, request))
    except FairbriefError as error:
        raise click.ClickException(error.message) from error
    if output == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        click.echo(render_text(result))


async def _summarize(summarizer: Summarizer, request: ArticleRequest) -> Result:
    try:
        return await summarizer.summarize(request)
    finally:
        await summarizer.aclose()


@main.group()
def keys() -> None:
    """API keys for the HTTP service."""


@keys.command("new")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(SCOPES),
    help="default: summaries, batches",
)
def new_api_key(name: str, scopes: tuple[str, ...]) -> None:
    """Make a key: the key itself (give it to the client, once) and its settings entry
    (add it to FAIRBRIEF_API_KEYS; only the digest is stored)."""
    key, entry = new_key(name, scopes)
    click.echo(f"key:   {key}")
    click.echo(f"entry: {entry}")


def _read(source: str) -> str:
    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        return data.decode("utf-8-sig")  # a file saved with a byte-order mark is UTF-8 too
    except UnicodeDecodeError as error:
        raise NotUTF8Error(f"{source} is not UTF-8 text (byte {error.start})") from error


def _input_format(source: str, content: str, requested: str) -> str:
    if requested != "auto":
        return requested
    if source.lower().endswith((".html", ".htm")) or content.lstrip()[:1] == "<":
        return "html"
    return "text"


def render_text(result: Result) -> str:
    """The Result for a person: summary, then claims grouped by source, then the rest."""
    wrap = textwrap.TextWrapper(width=88, subsequent_indent="    ")
    lines = ["SUMMARY", *textwrap.wrap(result.summary.text or "(none)", 88), ""]
    by_source: dict[str, list[str]] = defaultdict(list)
    for claim in result.claims:
        mark = "" if claim.verified else " [unverified]"
        stance = "" if claim.stance == "asserts" else f" ({claim.stance})"
        by_source[f"{claim.source.name} [{claim.source.type}]"].append(
            f"  - \u201c{claim.evidence.text}\u201d{stance}{mark}  ({', '.join(claim.sentence_ids)})"
        )
    lines.append(f"CLAIMS ({len(result.claims)})")
    for source, items in by_source.items():
        lines.append(source)
        lines.extend(wrap.fill(item) for item in items)
    if result.non_responses:
        lines += ["", "NO RESPONSE"]
        lines += [
            f"  - {n.source.name}: \u201c{n.evidence.text}\u201d" for n in result.non_responses
        ]
    if result.conflicts:
        names = {c.id: c.source.name for c in result.claims}
        lines += ["", "CONFLICTS"]
        for conflict in result.conflicts:
            who = " vs ".join(names.get(i, i) for i in conflict.claim_ids)
            lines.append(f"  - {conflict.about}: {who}")
    if result.warnings:
        lines += ["", f"WARNINGS ({len(result.warnings)})"]
        lines += [wrap.fill(f"  - {w.code}: {w.message}") for w in result.warnings]
    meta = result.meta
    lines += ["", f"engine {meta.engine} {meta.engine_version}, {meta.timings_ms['total']:.1f} ms"]
    return "\n".join(lines)


def _add_eval_commands() -> None:
    from evals.cli import eval_group

    main.add_command(eval_group)


_add_eval_commands()

if __name__ == "__main__":
    main()
