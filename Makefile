SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help venv run serve test bench clean

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
STAMP := $(VENV)/.installed-pyproject

help:
	@echo "make run    migrate, collect static, import fixtures/ll2 and serve on http://127.0.0.1:$(PORT)"
	@echo "            (PORT=8000; DATABASE_URL picks the database, default SQLite db.sqlite3;"
	@echo "            DEBUG=1 unless set: DEBUG=0 needs SECRET_KEY, as in production)"
	@echo "make serve  the same data under gunicorn, as in production (needs SECRET_KEY; WEB_CONCURRENCY workers)"
	@echo "make test   ruff, then pytest on SQLite and on PostgreSQL side by side (DATABASE_URL if set,"
	@echo "            else a throwaway cluster from bin/with-postgres); about 12 minutes on 2 cores"
	@echo "make bench  benchmark at scale 10 on SQLite and PostgreSQL, in Django and over HTTP, a 60 s soak and imports"
	@echo "            per database (about 20 minutes; not part of make test): writes bench/results.md and bench/chart.png;"
	@echo "            BENCH_ARGS=--soak-only runs only the soaks (3 minutes) and writes bench/work/soak.md,"
	@echo "            BENCH_ARGS=--imports-only only the imports and a sync (4 minutes) and writes bench/work/imports.md"
	@echo "make clean  remove .venv, db.sqlite3 and staticfiles"

venv: $(STAMP)

# The stamp is newer than pyproject.toml once its dependencies are installed.
$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo "Installing dependencies into $(VENV)"
	@$(PY) -m pip install -qq -e '.[test]'
	@touch $@

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py import_ll2 --skip-if-synced fixtures/ll2/*.txt
	DEBUG=$${DEBUG-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py import_ll2 --skip-if-synced fixtures/ll2/*.txt
	BIND_HOST=127.0.0.1 $(VENV)/bin/gunicorn -c lldapi/gunicorn.py lldapi.wsgi

# Make stops at the first failing command; pytest's exit 5 (no tests collected) is one too.
test: venv
	$(VENV)/bin/ruff check .
	bin/test-legs $(PYTEST)

# The benchmark's extra dependencies (matplotlib for the chart) on top of the test ones.
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): pyproject.toml $(STAMP)
	@echo "Installing the bench extra into $(VENV)"
	@$(PY) -m pip install -qq -e '.[test,bench]'
	@touch $@

# wrk (Debian's package) is the HTTP load generator; without it, bench/run.py uses its own Python client.
bench: $(BENCH_STAMP)
	@if ! command -v wrk >/dev/null; then \
	    if [[ $$(id -u) == 0 ]] && command -v apt-get >/dev/null; then \
	        echo "Installing wrk (Debian package)"; \
	        apt-get install -y -qq wrk >/dev/null 2>&1 \
	            || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
	            || echo "wrk could not be installed: the HTTP figures will come from the Python client"; \
	    else \
	        echo "wrk is not installed (apt-get install wrk): the HTTP figures will come from the Python client"; \
	    fi; \
	fi
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles *.egg-info
