# Digital trade and the resilience of manufacturing GVCs -- build and test.
# `make help` lists the targets. Everything runs inside .venv, created from the lock file.

SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
CHAPTERS := $(sort $(basename $(notdir $(wildcard notebooks/[0-9][0-9]_*.md))))
# every file of the package (all subpackages and facts files) and the manifest: a change in any of
# them reruns the chapters and rebuilds the derived data
HELPERS := $(shell find helpers -type f \( -name '*.py' -o -name '*.csv' \) -not -path '*/__pycache__/*' | sort) data/sources.toml
BOOK_PAGES := $(wildcard book/*.md) book/references.bib _config.yml _toc.yml $(wildcard book/_static/* book/_templates/* book/_ext/*.py)
PYTEST_ARGS ?=

.PHONY: help venv data derived chapters chapter book test test-fast determinism lint sync lab bench clean
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  options: NB=05_policy (chapter), PARAMS='-p ECONOMY DEU' (a parameter run: written to _build/runs/, never published)"

venv: $(VENV)/.installed ## create .venv and install the exact lock (requirements-lock.txt)

$(VENV)/.installed: requirements-lock.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	@echo "[setup] creating $(VENV) from requirements-lock.txt"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@$(PY) -m pip check
	@touch $@

data: $(VENV)/.installed ## find and checksum every raw file (GVC_DATA_DIR, ../shared/data, cache, download)
	@mkdir -p $(STAMPS)
	@$(PY) -m helpers verify
	@# always re-verified (the files or GVC_DATA_DIR may have changed); the stamp moves only when it is out of date,
	@# so an explicit check does not make the chapters rerun
	@if [ ! -f $(STAMPS)/data ] || [ data/sources.toml -nt $(STAMPS)/data ]; then touch $(STAMPS)/data; fi

$(STAMPS)/data: data/sources.toml $(VENV)/.installed
	@mkdir -p $(STAMPS)
	@$(PY) -m helpers verify
	@touch $@

derived: $(STAMPS)/derived ## build the derived datasets into data/derived/

$(STAMPS)/derived: $(HELPERS) $(STAMPS)/data
	@$(PY) -m helpers derive
	@touch $@

# default runs only: a parameter run (make chapter NB=.. PARAMS=..) never writes a twin nor a stamp
$(STAMPS)/chapter-%: notebooks/%.md $(HELPERS) $(STAMPS)/data
	@$(PY) tools/run_chapter.py $*
	@touch $@

chapters: $(addprefix $(STAMPS)/chapter-,$(CHAPTERS)) ## execute every chapter with papermill (only those whose inputs changed)

chapter: $(STAMPS)/data ## rerun one chapter: make chapter NB=05_policy [PARAMS='-p ECONOMY DEU' -> _build/runs/]
	@test -n "$(NB)" || { echo "usage: make chapter NB=<one of: $(CHAPTERS)>"; exit 2; }
	@$(PY) tools/run_chapter.py $(NB) $(PARAMS)
	@$(if $(strip $(PARAMS)),true,touch $(STAMPS)/chapter-$(NB))   # a parameter run is not the published chapter

book: _build/html/index.html ## execute the chapters and build the static HTML book
	@echo "[book] open $(CURDIR)/_build/html/index.html"

_build/html/index.html: $(addprefix $(STAMPS)/chapter-,$(CHAPTERS)) $(STAMPS)/derived $(BOOK_PAGES)
	@$(PY) -m helpers pages
	@echo "[book] jupyter-book build (-W -n --keep-going)"
	@start=$$(date +%s); $(VENV)/bin/jupyter-book build . -W -n --keep-going --quiet || exit 1; \
	  echo "[book] built in $$(( $$(date +%s) - start )) s"
	@touch $@   # sphinx rewrites only changed pages; the stamp of the build is the index page

test: $(STAMPS)/derived ## run the whole test suite (unit, identities, sync, nbval, book build, browser)
	@$(PY) -m pytest tests notebooks --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

test-fast: $(STAMPS)/derived ## the quick subset (no slow or browser tests, no nbval)
	@$(PY) -m pytest tests -m "not slow and not browser" $(PYTEST_ARGS)

determinism: $(STAMPS)/data ## run every chapter twice (no cache, two hash seeds) and compare the bytes (CI step)
	@$(PY) tools/check_determinism.py

lint: $(VENV)/.installed ## ruff, the import contract of the package layers (import-linter), numpydoc validation
	@$(VENV)/bin/ruff check helpers tests tools benchmarks notebooks
	@$(VENV)/bin/lint-imports --config .importlinter
	@$(PY) tools/check_docstrings.py

sync: $(VENV)/.installed ## regenerate the .ipynb inputs from the .md sources (keeps outputs)
	@$(VENV)/bin/jupytext --quiet --to ipynb --update notebooks/[0-9][0-9]_*.md

lab: $(VENV)/.installed ## open JupyterLab on the chapters (pinned in the lock)
	@$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

bench: $(STAMPS)/data ## run the benchmark scripts in benchmarks/
	@for b in benchmarks/bench_*.py; do echo "[bench] $$b"; $(PY) $$b || exit 1; done

clean: ## remove the build, stamps and derived data (keeps .venv and the cache)
	rm -rf _build $(STAMPS) data/derived
