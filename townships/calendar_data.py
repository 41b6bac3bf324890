"""Seeding the working-day calendar from the chinesecalendar package."""

from __future__ import annotations

HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
SOURCE = "chinesecalendar 软件包（依据国务院办公厅历年节假日安排通知）"


def load_from_package(calendar_year=None, calendar_day=None) -> list[int]:
    """Insert missing rows for every year the package covers; existing rows are kept.

    Model classes can be passed in so a data migration can use historical models.
    """
    import chinese_calendar.constants as cc

    if calendar_year is None:
        from . import models

        calendar_year, calendar_day = models.CalendarYear, models.CalendarDay

    rows = {}
    for day, holiday in cc.holidays.items():
        rows[day] = ("holiday", HOLIDAY_NAMES.get(str(holiday), ""))
    for day, holiday in cc.workdays.items():
        rows[day] = ("makeup_workday", HOLIDAY_NAMES.get(str(holiday), ""))
    years = sorted({d.year for d in cc.holidays} | {d.year for d in cc.workdays})
    existing = set(calendar_day.objects.values_list("date", flat=True))
    calendar_day.objects.bulk_create([
        calendar_day(date=day, kind=kind, name=name)
        for day, (kind, name) in sorted(rows.items()) if day not in existing
    ])
    for year in years:
        calendar_year.objects.get_or_create(year=year, defaults={"source": SOURCE,
                                                                  "complete": True})
    return years
