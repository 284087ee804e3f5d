# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# A local .env (see .env.example) configures both the portal and these targets.
-include .env
DEBUG ?= 1
export DEBUG

.PHONY: run test lint fmt messages bench venv worker

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.12, ...).")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

run: venv
	$(PY) manage.py ensure_database
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py anonymize_feedback --schedule
	@echo "Serving the portal on http://127.0.0.1:8000 (admin: http://127.0.0.1:8000/admin/), with a task worker"
	$(PY) manage.py task_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# The background task worker alone (e-mail after commit, with retries), as production runs it. It
# survives PostgreSQL restarts and puts back the tasks of workers that died.
worker: venv
	$(PY) manage.py task_worker

test: venv
	$(PY) manage.py ensure_database
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

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
