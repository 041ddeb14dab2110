"""Requests per second of the service with the offline engine, beside a bare FastAPI app.

Both run as real uvicorn servers (one process each, on free 127.0.0.1 ports) and get the
same load in the same run: every request carries a different article (bench/corpus.py),
so nothing is served from a warm cache. The load generator shares the machine's 2 cores.

    python bench/service_rps.py [--articles 400] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import make_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    texts = make_articles(args.articles, seed=11, words=args.words)
    assert len(set(texts)) == len(texts), "the corpus repeats an article"

    bin_dir = Path(sys.executable).parent
    servers = {
        "bare FastAPI (baseline)": [
            str(bin_dir / "uvicorn"),
            "--app-dir",
            str(ROOT / "bench"),
            "bare_app:app",
        ],
        "fairbrief offline": [str(bin_dir / "fairbrief"), "serve"],
    }
    print(f"{len(texts)} different articles (~{args.words} words), concurrency {args.concurrency}")
    print(f"{'server':<26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    rates = {}
    for name, command in servers.items():
        rate, latencies, errors = run_server(command, texts, args.concurrency)
        rates[name] = rate
        print(
            f"{name:<26}{rate:>9.1f}{_pct(latencies, 50):>9.1f}{_pct(latencies, 95):>9.1f}{errors:>8}"
        )
    ratio = rates["fairbrief offline"] / rates["bare FastAPI (baseline)"]
    print(f"fairbrief / bare FastAPI: {ratio:.2f} of the baseline's throughput")


def run_server(
    command: list[str], texts: list[str], concurrency: int
) -> tuple[float, list[float], int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    env["FAIRBRIEF_LOG_LEVEL"] = "WARNING"
    env["FAIRBRIEF_CACHE_ENABLED"] = "false"  # every request cold: nothing from a past run
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port, process)
        return asyncio.run(_load(port, texts, concurrency))
    finally:
        process.terminate()
        process.wait(timeout=10)


async def _load(port: int, texts: list[str], concurrency: int) -> tuple[float, list[float], int]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for text in texts:
        queue.put_nowait(text)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60, trust_env=False
    ) as client:

        async def worker() -> None:
            nonlocal errors
            while not queue.empty():
                text = queue.get_nowait()
                started = time.perf_counter()
                response = await client.post("/v1/summaries", json={"text": text})
                latencies.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return len(texts) / elapsed, latencies, errors


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * pct // 100)]


if __name__ == "__main__":
    main()
