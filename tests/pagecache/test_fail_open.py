"""Redis down never fails a page: with every cache pointed at a Redis that refuses
connections, public pages render (uncached), a publish's bump does not raise and is made
when Redis is back, visits are counted in the database, staff sessions survive, /healthz
stays 200 (liveness) while /readyz answers 500 (readiness)."""

import json
import logging
import os
import re

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from pagecache import generations, redis_cache
from pagecache.redis_cache import RedisCache
from tests.factories import crew, make_item, make_township
from townships.models import Role
from townships.pages import bump_township_pages
from visits.models import VisitCounter

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}
UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused
REAL = os.environ.get("FAULT_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def _redis_cache(url, prefix):
    return {"BACKEND": "pagecache.redis_cache.RedisCache", "LOCATION": url,
            "KEY_PREFIX": prefix}


@pytest.fixture
def redis_down(settings):
    before = settings.CACHES
    settings.CACHES = {"default": _redis_cache(UNREACHABLE, ""),
                       "pages": _redis_cache(UNREACHABLE, "pages")}
    settings.PAGE_CACHE = True
    settings.REDIS_URL = UNREACHABLE
    settings.VISITS_REDIS_URL = UNREACHABLE
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    generations.pending.clear()
    yield
    generations.pending.clear()
    settings.CACHES = before  # the test-wide teardown clears the caches


def test_public_pages_render_without_the_cache_and_warn_once_per_interval(redis_down, caplog):
    item = make_item(township=make_township(), published=True)
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        responses = [Client().get(item.get_absolute_url(), **BROWSER) for _ in range(20)]
        township = Client().get(item.township.get_absolute_url(), **BROWSER)
    assert [r.status_code for r in responses] == [200] * 20
    assert township.status_code == 200
    assert item.title in responses[-1].content.decode()
    assert not any(r.has_header("X-Page-Cache") for r in responses)
    warnings = [r for r in caplog.records
                if r.name == "pagecache" and "Redis unavailable" in r.getMessage()]
    # one per cache (default, pages) for the whole interval, not one per request
    assert 1 <= len(warnings) <= 2


def test_a_publish_while_redis_is_down_does_not_raise_and_is_remembered(
        redis_down, django_capture_on_commit_callbacks):
    township = make_township()
    with django_capture_on_commit_callbacks(execute=True):
        bump_township_pages(township.pk)
    assert generations.township_scope(township.slug) in generations.pending


def test_the_cache_answers_fast_while_open():
    cache = RedisCache(UNREACHABLE, {"OPTIONS": {"retry_seconds": 60}})
    assert cache.get("x", "fallback") == "fallback"
    assert cache.add("lock", 1) is True  # the caller goes ahead
    assert cache.incr("n", 3) == 3
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("k", "v") is None
    assert cache.failures == 1  # the first call failed; the rest never asked Redis
    with pytest.raises(redis_cache.CacheUnavailableError):
        cache.get_counted(["gen:all"], ["page:", ""])


def test_visits_are_counted_in_the_database_while_redis_is_down(redis_down):
    item = make_item(township=make_township(), published=True)
    page = Client().get(item.get_absolute_url(), **BROWSER)
    url = re.search(r'data-hit-url="([^"]+)"', page.content.decode()).group(1)
    answer = Client().post(url, **BROWSER)
    assert answer.status_code == 200
    assert json.loads(answer.content)[f"item:{item.pk}"] == 1
    assert VisitCounter.objects.get(key=f"item:{item.pk}").count == 1


def test_staff_keep_working_while_redis_is_down(redis_down):
    township = make_township()
    user = crew(township)(Role.AUTHOR)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 200  # the session came from the database


def test_healthz_is_liveness_and_readyz_is_readiness(redis_down):
    live = Client().get("/healthz?format=json")
    assert live.status_code == 200
    assert live["X-Health-Degraded"] == "cache"
    results = json.loads(live.content)
    assert results["Database(alias='default')"] == "OK"
    assert results["Cache(alias='default')"] != "OK"  # reported, not fatal
    assert Client().get("/readyz?format=text").status_code == 500


@pytest.fixture
def real_pages(settings):
    settings.CACHES = {**settings.CACHES, "pages": _redis_cache(REAL, "pages-fault-test")}
    settings.PAGE_CACHE = True
    cache = caches["pages"]
    try:
        cache.clear()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    generations.pending.clear()
    generations.local.clear()
    yield cache
    cache.clear()
    generations.pending.clear()


def test_every_counter_is_bumped_when_redis_is_back(real_pages):
    names = [generations.ALL, "t:one"]
    pieces = ["page:", ".", ":std:x"]
    _value, before = generations.get_counted(names, pieces)
    real_pages.set(before, "cached before the outage")
    # the outage: a bump fails and is remembered
    real_pages._failed(redis.exceptions.ConnectionError("simulated"))
    generations.bump("t:one")
    assert generations.pending == {"t:one"}
    with pytest.raises(redis_cache.CacheUnavailableError):
        generations.get_counted(names, pieces)
    real_pages._open_until = 0  # the retry interval is over; Redis answers again
    value, after = generations.get_counted(names, pieces)
    assert value is None  # the page cached before the outage is not served
    assert after != before
    assert not generations.pending
    assert not real_pages.degraded


def test_bump_every_counter_bumps_each_existing_counter_in_redis(real_pages):
    generations.bump("t:one", generations.SITE)
    before = generations.current(generations.ALL, "t:one", generations.SITE)
    names = generations.bump_every_counter()
    assert {"all", "site", "t:one"} <= set(names)
    after = generations.current(generations.ALL, "t:one", generations.SITE)
    assert all(a > b for a, b in zip(after, before, strict=True))
