"""Site-wide template context: the county and its footer items."""

from .selectors import current_county


def site(request):
    return {"site_county": current_county()}
