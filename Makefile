# Two commands do all the set-up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Material's notice about MkDocs 2 is not for the people reading this output (the CI files set it too).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check today test test-fast benchmark lighthouse clean

## Build the example site from plans/ and show it at http://127.0.0.1:8000 (live reload).
serve: $(STAMP)
	$(BIN)/mkdocs serve

## Build the site into site/, failing on any plan problem (the previous site/ is kept then).
build: $(STAMP)
	$(BIN)/kamsite build --strict

## Check every plan: each problem as path:line: field: message.
check: $(STAMP)
	$(BIN)/kamsite check

## The agenda as of the site's date: overdue, due today, next days, per owner (OWNER=ana for one).
today: $(STAMP)
	$(BIN)/kamsite today $(if $(OWNER),--owner $(OWNER))

## Run the whole test suite: lint, types, unit, build and browser tests.
test: $(STAMP)
	$(BIN)/ruff check kamsite tests benchmarks
	$(BIN)/ruff format --check kamsite tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n auto  # one test process per core (pytest-xdist)

## While you work: lint, types and the tests that need neither a browser nor a site build (about a minute).
test-fast: $(STAMP)
	$(BIN)/ruff check kamsite tests benchmarks
	$(BIN)/ruff format --check kamsite tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -m "not browser and not build"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## Measure every speed target against plain MkDocs (~8 min; QUICK=1: a few minutes; ARGS="--sizes 500 1000").
benchmark: $(STAMP)
	$(BIN)/python benchmarks/build.py $(if $(QUICK),--quick) $(ARGS)

## Lighthouse's mobile performance score for every page type of the example site (needs npm).
lighthouse: $(STAMP)
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
