"""The results page and the header search box."""

import datetime

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


def test_a_hit_shows_its_validity_by_name(client):
    township = make_township()
    make_item(township=township, published=True, title="关于秸秆禁烧的通告", validity="repealed",
              repealed_on=datetime.date(2025, 6, 1))
    page = client.get(reverse("search:results"), {"q": "秸秆禁烧"}).content.decode()
    assert "<span>有效性：废止</span>" in page  # the template once showed "有效性：" alone


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


def test_header_box_holds_the_query_and_filters_show_as_removable_chips(client):
    township = make_township(name="青石镇")
    make_item(township=township, published=True, title="防汛值班安排的通知")
    page = client.get(reverse("search:results"),
                      {"q": "防汛", "township": township.slug, "validity": "",
                       "sort": "date", "page": "1"}).content.decode()
    # The header box carries the query; the page's form keeps it only as a hidden field.
    assert 'id="search-q" name="q" value="防汛"' in page
    assert '<input type="hidden" name="q" value="防汛">' in page
    assert '<details class="filter-panel" open data-collapse-narrow>' in page
    # Results come before the filters.
    assert page.index('class="hit-list"') < page.index('class="search-side"')
    chips = page[page.index('class="filter-chips"'):page.index('class="hit-list"')]
    assert "搜索范围：青石镇" in chips
    assert "排序：按发布日期" in chips
    assert "有效性" not in chips  # empty values are no filter
    # Each chip drops its own filter and the page number, keeping the rest.
    assert 'href="/search/?q=%E9%98%B2%E6%B1%9B&amp;validity=&amp;sort=date"' in chips
    assert "（已选 2 项）" in page
