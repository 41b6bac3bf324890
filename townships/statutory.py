"""Statutory public holidays of 《全国年节及纪念日放假办法》 (as amended 2024), for any year.

Used only for a *provisional* working-day calendar when the county has not yet entered a
year's official holiday notice (DOMAIN.md rule 34). The notice adds make-up working days
(调休) and bridges that cannot be predicted, so a date counted on these holidays alone may
differ from the final one either way, and is always shown as 暂定.

元旦 1 day (1 January); 春节 4 days (除夕 to 初三); 清明 1 day (the Qingming solar term);
劳动节 2 days (1–2 May); 端午 1 day (5th of the 5th lunar month); 中秋 1 day (15th of the
8th lunar month); 国庆 3 days (1–3 October). Lunar dates come from the lunardate package.
"""

from __future__ import annotations

import datetime
import functools

ONE_DAY = datetime.timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> datetime.date:
    from lunardate import LunarDate

    return LunarDate(year, month, day).to_solar_date()


def qingming(year: int) -> datetime.date:
    """The Qingming solar term: 4 or 5 April (sometimes 6 in older centuries)."""
    import chinese_calendar

    terms = chinese_calendar.get_solar_terms(datetime.date(year, 4, 1), datetime.date(year, 4, 7))
    for day, name in terms:
        if "清明" in name or "Qingming" in name:
            return day
    raise ValueError(year)


@functools.cache
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """Every statutory holiday day of `year`, with its name (weekends included)."""
    days: dict[datetime.date, str] = {datetime.date(year, 1, 1): "元旦"}
    new_year = _lunar(year, 1, 1)
    for offset in range(-1, 3):  # 除夕, 初一, 初二, 初三
        day = new_year + offset * ONE_DAY
        if day.year == year:
            days[day] = "春节"
    days[qingming(year)] = "清明节"
    days[datetime.date(year, 5, 1)] = days[datetime.date(year, 5, 2)] = "劳动节"
    days[_lunar(year, 5, 5)] = "端午节"
    days[_lunar(year, 8, 15)] = "中秋节"
    for d in (1, 2, 3):
        days[datetime.date(year, 10, d)] = "国庆节"
    return days
