"""The last year's annual report: on time, late or missing against its due date."""

import datetime

import pytest

from oversight.checks import get
from reports.models import ReportDeadline
from tests.factories import make_township
from tests.reports.factories import make_report

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2025, 3, 1)


def test_states_against_default_and_county_due_dates(county):
    on_time, late, missing, draft = (make_township(county=county) for _ in range(4))
    make_report(township=on_time, year=2024, published=True, published_on=D(2025, 1, 31))
    make_report(township=late, year=2024, published=True, published_on=D(2025, 2, 10))
    make_report(township=draft, year=2024)
    states = {t: snapshot(t, today=TODAY)["report"]["state"]
              for t in (on_time, late, missing, draft)}
    assert list(states.values()) == ["on_time", "late", "missing", "missing"]
    ReportDeadline.objects.create(county=county, year=2024, due_on=D(2025, 2, 20))
    assert snapshot(late, today=TODAY)["report"]["state"] == "on_time"


def test_late_and_missing_are_problems_pending_is_not(county):
    town = make_township(county=county)
    check = get("report")
    assert [p.text for p in check.problems(snapshot(town, today=TODAY)["report"])] == [
        "上一年度报告逾期未发布"]
    assert check.problems(snapshot(town, today=D(2025, 1, 20))["report"]) == []


def test_drill_down_lists_five_years_with_links(county):
    town = make_township(county=county)
    report = make_report(township=town, year=2023, published=True, published_on=D(2024, 1, 20))
    found = findings(get("report"), town, today=TODAY)
    assert [row.cells["year"] for row in found.rows] == [2024, 2023, 2022, 2021, 2020]
    row = found.rows[1]
    assert str(row.cells["state"]) == "按时发布"
    assert row.url == f"/admin/reports/annualreport/{report.pk}/change/"
    assert row.public_url == f"/xxgk/{town.slug}/nianbao/2023/"
    assert found.rows[0].level == "problem"
    assert found.rows[0].url == ""
