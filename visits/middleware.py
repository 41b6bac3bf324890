"""Pages that carry a beacon token are cacheable by the browser only.

Each rendering mints a one-use token; a shared cache serving one copy to many visitors
would let only the first of them count.
"""

from django.utils.cache import patch_cache_control


class BeaconPagesArePrivateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_visit_token_minted", False):
            patch_cache_control(response, private=True)
        return response
