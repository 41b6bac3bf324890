"""When a year's reports are due, and whether each township made it (DOMAIN.md §6 item 7)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AnnualReport, ReportDeadline

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
PENDING = "pending"
STATE_LABELS = {
    ON_TIME: _("按时发布"),
    LATE: _("逾期发布"),
    MISSING: _("逾期未发布"),
    PENDING: _("未到期"),
}


def default_due_date(year: int) -> datetime.date:
    """31 January of the next year; 31 March for reports up to 2018 (old Art. 31)."""
    if year <= 2018:
        return datetime.date(year + 1, 3, 31)
    return datetime.date(year + 1, 1, 31)


def due_date(county, year: int) -> datetime.date:
    deadline = ReportDeadline.objects.filter(county=county, year=year).first()
    return deadline.due_on if deadline else default_due_date(year)


def state_of(report: AnnualReport | None, due_on: datetime.date,
             today: datetime.date | None = None) -> str:
    """On time / late / missing / pending; the due date is inclusive, Asia/Shanghai."""
    today = today or timezone.localdate()
    if report is not None and report.is_published and report.published_on:
        return ON_TIME if report.published_on <= due_on else LATE
    return MISSING if today > due_on else PENDING


@dataclass
class TownshipDeadline:
    township: object
    report: AnnualReport | None
    due_on: datetime.date
    state: str

    @property
    def label(self):
        return STATE_LABELS[self.state]


def county_deadlines(county, year: int, today: datetime.date | None = None
                     ) -> list[TownshipDeadline]:
    """One row per active township of the county for a report year (two queries)."""
    due_on = due_date(county, year)
    townships = list(county.townships.active())
    reports = {r.township_id: r for r in AnnualReport.objects.filter(
        township__in=townships, year=year)}
    return [TownshipDeadline(t, reports.get(t.pk), due_on,
                             state_of(reports.get(t.pk), due_on, today)) for t in townships]
