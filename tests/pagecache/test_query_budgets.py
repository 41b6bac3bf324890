"""Queries per public page, pinned: a page renders (cache miss) with a fixed number of
queries, the same with 3 items as with 40 and with one annual report as with three."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import leaf_category, make_item, make_township
from tests.reports.factories import make_report

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}

#: Page -> queries on a cache miss (page cache off), measured on a warm process. Each HTML
#: page reads the county once (townships.selectors.current_county): with the page cache off
#: there are no counters to keep it by across requests, and a copy kept by time would
#: outlive a change (issue 20).
BUDGETS = {
    "county_home": 7,  # county, townships with their latest date, four tab lists (issue 26)
    "township_home": 6,
    "category": 6,  # + the years the column has, for its year filter (issue 26)
    "item": 7,  # category and parent joined (issue 28); + 政策解读 or 政策文件 (issue 26)
    # (with the page cache on, a miss reads 2: the item and its 访问量; the category comes
    # from the kept tree, 政策解读 are asked for only where one exists: test_item_pieces.py)
    "report_list": 4,
    "report": 6,
    "search": 7,  # ranked ids, then the page's twenty rows with township and column (0.7.0)
    "feed": 3,
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **BROWSER)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def measure(client, urls) -> dict[str, int]:
    for url in urls.values():  # warm per-process lookups (county, calendar)
        client.get(url, **BROWSER)
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_queries_per_page_are_pinned_and_do_not_grow_with_data(client):
    township = make_township()
    category = leaf_category(township)
    item = None
    for n in range(3):
        item = make_item(township=township, category=category, published=True,
                         title=f"关于第{n}批高标准农田建设项目的公示")
    report = make_report(township=township, year=2024, published=True)
    slug = township.slug
    urls = {
        "county_home": reverse("disclosure:county_home"),
        "township_home": reverse("disclosure:township_home", args=[slug]),
        "category": reverse("disclosure:category_detail", args=[slug, category.pk]),
        "item": item.get_absolute_url(),
        "report_list": reverse("reports:report_list", args=[slug]),
        "report": report.get_absolute_url(),
        "search": reverse("search:results") + "?q=农田",
        "feed": reverse("feeds:township_feed", args=[slug]),
    }
    small = measure(client, urls)
    for n in range(37):
        make_item(township=township, category=category, published=True,
                  title=f"关于第{n}批农村公路养护工程的公示")
    for year in (2022, 2023):
        make_report(township=township, year=year, published=True)
    large = measure(client, urls)
    assert large == small
    budgets = dict(BUDGETS)
    if connection.vendor == "postgresql":
        # the ranked candidates are counted in their own query; the planner's estimate
        # (EXPLAIN, search/query.py "Cost"); the search's time limit (set_config inside its
        # own transaction: a savepoint here, so SAVEPOINT and RELEASE are counted too)
        budgets["search"] += 1 + 1 + 3
    assert small == budgets
