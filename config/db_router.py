"""Optional read replica: anonymous public page views read from it, everything else from the
primary (settings DATABASE_REPLICA_URL; off unless set).

`PublicReadsMiddleware` marks a request as a public read (GET or HEAD, not the back office,
no logged-in user, no write from this browser in the last PIN_SECONDS); the router sends
that request's reads to the `replica` alias. Writes, and every read outside such a request
(management commands, the back office, forms), use `default`. After a browser sends a write
(a public application form, say) it reads from the primary for PIN_SECONDS, so the receipt
page that follows always finds the new row. A replica lags its primary by up to its
replication delay, so a just-published item can take that long to appear on public pages;
the back office never lags.
"""

from __future__ import annotations

import contextvars

from django.conf import settings

_public_read = contextvars.ContextVar("public_read", default=False)

PRIVATE_PREFIXES = ("/admin/", "/media/", "/visits/", "/healthz", "/readyz")
PIN_COOKIE = "read_primary"
PIN_SECONDS = 30


def has_replica() -> bool:
    return "replica" in settings.DATABASES


def is_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PRIVATE_PREFIXES):
        return False
    # The session cookie, not request.user: deciding must not itself read the database.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and PIN_COOKIE not in request.COOKIES


class PublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_read.set(is_public_read(request))
        try:
            response = self.get_response(request)
        finally:
            _public_read.reset(token)
        if (has_replica() and request.method not in ("GET", "HEAD", "OPTIONS")
                and not request.path.startswith("/visits/")):  # the counting beacon: no pin
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True,
                                secure=request.is_secure(), samesite="Lax")
        return response


class PublicReadsToReplica:
    def db_for_read(self, model, **hints):
        if _public_read.get() and has_replica():
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
