"""Reads of county and township data for pages."""

from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import get_object_or_404

from pagecache import generations

from .models import County, Township

_COUNTY_CACHE_KEY = "townships:current-county"


def current_county() -> County | None:
    """The county this deployment serves (one county per platform)."""
    county = cache.get(_COUNTY_CACHE_KEY)
    if county is None:
        county = County.objects.order_by("id").first()
        if county is not None:
            cache.set(_COUNTY_CACHE_KEY, county, 300)
    return county


def forget_current_county() -> None:
    cache.delete(_COUNTY_CACHE_KEY)


def public_township(slug: str) -> Township:
    """An active township by slug, or 404. With the page cache on, kept until a county,
    township or catalogue change bumps the `all` counter (no query on most requests)."""
    return generations.remember(
        f"township:{slug}", [],
        lambda: get_object_or_404(Township.objects.select_related("county").active(),
                                  slug=slug))
