"""A public search never holds a worker for long (SEARCH_TIMEOUT_MS, PostgreSQL): a statement
cut off by the limit gives the visitor a message and a 503 (so no cache keeps it), and the
limit does not outlive the search's own transaction."""

import pytest
from django.db import connection

from search import query
from search.query import Filters, search
from tests.factories import make_item, make_township

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="statement_timeout: PostgreSQL")


def slow_count(matched, limit):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.5)")
    return 0


@pytest.mark.django_db(transaction=True)
def test_slow_search_stops_at_the_limit_and_the_limit_ends_with_it(settings, monkeypatch):
    settings.SEARCH_TIMEOUT_MS = 100
    make_item(township=make_township(), published=True, title="防汛抗旱应急预案")
    monkeypatch.setattr(query, "_count", slow_count)
    found = search("防汛", filters=Filters())
    assert found.timed_out
    assert found.entries == []
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
    monkeypatch.undo()
    assert [e.title for e in search("防汛", filters=Filters()).entries] == ["防汛抗旱应急预案"]


@pytest.mark.django_db
def test_timed_out_search_page_says_so_with_503(client, settings, monkeypatch):
    settings.SEARCH_TIMEOUT_MS = 100
    make_item(township=make_township(), published=True, title="防汛抗旱应急预案")
    monkeypatch.setattr(query, "_count", slow_count)
    response = client.get("/search/", {"q": "防汛"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "这次搜索用时过长" in page
    assert 'role="alert"' in page
    assert "没有找到" not in page


@pytest.mark.django_db
def test_no_limit_when_set_to_zero(settings, monkeypatch):
    settings.SEARCH_TIMEOUT_MS = 0
    monkeypatch.setattr(query, "_count", slow_count)
    assert not search("防汛", filters=Filters()).timed_out
