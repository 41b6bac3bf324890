"""The Redis side of the page cache: counters and page in one round trip, and a worker's own
copy used only while Redis says its counters are current (needs Redis; required in CI)."""

import os

import pytest
from django.core.cache import caches

from config import generations
from config.redis_cache import RedisCache

REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_pages(settings):
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "config.redis_cache.RedisCache", "LOCATION": REDIS,
        "KEY_PREFIX": "pages-test"}}
    cache = caches["pages"]
    assert isinstance(cache, RedisCache)
    try:
        cache.clear()
    except Exception:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.PAGE_CACHE = True
    generations.local.clear()
    yield cache
    cache.clear()
    generations.local.clear()


def test_counted_lookup_follows_the_counters(redis_pages):
    pieces = ["page:", ".", ":std:abc"]
    names = [generations.ALL, "t:one"]
    assert generations.get_counted(names, pieces) == (None, "page:0.0:std:abc")
    redis_pages.set("page:0.0:std:abc", {"body": b"old"})
    assert generations.get_counted(names, pieces) == ({"body": b"old"}, "page:0.0:std:abc")
    generations.bump("t:one")
    value, key = generations.get_counted(names, pieces)
    assert value is None
    assert key.startswith("page:0.")
    assert key != "page:0.0:std:abc"


def test_held_copy_is_used_only_while_counters_match(redis_pages):
    pieces = ["page:", ".", ":std:xyz"]
    names = [generations.ALL, "t:two"]
    redis_pages.set("page:0.0:std:xyz", "shared")
    assert generations.get_counted(names, pieces)[0] == "shared"  # now held locally
    redis_pages.set("page:0.0:std:xyz", "changed behind our back")
    assert generations.get_counted(names, pieces)[0] == "shared"  # not sent again
    value, counters = redis_pages.get_counted([generations.PREFIX + n for n in names], pieces,
                                              (0, 0))
    assert value is None
    assert counters == (0, 0)
    generations.bump("t:two")
    assert generations.get_counted(names, pieces)[0] is None  # the held copy is stale
