"""Keep the README's curl example true: run it against a real server and compare.

    python scripts/readme_example.py --check   # fail if the README's output is stale
    python scripts/readme_example.py --write   # regenerate the README's output block

It starts ``fairbrief serve`` on a free loopback port, runs the README's curl command
against it, checks that every span of the Result slices the returned text, and compares
the output with the block between the README's markers (timings masked: they vary).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- readme-example:start -->", "<!-- readme-example:end -->"
COMMAND = (
    "curl -s http://127.0.0.1:8000/v1/summaries \\\n"
    "  -H 'Content-Type: application/json' \\\n"
    "  -d @examples/port-strike.json | python3 -m json.tool --no-ensure-ascii"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    args = parser.parse_args()

    output = run_example()
    block = render(output)
    readme = README.read_text(encoding="utf-8")
    before, rest = readme.split(START, 1)
    current, after = rest.split(END, 1)
    if args.write:
        README.write_text(f"{before}{START}\n{block}{END}{after}", encoding="utf-8")
        print("README example updated")
        return 0
    if mask(current.strip()) == mask(block.strip()):
        print("README example is current")
        return 0
    diff = difflib.unified_diff(
        mask(current.strip()).splitlines(),
        mask(block.strip()).splitlines(),
        "README",
        "actual",
        lineterm="",
    )
    print("README example is stale; run `make readme`:\n" + "\n".join(diff), file=sys.stderr)
    return 1


def run_example() -> str:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    env["FAIRBRIEF_DATA_DIR"] = tempfile.mkdtemp(prefix="fairbrief-readme-")  # a cold cache
    fairbrief = shutil.which("fairbrief", path=str(Path(sys.executable).parent)) or "fairbrief"
    server = subprocess.Popen(
        [fairbrief, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
        command = COMMAND.replace("\\\n", " ").replace(":8000/", f":{port}/")
        done = subprocess.run(
            command, shell=True, cwd=ROOT, capture_output=True, text=True, check=True
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    check_spans(json.loads(done.stdout))
    return done.stdout.rstrip("\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"fairbrief serve exited: {server.stderr.read().decode() if server.stderr else ''}"
            )
        try:
            if httpx.get(url, timeout=1, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("fairbrief serve did not start within 30 s")


def check_spans(result: dict) -> None:  # type: ignore[type-arg]
    text = result["article"]["text"]
    spans = [c["evidence"] for c in result["claims"]] + [
        n["evidence"] for n in result["non_responses"]
    ]
    spans += [c["source"]["span"] for c in result["claims"] if c["source"]["span"]]
    for span in spans:
        if text[span["start"] : span["end"]] != span["text"]:
            raise SystemExit(f"a span does not slice the text: {span}")
    if not spans:
        raise SystemExit("the example found no claims: it no longer shows what it should")


def render(output: str) -> str:
    return f"```console\n$ {COMMAND}\n```\n\n```json\n{output}\n```\n"


def mask(text: str) -> str:
    """Timings differ from run to run; everything else must match exactly."""
    return re.sub(r'("(?:ingest|draft|verify|total)": )[0-9.]+', r"\1<ms>", text)


if __name__ == "__main__":
    sys.exit(main())
