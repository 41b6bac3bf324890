#!/bin/sh
# Build step, the same for the container image and a bare-metal install (docs/DEPLOY.md):
# install the pinned dependencies, then collect static files with the production settings
# (DEBUG off, manifest storage), so a missing static file fails here, not on the site.
# PYTHON: the interpreter of the target environment (default: python3 on PATH).
# SKIP_INSTALL=1 skips the pip step (CI, where the environment is already installed).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

if [ "${SKIP_INSTALL:-0}" != "1" ]; then
    "$PYTHON" -m pip install --no-cache-dir -c requirements.lock .
fi

# The build id shown next to the version on /healthz, in the admin footer and by
# `manage.py version`: BUILD_ID from the caller (the Dockerfile's build argument), else the git
# commit of this checkout, else the build time.
build_id="${BUILD_ID:-}"
if [ -z "$build_id" ]; then
    build_id="$(git rev-parse --short HEAD 2>/dev/null || date -u +%Y%m%d%H%M)"
fi
printf '%s\n' "$build_id" > BUILD_ID

# collectstatic needs no database and no real secret: a throwaway key satisfies the settings.
build_key="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
DEBUG=0 SECRET_KEY="${SECRET_KEY:-$build_key}" \
    "$PYTHON" manage.py collectstatic --noinput --verbosity 1
