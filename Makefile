# 乡镇政务公开平台 — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint clean build release test-production collectstatic screenshots bench document-pictures

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

# `make run` serves the site as it runs in production: DEBUG off (the product's own 404 and
# 500 pages), a secret key generated once into .local-secret-key, static files collected
# into staticfiles/ and served by WhiteNoise. Cookies are not marked Secure because this
# local server speaks plain http. Two-factor authentication is waived for the demo accounts
# (TWO_FACTOR_DEMO_EXEMPT=1, shown on the desk); production refuses that setting.
# Another port: `make run PORT=8150`.
SECRET_FILE := .local-secret-key
RUN_ENV = DEBUG=0 SECRET_KEY="$$(cat $(SECRET_FILE))" SECURE_COOKIES=0 SECURE_SSL_REDIRECT=0 \
	SECURE_HSTS_SECONDS=0 TWO_FACTOR_DEMO_EXEMPT=1 \
	ALLOWED_HOSTS="$(HOST),localhost,127.0.0.1,[::1]"

$(SECRET_FILE): | $(STAMP)
	umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET_FILE)

collectstatic: $(STAMP) $(SECRET_FILE)
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v0

run: demo collectstatic
	@echo "公开网站: http://$(HOST):$(PORT)/    管理后台: http://$(HOST):$(PORT)/admin/"
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Screenshots of the main page shapes (docs/screenshots/), from the demo data, with
# Playwright driving Debian's /usr/bin/chromium on port SHOT_PORT.
SHOT_PORT ?= 8159
screenshots: demo
	DEBUG=1 $(PY) tools/screenshots.py --port $(SHOT_PORT)
	LOOP_SCREENSHOTS_DIR=docs/screenshots/loop DEBUG=1 $(PY) -m pytest -q -p no:cacheprovider \
	  -m browser tests/browser/test_notice_loop_pages.py

# The layer order (pyproject.toml [tool.importlinter]) first: a breach fails the build.
test: $(STAMP)
	$(VENV)/bin/lint-imports
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

# Performance (docs/PERFORMANCE.md): the app and the framework floor under gunicorn on
# PostgreSQL and Redis, loaded over loopback; prints one table. BENCH_ARGS for the scale,
# e.g. make bench BENCH_ARGS="--townships 20 --items 1000 --seconds 5".
BENCH_ARGS ?= --townships 200 --items 5000
bench: $(STAMP)
	$(PY) bench/run_bench.py $(BENCH_ARGS)

# PNG of every page of the generated documents (report, letter, notice, 审签单, workbooks),
# rendered by LibreOffice and rasterised by poppler's pdftoppm (apt install poppler-utils),
# into docs/screenshots/documents/. Not part of CI (CI checks the same PDFs' pages as text).
document-pictures: $(STAMP)
	rm -rf docs/screenshots/documents
	REQUIRE_LIBREOFFICE=1 DOCUMENT_PICTURES_DIR=docs/screenshots/documents DEBUG=1 \
	  $(PY) -m pytest -q -p no:cacheprovider tests/reports/test_rendered_documents.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles backups .pytest_cache $(SECRET_FILE)
