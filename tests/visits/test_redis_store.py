"""Redis mode: hits go to a pending hash; flush_visits moves them to the database exactly once."""

import pytest
from django.core.management import call_command

from visits import store
from visits.models import VisitCounter

REDIS = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_store(settings):
    settings.VISITS_REDIS_URL = REDIS
    try:
        client = store.redis_client()
        client.ping()
    except Exception:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.mark.django_db(transaction=True)
def test_count_is_exact_before_and_after_flush_when_redis_configured(redis_store):
    for _ in range(5):
        store.record(["site", "item:7"])
    assert store.count_for("item:7") == 5
    assert not VisitCounter.objects.exists()
    call_command("flush_visits", verbosity=0)
    assert VisitCounter.objects.get(key="item:7").count == 5
    assert store.count_for("item:7") == 5
    store.record(["item:7"])
    assert store.count_for("item:7") == 6


@pytest.mark.django_db(transaction=True)
def test_leftover_batch_is_flushed_when_previous_flush_was_interrupted(redis_store):
    store.record(["item:8"])
    # A flush that died after its RENAME (which registers the batch in the same MULTI).
    redis_store.sadd(store.BATCHES, store.FLUSHING_PREFIX + "crashed")
    redis_store.rename(store.PENDING, store.FLUSHING_PREFIX + "crashed")
    store.record(["item:8"])
    assert store.count_for("item:8") == 2
    store.flush()
    assert VisitCounter.objects.get(key="item:8").count == 2
    assert store.count_for("item:8") == 2
    assert redis_store.smembers(store.BATCHES) == set()


@pytest.mark.django_db(transaction=True)
def test_unregistered_batch_from_an_older_release_is_still_flushed(redis_store):
    store.record(["item:9"])
    redis_store.rename(store.PENDING, store.FLUSHING_PREFIX + "legacy")
    store.flush()
    assert VisitCounter.objects.get(key="item:9").count == 1
    assert not redis_store.exists(store.FLUSHING_PREFIX + "legacy")


@pytest.mark.django_db(transaction=True)
def test_shown_count_adds_the_pending_hash_and_every_batch_being_flushed(redis_store):
    store.add_to_database({"item:10": 40})
    for _ in range(3):
        store.record(["item:10", "item:11"])
    # Two flushes under way (renamed, not yet moved), then new hits after them.
    for name in ("one", "two"):
        redis_store.sadd(store.BATCHES, store.FLUSHING_PREFIX + name)
        redis_store.rename(store.PENDING, store.FLUSHING_PREFIX + name)
        store.record(["item:10"])
    assert store.counts_for(["item:10", "item:11", "item:12"]) == {
        "item:10": 45, "item:11": 3, "item:12": 0}
    store.flush()
    assert store.counts_for(["item:10", "item:11"]) == {"item:10": 45, "item:11": 3}
