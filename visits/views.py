"""The counting beacon: pages stay cacheable because counting happens in this request."""

import base64

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import store
from .rules import SITE_KEY, should_count, unsign_keys

# A transparent 1x1 GIF for the <noscript> image fallback.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@csrf_exempt  # cached pages carry no CSRF token; the signed key list limits what can be counted
@never_cache
@require_http_methods(["GET", "POST"])
def hit(request):
    keys = unsign_keys(request.GET.get("t", ""))
    if keys is None:
        return HttpResponseBadRequest("bad token")
    if should_count(request):
        store.record([SITE_KEY, *[k for k in keys if k != SITE_KEY]])
    if request.method == "GET":
        return HttpResponse(PIXEL, content_type="image/gif")
    return HttpResponse(status=204)
