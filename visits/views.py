"""The counting beacon: pages stay cacheable because counting happens in this request, whose
answer carries the page's current counts."""

import base64
import logging

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from web.client_address import client_key

from . import guard, store
from .rules import SITE_KEY, key_is_public, read_token, should_count

log = logging.getLogger("visits")

# A transparent 1x1 GIF for the <noscript> image fallback.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def keys_to_count(request, token: dict) -> list[str]:
    """The counters this beacon adds one to; empty when nothing may be counted."""
    if not should_count(request):
        return []
    page_keys = [k for k in token["keys"] if k != SITE_KEY]
    if not all(key_is_public(k) for k in page_keys):
        return []  # withdrawn or unpublished since the page was rendered
    if not guard.claim_nonce(token["nonce"]):
        log.info("visits: replayed beacon token ignored (path=%s)", token["path"])
        return []
    if not guard.within_address_cap(client_key(request), token["path"]):
        return []
    return [SITE_KEY, *page_keys]


@csrf_exempt  # cached pages carry no CSRF token; the signed one-use token limits counting
@never_cache
@require_http_methods(["GET", "POST"])
def hit(request):
    token = read_token(request.GET.get("t", ""))
    if token is None:
        return HttpResponseBadRequest("bad token")
    keys = keys_to_count(request, token)
    if keys:
        store.record(keys)
    if request.method == "GET":
        return HttpResponse(PIXEL, content_type="image/gif")
    # The current counts of the page's keys, so a page served from the page cache shows
    # them up to date (static/js/visits.js writes them into the page).
    page_keys = [k for k in token["keys"] if k != SITE_KEY]
    return JsonResponse(store.counts_for(page_keys))
