# syntax=docker/dockerfile:1
# Two images from one build (docker-compose.yml picks each by target):
#   app   — gunicorn + Django; the same deploy/build.sh as a bare-metal install
#   nginx — nginx with this build's collected static files and the site template
# A plain `docker build .` gives the app image.

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/srv/media BACKUP_DIR=/srv/backups \
    GUNICORN_BIND=0.0.0.0:8000
# pg_dump/pg_restore for `manage.py backup` (same major version as the db service).
# LibreOffice (headless, no GUI) and CJK fonts: PDF of letters, reports and notices, and
# importing .doc/.wps/.rtf into item bodies (docs/DOCUMENTS.md, docs/IMPORT.md); about 350 MB.
# `--build-arg WITH_LIBREOFFICE=0` leaves them out: those features then say so in Chinese.
ARG WITH_LIBREOFFICE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && if [ "$WITH_LIBREOFFICE" = "1" ]; then \
      apt-get install -y --no-install-recommends libreoffice-writer-nogui \
        libreoffice-calc-nogui fonts-noto-cjk; \
    fi \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin township \
 && mkdir -p /srv/media /srv/backups && chown township:township /srv/media /srv/backups
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
# `docker build --build-arg BUILD_ID=$(git rev-parse --short HEAD) .` (no .git in the image)
ARG BUILD_ID=""
RUN SKIP_INSTALL=1 PYTHON=python BUILD_ID="$BUILD_ID" sh deploy/build.sh
USER township
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi"]

FROM nginx:stable AS nginx
COPY --from=app /app/staticfiles /srv/static
COPY deploy/nginx/township.conf.template /etc/nginx/templates/default.conf.template
ENV STATIC_ROOT=/srv/static MEDIA_ROOT=/srv/media UPSTREAM=web:8000 \
    TLS_CERTIFICATE=/etc/nginx/tls/fullchain.pem TLS_CERTIFICATE_KEY=/etc/nginx/tls/privkey.pem \
    HTTP_PORT=80 HTTPS_PORT=443 REQUEST_MAX_MB=100
RUN mkdir -p /var/www/acme

FROM app
