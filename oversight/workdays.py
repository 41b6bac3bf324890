"""The working-day calendar as a table (`DayIndex`), so queries can count working days.

Built from townships.calendar.WorkCalendar, the one source of truth: a day whose 20th
working day falls in a year without calendar data gets no due date, and the checks report
such items as "cannot be judged", naming the missing year. Nothing falls back to weekdays.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery

from townships.calendar import CalendarMissing, WorkCalendar, covered_years

from .models import DayIndex

ART26_DAYS = 20
ONE_DAY = datetime.timedelta(days=1)


def _latest_unbroken_run(years: list[int]) -> set[int]:
    run = {years[-1]}
    while min(run) - 1 in years:
        run.add(min(run) - 1)
    return run


def build_rows() -> list[DayIndex]:
    years = sorted(covered_years())
    if not years:
        return []
    numbered = _latest_unbroken_run(years)
    calendar = WorkCalendar()
    rows, count = [], 0
    for year in years:
        day = datetime.date(year, 1, 1)
        while day.year == year:
            number = None
            if year in numbered:
                count += calendar.is_working_day(day)
                number = count
            try:
                due = calendar.add_working_days(day, ART26_DAYS)
            except CalendarMissing:
                due = None
            rows.append(DayIndex(day=day, workday_no=number, art26_due=due))
            day += ONE_DAY
    return rows


@transaction.atomic
def rebuild() -> int:
    """Replace the index from the calendar tables; returns the number of days indexed."""
    rows = build_rows()
    DayIndex.objects.all().delete()
    DayIndex.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def ensure_built() -> None:
    """Build the index once if it has never been built (pages that need it call this)."""
    if not DayIndex.objects.exists():
        rebuild()


def number_of(day_field: str):
    """A subquery expression: the working-day number of the date in `day_field`."""
    return Subquery(DayIndex.objects.filter(day=OuterRef(day_field))
                    .values("workday_no")[:1])


def art26_due_of(day_field: str):
    return Subquery(DayIndex.objects.filter(day=OuterRef(day_field)).values("art26_due")[:1])


def gap_years(written_years: set[int]) -> list[int]:
    """The calendar years missing for items written in `written_years` whose due date is
    unknown: the year itself when it has no data, else the next one (the 20 days cross
    New Year)."""
    covered = covered_years()
    return sorted({year if year not in covered else year + 1 for year in written_years})
