"""A cached public page never serves one mode's markup to the other (Vary: Cookie)."""

import pytest
from django.test import Client

from tests.factories import make_item, make_township


@pytest.fixture
def page_cache(settings):
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 300


@pytest.mark.django_db
def test_cached_page_keeps_modes_apart_when_whole_pages_are_cached(page_cache):
    township = make_township()
    item = make_item(township=township, published=True)
    url = item.get_absolute_url()
    standard = Client()
    care = Client()
    care.cookies["care_mode"] = "1"
    first = standard.get(url)
    assert "mode-care" not in first.content.decode()
    assert "mode-care" in care.get(url).content.decode()
    assert "mode-care" not in standard.get(url).content.decode()
    assert "mode-care" in care.get(url).content.decode()


@pytest.mark.django_db
def test_cached_page_still_counts_each_view_through_the_beacon(page_cache, settings):
    import re

    from visits import store

    settings.VISITS_REDIS_URL = ""
    township = make_township()
    item = make_item(township=township, published=True)
    ua = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120 Safari/537.36"
    for _ in range(3):
        client = Client(HTTP_USER_AGENT=ua)
        html = client.get(item.get_absolute_url()).content.decode()
        beacon = re.search(r'data-hit-url="([^"]+)"', html).group(1).replace("&amp;", "&")
        client.post(beacon)
    assert store.count_for(f"item:{item.pk}") == 3
