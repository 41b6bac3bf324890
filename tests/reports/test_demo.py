"""The demo seeder: idempotent, every schema present, numbers that validate."""

import datetime
import io

import pytest

from reports import demo
from reports.models import AnnualReport
from reports.services import report_issues
from tests.factories import crew_users, make_county, make_township
from townships.demo import DemoContext

pytestmark = pytest.mark.django_db


def _ctx():
    county = make_county()
    townships = [make_township(county=county) for _ in range(2)]
    users = {key: user for t in townships for key, user in crew_users(t).items()}
    return DemoContext(county=county, townships=townships, users=users, stdout=io.StringIO(),
                       today=datetime.date(2026, 11, 27))


def test_seed_is_idempotent_and_reports_validate_without_errors():
    ctx = _ctx()
    demo.seed(ctx)
    demo.seed(ctx)
    township = ctx.townships[0]
    reports = {r.year: r for r in AnnualReport.objects.filter(township=township)}
    assert sorted(reports) == [2018, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert [reports[y].schema for y in (2018, 2020, 2025)] == ["legacy", "2019", "2021"]
    assert reports[2026].status == "in_review"  # the first township's draft is in its chain
    assert AnnualReport.objects.get(township=ctx.townships[1], year=2026).status == "draft"
    assert all(reports[y].is_published for y in range(2021, 2026))
    for report in AnnualReport.objects.all():
        assert [str(i) for i in report_issues(report)] == [], report
