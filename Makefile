# 乡镇政务公开平台 — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint clean build release test-production

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py seed_demo

run: demo
	@echo "公开网站: http://$(HOST):$(PORT)/    管理后台: http://$(HOST):$(PORT)/admin/"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	DEBUG=1 $(PY) -m pytest

# Production (docs/DEPLOY.md): the same scripts as the container image.
build: $(STAMP)
	PYTHON=$(PY) SKIP_INSTALL=1 sh deploy/build.sh

release: $(STAMP)
	PYTHON=$(PY) sh deploy/release.sh

# The production sequence against local PostgreSQL and Redis (needs nginx and openssl).
test-production: $(STAMP)
	DEBUG=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/township} \
	  $(PY) -m pytest -q -m production tests/production

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles backups .pytest_cache
