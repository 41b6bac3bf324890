"""指南 age and the required channel pages and columns (DOMAIN §6 items 27–29)."""

import datetime

import pytest

from disclosure.models import Category
from oversight.checks import get
from tests.factories import make_township
from tests.reports.factories import make_report

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 30)


@pytest.fixture
def town():
    township = make_township()
    township.system_text = "本镇实行信息发布前保密审查。"
    township.save()
    make_report(township=township, year=2024, published=True)
    return township


def missing(township) -> list[str]:
    return [row.title for row in findings(get("pages"), township, today=TODAY).rows]


def test_guide_older_than_twelve_months_is_a_problem(town):
    town.guide_updated_on = TODAY - datetime.timedelta(days=365)
    town.save()
    assert get("guide").problems(snapshot(town, today=TODAY)["guide"]) == []
    town.guide_updated_on = TODAY - datetime.timedelta(days=366)
    town.save()
    [problem] = get("guide").problems(snapshot(town, today=TODAY)["guide"])
    assert problem.text == "公开指南已366天未更新"


def test_complete_channel_has_nothing_missing(town):
    assert missing(town) == []
    assert snapshot(town, today=TODAY)["pages"] == {"missing": 0}


def test_guide_fields_system_text_and_report_are_required(town):
    town.fax = ""
    town.system_text = ""
    town.save()
    bare = make_township()
    assert missing(town) == ["指南缺少：传真号码", "政府信息公开制度为空"]
    assert "没有已发布的年度报告" in missing(bare)


def test_missing_art21_and_art20_columns_are_named(town):
    Category.objects.filter(township=town, code="nync-zjd").delete()
    Category.objects.filter(township=town, code="jgzn-ldxx").delete()
    assert missing(town) == ["缺少第二十条基本栏目：领导信息",
                             "缺少第二十一条栏目：宅基地使用情况审核"]
    assert snapshot(town, today=TODAY)["pages"] == {"missing": 2}
