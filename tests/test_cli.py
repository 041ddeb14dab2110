"""The ``fairbrief`` command, run as a subprocess the way a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.articles import PORT_STRIKE
from tests.spans import assert_spans_slice

FAIRBRIEF = [sys.executable, "-m", "service.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    return subprocess.run(
        [*FAIRBRIEF, *args], input=stdin, capture_output=True, env=env, timeout=60, check=False
    )


def test_json_output_is_a_result(tmp_path: Path) -> None:
    article = tmp_path / "strike.txt"
    article.write_text(PORT_STRIKE, encoding="utf-8")
    done = run("summarize", str(article), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert result["article"]["text"] == PORT_STRIKE
    assert assert_spans_slice(result) >= 10


def test_text_output_groups_claims_by_source() -> None:
    done = run("summarize", "-", stdin=PORT_STRIKE.encode())
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert out.startswith("SUMMARY\n")
    assert "Mara Olsen [person]\n  - \u201cAll container traffic had stopped by noon\u201d" in out
    assert out.index("Mara Olsen [person]") < out.index("The port authority [government]")
    assert "NO RESPONSE\n  - The transport ministry" in out


def test_html_files_are_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Strike</title></head><body><article>"
        "<p>All container traffic had stopped by noon, according to union leader Mara Olsen.</p>"
        "<p>The port authority did not respond to a request for comment.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = json.loads(run("summarize", str(page), "--format", "json").stdout)
    assert result["article"]["format"] == "html"
    assert [c["source"]["name"] for c in result["claims"]] == ["Mara Olsen"]


def test_bad_input_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    empty = run("summarize", "-", stdin=b"  \n\t ")
    assert empty.returncode == 1
    assert b"holds no word" in empty.stderr and b"Traceback" not in empty.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le minist\u00e8re a refus\u00e9.".encode("latin-1"))
    not_utf8 = run("summarize", str(latin))
    assert not_utf8.returncode == 1 and b"not UTF-8" in not_utf8.stderr
    missing = run("summarize", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and b"does not exist" in missing.stderr
    # a title argument whose bytes are not UTF-8 reaches Python as lone surrogates
    title = run(
        "summarize", "-", "--format", "json", "--title", "T\udcff", stdin=b"The port closed."
    )
    assert title.returncode == 1 and b"lone surrogate" in title.stderr
    assert b"Traceback" not in title.stderr


def test_the_cli_says_which_engine_is_active() -> None:
    offline = run("engine").stdout.decode()
    assert "default engine: offline" in offline and "llm configured: False" in offline
    env = {"OPENAI_API_KEY": "sk-secret-test", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    done = subprocess.run(
        [*FAIRBRIEF, "engine"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )
    assert "default engine: llm" in done.stdout and "http://127.0.0.1:9/v1" in done.stdout
    assert "sk-secret-test" not in done.stdout
    offline_only = {**env, "FAIRBRIEF_OFFLINE_ONLY": "true"}
    done = subprocess.run(
        [*FAIRBRIEF, "engine"],
        capture_output=True,
        text=True,
        env={**os.environ, **offline_only},
        timeout=60,
        check=False,
    )
    assert "default engine: offline" in done.stdout and "offline only: True" in done.stdout


def test_several_workers_with_rate_limits_in_memory_refuse_to_start(tmp_path: Path) -> None:
    """Each process would keep its own windows: a key would get N times its limit."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    base["FAIRBRIEF_DATA_DIR"] = str(tmp_path)
    key = "desk:" + "ab" * 32
    for extra, args in [
        ({"FAIRBRIEF_API_KEYS": f'["{key}"]'}, ["--workers", "2"]),
        ({"FAIRBRIEF_RATE_LIMIT_ANONYMOUS": "10/minute", "FAIRBRIEF_WORKERS": "3"}, []),
    ]:
        done = subprocess.run(
            [*FAIRBRIEF, "serve", "--port", "0", *args],
            capture_output=True,
            text=True,
            env={**base, **extra},
            timeout=60,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "FAIRBRIEF_REDIS_URL" in done.stderr and "Traceback" not in done.stderr
