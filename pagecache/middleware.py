"""Whole-page cache for anonymous public GET requests (docs/PERFORMANCE.md).

Keyed by the build id (generations.build_id), scheme, host, full path and display mode (关怀版 or
not) plus the generation counters of
`generations`, so a page is stale the moment anything it shows is published, revised or
withdrawn. What is never stored: the back office and other private paths, requests with a
session or messages cookie (staff previews, flashes), responses that set a cookie (which
includes every page with a CSRF token), are not 200, are marked no-store, or are not
HTML/XML. Apps add to the key and to each copy through hooks (pagecache/hooks.py): 关怀版
pages are stored apart, and each copy served gets a fresh one-use 访问量 token, so counting
works as on an uncached page. When many visitors ask for the same uncached page at once,
one renders it and the others wait for its copy (no stampede after a notice is published).
When Redis fails, pages are rendered without the cache (pagecache/redis_cache.py). With a
read replica, a page is rendered from it only once it has replayed every bump
(pagecache/replica.py), so a lagging replica's page is never stored under a new key.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve

from . import generations, hooks, replica
from .redis_cache import CacheUnavailableError

CACHED_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/xml",
                "text/plain")
MAX_BYTES = 2 * 1024 * 1024
TOWNSHIP_PATH = re.compile(r"^/xxgk/([-a-zA-Z0-9_]+)/")


def scope_of(path: str) -> str:
    match = TOWNSHIP_PATH.match(path)
    return generations.township_scope(match.group(1)) if match else generations.SITE


def may_serve_from_cache(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES)):
        return False
    if "/yisqgk/" in request.path:  # applications: forms, receipts, status look-ups
        return False
    cookies = request.COOKIES
    return not (settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies)


LOOPBACK = ("127.0.0.1", "::1")
# Set by pagecache.wsgi when it looked a request up and missed: the key it looked under,
# and whether it took the render claim in that round trip (True, False, or None: not asked).
MISSED_KEY = "pagecache.missed_key"
CLAIMED_KEY = "pagecache.claimed"


def miss_param_allowed(request) -> bool:
    """The bench's throw-away parameter (PAGE_CACHE_MISS_PARAM, off unless set) is kept in
    the key only for a client on this machine talking to gunicorn directly: nginx always
    adds X-Forwarded-For, so nobody outside can use it to fill the cache."""
    return bool(settings.PAGE_CACHE_MISS_PARAM
                and request.META.get("REMOTE_ADDR") in LOOPBACK
                and "HTTP_X_FORWARDED_FOR" not in request.META)


@functools.lru_cache(maxsize=4096)
def view_name_of(path_info: str, urlconf: str) -> str:
    """The view an address resolves to ("" for none), remembered per process: every page
    with a query string (a column's page 2, a search) asks on every request, hit or miss."""
    try:
        return resolve(path_info, urlconf).view_name
    except Resolver404:
        return ""


def keep_read_parameters(request) -> None:
    """Drop every query parameter the page does not read (hooks.query_params) from the
    request before the view runs, so the key, and the page, depend only on those it reads:
    a junk or random query string is the same page and the same cache entry."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    allowed = hooks.query_params.get(view_name_of(request.path_info, urlconf), frozenset())
    if miss_param_allowed(request):
        allowed = allowed | {settings.PAGE_CACHE_MISS_PARAM}
    given = QueryDict(query)
    kept = QueryDict(mutable=True)
    for name in sorted(given):
        if name in allowed:
            kept.setlist(name, given.getlist(name))
    canonical = kept.urlencode()
    if canonical != query:
        request.META["QUERY_STRING"] = canonical
        request.GET = QueryDict(canonical)


def claim_seconds() -> int:
    """How long a render claim lasts: a waiting request gives up after
    PAGE_CACHE_WAIT_SECONDS, and a claim whose render died expires a little later."""
    return settings.PAGE_CACHE_WAIT_SECONDS + 5


def lookup_or_claim(request, *, claim: bool) -> tuple[dict | None, str, bool | None]:
    """(the stored page or None, its key, claimed): on a miss with `claim`, the claim to
    render the page is taken in the lookup's round trip where the cache can
    (generations.get_counted_or_claim, which also gives the cost); claimed is None where
    the caller must still claim with `add`."""
    mode = hooks.variant_of(request)
    meta = request.META
    # The raw path and query (no re-quoting as get_full_path does): cheap, and still one
    # key per address. The scheme too: an http page (absolute links, canonical URL, the
    # HSTS-less answer) is never served for https, nor the reverse.
    digest = hashlib.sha256(f"{request.scheme}|{request.get_host()}|{meta.get('PATH_INFO', '')}?"
                            f"{meta.get('QUERY_STRING', '')}".encode()).hexdigest()[:32]
    return generations.get_counted_or_claim([generations.ALL, scope_of(request.path)],
                                            [f"page:{generations.build_id()}:", ".",
                                             f":{mode}:{digest}"],
                                            claim_seconds() if claim else 0)


def may_store(request, response) -> bool:
    # A page with a form sets the CSRF cookie, so `response.cookies` keeps it out too.
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "no-store" in control or "no-cache" in control:
        return False
    if not response.get("Content-Type", "").startswith(CACHED_TYPES):
        return False
    return len(response.content) <= MAX_BYTES


def freeze(request, response) -> dict:
    """What is stored: status, headers, and the body as the copy hooks leave it (the 访问量
    token taken out)."""
    body, copies = hooks.freeze(request, response.content)
    headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
    return {"status": response.status_code, "headers": headers, "body": body,
            "copies": copies}


def thawed(frozen: dict) -> tuple[bytes, list[tuple[str, str]]]:
    """The body of one copy served (a fresh 访问量 token in it) and its stored headers."""
    body = hooks.thaw(frozen["copies"], frozen["body"])
    return body, [*frozen["headers"], ("Content-Length", str(len(body)))]


def thaw(frozen: dict) -> HttpResponse:
    body, headers = thawed(frozen)
    response = HttpResponse(body, status=frozen["status"])
    for name, value in headers:
        response[name] = value
    return response


def wait_for_other_render(key: str) -> dict | None:
    """Another request is rendering this page (a notice everyone opens at once): wait for
    its copy rather than render the same page again, up to PAGE_CACHE_WAIT_SECONDS."""
    cache = caches["pages"]
    deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        frozen = cache.get(key)
        if frozen is not None:
            return frozen
        if cache.get(key + generations.CLAIM) is None:  # the other render gave up
            return None
    return None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not may_serve_from_cache(request):
            return self.get_response(request)
        keep_read_parameters(request)
        get = request.method == "GET"
        try:
            # pagecache.wsgi looked it up already and found nothing: no second round trip,
            # and the render claim was taken along where the cache could.
            missed = request.META.pop(MISSED_KEY, None)
            claimed = request.META.pop(CLAIMED_KEY, None)
            frozen, key, claimed = ((None, missed, claimed) if missed
                                    else lookup_or_claim(request, claim=get))
        except CacheUnavailableError:  # Redis down: render as if there were no page cache
            return self.get_response(request)
        if frozen is None and get:
            cache = caches["pages"]
            if claimed is None:
                claimed = cache.add(key + generations.CLAIM, 1, claim_seconds())
            if not claimed:
                frozen = wait_for_other_render(key)
                if frozen is not None:
                    response = thaw(frozen)
                    response["X-Page-Cache"] = "waited"
                    return response
            stored = False
            try:
                response = self._render_and_store(request, key)
                stored = response.get("X-Page-Cache") == "miss"
                return response
            finally:
                # Once the copy is stored, waiters find it before they look at the claim,
                # which expires by itself: one Redis round trip less per miss.
                if claimed and not stored:
                    cache.delete(key + generations.CLAIM)
        if frozen is not None:
            response = thaw(frozen)
            response["X-Page-Cache"] = "hit"
            return response
        return self._render_and_store(request, key)

    def _render_and_store(self, request, key: str):
        response = self.get_response(request)
        if may_store(request, response) and replica.may_keep_page(request):
            caches["pages"].set(key, freeze(request, response), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
