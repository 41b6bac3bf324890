#!/bin/sh
# Release step, run once per deployment before (re)starting the web processes, the same for
# docker compose (the `release` service) and bare metal (docs/DEPLOY.md): the deployment
# checks, then the database migrations. Needs the production environment (.env).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

"$PYTHON" manage.py check --deploy --fail-level WARNING
"$PYTHON" manage.py migrate --noinput
"$PYTHON" manage.py check --database default --fail-level WARNING
