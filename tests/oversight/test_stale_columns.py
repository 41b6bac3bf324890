"""Per catalogue column: last update and a stale flag against county-settable thresholds."""

import datetime

import pytest

from oversight.checks import get
from oversight.models import ColumnThreshold
from tests.factories import leaf_category, make_item, make_township

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 12, 31)
D = datetime.date


def states(township) -> dict[str, str]:
    return {row.cells["code"]: row.cells["state"]
            for row in findings(get("columns"), township, today=TODAY).rows}


@pytest.fixture
def town():
    return make_township()


def publish_in(town, code, day):
    return make_item(township=town, published=True, category=leaf_category(town, code),
                     written_on=day, published_on=day)


def test_policy_column_is_stale_after_six_months_other_columns_after_a_year(town):
    publish_in(town, "zcwj-bjwj", D(2024, 6, 28))  # 186 days: policy rule is 183
    publish_in(town, "zcwj-gfxwj", D(2024, 7, 3))  # 181 days
    publish_in(town, "ghjh-fzgh", D(2024, 1, 2))  # 364 days: other columns 365
    publish_in(town, "tjxx", D(2023, 12, 30))  # 367 days
    found = states(town)
    assert found["zcwj-bjwj"] == "超期未更新"
    assert found["zcwj-gfxwj"] == "按时更新"
    assert found["ghjh-fzgh"] == "按时更新"
    assert found["tjxx"] == "超期未更新"


def test_column_that_never_had_an_item_is_empty_and_drafts_do_not_count(town):
    make_item(township=town, category=leaf_category(town, "yjgl"), written_on=D(2024, 12, 1))
    assert states(town)["yjgl"] == "空白栏目"


def test_summary_counts_stale_and_empty_leaf_columns(town):
    publish_in(town, "zcwj-bjwj", D(2024, 1, 5))
    data = snapshot(town, today=TODAY)["columns"]
    leaves = data["checked"]
    assert leaves == 32
    assert (data["stale"], data["empty"]) == (1, leaves - 1)


def test_county_threshold_overrides_default_and_covers_child_columns(town):
    publish_in(town, "zcwj-bjwj", D(2024, 1, 5))
    assert states(town)["zcwj-bjwj"] == "超期未更新"
    ColumnThreshold.objects.create(county=town.county, code="zcwj", max_days=400)
    assert states(town)["zcwj-bjwj"] == "按时更新"
    ColumnThreshold.objects.create(county=town.county, code="zcwj-bjwj", max_days=30)
    assert states(town)["zcwj-bjwj"] == "超期未更新"


def test_threshold_zero_exempts_a_column_from_the_check(town):
    ColumnThreshold.objects.create(county=town.county, code="xzzf-xzqz", max_days=0)
    assert states(town)["xzzf-xzqz"] == "不检查"
    data = snapshot(town, today=TODAY)["columns"]
    assert (data["checked"], data["empty"]) == (31, 31)


def test_findings_link_to_category_admin_and_public_page(town):
    category = leaf_category(town, "zcwj-bjwj")
    row = next(r for r in findings(get("columns"), town, today=TODAY).rows
               if r.cells["code"] == "zcwj-bjwj")
    assert row.url == f"/admin/disclosure/category/{category.pk}/change/"
    assert row.public_url == f"/xxgk/{town.slug}/mulu/{category.pk}/"
