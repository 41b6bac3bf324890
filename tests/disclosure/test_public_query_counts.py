"""Public list pages use a fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import leaf_category, make_item, make_township


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_list_pages_do_not_grow_with_rows(client):
    township = make_township()
    category = leaf_category(township)
    make_item(township=township, category=category, published=True)
    urls = [
        reverse("disclosure:county_home"),
        reverse("disclosure:township_home", args=[township.slug]),
        reverse("disclosure:category_detail", args=[township.slug, category.pk]),
        reverse("disclosure:guide", args=[township.slug]),
    ]
    for url in urls:  # warm the per-process county cache
        client.get(url)
    before = {url: query_count(client, url) for url in urls}
    for n in range(25):
        make_item(township=township, category=category, published=True,
                  title=f"第{n}号村务公开事项")
    after = {url: query_count(client, url) for url in urls}
    assert after == before
    assert max(after.values()) <= 8
