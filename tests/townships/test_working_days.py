"""The working-day engine against the official holiday notices (DOMAIN.md §2.6)."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from townships.calendar import (
    CalendarMissing,
    add_working_days,
    is_working_day,
    working_days_between,
)
from townships.models import CalendarDay, CalendarYear

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("start", "n", "expected"), [
    ("2024-03-04", 20, "2024-04-01"),  # plain case
    ("2024-03-04", 7, "2024-03-13"),   # correction-notice period
    ("2024-03-20", 20, "2024-04-18"),  # 清明 skipped, Sunday 7 April worked
    ("2024-03-20", 40, "2024-05-17"),  # with the extension
    ("2024-01-25", 20, "2024-02-27"),  # Spring Festival; make-up Sundays 4 and 18 Feb
    ("2024-09-20", 20, "2024-10-23"),  # National Day; make-up 29 Sep and 12 Oct
])
def test_deadline_matches_domain_examples_when_2024_calendar_loaded(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(("start", "n", "expected"), [
    # 国办发明电〔2024〕12号: 春节 28 Jan–4 Feb 2025 off, Sun 26 Jan and Sat 8 Feb worked.
    ("2025-01-20", 20, "2025-02-21"),
    # Same notice: 国庆 1–8 Oct 2025 off, Sun 28 Sep and Sat 11 Oct worked.
    ("2025-09-22", 20, "2025-10-24"),
    # Year boundary, 国办发明电〔2025〕7号: 元旦 1–3 Jan 2026 off, Sun 4 Jan 2026 worked.
    ("2025-12-22", 20, "2026-01-20"),
    # Year boundary 2024/25: only 1 Jan 2025 off.
    ("2024-12-27", 3, "2025-01-02"),
])
def test_deadline_follows_official_notices_when_period_crosses_holidays(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


def test_makeup_sunday_is_working_day_when_notice_declares_it():
    assert is_working_day(D("2025-01-26")) is True
    assert is_working_day(D("2025-01-28")) is False


def test_counting_starts_the_day_after_when_start_is_a_holiday():
    # Received on National Day 2024 (a holiday): the first working day is 8 October.
    assert add_working_days(D("2024-10-01"), 1) == D("2024-10-08")


def test_working_days_between_counts_the_gap_when_consultation_pauses():
    assert working_days_between(D("2024-03-04"), D("2024-04-01")) == 20
    assert working_days_between(D("2024-04-01"), D("2024-03-04")) == -20


def test_error_raised_when_year_has_no_calendar_data():
    with pytest.raises(CalendarMissing, match="2031年"):
        add_working_days(D("2031-03-02"), 5)


def test_error_raised_when_period_runs_into_a_year_without_data():
    CalendarYear.objects.filter(year=2026).delete()
    with pytest.raises(CalendarMissing):
        add_working_days(D("2025-12-22"), 20)


def test_edited_calendar_is_used_when_county_admin_adds_a_year():
    CalendarYear.objects.create(year=2031, complete=True, source="测试通知")
    CalendarDay.objects.create(date=D("2031-01-01"), kind=CalendarDay.Kind.HOLIDAY, name="元旦")
    # 2031-01-01 is a Wednesday holiday; 31 Dec 2030 is in a year without data.
    assert add_working_days(D("2031-01-01"), 1) == D("2031-01-02")
    assert add_working_days(D("2031-01-01"), 0) == D("2031-01-01")


def test_command_prints_date_when_calendar_has_data():
    out = StringIO()
    call_command("workdays", "2024-03-20", "20", stdout=out)
    assert out.getvalue().strip() == "2024-04-18"


def test_command_fails_with_reason_when_year_missing():
    with pytest.raises(CommandError, match="缺少2031年"):
        call_command("workdays", "2031-03-20", "20")


def test_every_package_year_is_seeded_when_migrations_ran():
    years = set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
    assert set(range(2004, 2027)) <= years
    assert CalendarDay.objects.get(date=D("2024-02-04")).kind == "makeup_workday"
    assert CalendarDay.objects.get(date=D("2024-02-12")).name == "春节"


def test_load_calendar_restores_missing_rows_and_keeps_edits_when_rerun():
    CalendarDay.objects.filter(date=D("2024-10-01")).delete()
    CalendarDay.objects.filter(date=D("2024-02-04")).update(name="春节调休（已核对）")
    count = CalendarDay.objects.count()
    call_command("load_calendar", stdout=StringIO())
    assert CalendarDay.objects.count() == count + 1
    assert CalendarDay.objects.get(date=D("2024-10-01")).name == "国庆节"
    assert CalendarDay.objects.get(date=D("2024-02-04")).name == "春节调休（已核对）"
    call_command("load_calendar", stdout=StringIO())
    assert CalendarDay.objects.count() == count + 1
