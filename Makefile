# newsclaims: the data flow, as make targets.   `make help` lists them.
#
#   seeds/*.txt + data/articles.csv ──ingest──▶ data/processed/{articles,claims,ingest_report}.parquet
#                                                    │
#                                                    ├──▶ dashboards/*.ipynb (Voila, http://127.0.0.1:8866/)
#                                                    └──▶ exported charts
#
# Every target sets up what it needs by itself (virtual environment from the
# pinned lock file; Debian's chromium for the browser tests), so a newcomer on a
# fresh machine runs one command.

SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8866
PROCESSED := data/processed

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/uv:
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; newsclaims needs Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(BIN)/uv requirements/lock-dev.txt pyproject.toml
	$(BIN)/uv pip install --python $(BIN)/python --quiet -r requirements/lock-dev.txt
	$(BIN)/uv pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $@

# The extractor compiled with mypyc into build/native/ (newsclaims.native): used only
# while its stamp matches these sources, so an edited rule is never shadowed by an
# old build. A machine without a C compiler still works, on the source, more slowly.
NATIVE := build/native/stamp.json
NATIVE_SOURCES := $(addprefix lib/newsclaims/,extract.py numbers.py lexicon.py schema.py)

$(NATIVE): $(VENV)/.installed $(NATIVE_SOURCES)
	@if command -v "$${CC:-cc}" >/dev/null 2>&1; then \
		echo "compiling the extractor with mypyc (a minute or so)"; \
		$(BIN)/newsclaims native build || echo "warning: the extractor was not compiled; it runs from source (same claims, about a fifth slower)" >&2; \
	else \
		echo "warning: no C compiler ($${CC:-cc}): the extractor runs from source (same claims, about a fifth slower)" >&2; \
	fi

install: $(VENV)/.installed $(NATIVE) ## create .venv with the pinned dependencies and newsclaims itself

native: $(VENV)/.installed ## compile the extractor with mypyc again (newsclaims native build)
	$(BIN)/newsclaims native build

chromium: ## install Debian's chromium (browser tests, chart export) if it is missing
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "installing Debian's chromium (needs root or sudo)"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi
	@chromium --version

ingest: install ## build data/processed/ from seeds/, data/inbox/ and data/articles.csv
	$(BIN)/newsclaims ingest

dashboard: ingest ## build the tables and serve the dashboards on http://127.0.0.1:8866/
	@# plotly.js beside the page template, for the charts (newsclaims.app.install_plotly_js)
	$(BIN)/python -c "from newsclaims.app import install_plotly_js; install_plotly_js()"
	JUPYTER_PATH="$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" $(BIN)/voila dashboards/ \
		--Voila.ip=127.0.0.1 --port=$(PORT) --no-browser \
		--Voila.config_file_paths="$(CURDIR)"

lab: ingest ## data staff: JupyterLab on 127.0.0.1 (notebooks/review.ipynb, the dashboards' notebooks)
	JUPYTER_PATH="$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" $(BIN)/jupyter lab \
		--ServerApp.ip=127.0.0.1 --no-browser --ServerApp.root_dir="$(CURDIR)" \
		$$([ "$$(id -u)" = 0 ] && echo --allow-root) notebooks/review.ipynb

lint: install ## ruff and mypy on the library
	$(BIN)/ruff check lib tests bench
	$(BIN)/ruff format --check lib tests bench
	$(BIN)/mypy

test: install chromium ## set everything up and run lint, the evaluation gate and all tests
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

FUZZ_EXAMPLES ?= 5000
fuzz: install ## Hypothesis: thousands of cases per parser/extractor test; prints how many each tried
	NEWSCLAIMS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_numbers_properties.py tests/test_extract_properties.py tests/test_fuzz_inputs.py \
		--hypothesis-show-statistics

clean: ## remove generated tables (never seeds/ or data staff's files)
	rm -rf $(PROCESSED)

.PHONY: help install native chromium ingest dashboard lab lint test fuzz clean
