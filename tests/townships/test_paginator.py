"""Admin lists count at most COUNT_LIMIT + 1 rows, and say so when there are more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import DisclosureItem
from tests.factories import make_item, make_member, make_township, make_user
from townships import paginator
from townships.models import Role

pytestmark = pytest.mark.django_db


def test_count_stops_at_the_limit(monkeypatch):
    township = make_township()
    for _ in range(4):
        make_item(township=township)
    monkeypatch.setattr(paginator.CappedCountPaginator, "limit", 2)
    pages = paginator.CappedCountPaginator(DisclosureItem.objects.order_by("pk"), 1)
    with CaptureQueriesContext(connection) as ctx:
        assert pages.count == 3
    assert pages.capped
    assert "LIMIT 3" in ctx.captured_queries[0]["sql"].upper()
    exact = paginator.CappedCountPaginator(DisclosureItem.objects.filter(pk=-1), 1)
    assert exact.count == 0
    assert not exact.capped


def test_county_item_list_says_more_than_the_limit(client, monkeypatch):
    township = make_township()
    for _ in range(3):
        make_item(township=township)
    auditor = make_user(username="cap_auditor", password="x" * 12)
    make_member(user=auditor, role=Role.COUNTY_AUDITOR)
    client.force_login(auditor)
    monkeypatch.setattr(paginator.CappedCountPaginator, "limit", 2)
    page = client.get("/admin/disclosure/disclosureitem/").content.decode()
    assert "超过 2 条" in page
    monkeypatch.setattr(paginator.CappedCountPaginator, "limit", 10)
    page = client.get("/admin/disclosure/disclosureitem/").content.decode()
    assert "超过" not in page
