"""Feed links, RSS, robots.txt and the sitemap."""

import pytest
from django.urls import reverse

from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def test_feed_links_are_on_township_and_category_pages(client):
    township = make_township()
    item = make_item(township=township, published=True)
    home = client.get(township.get_absolute_url()).content.decode()
    assert reverse("feeds:township_feed", args=[township.slug]) in home
    assert 'type="application/rss+xml"' in home
    category = client.get(item.category.get_absolute_url()).content.decode()
    assert reverse("feeds:category_feed", args=[township.slug, item.category_id]) in category
    county = client.get(reverse("disclosure:county_home")).content.decode()
    assert reverse("feeds:county_feed") in county


def test_feed_is_rss_with_item_link_and_description(client):
    township = make_township()
    item = make_item(township=township, published=True, summary="部署汛期值班。")
    response = client.get(reverse("feeds:township_feed", args=[township.slug]))
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert f"<link>http://testserver{item.get_absolute_url()}</link>" in body
    assert "部署汛期值班。" in body


def test_unknown_township_feed_is_404(client):
    assert client.get(reverse("feeds:township_feed", args=["nowhere"])).status_code == 404


def test_robots_points_at_sitemap_index_listing_sections(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots
    index = client.get("/sitemap.xml").content.decode()
    for section in ("pages", "items", "reports"):
        assert f"/sitemap-{section}.xml" in index


def test_sitemap_pages_list_township_channel_and_catalogue(client):
    township = make_township()
    make_item(township=township, published=True)
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert f"http://testserver{township.get_absolute_url()}" in pages
    assert reverse("disclosure:guide", args=[township.slug]) in pages


def test_results_page_query_count_does_not_grow_with_hits(client, django_assert_max_num_queries):
    township = make_township()
    for n in range(3):
        make_item(township=township, published=True, title=f"第{n + 1}号防汛值班安排")
    client.get(reverse("search:results"), {"q": "防汛"})  # warm caches (county, content types)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("search:results"), {"q": "防汛"})
    for n in range(12):
        make_item(township=township, published=True, title=f"第{n + 4}号防汛值班安排")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("search:results"), {"q": "防汛"})
