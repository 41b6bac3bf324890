"""The admin date drill-down lists the same years and months as Django's DISTINCT query,
without reading every row (townships/admin_dates.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import DisclosureItem
from tests.factories import make_item, make_member, make_township
from townships.admin_dates import with_probed_dates
from townships.models import Role

pytestmark = pytest.mark.django_db

DATES = [datetime.date(2021, 12, 31), datetime.date(2022, 1, 1), datetime.date(2024, 2, 29),
         datetime.date(2024, 2, 1), datetime.date(2024, 11, 30), datetime.date(2024, 12, 1)]


@pytest.fixture
def items():
    township = make_township()
    for day in DATES:
        make_item(township=township, published_on=day, written_on=day)


@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_years_and_months_match_djangos_own(items, order):
    plain = DisclosureItem.objects.all()
    probed = with_probed_dates(plain)
    assert list(probed.dates("published_on", "year", order)) == list(
        plain.dates("published_on", "year", order))
    in_2024 = {"published_on__year": 2024}
    assert list(probed.filter(**in_2024).dates("published_on", "month", order)) == list(
        plain.filter(**in_2024).dates("published_on", "month", order))
    assert list(probed.filter(**in_2024, published_on__month=2).dates("published_on", "day")) \
        == [datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)]


def test_years_are_probed_not_scanned(items):
    with CaptureQueriesContext(connection) as queries:
        years = with_probed_dates(DisclosureItem.objects.all()).dates("published_on", "year")
    assert [d.year for d in years] == [2021, 2022, 2024]
    assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
    assert len(queries) == 2  # MIN/MAX, then one EXISTS per year from 2021 to 2024 in one query
    assert queries.captured_queries[1]["sql"].count("EXISTS") == 4


def test_nothing_to_list_is_empty():
    assert with_probed_dates(DisclosureItem.objects.none()).dates("published_on", "year") == []


def test_the_item_list_drills_down(admin_client, items):
    response = admin_client.get("/admin/disclosure/disclosureitem/")
    assert response.status_code == 200
    assert "published_on__year=2023" not in response.content.decode()
    assert "published_on__year=2024" in response.content.decode()
    response = admin_client.get("/admin/disclosure/disclosureitem/?published_on__year=2024")
    assert "published_on__month=11" in response.content.decode()


def test_a_filter_no_index_serves_leaves_the_drill_down_to_the_readable_years(admin_client,
                                                                             items):
    """The years come from the rows one may read, not from the filtered rows (a filter such
    as 体裁 = 行政事业性收费 would make every probe read the whole table)."""
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/admin/disclosure/disclosureitem/?doc_type__exact=fee")
    page = response.content.decode()
    assert "published_on__year=2024" in page
    assert "doc_type__exact=fee" in page  # the drill-down keeps the filter
    dated = [q["sql"] for q in queries.captured_queries if "MIN(" in q["sql"]
             or '"published_on" >=' in q["sql"]]
    assert dated
    assert not any("doc_type" in sql for sql in dated)
    response = admin_client.get(
        "/admin/disclosure/disclosureitem/?doc_type__exact=fee&published_on__year=2024")
    assert "published_on__month=11" in response.content.decode()


def test_the_drill_down_offers_only_the_own_townships_years(client):
    own, other = make_township(), make_township()
    for year, township in ((2021, own), (2022, own), (2024, other)):
        day = datetime.date(year, 5, 1)
        make_item(township=township, published_on=day, written_on=day)
    client.force_login(make_member(township=own, role=Role.PUBLISHER))
    page = client.get("/admin/disclosure/disclosureitem/").content.decode()
    assert "published_on__year=2021" in page
    assert "published_on__year=2022" in page
    assert "published_on__year=2024" not in page
