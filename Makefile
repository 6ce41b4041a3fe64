# Two commands (see README): `make course` sets up and opens the course; `make test` sets up and tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: course test lint format notebooks clean

course: $(VENV)/installed
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(VENV)/installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

format: $(VENV)/installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-run every chapter and save its outputs (what nbval compares against). Run after editing a chapter.
notebooks: $(VENV)/installed
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

$(VENV)/installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

clean:
	rm -rf $(VENV)
