import pytest
from django.core.cache import caches

from pagecache import generations


@pytest.fixture
def fragments_on(settings):
    """Page cache and fragments on, both caches empty; every request with `_b=` a miss."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_MISS_PARAM = "_b"
    generations.local.clear()
    caches["pages"].clear()
