#!/bin/sh
# Fill deploy/nginx/township.conf.template from the environment for a bare-metal nginx:
#   set -a; . /etc/township/township.env; set +a
#   UPSTREAM=127.0.0.1:8000 TLS_CERTIFICATE=/etc/township/tls/fullchain.pem \
#   TLS_CERTIFICATE_KEY=/etc/township/tls/privkey.pem \
#       deploy/render-nginx.sh > /etc/nginx/sites-available/township
# Only the names listed here are replaced; nginx's own $variables are left alone.
set -eu
cd "$(dirname "$0")"
: "${SERVER_NAME:?}" "${TLS_CERTIFICATE:?}" "${TLS_CERTIFICATE_KEY:?}" "${STATIC_ROOT:?}" \
  "${MEDIA_ROOT:?}"
export HTTP_PORT="${HTTP_PORT:-80}" HTTPS_PORT="${HTTPS_PORT:-443}" \
       UPSTREAM="${UPSTREAM:-127.0.0.1:8000}" REQUEST_MAX_MB="${REQUEST_MAX_MB:-100}"
envsubst '${SERVER_NAME} ${TLS_CERTIFICATE} ${TLS_CERTIFICATE_KEY} ${HTTP_PORT} ${HTTPS_PORT} ${UPSTREAM} ${STATIC_ROOT} ${MEDIA_ROOT} ${REQUEST_MAX_MB}' \
    < nginx/township.conf.template
