"""关怀版 (elder-friendly mode): a cookie read on the server, so it works without JavaScript."""

from django.utils.cache import patch_vary_headers

CARE_COOKIE = "care_mode"
CARE_MAX_AGE = 365 * 24 * 3600


def is_care_mode(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "1"


def cache_variant(request) -> str:
    return "care" if is_care_mode(request) else "std"


class CareModeMiddleware:
    """Marks the request and makes caches key HTML responses by Cookie.

    The page markup differs between the standard site and 关怀版, so every HTML response
    varies on Cookie; shared caches must not serve one mode's page to the other.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.care_mode = is_care_mode(request)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response


def display_mode(request):
    """Template context: `care_mode` (bool) and the current path for the mode switch link."""
    care = getattr(request, "care_mode", None)
    if care is None:
        care = is_care_mode(request)
    return {"care_mode": care, "current_path": request.get_full_path()}
