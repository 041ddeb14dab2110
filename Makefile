# Two commands for a fresh clone:  make serve  and  make test.
# Both build the virtual environment from the hash-pinned lock files first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint typecheck readme bench lock clean

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
	$(BIN)/python -m pytest
	$(BIN)/python scripts/readme_example.py --check

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix service evals tests bench scripts
	$(BIN)/ruff format service evals tests bench scripts

readme: $(VENV)/.runtime
	$(BIN)/python scripts/readme_example.py --write

bench: $(VENV)/.dev
	$(BIN)/python bench/verify_cost.py
	$(BIN)/python bench/service_rps.py

# Re-pin after editing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
