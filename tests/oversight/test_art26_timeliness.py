"""Art. 26: published more than 20 working days after 成文日期, by the statutory calendar."""

import datetime

import pytest

from oversight.checks import get
from tests.factories import make_item, make_township
from townships.calendar import WorkCalendar
from townships.models import CalendarYear

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 12, 31)
D = datetime.date


def publish(town, written, published):
    return make_item(township=town, published=True, written_on=written, published_on=published)


def test_published_on_20th_working_day_is_on_time_the_day_after_is_late():
    town = make_township()
    publish(town, D(2024, 3, 4), D(2024, 4, 1))  # DOMAIN §2.6: 03-04 + 20 = 04-01
    publish(town, D(2024, 3, 4), D(2024, 4, 2))
    publish(town, D(2024, 3, 20), D(2024, 4, 18))  # 清明 skipped, 7 April worked
    data = snapshot(town, today=TODAY)["art26"]
    assert (data["total"], data["late"], data["unknown"]) == (3, 1, 0)


def test_published_on_the_weekend_after_the_deadline_is_late():
    town = make_township()
    calendar = WorkCalendar()
    written = D(2024, 5, 6)
    due = calendar.add_working_days(written, 20)
    weekend = due + datetime.timedelta(days=1)
    assert not calendar.is_working_day(weekend)
    publish(town, written, weekend)
    assert snapshot(town, today=TODAY)["art26"]["late"] == 1


def test_only_this_years_publications_are_counted():
    town = make_township()
    publish(town, D(2023, 1, 3), D(2023, 6, 1))
    assert snapshot(town, today=TODAY)["art26"] == {"late": 0, "unknown": 0, "total": 0}


def test_year_without_calendar_data_is_reported_not_guessed():
    town = make_township()
    publish(town, D(2024, 3, 4), D(2024, 6, 1))
    CalendarYear.objects.filter(year=2024).update(complete=False)
    data = snapshot(town, today=TODAY)
    assert (data["art26"]["late"], data["art26"]["unknown"]) == (0, 1)
    run_gaps = get("art26").problems(data["art26"])
    assert [p.level for p in run_gaps] == ["warning"]


def test_missing_next_year_is_named_when_the_20_days_cross_new_year():
    town = make_township()
    publish(town, D(2024, 12, 20), D(2024, 12, 30))  # 10 calendar days: on time regardless
    publish(town, D(2024, 12, 10), D(2024, 12, 30))  # exactly 20 calendar days: on time
    publish(town, D(2024, 12, 5), D(2024, 12, 30))  # 25 days: depends on January 2025
    CalendarYear.objects.filter(year=2025).update(complete=False)
    from oversight.refresh import refresh

    run = refresh(town.county, today=TODAY)
    data = run.townships.get().data["art26"]
    assert (data["total"], data["late"], data["unknown"]) == (3, 0, 1)
    assert run.notes["calendar_gaps"] == [2025]
    found = findings(get("art26"), town, today=TODAY)
    assert [r.cells["written_on"] for r in found.rows] == [D(2024, 12, 5)]


def test_drill_down_shows_deadline_and_working_days_and_links():
    town = make_township()
    item = publish(town, D(2024, 3, 4), D(2024, 4, 3))
    publish(town, D(2024, 3, 4), D(2024, 3, 20))
    found = findings(get("art26"), town, today=TODAY)
    assert found.total == 1
    row = found.rows[0]
    assert row.cells["due"] == D(2024, 4, 1)
    assert row.cells["days"] == 22
    assert row.url.endswith(f"/disclosureitem/{item.pk}/change/")
    assert row.level == "problem"
