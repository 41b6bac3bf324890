"""Back-office list pages stay usable with many rows: no per-row queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_item, make_member, make_township
from townships.models import Role


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": "通知"}, {"status__exact": "published"}])
def test_item_changelist_query_count_does_not_grow(client, params):
    township = make_township()
    publisher = make_member(township=township, role=Role.PUBLISHER)
    client.force_login(publisher)
    url = reverse("admin:disclosure_disclosureitem_changelist")
    make_item(township=township, published=True, title="关于防汛值班安排的通知")
    queries_for(client, url, params)
    before = queries_for(client, url, params)
    for n in range(30):
        make_item(township=township, published=n % 2 == 0, title=f"关于第{n}批项目的通知")
    assert queries_for(client, url, params) == before
