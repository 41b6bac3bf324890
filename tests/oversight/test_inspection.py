"""The national inspection rules: vetoes per township, a score with linked deductions, a
ranking; thresholds are county settings."""

import datetime

import pytest
from django.urls import reverse

from disclosure.models import Category
from oversight.checks import get
from oversight.checks.inspection import ranking
from oversight.models import InspectionSettings, LeaderTitle
from tests.factories import make_item, make_township

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 30)



def test_empty_columns_veto_at_the_county_threshold(county):
    town = make_township(county=county)
    data = snapshot(town, today=TODAY)
    empty = data["columns"]["empty"]
    assert empty >= 5
    assert data["inspection"]["vetoed"] is True
    [veto] = [v for v in data["inspection"]["veto_items"] if v["text"] == "空白栏目"]
    assert (veto["count"], veto["limit"]) == (empty, 5)
    assert veto["url"] == reverse("admin:oversight_findings", args=[town.pk, "columns"])
    InspectionSettings.objects.create(county=county, veto_empty_columns=empty + 1)
    data = snapshot(town, today=TODAY)
    assert [v["text"] for v in data["inspection"]["veto_items"]] == []
    assert data["inspection"]["result"] in ("合格", "不合格")


def test_news_column_is_stale_after_two_weeks_and_vetoes(county):
    InspectionSettings.objects.create(county=county, veto_empty_columns=99)
    town = make_township(county=county)
    column = Category.objects.create(township=town, county=county, name="工作动态",
                                     code="gzdt", order=99)
    make_item(township=town, category=column, published=True,
              written_on=TODAY - datetime.timedelta(days=20),
              published_on=TODAY - datetime.timedelta(days=15))
    vetoes = snapshot(town, today=TODAY)["inspection"]["veto_items"]
    assert [v["text"] for v in vetoes] == ["动态、要闻类栏目超过2周未更新"]
    make_item(township=town, category=column, published=True,
              written_on=TODAY - datetime.timedelta(days=3),
              published_on=TODAY - datetime.timedelta(days=2))
    assert snapshot(town, today=TODAY)["inspection"]["veto_items"] == []


def test_severe_wording_vetoes_and_deductions_link_to_evidence(county):
    InspectionSettings.objects.create(county=county, veto_empty_columns=99)
    town = make_township(county=county)
    LeaderTitle.objects.create(county=county, name="李明", title="县委书记")
    make_item(township=town, published=True, body="<p>县长李明出席。再接再励。</p>",
              written_on=TODAY - datetime.timedelta(days=30),
              published_on=TODAY - datetime.timedelta(days=2))
    data = snapshot(town, today=TODAY)["inspection"]
    assert [v["text"] for v in data["veto_items"]] == ["严重表述错误"]
    by_check = {d["check"]: d for d in data["deduction_items"]}
    assert by_check["wording"]["points"] == 1.0  # 2 hits x 0.5 (the severe one counts too)
    assert by_check["columns"]["url"] == reverse("admin:oversight_findings",
                                                 args=[town.pk, "columns"])
    assert data["score"] == 100 - sum(d["points"] for d in data["deduction_items"])
    rows = findings(get("inspection"), town, today=TODAY).rows
    assert rows[0].title == "严重表述错误"
    assert rows[0].url == reverse("admin:oversight_findings", args=[town.pk, "wording"])


def test_ranking_puts_vetoed_townships_last_and_orders_by_score(county, auditor, client):
    InspectionSettings.objects.create(county=county, veto_empty_columns=99)
    good = make_township(county=county, name="甲镇")
    bad = make_township(county=county, name="乙镇")
    LeaderTitle.objects.create(county=county, name="李明", title="县委书记")
    make_item(township=bad, published=True, body="<p>县长李明出席。</p>",
              published_on=TODAY - datetime.timedelta(days=1))
    snapshot(good, today=TODAY)
    _run, rows = ranking(county)
    assert [(r["rank"], r["township"].name, r["vetoed"]) for r in rows] == [
        (1, "甲镇", False), (2, "乙镇", True)]
    client.force_login(auditor)
    page = client.get(reverse("admin:oversight_inspection")).content.decode()
    assert "单项否决" in page
    assert reverse("admin:oversight_findings", args=[bad.pk, "wording"]) in page
