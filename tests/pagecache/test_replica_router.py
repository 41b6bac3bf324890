"""The optional read replica: anonymous public GETs read from it; writes, the back office,
logged-in users and a browser that has just written read from the primary."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from pagecache import replica

ROUTER = replica.PublicReadsToReplica()


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(replica, "has_replica", lambda: True)


def _route(request) -> str:
    seen = []

    def view(req):
        seen.append(ROUTER.db_for_read(None))
        return HttpResponse()

    response = replica.PublicReadsMiddleware(view)(request)
    request.response = response
    return seen[0]


def test_anonymous_public_get_reads_from_the_replica(with_replica):
    assert _route(RequestFactory().get("/xxgk/town1/")) == "replica"


@pytest.mark.parametrize("path", ["/admin/", "/media/attachments/a.pdf", "/healthz",
                                  "/visits/hit/"])
def test_back_office_and_private_paths_read_from_the_primary(with_replica, path):
    assert _route(RequestFactory().get(path)) == "default"


def test_logged_in_browser_reads_from_the_primary(with_replica, settings):
    request = RequestFactory().get("/xxgk/town1/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert _route(request) == "default"


def test_after_a_write_the_browser_reads_from_the_primary_for_a_while(with_replica):
    post = RequestFactory().post("/ysqgk/town1/apply/")
    assert _route(post) == "default"
    cookie = post.response.cookies[replica.PIN_COOKIE]
    assert cookie["max-age"] == replica.PIN_SECONDS
    follow = RequestFactory().get("/ysqgk/town1/receipt/")
    follow.COOKIES[replica.PIN_COOKIE] = "1"
    assert _route(follow) == "default"


def test_the_counting_beacon_does_not_pin_to_the_primary(with_replica):
    post = RequestFactory().post("/visits/hit/")
    _route(post)
    assert replica.PIN_COOKIE not in post.response.cookies


def test_without_a_replica_everything_reads_from_the_primary():
    assert _route(RequestFactory().get("/xxgk/town1/")) == "default"


def test_writes_and_migrations_go_to_the_primary_only():
    assert ROUTER.db_for_write(None) == "default"
    assert ROUTER.allow_migrate("default", "disclosure")
    assert not ROUTER.allow_migrate("replica", "disclosure")
