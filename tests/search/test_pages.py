"""The results page, the header search box, feed links, robots.txt and the sitemap."""

import pytest
from django.urls import reverse

from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def test_header_box_scopes_to_township_with_county_switch_on_township_pages(client):
    township = make_township(name="青石镇")
    page = client.get(township.get_absolute_url()).content.decode()
    assert 'name="township"' in page
    assert f'<option value="{township.slug}" selected>仅青石镇</option>' in page
    assert '<option value="">全县</option>' in page
    assert reverse("search:results") in page
    home = client.get(reverse("disclosure:county_home")).content.decode()
    assert 'id="search-q"' in home
    assert 'name="township"' not in home


def test_results_escape_stored_text_and_mark_only_terms(client):
    township = make_township()
    make_item(township=township, published=True,
              title="关于<script>alert(1)</script>饮水安全的通知", summary="饮水安全<b>检查</b>")
    page = client.get(reverse("search:results"), {"q": "饮水安全"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>饮水安全</mark>" in page


def test_results_page_shows_numbered_pages_keeping_the_query(client, settings):
    township = make_township()
    for n in range(23):
        make_item(township=township, published=True, title=f"第{n + 1}号防汛值班安排")
    page = client.get(reverse("search:results"), {"q": "防汛", "sort": "date"}).content.decode()
    assert "共找到 23 条结果" in page
    assert "?q=%E9%98%B2%E6%B1%9B&amp;sort=date&amp;page=2" in page
    second = client.get(reverse("search:results"), {"q": "防汛", "page": "2"}).content.decode()
    assert second.count('class="hit"') == 3
    assert '<ol class="hit-list" start="21">' in second


def test_bad_filter_values_give_chinese_errors_not_500(client):
    response = client.get(reverse("search:results"),
                          {"q": "防汛", "year": "abc", "township": "nowhere", "page": "-1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "搜索条件有误" in page


def test_empty_results_suggest_county_wide_search_when_scoped(client):
    township = make_township()
    page = client.get(reverse("search:results"),
                      {"q": "不存在的词语", "township": township.slug}).content.decode()
    assert "没有找到与“不存在的词语”相关的信息" in page
    assert "在全县范围内搜索" in page


def test_feed_links_are_on_township_and_category_pages(client):
    township = make_township()
    item = make_item(township=township, published=True)
    home = client.get(township.get_absolute_url()).content.decode()
    assert reverse("search:township_feed", args=[township.slug]) in home
    assert 'type="application/rss+xml"' in home
    category = client.get(item.category.get_absolute_url()).content.decode()
    assert reverse("search:category_feed", args=[township.slug, item.category_id]) in category
    county = client.get(reverse("disclosure:county_home")).content.decode()
    assert reverse("search:county_feed") in county


def test_feed_is_rss_with_item_link_and_description(client):
    township = make_township()
    item = make_item(township=township, published=True, summary="部署汛期值班。")
    response = client.get(reverse("search:township_feed", args=[township.slug]))
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert f"<link>http://testserver{item.get_absolute_url()}</link>" in body
    assert "部署汛期值班。" in body


def test_unknown_township_feed_is_404(client):
    assert client.get(reverse("search:township_feed", args=["nowhere"])).status_code == 404


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
