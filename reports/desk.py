"""Desk panel for county staff: the annual reports' publication deadline (31 January, or the
county's own date in 年报发布期限; reports/deadlines.py).

Shown from 1 December of the report year, while the deadline approaches, and after it for as
long as a township has not published (until the end of March): the date, the days left or
overdue, and each township still to publish, linked to the county roll-up.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townships import desk, permissions
from townships.selectors import current_county

from . import deadlines

#: Months of the year after the report year in which an unfinished year is still shown.
LATE_MONTHS = 3


def today() -> datetime.date:
    return timezone.localdate()


def report_year(day: datetime.date) -> int | None:
    """The report year whose deadline the desk follows on `day`, if any."""
    if day.month == 12:
        return day.year
    if day.month <= LATE_MONTHS:
        return day.year - 1
    return None


def report_deadline(request) -> desk.Panel | None:
    if not permissions.has_county_view(request.user):
        return None
    now = today()
    year = report_year(now)
    county = current_county()
    if year is None or county is None:
        return None
    rows = deadlines.county_deadlines(county, year, now)
    waiting = [row for row in rows if row.state in (deadlines.PENDING, deadlines.MISSING)]
    due_on = rows[0].due_on if rows else deadlines.due_date(county, year)
    if now > due_on and not waiting:
        return None
    url = f"{reverse('admin:reports_annualreport_rollup')}?year={year}"
    days = (due_on - now).days
    when = (_("还有 %(n)d 天") % {"n": days} if days >= 0
            else _("已逾期 %(n)d 天") % {"n": -days})
    note = _("期限 %(date)s，%(when)s") % {"date": due_on.isoformat(), "when": when}
    entries = [desk.Entry(row.township.name, url,
                          f"{row.report.get_status_display() if row.report else _('未起草')}；"
                          f"{note}", urgent=days < 7)
               for row in waiting]
    return desk.Panel(
        _("%(year)s年度报告发布期限（%(date)s）") % {"year": year, "date": due_on.isoformat()},
        len(waiting), entries, more_url=url,
        empty_text=_("各乡镇均已发布%(year)s年度报告。") % {"year": year},
        key="report-deadline")


def register() -> None:
    desk.register(report_deadline, order=6)
