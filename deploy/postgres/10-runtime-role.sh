#!/bin/sh
# First start of the compose `db` volume only (docker-entrypoint-initdb.d): the runtime role
# the web processes log in as. It owns nothing; `manage.py grant_runtime` (run by
# deploy/release.sh as the owner after every migrate) gives it its DML (docs/DEPLOY.md).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v role="${POSTGRES_RUNTIME_USER:-township_app}" -v pw="$POSTGRES_RUNTIME_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SQL
