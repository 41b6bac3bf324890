#!/bin/sh
# Release step, run once per deployment before (re)starting the web processes, the same for
# docker compose (the `release` service) and bare metal (docs/DEPLOY.md): the deployment
# checks, the database migrations, then every page-cache counter bumped. Needs the production environment (.env).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

"$PYTHON" manage.py check --deploy --fail-level WARNING
"$PYTHON" manage.py migrate --noinput
# Every cached page and piece is stale after a migration (data migrations change content).
"$PYTHON" manage.py bump_page_cache
"$PYTHON" manage.py check --database default --fail-level WARNING
