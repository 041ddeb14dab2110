"""A load run and a fault run of the service on loopback, against a fake LLM with a fixed
latency, beside a bare FastAPI endpoint in the same run.

Three processes of their own: the fake OpenAI-compatible LLM (tests/fakes/openai_server.py),
fairbrief (`fairbrief serve`, LLM engine, the result cache off, every request a different
article), and the baseline (bench/bare_app.py's /v1/forward: parse the body, one call to
the same fake LLM). At each concurrency level, N requests go out at once; the table gives
throughput, p50 and p99 latency, the service's overhead over the baseline, and its peak
memory. The fault run points a second service at a fake LLM that fails every 5th call and
checks that every request is accounted for (an answer, or a problem+json error).

    python bench/load.py [--levels 1,10,50,100,200] [--latency 1.0] [--fault 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import make_articles  # noqa: E402
from bench.llm_overhead import burst, cpu_seconds, read_port, start  # noqa: E402

BIN = Path(sys.executable).parent
FAKE_PORT = r"PORT (\d+)"
UVICORN_PORT = r"Uvicorn running on http://127\.0\.0\.1:(\d+)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,10,50,100,200")
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--fault", type=int, default=200, help="requests in the fault run")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    texts = make_articles(2 * sum(levels) + args.fault + 20, seed=23, words=args.words)
    assert len(set(texts)) == len(texts), "the corpus repeats an article"

    fake = start(
        [sys.executable, "-m", "tests.fakes.openai_server", "--latency", str(args.latency)], {}
    )
    fake_url = f"http://127.0.0.1:{read_port(fake, FAKE_PORT)}/v1"
    service = start_service(fake_url, max(levels))
    bare = start(
        [
            str(BIN / "uvicorn"),
            "--app-dir",
            str(ROOT / "bench"),
            "bare_app:app",
            "--port",
            "0",
            "--log-level",
            "info",
        ],
        {"FAKE_LLM_URL": fake_url},
    )
    bare_url = f"http://127.0.0.1:{read_port(bare, UVICORN_PORT)}"
    processes = [service[0], bare, fake]
    try:
        asyncio.run(burst(service[1], "/v1/summaries", texts[-5:]))  # warm-up, not measured
        asyncio.run(burst(bare_url, "/v1/forward", texts[-10:-5]))
        print(
            f"fake LLM latency {args.latency:.2f} s; each request a different ~{args.words}-word article"
        )
        print(
            f"{'concurrent':>10} {'server':<9}{'req/s':>8}{'p50 s':>8}{'p99 s':>8}"
            f"{'overhead p50 s':>16}{'errors':>8}{'peak RSS MB':>13}"
            f"{'server CPU ms/req':>19}{'fake LLM CPU ms/req':>21}{'client CPU ms/req':>19}"
        )
        offset = 0
        for level in levels:
            rows = {}
            for name, url, path in (
                ("bare", bare_url, "/v1/forward"),
                ("fairbrief", service[1], "/v1/summaries"),
            ):
                batch = texts[offset : offset + level]
                offset += level
                pid = service[0].pid if name == "fairbrief" else bare.pid
                pids = (pid, fake.pid, os.getpid())  # the server, the fake LLM, this load client
                before = [cpu_seconds(p) for p in pids]
                wall, latencies, statuses = asyncio.run(burst(url, path, batch))
                cpu = [
                    (cpu_seconds(p) - b) * 1000 / level for p, b in zip(pids, before, strict=True)
                ]
                rows[name] = (wall, latencies, statuses, pid, cpu)
            base_p50 = statistics.median(rows["bare"][1])
            for name, (wall, latencies, statuses, pid, cpu) in rows.items():
                errors = sum(n for s, n in statuses.items() if s != 200)
                print(
                    f"{level:>10} {name:<9}{level / wall:>8.1f}{statistics.median(latencies):>8.2f}"
                    f"{percentile(latencies, 99):>8.2f}{statistics.median(latencies) - base_p50:>16.3f}"
                    f"{errors:>8}{peak_rss_mb(pid):>13.0f}{cpu[0]:>19.1f}{cpu[1]:>21.1f}{cpu[2]:>19.1f}"
                )
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    fault_run(texts[offset : offset + args.fault], args.latency)


def fault_run(texts: list[str], latency: float) -> None:
    fake = start(
        [
            sys.executable,
            "-m",
            "tests.fakes.openai_server",
            "--latency",
            str(latency / 4),
            "--fail-every",
            "5",
        ],
        {},
    )
    fake_url = f"http://127.0.0.1:{read_port(fake, FAKE_PORT)}/v1"
    service, url = start_service(fake_url, len(texts))
    try:
        wall, _, statuses = asyncio.run(burst(url, "/v1/summaries", texts))
    finally:
        for process in (service, fake):
            process.terminate()
            process.wait(timeout=10)
    answered = sum(statuses.values())
    print(
        f"\nfault run: {len(texts)} requests at once, the fake LLM failing every 5th call "
        f"(no retries): {dict(sorted(statuses.items()))} in {wall:.2f} s; "
        f"accounted for {answered}/{len(texts)}"
    )


def start_service(fake_url: str, concurrency: int) -> tuple[object, str]:
    env = {
        "OPENAI_API_KEY": "bench",
        "OPENAI_BASE_URL": fake_url,
        "FAIRBRIEF_LLM_CONCURRENCY": str(concurrency),
        "FAIRBRIEF_LLM_MAX_RETRIES": "0",
        "FAIRBRIEF_CACHE_ENABLED": "false",
        "FAIRBRIEF_RATE_LIMIT": "1000000/minute",
        "FAIRBRIEF_DATA_DIR": tempfile.mkdtemp(prefix="fairbrief-load-"),
        "FAIRBRIEF_LOG_LEVEL": "INFO",
        "FAIRBRIEF_LOG_FORMAT": "text",
    }
    process = start([str(BIN / "fairbrief"), "serve", "--port", "0"], env)
    port = read_port(process, UVICORN_PORT)
    return process, f"http://127.0.0.1:{port}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
