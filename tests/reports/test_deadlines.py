"""Due dates per year and on time / late / missing states (DOMAIN.md §6 item 7)."""

import datetime

import pytest

from reports import deadlines
from reports.models import ReportDeadline
from tests.factories import make_county, make_township
from tests.reports.factories import make_report

D = datetime.date


@pytest.mark.parametrize(("year", "due"), [(2024, D(2025, 1, 31)), (2019, D(2020, 1, 31)),
                                           (2018, D(2019, 3, 31)), (2012, D(2013, 3, 31))])
def test_default_due_date_follows_the_regulation_of_the_year(year, due):
    assert deadlines.default_due_date(year) == due


@pytest.mark.django_db
def test_county_due_date_replaces_default_when_set():
    county = make_county()
    ReportDeadline.objects.create(county=county, year=2024, due_on=D(2025, 2, 20))
    assert deadlines.due_date(county, 2024) == D(2025, 2, 20)
    assert deadlines.due_date(county, 2023) == D(2024, 1, 31)


@pytest.mark.django_db
def test_states_on_time_late_missing_pending():
    county = make_county()
    on_time, late, missing, draft = (make_township(county=county) for _ in range(4))
    make_report(township=on_time, year=2024, published=True, published_on=D(2025, 1, 31))
    make_report(township=late, year=2024, published=True, published_on=D(2025, 2, 1))
    make_report(township=draft, year=2024)
    rows = {r.township: r.state for r in
            deadlines.county_deadlines(county, 2024, today=D(2025, 3, 1))}
    assert [rows[t] for t in (on_time, late, missing, draft)] == [
        "on_time", "late", "missing", "missing"]
    before = {r.township: r.state for r in
              deadlines.county_deadlines(county, 2024, today=D(2025, 1, 31))}
    assert [before[t] for t in (missing, draft)] == ["pending", "pending"]


@pytest.mark.django_db
def test_late_by_county_date_when_published_after_custom_deadline():
    county = make_county()
    township = make_township(county=county)
    ReportDeadline.objects.create(county=county, year=2024, due_on=D(2025, 1, 20))
    make_report(township=township, year=2024, published=True, published_on=D(2025, 1, 25))
    assert deadlines.county_deadlines(county, 2024)[0].state == "late"
