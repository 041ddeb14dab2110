"""The LLM path's costs that fairbrief controls, against a fake LLM with a fixed latency.

1. Prompt overhead: tokens of instructions and output schema that every call carries, and
   prompt tokens per article token, over many different articles.
2. The service's own overhead: N concurrent requests (each a different article) through the
   real HTTP API and the real openai client to a fake OpenAI-compatible server that takes
   1 s to answer; the baseline is that 1 s. The fake and the service run in processes of
   their own; both bind 127.0.0.1, port 0. The CPU each process (the service, the fake, this
   load client) spent per request is printed beside it: all three share the machine.

    python bench/llm_overhead.py [--levels 1,10,50,200] [--latency 1.0] [--workers 1]

With ``--workers N`` the service runs N processes (``fairbrief serve --workers N``); its CPU
is then that of the parent and all its workers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_articles
from service.backends.llm.engine import LLMEngine
from service.domain import SummaryOptions
from service.ingest import ingest_text
from service.pipeline.budget import numbered
from service.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,10,50,200")
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    texts = make_articles(sum(levels) + 100, seed=5, words=args.words)
    assert len(set(texts)) == len(texts)
    cache = Path(tempfile.mkdtemp()) / "tiktoken"
    prompt_overhead(get_settings(openai_api_key="bench", tiktoken_cache_dir=cache), texts[:100])

    # the fake LLM and the service each in a process of their own, as in production
    fake = start(
        [sys.executable, "-m", "tests.fakes.openai_server", "--latency", str(args.latency)], {}
    )
    fake_port = read_port(fake, r"PORT (\d+)")
    env = {
        "OPENAI_API_KEY": "bench",
        "OPENAI_BASE_URL": f"http://127.0.0.1:{fake_port}/v1",
        "FAIRBRIEF_LLM_CONCURRENCY": str(max(levels)),
        "FAIRBRIEF_LLM_MAX_RETRIES": "0",
        "FAIRBRIEF_TIKTOKEN_CACHE_DIR": str(cache),
        "FAIRBRIEF_LOG_LEVEL": "INFO",  # uvicorn says its port at INFO
        "FAIRBRIEF_LOG_FORMAT": "text",
        "FAIRBRIEF_CACHE_ENABLED": "false",  # every request cold: nothing from a past run
    }
    service = start(
        [
            str(Path(sys.executable).parent / "fairbrief"),
            *("serve", "--port", "0", "--workers", str(args.workers)),
        ],
        env,
    )
    port = read_port(service, r"Uvicorn running on http://127\.0\.0\.1:(\d+)", args.workers)
    try:
        url = f"http://127.0.0.1:{port}"
        asyncio.run(
            burst(url, "/v1/summaries", texts[-3:])
        )  # warm-up: connections, encodings; not measured
        print(
            f"\nservice overhead over a fake LLM answering in {args.latency:.1f} s (each request a different article)"
        )
        print(
            f"{'concurrent':>10}{'wall s':>9}{'overhead s':>12}{'p50 s':>8}{'max s':>8}{'errors':>8}"
            f"{'service CPU ms/request':>24}{'fake LLM CPU ms/req':>21}{'client CPU ms/req':>19}"
        )
        offset = 0
        for level in levels:
            batch = texts[offset : offset + level]
            offset += level
            pids = (service.pid, fake.pid, os.getpid())  # the service, the fake LLM, this client
            before = [cpu_seconds(pid, pid == service.pid) for pid in pids]  # + its workers
            wall, latencies, statuses = asyncio.run(burst(url, "/v1/summaries", batch))
            errors = sum(n for status, n in statuses.items() if status != 200)
            cpu_ms = [
                (cpu_seconds(pid, pid == service.pid) - start) * 1000 / level
                for pid, start in zip(pids, before, strict=True)
            ]
            print(
                f"{level:>10}{wall:>9.2f}{wall - args.latency:>12.2f}{statistics.median(latencies):>8.2f}"
                f"{max(latencies):>8.2f}{errors:>8}{cpu_ms[0]:>24.1f}{cpu_ms[1]:>21.1f}{cpu_ms[2]:>19.1f}"
            )
    finally:
        for process in (service, fake):
            process.terminate()
            process.wait(timeout=10)


def cpu_seconds(pid: int, children: bool = False) -> float:
    """User and system CPU time of a process (and its child processes), from /proc."""
    stats = Path("/proc").glob("[0-9]*/stat") if children else [Path(f"/proc/{pid}/stat")]
    total = 0.0
    for stat in stats:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or (children and fields[1] == str(pid)):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    return subprocess.Popen(
        command,
        env={**clean, **env},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def read_port(process: subprocess.Popen[str], pattern: str, workers: int = 0) -> int:
    """The port a server bound on port 0, from the line it prints at start-up; with
    ``workers``, once that many uvicorn workers said they are ready (until then the port
    refuses connections)."""
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    port = None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise SystemExit(f"{process.args} exited")
        found = re.search(pattern, line)
        if found:
            port = int(found.group(1))
        workers -= "Application startup complete" in line
        if port is not None and workers <= 0:
            threading.Thread(target=process.stdout.read, daemon=True).start()  # keep draining
            return port
    raise SystemExit(f"{process.args} did not start")


def prompt_overhead(settings: Any, texts: list[str]) -> None:
    engine = LLMEngine(settings)
    options = SummaryOptions()
    overhead = engine.overhead_tokens(options, "English")
    ratios = []
    for text in texts:
        article = ingest_text(text)
        article_tokens = engine.counter.count(numbered(article))
        ratios.append((article_tokens + overhead) / article_tokens)
    words = statistics.mean(len(t.split()) for t in texts)
    schema = engine.counter.count(json.dumps(engine_schema()))
    print(
        f"prompt overhead ({engine.prompt_version}, {engine.counter.name}): {overhead} tokens a call, of which the output schema is {schema}"
    )
    print(
        f"prompt tokens per article token over {len(texts)} articles (mean {words:.0f} words): mean {statistics.mean(ratios):.2f}, max {max(ratios):.2f}"
    )


def engine_schema() -> dict[str, Any]:
    from service.backends.llm.output import BriefOutput

    return BriefOutput.model_json_schema()


async def burst(url: str, path: str, texts: list[str]) -> tuple[float, list[float], Counter[int]]:
    # aiohttp, the cheapest asyncio HTTP client at hand: this client shares the cores with
    # the service it measures (httpx spent ~1.7 ms of CPU a request here, aiohttp ~0.5).
    # Nothing is kept alive: each request of a burst needs a connection of its own anyway.
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as session:

        async def one(text: str) -> tuple[float, int]:
            started = time.perf_counter()
            try:
                async with session.post(path, json={"text": text, "engine": "llm"}) as response:
                    await response.read()
                    status = response.status
                    if status != 200 and response.content_type != "application/problem+json":
                        status = -status  # an error that is not problem+json: counted apart
            except (TimeoutError, aiohttp.ClientError):
                status = 0  # no answer at all
            return time.perf_counter() - started, status

        started = time.perf_counter()
        results = await asyncio.gather(*(one(t) for t in texts))
        wall = time.perf_counter() - started
    return wall, [r[0] for r in results], Counter(r[1] for r in results)


if __name__ == "__main__":
    main()
