"""The replay guard (pagecache/replica.py), with the WAL positions stood in for: a public read
goes to the replica only when it has replayed up to the position the last bump recorded;
otherwise the page is rendered from the primary. A piece computed from the replica is kept
only if no newer bump was recorded meanwhile. tests/production/test_replica_lag.py proves
the same with a real streaming replica."""

from __future__ import annotations

import os

import pytest
import redis
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from pagecache import generations, replica

ROUTER = replica.PublicReadsToReplica()
REAL = os.environ.get("FAULT_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture
def positions(monkeypatch, settings):
    """A primary at position `primary` and a replica replayed to `replay` (None: not
    answering), with the guard on (the PostgreSQL-and-page-cache condition stood in for)."""
    settings.PAGE_CACHE = True
    state = {"primary": 100, "replay": 100}
    monkeypatch.setattr(replica, "has_replica", lambda: True)
    monkeypatch.setattr(replica, "guarded", lambda: True)
    monkeypatch.setattr(replica, "primary_position", lambda: state["primary"])
    monkeypatch.setattr(replica, "replay_position", lambda: state["replay"])
    generations.local.clear()
    return state


def _route(request=None) -> tuple[str, HttpResponse]:
    request = request or RequestFactory().get("/xxgk/town1/")
    seen = []

    def view(req):
        seen.append(ROUTER.db_for_read(None))
        return HttpResponse()

    replica.PublicReadsMiddleware(view)(request)
    return seen[0], request


def test_lsn_text_to_number():
    assert replica.lsn_to_int("0/3000148") == 0x3000148
    assert replica.lsn_to_int("16/B374D848") == (0x16 << 32) | 0xB374D848


def test_a_replica_that_replayed_every_bump_is_read(positions):
    generations.bump("t:town1")
    assert _route()[0] == "replica"


def test_a_replica_behind_the_last_bump_is_not_read(positions):
    positions["primary"] = 250  # a withdrawal committed; its bump records 250
    generations.bump("t:town1")
    positions["replay"] = 249  # replay paused just before it
    where, request = _route()
    assert where == "default"
    assert replica.may_keep_page(request)  # rendered from the primary: may be stored
    positions["replay"] = 250
    assert _route()[0] == "replica"


def test_the_recorded_position_only_grows(positions):
    positions["primary"] = 300
    generations.bump("site")
    positions["primary"] = 200  # a late bump from a process that read its position earlier
    generations.bump("site")
    positions["replay"] = 250
    assert _route()[0] == "default"


def test_an_unreachable_replica_is_not_read(positions):
    positions["replay"] = None
    assert _route()[0] == "default"


def test_with_no_position_recorded_yet_the_primarys_current_one_is_used(positions):
    positions["primary"] = 500
    positions["replay"] = 499
    assert _route()[0] == "default"
    positions["replay"] = 500
    assert _route()[0] == "replica"


def test_a_piece_computed_from_the_replica_after_a_newer_bump_is_not_kept(positions):
    generations.bump("all")
    computed = []

    def view(req):
        positions["primary"] = 180  # a county change commits and bumps mid-render
        generations.bump("all")
        computed.append(generations.remember("county-test", [], lambda: "old name"))
        return HttpResponse()

    replica.PublicReadsMiddleware(view)(RequestFactory().get("/"))
    assert computed == ["old name"]
    # Not kept: the next request (replica now current) computes it again.
    positions["replay"] = 180
    fresh = []
    replica.PublicReadsMiddleware(lambda req: fresh.append(
        generations.remember("county-test", [], lambda: "new name")) or HttpResponse())(
        RequestFactory().get("/"))
    assert fresh == ["new name"]


def test_a_piece_computed_from_a_current_replica_is_kept(positions):
    generations.bump("all")
    replica.PublicReadsMiddleware(lambda req: generations.remember(
        "county-test", [], lambda: "name") and HttpResponse())(RequestFactory().get("/"))
    assert generations.remember("county-test", [], lambda: "recomputed") == "name"


def test_without_the_page_cache_routing_is_unchanged(monkeypatch, settings):
    settings.PAGE_CACHE = False  # nothing is stored, so nothing is checked
    monkeypatch.setattr(replica, "has_replica", lambda: True)
    assert not replica.guarded()
    assert _route()[0] == "replica"


@pytest.fixture
def real_pages(settings):
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "pagecache.redis_cache.RedisCache", "LOCATION": REAL,
        "KEY_PREFIX": "pages-replica-test"}}
    cache = caches["pages"]
    try:
        cache.clear()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    yield cache
    cache.clear()


def test_redis_keeps_the_highest_position_atomically(real_pages):
    assert real_pages.read_int("pos") is None
    big = (0xFFFF << 32) | 0xFFFFFFFF  # beyond a double's exact integers: compared as text
    for value in (7, 1000, 999, big - 1, big, 12):
        real_pages.keep_max("pos", value)
    assert real_pages.read_int("pos") == big


def test_bumps_record_the_position_in_redis_recovery_and_release_included(real_pages,
                                                                           positions):
    positions["primary"] = 1_000
    generations.bump("t:town1", "site")
    assert real_pages.read_int(replica.POSITION_KEY) == 1_000
    positions["primary"] = 2_000  # after a Redis outage: every counter bumped on recovery
    generations.bump_everything_on_recovery(real_pages)
    assert real_pages.read_int(replica.POSITION_KEY) == 2_000
    positions["primary"] = 3_000  # the release step and restore
    generations.bump_every_counter()
    assert real_pages.read_int(replica.POSITION_KEY) == 3_000
    positions["replay"] = 2_999
    assert _route()[0] == "default"
