#!/bin/sh
# Release step, run once per deployment before (re)starting the web processes, the same for
# docker compose (the `release` service) and bare metal (docs/DEPLOY.md): the deployment
# checks, the database migrations, then every page-cache counter bumped. Needs the production environment (.env).
set -eu
cd "$(dirname "$0")/.."
# The owner role migrates (docs/DEPLOY.md, 两个数据库角色); the web runs as the runtime role.
if [ -n "${DATABASE_OWNER_URL:-}" ]; then
    DATABASE_URL="$DATABASE_OWNER_URL"
    export DATABASE_URL
fi
PYTHON="${PYTHON:-python3}"

"$PYTHON" manage.py check --deploy --fail-level WARNING
"$PYTHON" manage.py migrate --noinput
# The runtime role (DATABASE_RUNTIME_ROLE; docs/DEPLOY.md) gets its grants on the tables
# as they are now; run as the owner (this step's DATABASE_URL).
if [ -n "${DATABASE_RUNTIME_ROLE:-}" ]; then
    "$PYTHON" manage.py grant_runtime "$DATABASE_RUNTIME_ROLE"
fi
# Every cached page and piece is stale after a migration (data migrations change content).
"$PYTHON" manage.py bump_page_cache
"$PYTHON" manage.py check --database default --fail-level WARNING
