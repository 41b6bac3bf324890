"""A stored page served before Django handles the request (config/wsgi.py wraps the
application in `StoredPages`).

A hit needs none of what Django's handler does around a view: no request signals (they
check database connections a hit never opens), no middleware chain, no response object. The
wrapper asks the page cache exactly as `PageCacheMiddleware` would (the same conditions,
query parameters, key and copy hooks) and, on a hit, answers with the stored status, headers
and body, plus the headers of the middlewares outside the page cache (only Django's
SecurityMiddleware adds any; WhiteNoise serves files). Anything else (a miss, a request the
cache never serves, a bad host, Redis down) goes to Django unchanged, and a miss's lookup is
handed on so the middleware does not ask Redis twice. The test client does not pass through
here: the middleware serves hits there, and tests compare both answers header for header.
"""

from __future__ import annotations

import functools
from http import HTTPStatus
from types import SimpleNamespace

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware

from .middleware import (
    CLAIMED_KEY,
    MISSED_KEY,
    keep_read_parameters,
    lookup_or_claim,
    may_serve_from_cache,
    thawed,
)

# The middlewares settings.MIDDLEWARE may list before the page cache's, whose part in a hit
# this module reproduces: SecurityMiddleware's response headers; WhiteNoise only serves
# static files, which the page cache never stores.
OUTER = ("django.middleware.security.SecurityMiddleware",
         "whitenoise.middleware.WhiteNoiseMiddleware")
PAGE_CACHE = "pagecache.middleware.PageCacheMiddleware"


def outer_middlewares() -> list[str]:
    return settings.MIDDLEWARE[:settings.MIDDLEWARE.index(PAGE_CACHE)]


@functools.lru_cache(maxsize=2)
def security_headers(secure: bool) -> tuple[tuple[str, str], ...]:
    """What SecurityMiddleware adds to a response that has none of its headers: they depend
    only on its settings and on whether the request came over HTTPS."""
    response = SecurityMiddleware(lambda _request: None).process_response(
        SimpleNamespace(is_secure=lambda: secure), HttpResponse())
    plain = set(HttpResponse().headers)
    return tuple((k, v) for k, v in response.items() if k not in plain)


@receiver(setting_changed)
def _forget_security_headers(*, setting: str, **_kwargs) -> None:
    if setting.startswith("SECURE_"):  # tests change them; a running site never does
        security_headers.cache_clear()


def hit(environ) -> tuple[str, list[tuple[str, str]], bytes] | None:
    """(status line, headers, body) of the stored page for this request, or None."""
    request = WSGIRequest(environ)
    if not may_serve_from_cache(request):
        return None
    secure = request.is_secure()
    if settings.SECURE_SSL_REDIRECT and not secure:
        return None  # SecurityMiddleware redirects it
    keep_read_parameters(request)
    # A GET that misses is rendered next: its claim is taken in the lookup's round trip.
    frozen, key, claimed = lookup_or_claim(request, claim=request.method == "GET")
    if frozen is None:
        environ[MISSED_KEY] = key
        environ[CLAIMED_KEY] = claimed
        return None
    body, headers = thawed(frozen)
    headers.append(("X-Page-Cache", "hit"))
    present = {name.lower() for name, _value in headers}
    headers.extend((name, value) for name, value in security_headers(secure)
                   if name.lower() not in present)
    status = frozen["status"]
    return f"{status} {HTTPStatus(status).phrase}", headers, body


class StoredPages:
    """WSGI application: a stored page at once, everything else through `application`."""

    def __init__(self, application):
        self.application = application
        unknown = [m for m in outer_middlewares() if m not in OUTER]
        if unknown:
            raise RuntimeError(f"pagecache.wsgi cannot serve hits past {unknown}: list them "
                               "after PageCacheMiddleware, or teach pagecache.wsgi their part")

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            try:
                served = hit(environ)
            except Exception:  # Django meets the same error in the middleware and answers it
                environ.pop(MISSED_KEY, None)
                environ.pop(CLAIMED_KEY, None)
                served = None
            if served is not None:
                status, headers, body = served
                start_response(status, headers)
                return [body]
        return self.application(environ, start_response)
