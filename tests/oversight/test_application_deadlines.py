"""Applications: open, due within 5 working days, overdue, average working days to reply."""

import datetime

import pytest

from applications import transitions
from oversight.checks import get
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from townships.models import CalendarYear, Role

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2024, 5, 6)  # Monday


@pytest.fixture
def town():
    return make_township()


@pytest.fixture
def handler(town):
    return make_member(township=town, role=Role.PUBLISHER)


def test_open_due_soon_overdue_and_paused_are_counted_apart(town, handler):
    overdue = make_application(township=town, received_on=D(2024, 3, 20))
    soon = make_application(township=town, received_on=D(2024, 4, 10))
    later = make_application(township=town, received_on=D(2024, 4, 12))
    # 5 working days from 05-06 end on Saturday 05-11 (a make-up working day)
    assert (overdue.due_on, soon.due_on, later.due_on) == (
        D(2024, 4, 18), D(2024, 5, 10), D(2024, 5, 13))
    paused = make_application(township=town, received_on=D(2024, 3, 1))
    transitions.accept(paused.pk, user=handler)
    transitions.start_consultation(paused.pk, user=handler, notice_on=D(2024, 3, 5))
    data = snapshot(town, today=TODAY)["applications"]
    assert (data["open"], data["due_soon"], data["overdue"]) == (4, 1, 1)
    transitions.accept(soon.pk, user=handler)  # an accepted application still runs
    assert snapshot(town, today=TODAY)["applications"]["due_soon"] == 1


def test_average_working_days_from_receipt_to_reply(town, handler):
    # 04-02, 04-03, (清明 04-04..06 off), 04-07 make-up Sunday, 04-08: 4 working days
    close(make_application(township=town, received_on=D(2024, 4, 1)), user=handler,
          on=D(2024, 4, 8))
    # 04-16..19, 04-22..26, 04-28 make-up Sunday, 04-29: 11 working days
    close(make_application(township=town, received_on=D(2024, 4, 15)), user=handler,
          on=D(2024, 4, 29))
    data = snapshot(town, today=TODAY)["applications"]
    assert data["avg_days"] == 7.5
    assert data["replied"] == 2


def test_overdue_is_a_problem_and_due_soon_a_warning(town):
    make_application(township=town, received_on=D(2024, 3, 20))
    make_application(township=town, received_on=D(2024, 4, 10))
    levels = {p.measure.key: p.level
              for p in get("applications").problems(snapshot(town, today=TODAY)["applications"])}
    assert levels == {"overdue": "problem", "due_soon": "warning"}


def test_due_soon_counted_provisionally_when_the_calendar_lacks_the_coming_days(town):
    make_application(township=town, received_on=D(2024, 4, 10))  # due 05-10
    CalendarYear.objects.filter(year=2024).update(complete=False)
    from oversight.refresh import refresh

    run = refresh(town.county, today=TODAY)  # statutory count: 5 working days end 05-13
    assert run.townships.get().data["applications"]["due_soon"] == 1
    assert 2024 in run.notes["calendar_gaps"]


def test_overdue_series_counts_applications_overdue_at_each_month_end(town, handler):
    app = make_application(township=town, received_on=D(2024, 2, 1))  # due 2024-03-05
    close(app, user=handler, on=D(2024, 4, 15))
    series = snapshot(town, today=TODAY)["applications"]["series"]
    # month ends from 2023-05-31 to 2024-04-30, then today: overdue on 03-31 only
    assert series == [0] * 10 + [1, 0, 0]


def test_drill_down_lists_open_applications_without_personal_data(town):
    app = make_application(township=town, received_on=D(2024, 3, 20), name="王建国")
    found = findings(get("applications"), town, today=TODAY)
    row = found.rows[0]
    assert row.title.startswith(app.tracking_number)
    assert "王建国" not in row.title
    assert "王建国" not in str(row.cells)
    assert row.url == f"/admin/applications/application/{app.pk}/change/"
    assert row.public_url == ""
    assert str(row.cells["flag"]) == "答复逾期"
