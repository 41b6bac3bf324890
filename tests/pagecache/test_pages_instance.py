"""Pages in a Redis instance of their own (PAGE_CACHE_REDIS_URL, docs/DEPLOY.md 1.3): with a
memory limit and volatile-lru a flood of page copies is evicted, and the generation counters
(no expiry) never are, so no stale page can come back. A real redis-server on a spare port."""

import os
import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import caches

from pagecache import generations

PORT = 6391


@pytest.fixture
def bounded_redis(tmp_path, settings):
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is required in CI")
        pytest.skip("redis-server not installed")
    proc = subprocess.Popen(  # noqa: S603
        [shutil.which("redis-server"), "--port", str(PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path), "--maxmemory", "3mb",
         "--maxmemory-policy", "volatile-lru"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=PORT)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    original = settings.CACHES
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "pagecache.redis_cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{PORT}/0", "KEY_PREFIX": "pages"}}
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_WATCH = False
    generations.local.clear()
    yield client
    generations.local.clear()
    settings.CACHES = original  # back to the suite's cache before this server goes
    proc.terminate()
    proc.wait(10)


def test_a_flood_of_pages_is_evicted_and_the_counters_stay(bounded_redis):
    cache = caches["pages"]
    generations.bump(generations.township_scope("qingshi"))
    counters = generations.current(generations.ALL, "t:qingshi")
    page = "页" * 5000  # about 15 KB, like a rendered item page
    for n in range(2000):  # about 30 MB offered to a 3 MB instance
        cache.set(f"page:/xxgk/qingshi/content/{n}/", page, 300)
    info = bounded_redis.info()
    assert info["evicted_keys"] > 0
    assert info["used_memory"] <= 4 * 1024 * 1024
    assert generations.current(generations.ALL, "t:qingshi") == counters
    assert counters[1] != 0
    assert bounded_redis.ttl(b"pages:1:gen:t:qingshi") == -1  # no expiry: never a candidate


def test_the_settings_put_pages_where_page_cache_redis_url_says(monkeypatch):
    import importlib

    from config import settings as live

    monkeypatch.setenv("REDIS_URL", "redis://sessions.example:6379/0")
    monkeypatch.setenv("PAGE_CACHE_REDIS_URL", "redis://pages.example:6379/0")
    try:
        fresh = importlib.reload(live)
        assert fresh.CACHES["pages"]["LOCATION"] == "redis://pages.example:6379/0"
        assert fresh.CACHES["default"]["LOCATION"] == "redis://sessions.example:6379/0"
        monkeypatch.delenv("PAGE_CACHE_REDIS_URL")
        fresh = importlib.reload(live)
        assert fresh.CACHES["pages"]["LOCATION"] == "redis://sessions.example:6379/0"
    finally:
        monkeypatch.undo()
        importlib.reload(live)
