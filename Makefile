# Two commands do all the set-up: `make report` and `make test`.
# Both create .venv when missing and (re)install the project when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: install report watch test lint format bench fuzz lab notebooks chromium clean track

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name qantar --display-name "qantar (Python 3)" >/dev/null
	@touch $(STAMP)

# Debian's Chromium for the browser tests (CI runs as root; elsewhere sudo is used when present).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

report: $(STAMP)
	$(PY) -m analysis build

# Build the bundled story, then again at each edit of its files (Ctrl-C stops).
watch: $(STAMP)
	$(PY) -m analysis watch

# The story tracker on the example corpus (written by the project) -> build/tracker/example/
track: $(STAMP)
	$(PY) -m analysis track data/examples/tracker --out build/tracker/example

test: $(STAMP) chromium
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadfile tests notebooks \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg
# (one pytest run on 2 workers: each test file, and each notebook nbval checks, stays on one
# worker (--dist loadfile), so the browser tests share one Chromium and nbval runs each
# committed notebook once, beside the other tests; slow tests share session builds)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(STAMP)
	$(PY) -m bench

# Re-execute the committed notebooks in place (their outputs are nbval's expected results).
notebooks: $(STAMP)
	$(PY) -m analysis.render

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache test-artifacts

# Fuzz the cleaner, timeline and extractor: 10 000 generated inputs (FUZZ_ARGS="--n 500 --seed 3").
fuzz: $(STAMP)
	$(PY) -m tools.fuzz $(FUZZ_ARGS)
