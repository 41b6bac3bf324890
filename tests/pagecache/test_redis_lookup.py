"""The Redis side of the page cache: counters and page in one round trip, and a worker's own
copy used only while Redis says its counters are current (needs Redis; required in CI)."""

import os
import time

import pytest
import redis
from django.core.cache import caches

from pagecache import generations
from pagecache.redis_cache import RedisCache
from pagecache.watch import watcher

REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_pages(settings):
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "pagecache.redis_cache.RedisCache", "LOCATION": REDIS,
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


def _wait(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def _watching(cache, names, pieces) -> bool:
    """Subscribed, and these counters known (a lookup teaches them once subscribed)."""
    generations.get_counted(names, pieces)
    return watcher.values_for(cache, names) is not None


def test_bumps_from_another_process_reach_this_one_over_pub_sub(redis_pages, monkeypatch):
    names = [generations.ALL, "t:three"]
    pieces = ["page:", ".", ":std:pub"]
    assert generations.get_counted(names, pieces)[0] is None  # starts the watcher
    assert _wait(lambda: _watching(redis_pages, names, pieces))
    redis_pages.set(generations.counted_key(pieces, watcher.values_for(redis_pages, names)),
                    "page v1")
    assert generations.get_counted(names, pieces)[0] == "page v1"  # now held here

    def no_round_trips(*args, **kwargs):
        raise AssertionError("a hit with current counters must not ask Redis")

    monkeypatch.setattr(type(redis_pages), "get_counted", no_round_trips)
    monkeypatch.setattr(type(redis_pages), "get", no_round_trips)
    assert generations.get_counted(names, pieces)[0] == "page v1"
    monkeypatch.undo()

    other = RedisCache(REDIS, {"KEY_PREFIX": "pages-test"})  # another process's cache
    bumped = other.bump_counted(generations.PREFIX + "t:three", "t:three")
    assert _wait(lambda: watcher.values_for(redis_pages, names)[1] == bumped)
    assert generations.get_counted(names, pieces)[0] is None  # the held copy is stale now


def test_lost_subscription_falls_back_to_asking_redis(redis_pages):
    names = [generations.ALL, "t:four"]
    pieces = ["page:", ".", ":std:lost"]
    generations.get_counted(names, pieces)
    assert _wait(lambda: _watching(redis_pages, names, pieces))
    redis.Redis.from_url(REDIS).client_kill_filter(_type="pubsub")
    assert _wait(lambda: watcher.values_for(redis_pages, names) is None, 2)
    other = RedisCache(REDIS, {"KEY_PREFIX": "pages-test"})
    other.bump_counted(generations.PREFIX + "t:four", "t:four")  # possibly unheard
    _value, key = generations.get_counted(names, pieces)  # asks Redis: sees the bump
    assert key.split(":")[1].split(".")[1] != "0"
    assert _wait(lambda: _watching(redis_pages, names, pieces))  # back again


def test_a_miss_takes_its_render_claim_in_the_lookups_round_trip(redis_pages):
    pieces = ["page:", ".", ":std:claim"]
    names = [generations.ALL, "t:three"]
    # Until the watcher knows the counters they are read by script: no claim taken along.
    assert generations.get_counted_or_claim(names, pieces, 13)[2] in (None, True)
    redis_pages.delete("page:0.0:std:claim" + generations.CLAIM)
    assert _wait(lambda: _watching(redis_pages, names, pieces))
    assert generations.get_counted_or_claim(names, pieces, 13) == (
        None, "page:0.0:std:claim", True)
    claim = redis_pages.make_and_validate_key("page:0.0:std:claim" + generations.CLAIM)
    ttl = redis_pages._cache.get_client().ttl(claim)
    assert 0 < ttl <= 13
    assert redis_pages.get("page:0.0:std:claim" + generations.CLAIM) == 1  # as `add` stores
    # Another worker missing the same page finds the claim held: it waits instead.
    assert generations.get_counted_or_claim(names, pieces, 13) == (
        None, "page:0.0:std:claim", False)
    # No claim asked: a plain lookup, nothing taken.
    redis_pages.delete("page:0.0:std:claim" + generations.CLAIM)
    assert generations.get_counted_or_claim(names, pieces, 0) == (
        None, "page:0.0:std:claim", None)
    assert redis_pages.get("page:0.0:std:claim" + generations.CLAIM) is None
    # Stored: the page, and no claim.
    redis_pages.set("page:0.0:std:claim", {"body": b"page"})
    value, _key, _claimed = generations.get_counted_or_claim(names, pieces, 13)
    assert value == {"body": b"page"}
    assert redis_pages.get("page:0.0:std:claim" + generations.CLAIM) is None


def test_the_claim_fails_open_as_add_does(redis_pages, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise redis.exceptions.ConnectionError("refused")

    monkeypatch.setattr(redis_pages._cache, "script", refuse)
    assert redis_pages.get_or_claim("page:x", "page:x" + generations.CLAIM, 13) == (None, True)


@pytest.mark.django_db
def test_the_wsgi_lookup_claims_and_the_middleware_does_not_claim_again(redis_pages,
                                                                         monkeypatch):
    from django.test import Client

    from pagecache import wsgi
    from pagecache.middleware import CLAIMED_KEY, MISSED_KEY
    from tests.factories import make_township
    from tests.pagecache.test_early_hits import AGENT, Inner, call, environ_for

    url = make_township().get_absolute_url()
    names = [generations.ALL, generations.township_scope(url.strip("/").split("/")[-1])]
    assert _wait(lambda: _watching(redis_pages, names, ["page:", ".", ":std:w"]))
    inner = Inner()
    call(wsgi.StoredPages(inner), environ_for(url))
    [environ] = inner.environs
    key, claimed = environ[MISSED_KEY], environ[CLAIMED_KEY]
    assert claimed is True
    assert redis_pages.get(key + generations.CLAIM) == 1

    def no_second_claim(*_args, **_kwargs):
        raise AssertionError("claimed twice")

    monkeypatch.setattr(redis_pages, "add", no_second_claim)
    response = Client().get(url, HTTP_USER_AGENT=AGENT,
                            **{MISSED_KEY: key, CLAIMED_KEY: claimed})
    assert response["X-Page-Cache"] == "miss"
    assert redis_pages.get(key) is not None


def test_a_remembered_piece_outlives_the_pages_that_show_it(redis_pages, settings):
    """A piece is exact under its counters and independent of the clock: it is kept
    PAGE_CACHE_OBJECT_SECONDS (a township's tree, read by every item page's miss, no longer
    lapses five minutes after the last column page was rendered)."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_OBJECT_SECONDS = 86400
    assert generations.remember("tree-test", [], lambda: ["tree"]) == ["tree"]
    _value, key = generations._piece("tree-test", [])
    seconds = redis.Redis.from_url(REDIS).ttl(redis_pages.make_key(key))
    assert 300 < seconds <= 86400
