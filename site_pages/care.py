"""Display modes read on the server from a cookie, so they work without JavaScript:
关怀版 (elder-friendly) and 纯文本 (text only: no pictures, no colour layout, one column;
A11Y.md §4). Both change the page, so both join the page-cache key (`cache_variant`), and
they combine: 纯文本 in 关怀版 keeps the large type and targets."""

from django.utils.cache import patch_vary_headers

CARE_COOKIE = "care_mode"
CARE_MAX_AGE = 365 * 24 * 3600
TEXT_COOKIE = "text_mode"


def is_care_mode(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "1"


def is_text_mode(request) -> bool:
    return request.COOKIES.get(TEXT_COOKIE) == "1"


def cache_variant(request) -> str:
    base = "care" if is_care_mode(request) else "std"
    return f"{base}-text" if is_text_mode(request) else base


class CareModeMiddleware:
    """Marks the request and makes caches key HTML responses by Cookie.

    The page markup differs between the standard site, 关怀版 and 纯文本, so every HTML
    response varies on Cookie; shared caches must not serve one mode's page to another.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.care_mode = is_care_mode(request)
        request.text_mode = is_text_mode(request)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response


def display_mode(request):
    """Template context: `care_mode`, `text_mode` (bools) and the current path for the mode
    switch links."""
    care = getattr(request, "care_mode", None)
    if care is None:
        care = is_care_mode(request)
    text = getattr(request, "text_mode", None)
    if text is None:
        text = is_text_mode(request)
    return {"care_mode": care, "text_mode": text, "current_path": request.get_full_path()}
