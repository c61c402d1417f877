# Two commands do all the set-up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test benchmark clean

## Build the example site from plans/ and show it at http://127.0.0.1:8000 (live reload).
serve: $(STAMP)
	$(BIN)/mkdocs serve

## Build the site into site/, failing on any plan problem.
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Run the whole test suite: lint, types, unit, build and browser tests.
test: $(STAMP)
	$(BIN)/ruff check kamsite tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## Measure build time, memory and page weight against plain MkDocs (several minutes).
benchmark: $(STAMP)
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
