"""Back-office list pages stay usable with many rows: no per-row queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signoff import chain
from tests.disclosure.chain_factories import make_staff
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


@pytest.mark.django_db
def test_item_list_does_not_read_the_bodies(client):
    """The list shows no body; a page of items must not fetch every item's whole text."""
    township = make_township()
    client.force_login(make_member(township=township, role=Role.PUBLISHER))
    make_item(township=township, title="关于防汛值班安排的通知")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("admin:disclosure_disclosureitem_changelist"))
    assert "关于防汛值班安排的通知" in response.content.decode()
    assert not any('"body"' in q["sql"] for q in ctx.captured_queries)


@pytest.mark.django_db
def test_signoff_log_names_withdrawn_items_without_a_query_each(client):
    township = make_township()
    publisher = make_staff(township=township)[Role.PUBLISHER]
    client.force_login(publisher)
    url = reverse("admin:signoff_signoff_changelist")

    def withdraw(n):
        chain.withdraw(make_item(township=township, published=True, title=f"第{n}号公告"),
                       publisher, reason="有误")

    withdraw(0)
    queries_for(client, url)
    before = queries_for(client, url)
    for n in range(1, 6):
        withdraw(n)
    assert queries_for(client, url) == before
    page = client.get(url).content.decode()
    assert all(f"第{n}号公告" in page for n in range(6))
