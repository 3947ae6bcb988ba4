# The single entry point. Two commands matter: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
UV     := $(BIN)/uv
PYTEST_FLAGS ?=
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-kernel-startup-timeout=120 \
               --nbval-cell-timeout=120 --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab test install install-test chromium lint typecheck check scaffold scaffold-check \
        pytest notebooks bench clean

LAB_ARGS ?=
lab: $(VENV)/.installed ## create .venv if missing, install the course, open JupyterLab at the start page
	$(BIN)/jupyter lab notebooks/00-start-here.ipynb $(LAB_ARGS)

test: $(VENV)/.installed-test chromium lint typecheck check scaffold-check pytest ## everything CI runs

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed; set PYTHON=python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: pyproject.toml | $(PY)
	$(UV) pip install --quiet --python $(PY) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(UV) pip install --quiet --python $(PY) -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

chromium: ## Debian's Chromium for the browser tests (installed when running as root and missing)
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium not found: browser tests will skip (install your distribution's chromium to run them)"; fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check course tests benchmarks
	$(BIN)/ruff format --check course tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

check: $(VENV)/.installed
	$(PY) -m course check

scaffold: $(VENV)/.installed ## regenerate notebook headers and footers from data/course.yaml
	$(PY) -m course scaffold

scaffold-check: $(VENV)/.installed
	$(PY) -m course scaffold --check

pytest: $(VENV)/.installed-test ## unit, content, doctest, nbval and browser tests in one run
	$(PY) -m pytest course tests notebooks $(NBVAL_FLAGS) $(PYTEST_FLAGS)

notebooks: $(VENV)/.installed-test ## regenerate the stored outputs of every notebook (nbclient)
	$(PY) -m course.notebooks

bench: $(VENV)/.installed-test ## print the benchmark ratios
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .test-artifacts course-output
