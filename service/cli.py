"""The ``fairbrief`` command: ``serve`` and ``summarize``, thin over the pipeline."""

from __future__ import annotations

import asyncio
import logging
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import click

from service.backends.registry import Backends
from service.domain import Result, SummaryOptions
from service.errors import FairbriefError, NotUTF8Error
from service.pipeline.summarize import ArticleInput, summarize_article
from service.settings import Settings, get_settings


@click.group()
@click.version_option(package_name="fairbrief")
def main() -> None:
    """Neutral, source-attributed summaries of news articles."""


@main.command()
@click.option("--host", default=None, help="address to bind (default: settings, 127.0.0.1)")
@click.option("--port", default=None, type=int, help="port (default: settings, 8000)")
def serve(host: str | None, port: int | None) -> None:
    """Run the HTTP service."""
    import uvicorn

    from service.api import create_app

    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s %(message)s")
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=settings.port if port is None else port,
        log_level=settings.log_level.lower(),
        access_log=False,  # the app logs each request itself, without bodies
    )


@main.command()
def engine() -> None:
    """Say which engine answers by default, and how the LLM is configured (no secrets)."""
    settings = get_settings()
    click.echo(f"default engine: {settings.active_engine()}")
    click.echo(f"offline only: {settings.offline_only}")
    configured = settings.openai_api_key is not None or settings.openai_base_url is not None
    click.echo(f"llm configured: {configured and not settings.offline_only}")
    if configured:
        click.echo(f"llm model: {settings.llm_model}")
        click.echo(
            f"llm server: {settings.openai_base_url or 'https://api.openai.com/v1 (the SDK default)'}"
        )
        click.echo(f"llm output mode: {settings.llm_output_mode}")


@main.command()
@click.argument(
    "source", type=click.Path(exists=True, allow_dash=True, dir_okay=False, path_type=str)
)
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
def summarize(
    source: str,
    output: str,
    input_format: str,
    title: str | None,
    sentences: int,
    engine: str | None,
) -> None:
    """Summarise the article in SOURCE (a file, or - for standard input)."""
    settings = get_settings()
    try:
        content = _read(source)
        fmt = _input_format(source, content, input_format)
        result = asyncio.run(
            _summarize(
                ArticleInput(content=content, format=fmt, title=title),  # type: ignore[arg-type]
                Backends(settings),
                engine,
                SummaryOptions(summary_sentences=sentences),
                settings,
            )
        )
    except FairbriefError as error:
        raise click.ClickException(error.message) from error
    if output == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        click.echo(render_text(result))


async def _summarize(
    item: ArticleInput,
    backends: Backends,
    engine: str | None,
    options: SummaryOptions,
    settings: Settings,
) -> Result:
    try:
        return await summarize_article(
            item,
            backends.get(engine),
            options,
            max_chars=settings.max_text_chars,
            prices=settings.llm_prices,
        )
    finally:
        await backends.aclose()


def _read(source: str) -> str:
    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        return data.decode("utf-8")
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
