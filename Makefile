# Two commands (see README): `make course` sets up and opens the course; `make test` sets up and tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LITE_VENV := .venv-lite
BINDER_VENV := .venv-binder
HUB_VENV := .venv-hub
PROXY_VERSION := 5.3.0

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: course app pages site embed lite test format notebooks binder-links class-link clean

course: $(VENV)/installed
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

# Voila with the course's template and settings (etc/jupyter/voila.py: idle kernels culled, a pool of pre-heated
# kernels for the playground and the explainer), on this machine only.
VOILA := JUPYTER_PATH=$(CURDIR)/share/jupyter JUPYTER_CONFIG_PATH=$(CURDIR)/etc/jupyter $(BIN)/voila --template=course --Voila.ip=127.0.0.1

# The playground as an app, code hidden (Voila). Voila serves the notebooks' folder, so that the playground's
# links to other chapters open them as pages too (a Voila serving one notebook answers them with 403).
APP_URL := http://127.0.0.1:8866/voila/render/10_playground.ipynb
app: $(VENV)/installed
	@echo "The playground app: $(APP_URL)"
	$(VOILA) --no-browser notebooks/

# Every chapter as a page with the code hidden (Voila's list of the notebooks, the newsroom explainer among
# them), on this machine only: http://127.0.0.1:8866/ (a chapter runs when it is opened).
pages: $(VENV)/installed
	$(VOILA) --VoilaConfiguration.classic_tree=True notebooks/

# The course as static web pages, for reading without a kernel: build/site/ (see README).
site: $(VENV)/installed
	$(BIN)/python tools/build_site.py
	$(BIN)/python tools/build_embed.py --out build/site/embed

# The newsroom explainer as one static page that needs no server, with an image card per case: build/embed/
# (embed.html opens from a file, offline, and sits in an iframe; see README).
embed: $(VENV)/installed
	$(BIN)/python tools/build_embed.py

# The course in the browser with no server, JupyterLite with the Pyodide kernel: build/lite/ (see README).
lite: $(VENV)/installed $(LITE_VENV)/installed
	$(BIN)/python tools/build_lite.py

test: $(VENV)/installed $(LITE_VENV)/installed $(BINDER_VENV)/installed $(HUB_VENV)/installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

format: $(VENV)/installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-run chapters in a fresh kernel and save their outputs (what nbval compares against). Run after editing a
# chapter: `make notebooks` for all, `make notebooks NB=notebooks/04_key_escrow.ipynb` for one. nbconvert's
# executor (nbclient) is told not to store each cell's timings or the widgets' state, which change on every run
# and which nbval ignores; `jupyter execute --inplace` runs the same client but cannot be told to leave them out.
# The kernel talks to nbconvert over Unix sockets in a private temporary folder (IPC, as Voila's kernels do), not
# over TCP on 127.0.0.1: no port for another user of the machine, no "running over TCP without encryption"
# warning. The sockets need an absolute path: nbconvert's client and the kernel run in different folders.
NB ?= notebooks/*.ipynb
notebooks: $(VENV)/installed
	ipc=$$(mktemp -d) && trap 'rm -rf "$$ipc"' EXIT && \
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=120 \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		--KernelManager.transport=ipc --KernelManager.ip="$$ipc/kernel" $(NB)

# Rewrite the README's launch links from binder/repository.txt (the one place the address is kept).
binder-links: $(VENV)/installed
	$(BIN)/python tools/binder_links.py --write

# The nbgitpuller link that opens chapter 00 for every student of a JupyterHub (docs/teaching-at-scale.md).
class-link:
	@test -n "$(HUB)" || { echo "usage: make class-link HUB=https://hub.example.org"; exit 2; }
	@$(PYTHON) tools/class_link.py "$(HUB)"

$(VENV)/installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python tools/build_site.py --fetch
	$(BIN)/python tools/build_lite.py --fetch
	touch $@

$(LITE_VENV)/installed: requirements-lite.txt
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet -r requirements-lite.txt
	touch $@

# repo2docker, for the Binder replay test (tests/browser/test_binder_replay.py); kept out of the course's venv.
$(BINDER_VENV)/installed: requirements-binder.txt
	$(PYTHON) -m venv $(BINDER_VENV)
	$(BINDER_VENV)/bin/python -m pip install --quiet -r requirements-binder.txt
	touch $@

# JupyterHub, nbgitpuller and configurable-http-proxy (npm), for the hub test (tests/hub/); kept out of the
# course's venv.
$(HUB_VENV)/installed: requirements-hub.txt
	$(PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip install --quiet -r requirements-hub.txt
	if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix $(HUB_VENV)/node configurable-http-proxy@$(PROXY_VERSION); \
	else echo "npm is missing: configurable-http-proxy not installed, the hub test will be skipped"; fi
	touch $@

clean:
	rm -rf $(VENV) $(LITE_VENV) $(BINDER_VENV) $(HUB_VENV)
