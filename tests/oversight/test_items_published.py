"""Items published this year and in the last 30 days, per township."""

import datetime

import pytest

from oversight.checks import get
from tests.factories import make_item, make_township

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 12, 31)
D = datetime.date


def test_counts_this_year_and_last_30_days_per_township():
    town, other = make_township(), make_township()
    make_item(township=town, published=True, written_on=D(2023, 6, 1),
              published_on=D(2023, 6, 2))
    make_item(township=town, published=True, written_on=D(2024, 3, 1),
              published_on=D(2024, 3, 4))
    make_item(township=town, published=True, written_on=D(2024, 12, 10),
              published_on=D(2024, 12, 12))
    make_item(township=town, written_on=D(2024, 12, 10))  # draft
    make_item(township=other, published=True, written_on=D(2024, 12, 10),
              published_on=D(2024, 12, 12))
    data = snapshot(town, today=TODAY)["items"]
    assert (data["year"], data["recent"], data["last"]) == (2, 1, "2024-12-12")
    assert data["months"][-1] == 1
    assert sum(data["months"]) == 2


def test_township_without_items_in_30_days_is_a_problem():
    town = make_township()
    make_item(township=town, published=True, written_on=D(2024, 10, 8),
              published_on=D(2024, 10, 9))
    check = get("items")
    problems = check.problems(snapshot(town, today=TODAY)["items"])
    assert [p.text for p in problems] == ["近30天未发布信息"]
    make_item(township=town, published=True, written_on=D(2024, 12, 20),
              published_on=D(2024, 12, 20))
    assert check.problems(snapshot(town, today=TODAY)["items"]) == []


def test_drill_down_lists_this_years_items_with_links():
    town = make_township()
    item = make_item(township=town, published=True, title="关于秋季森林防火的通告",
                     written_on=D(2024, 9, 1), published_on=D(2024, 9, 2))
    found = findings(get("items"), town, today=TODAY)
    assert found.total == 1
    row = found.rows[0]
    assert row.title == "关于秋季森林防火的通告"
    assert row.url == f"/admin/disclosure/disclosureitem/{item.pk}/change/"
    assert row.public_url == f"/xxgk/{town.slug}/content/{item.pk}/"
