"""301 from an address of a township's old site to the item moved in from it.

Runs only where the platform itself has nothing (a 404 to a GET or HEAD), so it can never
shadow a page of the platform; the mapping (`OldUrlRedirect`) is uploaded by the county or
township (admin, or `manage.py import_old_site`/`import_redirects`). A draft or withdrawn
item, or one of an inactive township, is not a target: the address stays 404.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect

from .models import DisclosureItem, OldUrlRedirect


def find_redirect(request) -> str | None:
    full = request.get_full_path()
    candidates = [full] if full == request.path else [full, request.path]
    mapping = (OldUrlRedirect.objects.filter(old_path__in=candidates)
               .select_related("item__township").order_by("-old_path").first())
    if mapping is None or mapping.item.township_id != mapping.township_id:
        return None
    if not DisclosureItem.objects.published().filter(pk=mapping.item_id).exists():
        return None
    return mapping.item.get_absolute_url()


class OldUrlRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = find_redirect(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response
