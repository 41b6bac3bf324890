"""Rule 38: a year's report is submitted only after the year ends, with a 落款日期."""

import datetime

import pytest
from django.utils import timezone

from reports.publishing import blocking_problems, timing_problems
from tests.factories import make_township
from tests.reports.factories import make_report

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2026, 12, 6))


def test_report_of_the_running_year_cannot_be_submitted():
    report = make_report(township=make_township(), year=2026, signing_date=None)
    problems = blocking_problems(report)
    assert "2026年度报告须在该年度结束后（2027年1月1日起）才能提交和发布。" in problems
    assert "请填写落款日期。" in problems


def test_signing_date_must_follow_the_year_and_not_be_in_the_future():
    town = make_township()
    assert timing_problems(make_report(township=town, year=2025,
                                       signing_date=D(2026, 1, 20))) == []
    inside = make_report(township=town, year=2024, signing_date=D(2024, 12, 31))
    assert timing_problems(inside) == ["落款日期（2024-12-31）应在报告年度结束之后。"]
    future = make_report(township=town, year=2023, signing_date=D(2026, 12, 7))
    assert timing_problems(future) == ["落款日期（2026-12-07）不能晚于今天。"]
