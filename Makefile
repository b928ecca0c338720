# Mentorship: `make run` to try it, `make test` to check it. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
# pytest processes (pytest-xdist): each has its own databases and live servers; 0 runs in one process.
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help install test-tools run test lint pytest browser screenshots bench-matching bench-rounds clean messages

help: ## List the targets
	@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*##/ {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# Python 3.11 seeds a venv with pip 23.2.1 and setuptools 65.5.0, both with published advisories:
# --upgrade-deps replaces them with current releases, also in a venv made by an older Makefile
# (the marker's name changes whenever this step does, so old venvs run it again).
BOOTSTRAP := $(VENV)/.bootstrap-2
$(BOOTSTRAP):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv --upgrade-deps $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@touch $@

# The compiled kernels are cached at install; a change to their source compiles them again here.
# Bytecode is compiled once here too: where PYTHONDONTWRITEBYTECODE is set (CI images often set it),
# every process would otherwise compile scikit-learn, pandas and the app from source at each start
# (9 s instead of 4 s to import the app; each test worker, served worker and command pays it).
$(VENV)/.installed: $(BOOTSTRAP) pyproject.toml uv.lock matching/scoring/kernels.py matching/solvers/augment.py matching/warm.py
	UV_PYTHON=$(BIN)/python $(UV) sync --frozen --quiet --compile-bytecode
	$(BIN)/python -m compileall -q -j 0 mentorship matching migrations bench tests >/dev/null
	$(BIN)/python -m matching.warm
	@touch $@

# axe-core for the browser tests' accessibility checks: npm runs again only when the lock file changes.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the browser tests' axe-core (install Node.js 18+)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed ## Create .venv and install everything the app needs from the lock file

test-tools: install node_modules/.installed ## Also install what only the tests use (axe-core from npm)

run: install ## Install, migrate, load demo data if empty, serve at http://$(HOST):$(PORT)
	$(BIN)/mentorship db upgrade
	$(BIN)/mentorship demo load --if-empty
	$(BIN)/mentorship serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

browser: ## Make sure Debian's Chromium is installed (for the browser tests)
	@bash scripts/ensure-chromium.sh

lint: install ## ruff (lint + format check), mypy strict, import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: test-tools browser ## Only the pytest suite (both databases, browser tests included)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: install browser lint pytest ## Everything CI runs: lint, types, contracts, all tests

screenshots: test-tools browser ## Every page of the three journeys at 1280 and 390 px into var/screenshots (index.html)
	$(BIN)/python -m scripts.screenshots $(SCREENSHOT_ARGS)

bench-matching: install ## Matching benchmark: timings, memory, totals, bounds, gaps
	$(BIN)/python -m bench.matching $(BENCH_ARGS)
	$(BIN)/python -m bench.peer_group $(filter --quick,$(BENCH_ARGS))
	$(BIN)/python -m bench.text_model $(filter --quick,$(BENCH_ARGS))

bench-rounds: install ## Round over the demo data while pages load: wall time, p50/p95 vs idle (BENCH_ARGS="--size 2000")
	$(BIN)/python -m bench.round_latency $(BENCH_ARGS)

.PHONY: bench-web
bench-web: install ## Every page under wrk at 1k/10k/100k on SQLite and PostgreSQL vs hello-world (BENCH_ARGS="--quick")
	$(BIN)/python -m bench.web $(BENCH_ARGS)

clean: ## Remove the virtualenv, caches and the local database
	rm -rf $(VENV) node_modules .mypy_cache .pytest_cache .ruff_cache var

messages: install ## Extract translatable strings into mentorship/locale/messages.pot
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 -k N_ -k describe_as:2 -o mentorship/locale/messages.pot --project=mentorship .
