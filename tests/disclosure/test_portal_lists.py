"""Lists like a portal: title left, date right, no 索引号 in the latest/home lists, numbered
pagination with first/last and a page count, the same on county, township and category lists.
A category (信息公开目录) list is a table of 索引号, 名称, 文号, 成文/发布日期 with year and
keyword filters (issue 26)."""

import datetime
import re

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from disclosure import views
from site_pages.templatetags.portal import page_window
from tests.factories import leaf_category, make_item, make_township

pytestmark = pytest.mark.django_db


PAGE_SIZE = 5


@pytest.fixture
def listed(monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", PAGE_SIZE)
    township = make_township(name="青石镇")
    items = [make_item(township=township, published=True, title=f"青石镇第{n}号公告",
                       published_on=datetime.date(2024, 4, 1) + datetime.timedelta(days=n))
             for n in range(PAGE_SIZE * 2 + 3)]
    return township, items


def _lists(client, township):
    category = leaf_category(township)
    return {
        "county": client.get("/").content.decode(),
        "county_latest": client.get(reverse("disclosure:latest")).content.decode(),
        "township": client.get(township.get_absolute_url()).content.decode(),
        "township_latest": client.get(reverse("disclosure:township_latest",
                                              args=[township.slug])).content.decode(),
        "category": client.get(reverse("disclosure:category_detail",
                                       args=[township.slug, category.pk])).content.decode(),
    }


def test_lists_show_title_and_date_but_no_index_number(client, listed):
    township, items = listed
    newest = items[-1]
    for name, html in _lists(client, township).items():
        if name == "category":
            continue  # the catalogue table below
        main = html.split("<main")[1]
        assert newest.title in main, name
        assert f'<time class="doc-date" datetime="{newest.published_on:%Y-%m-%d}">' in main, name
        assert "索引号" not in main, name
        assert newest.index_no not in main, name


def test_category_list_is_a_table_of_index_title_number_and_dates(client, listed):
    township, items = listed
    newest = items[-1]
    main = _lists(client, township)["category"].split("<main")[1]
    table = re.search(r'<table class="catalogue-table">.*?</table>', main, re.S).group(0)
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    assert headers == ["索引号", "名称", "文号", "成文/发布日期"]
    assert newest.index_no in table
    assert newest.title in table
    assert f'<time datetime="{newest.published_on:%Y-%m-%d}">' in table
    assert f'<time datetime="{newest.written_on:%Y-%m-%d}">' in table


def test_category_list_filters_by_year_and_keyword_with_chinese_messages(client, listed):
    township, items = listed
    old = items[0]
    old.published_on = old.written_on = datetime.date(2023, 5, 6)
    old.title = "青石镇旧年防汛公告"
    old.save()
    url = reverse("disclosure:category_detail", args=[township.slug, leaf_category(township).pk])
    html = client.get(url).content.decode()
    assert '<option value="2024">2024年</option>' in html
    assert '<option value="2023">2023年</option>' in html
    by_year = client.get(url, {"year": "2023"}).content.decode()
    assert "共 1 条信息" in by_year
    assert "青石镇旧年防汛公告" in by_year
    assert '<option value="2023" selected>' in by_year
    by_word = client.get(url, {"q": "防汛"}).content.decode()
    assert "共 1 条信息" in by_word
    assert "清除筛选" in by_word
    none = client.get(url, {"q": "没有的词", "year": "2024"}).content.decode()
    assert "没有符合筛选条件的信息。" in none
    for bad in ({"year": "abc"}, {"year": "1999"}, {"q": "长" * 80}):
        response = client.get(url, bad)
        assert response.status_code == 200
        assert "已显示全部年份" in response.content.decode() or \
            "关键词不能超过 50 个字" in response.content.decode()


def test_item_page_keeps_the_index_number(client, listed):
    _township, items = listed
    html = client.get(items[0].get_absolute_url()).content.decode()
    assert "索引号" in html
    assert items[0].index_no in html


@pytest.mark.parametrize("name", ["county_latest", "township_latest", "category"])
def test_long_lists_have_numbered_pages_with_first_last_and_count(client, listed, name):
    township, items = listed
    html = _lists(client, township)[name]
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    assert f"共 {len(items)} 条，第 1 页 / 共 3 页" in nav
    assert 'aria-current="page"' in nav
    assert ">2</a>" in nav
    assert ">3</a>" in nav
    assert "下一页" in nav
    assert "尾页" in nav
    assert "首页" not in nav  # on the first page there is no first/previous link


def test_pagination_keeps_other_query_parameters():
    request = RequestFactory().get("/search/", {"q": "农村 低保", "township": "qingshi",
                                                "page": "2"})
    rendered = Template("{% load portal %}{% page_url 3 %}|{% page_url 1 %}").render(
        Context({"request": request}))
    three, one = rendered.split("|")
    assert "page=3" in three
    assert "q=%E5%86%9C%E6%9D%91+%E4%BD%8E%E4%BF%9D" in three
    assert "township=qingshi" in three
    assert "page" not in one


@pytest.mark.parametrize(("current", "expected"), [
    (1, [1, 2, 3, None, 20]),
    (10, [1, None, 8, 9, 10, 11, 12, None, 20]),
    (20, [1, None, 18, 19, 20]),
])
def test_page_window_keeps_first_and_last_with_gaps(current, expected):
    page = Paginator(range(400), 20).page(current)
    assert page_window(page) == expected


def test_page_number_beyond_the_end_shows_last_page(client, listed):
    response = client.get(reverse("disclosure:latest"), {"page": "99"})
    assert response.status_code == 200
    assert response.context["page"].number == 3
