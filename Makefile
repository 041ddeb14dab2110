# Two commands for a fresh clone:  make serve  and  make test.
# Both build the virtual environment from the hash-pinned lock files first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test gate lint typecheck readme bench lock clean
DATASETS ?= ../shared/datasets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime

serve: $(VENV)/.runtime
	$(BIN)/fairbrief serve --host $(HOST) --port $(PORT)

test: $(VENV)/.dev
	$(BIN)/ruff check service evals tests bench scripts
	$(BIN)/ruff format --check service evals tests bench scripts
	$(BIN)/mypy service evals
	$(BIN)/python scripts/readme_example.py --check
	$(MAKE) --no-print-directory gate
	$(BIN)/python -m pytest

# The regression gate: the offline engine on the development gold set (both splits) and on
# PolNeAR dev, then the same with a cue model trained here on PolNeAR train (kept under
# runs/, never committed), against the committed evals/baseline.json (never written by it).
gate: $(VENV)/.dev
	rm -rf runs/gate
	$(BIN)/fairbrief eval run --no-cache --dataset evals/datasets/dev.jsonl --out runs/gate/dev
	$(BIN)/fairbrief eval run --no-cache --dataset evals/datasets/test.jsonl --out runs/gate/test
	$(BIN)/fairbrief eval run --no-cache --dataset polnear:dev --datasets-dir $(DATASETS) --out runs/gate/polnear-dev
	$(BIN)/fairbrief eval train-cues --datasets-dir $(DATASETS) --out runs/gate/cues.npz
	FAIRBRIEF_CUE_MODEL=runs/gate/cues.npz $(BIN)/fairbrief eval run --no-cache --dataset evals/datasets/dev.jsonl --out runs/gate/dev-cues
	FAIRBRIEF_CUE_MODEL=runs/gate/cues.npz $(BIN)/fairbrief eval run --no-cache --dataset polnear:dev --datasets-dir $(DATASETS) --out runs/gate/polnear-dev-cues
	$(BIN)/fairbrief eval gate --baseline evals/baseline.json runs/gate/dev runs/gate/test runs/gate/polnear-dev runs/gate/dev-cues runs/gate/polnear-dev-cues

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix service evals tests bench scripts
	$(BIN)/ruff format service evals tests bench scripts

readme: $(VENV)/.runtime
	$(BIN)/python scripts/readme_example.py --write

bench: $(VENV)/.dev
	$(BIN)/python bench/engine_speed.py
	$(BIN)/python bench/verify_cost.py
	$(BIN)/python bench/service_rps.py
	$(BIN)/python bench/llm_overhead.py
	$(BIN)/python bench/load.py

# Re-pin after editing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
