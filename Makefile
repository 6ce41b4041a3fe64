# Two commands (see README): `make course` sets up and opens the course; `make test` sets up and tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: course app test format notebooks binder-links clean

course: $(VENV)/installed
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

# The playground as an app, code hidden (Voila), on this machine only.
app: $(VENV)/installed
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/voila --template=course --Voila.ip=127.0.0.1 notebooks/10_playground.ipynb

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

# Rewrite the README's launch links from binder/repository.txt (the one place the address is kept).
binder-links: $(VENV)/installed
	$(BIN)/python tools/binder_links.py --write

$(VENV)/installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

clean:
	rm -rf $(VENV)
