"""找错 reports must be answered within ERROR_REPORT_REPLY_DAYS working days; the queryset
API the county oversight dashboard reads."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import ErrorReport
from tests.factories import make_member, make_township
from tests.feedback.factories import make_report, shanghai
from townships.models import CalendarYear, Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("received", "due"), [
    # Thursday; Sunday 28 September 2025 is a make-up working day.
    (shanghai(2025, 9, 25), datetime.date(2025, 9, 29)),
    # The National Day week (1-8 October) does not count; Saturday 11 October works.
    (shanghai(2025, 9, 30), datetime.date(2025, 10, 11)),
])
def test_deadline_is_three_working_days_by_the_statutory_calendar(received, due):
    assert make_report(received=received).due_on == due


def test_deadline_follows_the_setting(settings):
    settings.ERROR_REPORT_REPLY_DAYS = 5
    assert make_report(received=shanghai(2025, 9, 25)).due_on == datetime.date(2025, 10, 9)


def test_report_kept_without_deadline_when_calendar_year_missing():
    CalendarYear.objects.filter(year=2025).delete()
    report = make_report(received=shanghai(2025, 9, 25))
    assert report.pk is not None
    assert report.due_on is None


def test_queryset_api_separates_open_overdue_and_answered():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    late = make_report(township=township, received=shanghai(2025, 9, 1))
    fresh = make_report(township=township, received=timezone.now())
    done = make_report(received=shanghai(2025, 9, 1))
    done.resolve(status="answered", answer="已改正。", user=handler)
    done.save()
    today = datetime.date(2025, 9, 10)
    assert set(ErrorReport.objects.open()) == {late, fresh}
    assert list(ErrorReport.objects.overdue(today)) == [late]
    assert list(ErrorReport.objects.answered()) == [done]
    assert list(ErrorReport.objects.answered_late()) == [done]
    assert list(ErrorReport.objects.county_level()) == [done]
    assert late.is_overdue(today)
    assert not fresh.is_overdue(today)


def test_contact_is_masked_for_lists():
    report = make_report(contact_phone="13912345678", contact_email="chenxh@example.com")
    assert report.masked_contact == "139****5678；ch***@example.com"
