"""N parallel public views of one item raise its shown count by exactly N (PostgreSQL)."""

import os
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from tests.factories import make_item, make_township
from visits import store

N = 40
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(settings):
    settings.VISITS_REDIS_URL = ""
    settings.REDIS_URL = ""
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but the database is not PostgreSQL")
        pytest.skip("concurrency test needs PostgreSQL (set DATABASE_URL)")


@pytest.mark.django_db(transaction=True)
def test_shown_count_rises_by_exactly_n_when_n_parallel_views():
    township = make_township()
    item = make_item(township=township, published=True)
    start = threading.Barrier(N)
    errors = []

    def visit():
        try:
            client = Client(HTTP_USER_AGENT=UA)
            start.wait()
            page = client.get(item.get_absolute_url()).content.decode()
            url = re.search(r'data-hit-url="([^"]+)"', page).group(1).replace("&amp;", "&")
            if client.post(url).status_code != 200:
                errors.append("bad status")
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count_for(f"item:{item.pk}") == N
    shown = Client().get(item.get_absolute_url()).content.decode()
    assert f'<span class="visit-number">{N}</span>' in shown


@pytest.mark.django_db(transaction=True)
def test_redis_counts_exactly_n_and_flush_keeps_them_when_n_parallel_hits(settings):
    settings.VISITS_REDIS_URL = "redis://127.0.0.1:6379/15"
    client = store.redis_client()
    try:
        client.ping()
    except Exception:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.flushdb()
    start = threading.Barrier(N)

    def hit():
        start.wait()
        store.record(["site", "item:99"])
        if threading.current_thread().name.endswith("7"):
            store.flush()  # flushes racing with hits lose nothing
        connections.close_all()

    threads = [threading.Thread(target=hit, name=f"t{i}") for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count_for("item:99") == N
    store.flush()
    settings.VISITS_REDIS_URL = ""
    assert store.count_for("item:99") == N
    client.flushdb()
