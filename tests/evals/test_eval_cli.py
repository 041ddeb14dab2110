"""``fairbrief eval`` as a person runs it: run, compare with thresholds, the gate, check-gold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.evals.gold_items import strike_item, write_jsonl


def fairbrief(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def test_run_compare_and_gate(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [strike_item()])
    runs = {}
    for engine in ("offline", "floor"):
        out = tmp_path / engine
        done = fairbrief(
            "eval",
            "run",
            "--dataset",
            str(gold),
            "--engine",
            engine,
            "--out",
            str(out),
            "--cache",
            str(tmp_path / "c.sqlite"),
        )
        assert done.returncode == 0, done.stderr
        assert "attributed_claim_f1" in done.stdout and (out / "report.html").exists()
        runs[engine] = json.loads((out / "summary.json").read_text())["metrics"]
    assert runs["offline"]["attributed_claim_f1"] > runs["floor"]["attributed_claim_f1"]

    same = fairbrief(
        "eval",
        "compare",
        str(tmp_path / "offline"),
        str(tmp_path / "offline"),
        "--fail-on-regression",
    )
    assert same.returncode == 0 and "unchanged" in same.stdout
    worse = fairbrief(
        "eval",
        "compare",
        str(tmp_path / "offline"),
        str(tmp_path / "floor"),
        "--fail-on-regression",
    )
    assert worse.returncode == 1 and "REGRESSION attributed_claim_f1" in worse.stdout
    under = fairbrief(
        "eval",
        "compare",
        str(tmp_path / "floor"),
        str(tmp_path / "offline"),
        "--fail-under",
        "attributed_claim_f1=1.01",
    )
    assert under.returncode == 1 and "attributed_claim_f1" in under.stderr
    over = fairbrief(
        "eval",
        "compare",
        str(tmp_path / "floor"),
        str(tmp_path / "offline"),
        "--fail-under",
        "attributed_claim_f1=0.1",
    )
    assert over.returncode == 0

    measured = runs["offline"]["attributed_claim_f1"]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps(
            {
                "tolerance": 0.0,
                "runs": {
                    "gold/offline-rules": {
                        "min": {"attributed_claim_f1": measured},
                        "max": {"boilerplate_leaks": 0},
                    }
                },
            }
        )
    )
    before = baseline.read_text()
    assert (
        fairbrief("eval", "gate", str(tmp_path / "offline"), "--baseline", str(baseline)).returncode
        == 0
    )
    assert baseline.read_text() == before  # a passing gate does not rewrite it either
    baseline.write_text(
        json.dumps(
            {
                "tolerance": 0.0,
                "runs": {"gold/offline-rules": {"min": {"attributed_claim_f1": measured + 0.05}}},
            }
        )
    )
    raised = baseline.read_text()
    failing = fairbrief("eval", "gate", str(tmp_path / "offline"), "--baseline", str(baseline))
    assert failing.returncode == 1 and "below the baseline" in failing.stderr
    missing = fairbrief("eval", "gate", str(tmp_path / "floor"), "--baseline", str(baseline))
    assert missing.returncode == 1 and "no baseline for gold/cue-floor" in missing.stderr
    assert baseline.read_text() == raised  # a failing gate leaves its baseline as it was


def test_check_gold_names_the_bad_field(tmp_path: Path) -> None:
    bad = strike_item()
    bad["gold"]["claims"][0]["evidence"] = "not in the article"
    path = write_jsonl(tmp_path / "bad.jsonl", [bad])
    done = fairbrief("eval", "check-gold", str(path))
    assert done.returncode == 1
    assert f"{path}:1: gold.claims.0.evidence: not found in text" in done.stderr


def test_a_bad_dataset_is_a_clear_error(tmp_path: Path) -> None:
    done = fairbrief(
        "eval", "run", "--dataset", "polnear:test", "--no-cache", "--out", str(tmp_path / "x")
    )
    assert done.returncode == 1 and "test is withheld" in done.stderr
