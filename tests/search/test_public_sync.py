"""A withdrawn or never-published item is absent from search, feeds, sitemap and the API at
once; a published one is in all four."""

import pytest
from django.urls import reverse

from signoff import chain
from tests.factories import crew, make_item, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db

TITLE = "东岗村饮水安全工程竣工验收公示"


def _everywhere(client, item) -> dict[str, bool]:
    township = item.township
    url = item.get_absolute_url()
    search = client.get(reverse("search:results"), {"q": "饮水安全"}).content.decode()
    feed = client.get(reverse("feeds:township_feed", args=[township.slug])).content.decode()
    category_feed = client.get(reverse("feeds:category_feed",
                                       args=[township.slug, item.category_id])).content.decode()
    county_feed = client.get(reverse("feeds:county_feed")).content.decode()
    sitemap = client.get(reverse("feeds:sitemap_section", args=["items"])).content.decode()
    api = client.get("/api/v1/items").json()["results"]
    return {
        "search": url in search,
        "feed": url in feed,
        "category_feed": url in category_feed,
        "county_feed": url in county_feed,
        "sitemap": url in sitemap,
        "api": item.pk in [row["id"] for row in api],
    }


def test_published_item_is_in_search_feeds_sitemap_and_api(client):
    item = make_item(township=make_township(), published=True, title=TITLE)
    assert _everywhere(client, item) == dict.fromkeys(
        ["search", "feed", "category_feed", "county_feed", "sitemap", "api"], True)


def test_withdrawn_item_leaves_search_feeds_sitemap_and_api_at_once(client):
    township = make_township()
    item = make_item(township=township, published=True, title=TITLE)
    chain.withdraw(item, crew(township)(Role.PUBLISHER), reason="工程尚未验收，公示有误")
    assert set(_everywhere(client, item).values()) == {False}


def test_unpublished_item_is_in_none_of_them(client):
    item = make_item(township=make_township(), title=TITLE)
    assert set(_everywhere(client, item).values()) == {False}


def test_item_of_deactivated_township_leaves_search(client):
    township = make_township()
    item = make_item(township=township, published=True, title=TITLE)
    township.is_active = False
    township.save()
    item.save()  # any later save of the item keeps its entry for when the township returns
    assert _everywhere(client, item)["search"] is False
    township.is_active = True
    township.save()
    assert _everywhere(client, item)["search"] is True
