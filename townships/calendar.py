"""Working days as the law counts them (DOMAIN.md §2.6).

A working day is a weekday that is not a statutory holiday, or a weekend day declared a
make-up working day (调休上班). The data comes from CalendarDay rows; a year without a
complete CalendarYear record raises CalendarMissing. There is no weekday-only fallback.

`WorkCalendar(provisional=True)` instead counts such a year on the statutory holidays alone
(townships/statutory.py, no 调休) and remembers the year in `provisional_years`; callers
mark every date counted that way 暂定 (DOMAIN.md rule 34).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from .models import CalendarDay, CalendarYear

ONE_DAY = datetime.timedelta(days=1)


class CalendarMissing(Exception):  # noqa: N818 - the name reads as the condition
    """The working-day calendar has no data for a year a deadline needs."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _("缺少%(year)d年的工作日历（节假日和调休安排），无法计算工作日期限。"
              "请县级管理员在“节假日与调休”中录入该年国务院办公厅的节假日安排通知。")
            % {"year": year}
        )


class WorkCalendar:
    """Loads holiday and make-up days per year on demand; reuse one instance in loops."""

    def __init__(self, provisional: bool = False):
        self.provisional = provisional
        self.provisional_years: set[int] = set()
        self._years: dict[int, tuple[set, set]] = {}

    def _year(self, year: int) -> tuple[set, set]:
        if year not in self._years:
            if not CalendarYear.objects.filter(year=year, complete=True).exists():
                if not self.provisional:
                    raise CalendarMissing(year)
                from .statutory import statutory_holidays

                self.provisional_years.add(year)
                self._years[year] = (set(statutory_holidays(year)), set())
                return self._years[year]
            holidays, makeups = set(), set()
            for date, kind in CalendarDay.objects.filter(date__year=year).values_list(
                "date", "kind"
            ):
                (holidays if kind == CalendarDay.Kind.HOLIDAY else makeups).add(date)
            self._years[year] = (holidays, makeups)
        return self._years[year]

    def is_working_day(self, day: datetime.date) -> bool:
        holidays, makeups = self._year(day.year)
        if day in makeups:
            return True
        if day in holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The nth working day after `start` (counting starts the day after)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day = start
        self._year(day.year)
        while n:
            day += ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def provisional_in(self, start: datetime.date, end: datetime.date) -> list[int]:
        """Years between the two dates (inclusive) counted without official data."""
        return sorted(y for y in self.provisional_years
                      if min(start, end).year <= y <= max(start, end).year)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    return WorkCalendar().add_working_days(start, n)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return WorkCalendar().working_days_between(start, end)


def is_working_day(day: datetime.date) -> bool:
    return WorkCalendar().is_working_day(day)


def covered_years() -> set[int]:
    return set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))


#: From this month on, the county is warned that next year's calendar is missing.
WARN_FROM_MONTH = 11


def calendar_warning(today: datetime.date) -> str:
    """The county's warning that a needed year's holiday data is missing, or "".

    From 1 November a 40-working-day period reaches next year; this year missing (January
    before the notice is entered) is warned about all year.
    """
    years = [today.year] + ([today.year + 1] if today.month >= WARN_FROM_MONTH else [])
    covered = set(CalendarYear.objects.filter(year__in=years, complete=True)
                  .values_list("year", flat=True))
    missing = [y for y in years if y not in covered]
    if not missing:
        return ""
    return _("%(years)s年的工作日历（国务院办公厅节假日安排）尚未录入：跨入该年的答复期限只能按"
             "法定节假日暂定计算（未计调休）。国务院办公厅通知发布后，请县级管理员在“节假日与调休”"
             "中录入并勾选“已完整录入”，系统将自动重算全部在办申请的期限。") % {
        "years": "、".join(map(str, missing))}
