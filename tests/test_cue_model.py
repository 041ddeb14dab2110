"""The offline engine's optional cue model: trained by `fairbrief eval train-cues` on a
corpus in brat standoff (here a fictional one written for the test), loaded from
FAIRBRIEF_CUE_MODEL, and used for cues the rules do not know."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np
import pytest
import snowballstemmer

from evals.compare import Run, check_gate
from service.backends.offline import ENGINE_VERSION, OfflineEngine, stemming
from service.backends.offline.learned import CueModel
from service.backends.offline.parse import parse_sentences, source_of
from service.domain import Result
from service.pipeline.summarize import ArticleInput, summarize_article

FAIRBRIEF = [sys.executable, "-m", "service.cli"]
_DEV = Path(__file__).resolve().parent.parent / "evals" / "datasets" / "dev.jsonl"

# (source, cue, content) with cues outside the rules' lexicon and no "that" clause, and
# sentences where the same words report nothing
_PEOPLE = ["Nadia Orlov", "The treasurer", "Councillor Ben Achterberg", "The harbour board"]
_CUES = ["fretted about", "bristled at", "scoffed at", "grumbled about"]
_TOPICS = [
    "the cost of the new ferry terminal",
    "the delay to the flood barrier",
    "the rise in parking fees at the station",
    "the closure of the night bus route",
    "the size of the school building budget",
]
_PLAIN = [
    "The ferry left the harbour at noon.",
    "Crowds walked about the old market square on Sunday.",
    "The committee looked at the map of the district.",
    "Workers gathered at the gate before the shift.",
]


def _corpus(root: Path, articles: int = 12) -> None:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for n in range(articles):
        text, lines, t = "", [], 0
        for k in range(4):
            person = _PEOPLE[(n + k) % len(_PEOPLE)]
            cue = _CUES[(n * 3 + k) % len(_CUES)]
            topic = _TOPICS[(n + 2 * k) % len(_TOPICS)]
            sentence = f"{person} {cue} {topic}. {_PLAIN[(n + k) % len(_PLAIN)]} "
            source_at = len(text)
            cue_at = source_at + len(person) + 1
            cue_word = cue.split()[0]
            content_at = cue_at + len(cue) + 1
            lines += [
                f"T{t + 1}\tSource {source_at} {source_at + len(person)}\t{person}",
                f"T{t + 2}\tCue {cue_at} {cue_at + len(cue_word)}\t{cue_word}",
                f"T{t + 3}\tContent {content_at} {content_at + len(topic)}\t{topic}",
                f"E{k + 1}\tAttribution:T{t + 2} Content:T{t + 3} Cue:T{t + 2} Source:T{t + 1}",
            ]
            t += 3
            text += sentence
        (root / "text" / f"story{n:02d}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"story{n:02d}_a1.ann").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def _train(corpus: Path, out: Path) -> str:
    """`fairbrief eval train-cues` as a person runs it; its output."""
    done = subprocess.run(
        [*FAIRBRIEF, "eval", "train-cues", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _corpus(root)
    out = root / "cues.npz"
    assert "12 articles, 48 attributions with a cue" in _train(root, out)
    return out


_NEW = (
    "The mayor opened the new library on Tuesday. "
    "Councillor Ida Varga scoffed at the price of the library roof. "
    "Visitors walked about the reading rooms all afternoon."
)


def _run(engine: OfflineEngine, text: str = _NEW) -> Result:
    return asyncio.run(summarize_article(ArticleInput(text), engine))


def test_a_trained_model_finds_a_cue_the_rules_do_not_know(model_path: Path) -> None:
    plain = _run(OfflineEngine())
    assert plain.claims == []  # the rules know no "scoffed at"
    model = CueModel.load(model_path)
    result = _run(OfflineEngine(model))
    found = [(c.source.name, c.cue, c.evidence.text) for c in result.claims]
    # the content is the preposition's object, not the sentence; "walked about" is no cue
    assert found == [("Councillor Ida Varga", "scoffed", "the price of the library roof")]
    assert result.meta.engine_version == f"{plain.meta.engine_version}+cues.{model.digest}"


def test_the_model_adds_to_the_rules_and_never_duplicates_them(model_path: Path) -> None:
    text = "The treasurer said the budget would balance. The treasurer fretted about the debt."
    rules = _run(OfflineEngine(), text)
    both = _run(OfflineEngine(CueModel.load(model_path)), text)
    assert [c.evidence.text for c in rules.claims] == ["the budget would balance"]
    assert [c.evidence.text for c in both.claims] == ["the budget would balance", "the debt"]


def test_a_saved_model_loads_to_the_same_weights(tmp_path: Path, model_path: Path) -> None:
    model = CueModel.load(model_path)
    copy = tmp_path / "copy.npz"
    model.save(copy)
    again = CueModel.load(copy)
    assert np.array_equal(again.weights, model.weights) and again.digest == model.digest


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        (None, "cannot read the cue model"),
        ({"features_version": 99}, "train it again"),
        ({"weights": np.zeros(10, dtype=np.float32)}, "train it again"),
        ({"threshold": 1.5}, "invalid threshold"),
    ],
)
def test_a_bad_model_file_is_refused_plainly(
    tmp_path: Path, model_path: Path, stored: dict[str, object] | None, message: str
) -> None:
    bad = tmp_path / "bad.npz"
    if stored is None:
        bad.write_bytes(b"not a model")
    else:
        with np.load(model_path) as good:
            fields = {key: good[key] for key in good.files}
        np.savez(bad, **{**fields, **stored})
    with pytest.raises(ValueError, match=message):
        CueModel.load(bad)


@pytest.mark.parametrize(
    "command",
    [
        ["serve", "--port", "0"],
        ["summarize", "-"],
        ["eval", "run", "--no-cache", "--limit", "1", "--dataset", str(_DEV)],
    ],
)
def test_every_command_refuses_an_unreadable_model_plainly(
    tmp_path: Path, command: list[str]
) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAIRBRIEF_", "OPENAI_"))}
    missing = tmp_path / "nowhere.npz"
    done = subprocess.run(
        [*FAIRBRIEF, *command],
        input=_NEW,
        capture_output=True,
        text=True,
        env={**base, "FAIRBRIEF_DATA_DIR": str(tmp_path), "FAIRBRIEF_CUE_MODEL": str(missing)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "cannot read the cue model" in done.stderr and "Traceback" not in done.stderr


def test_training_refuses_an_evaluation_split(tmp_path: Path) -> None:
    dev = tmp_path / "polnear" / "data" / "dev"
    _corpus(dev, articles=1)
    done = subprocess.run(
        [
            *FAIRBRIEF,
            "eval",
            "train-cues",
            "--datasets-dir",
            str(tmp_path),
            "--corpus",
            str(dev),
            "--out",
            str(tmp_path / "m.npz"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "train on train only" in done.stderr
    assert not (tmp_path / "m.npz").exists()


def test_stems_are_right_from_several_threads() -> None:
    """The engine runs in worker threads, and a Snowball stemmer keeps state while it
    works: threads switching often, each stemming words of its own, must get every stem."""
    reference = snowballstemmer.stemmer("english")
    words = [
        f"{prefix}{stem}{suffix}"
        for prefix in ("", "re", "over", "under", "dis", "pre", "mis", "out")
        for stem in ("consult", "regulat", "general", "disappoint", "convinc", "warn", "hir")
        for suffix in ("ing", "ation", "ations", "ed", "er", "ers", "ingly", "ised", "ements")
    ]
    shares = [words[k::8] for k in range(8)]
    expected = [[reference.stemWord(w) for w in share] for share in shares]
    stemming.clear_caches()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            found = list(pool.map(lambda share: [stemming.ENGLISH(w) for w in share], shares))
    finally:
        sys.setswitchinterval(interval)
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        ("Police received calls saying shots had been fired.", "saying", "calls"),
        ("Residents formed a group calling for a new bridge.", "calling", "group"),
        ("The senator wavered in answering a question about the budget.", "answering", "senator"),
        ("The mayor's claim of a surplus was wrong.", "claim", "mayor"),
        ("The bridge is expected to open in May.", "expected", None),
    ],
)
def test_who_a_learned_cue_reports(sentence: str, cue: str, source: str | None) -> None:
    doc = parse_sentences([sentence])[0]
    found = source_of(next(t for t in doc if t.text == cue))
    assert (found.text if found is not None else None) == source


def test_the_service_uses_the_model_and_says_so(
    model_path: Path, tmp_path: Path, make_client: Callable[..., httpx.Client]
) -> None:
    digest = CueModel.load(model_path).digest
    http = make_client(cue_model=model_path, data_dir=tmp_path, cache_enabled=False)
    health = http.get("/healthz").json()
    assert health["offline_engine_version"] == f"{ENGINE_VERSION}+cues.{digest}"
    result = http.post("/v1/summaries", json={"text": _NEW}).json()
    assert [(c["source"]["name"], c["evidence"]["text"]) for c in result["claims"]] == [
        ("Councillor Ida Varga", "the price of the library roof")
    ]
    env = {**os.environ, "FAIRBRIEF_CUE_MODEL": str(model_path)}
    done = subprocess.run(
        [*FAIRBRIEF, "engine"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert f"offline cue model: {digest}, from {model_path}" in done.stdout


def test_the_gate_holds_a_run_with_a_model_to_its_own_baseline(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps(
            {
                "tolerance": 0.01,
                "runs": {
                    "dev/offline-rules": {"min": {"attributed_claim_f1": 0.9}},
                    "dev/offline-rules+cues": {"min": {"attributed_claim_f1": 0.8}},
                },
            }
        )
    )

    def run(version: str) -> Run:
        summary = {"dataset": "dev", "engine": "offline-rules", "engine_version": version}
        return Run(tmp_path, {**summary, "metrics": {"attributed_claim_f1": 0.85}}, {})

    assert check_gate(run("0.2.7+cues.0123456789ab"), baseline) == []
    assert check_gate(run("0.2.7"), baseline) == [
        "dev/offline-rules: attributed_claim_f1 0.8500 is below the baseline 0.9 (tolerance 0.01)"
    ]


def test_the_same_corpus_trains_the_same_model(model_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.npz"
    _train(model_path.parent, again)
    assert CueModel.load(again).digest == CueModel.load(model_path).digest
