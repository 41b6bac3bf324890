#!/bin/sh
# Run a command with the production environment of a bare-metal install (docs/DEPLOY.md):
#   runuser -u township -- /srv/township/app/deploy/with-env.sh python manage.py backup
#   runuser -u township -- /srv/township/app/deploy/with-env.sh deploy/release.sh
# TOWNSHIP_ENV_FILE and TOWNSHIP_VENV override the standard locations.
set -eu
cd "$(dirname "$0")/.."
ENV_FILE="${TOWNSHIP_ENV_FILE:-/etc/township/township.env}"
VENV="${TOWNSHIP_VENV:-/srv/township/venv}"
set -a
. "$ENV_FILE"
set +a
PATH="$VENV/bin:$PATH"
PYTHON="$VENV/bin/python"
export PATH PYTHON
exec "$@"
