"""Publishing an annual report: validation gate, then the numbers are frozen for good.

Reports are published only through the shared sign-off chain (signoff/chain.py with the
`ReportSubject` adapter in reports/subjects.py): the chain checks who may publish and calls
`freeze_and_publish`.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AnnualReport
from .services import report_issues
from .validation import errors

Status = AnnualReport.Status


def timing_problems(report: AnnualReport, today=None) -> list[str]:
    """DOMAIN.md rule 38: a year's report is submitted only after 31 December of that year
    and carries a 落款日期 after the year's end (and not in the future)."""
    import datetime

    today = today or timezone.localdate()
    problems = []
    if report.year >= today.year:
        problems.append(_("%(year)d年度报告须在该年度结束后（%(next)d年1月1日起）才能提交和发布。")
                        % {"year": report.year, "next": report.year + 1})
    if report.signing_date is None:
        problems.append(_("请填写落款日期。"))
    elif report.signing_date <= datetime.date(report.year, 12, 31):
        problems.append(_("落款日期（%(d)s）应在报告年度结束之后。")
                        % {"d": f"{report.signing_date:%Y-%m-%d}"})
    elif report.signing_date > today:
        problems.append(_("落款日期（%(d)s）不能晚于今天。")
                        % {"d": f"{report.signing_date:%Y-%m-%d}"})
    return problems


def blocking_problems(report: AnnualReport) -> list[str]:
    """The validation errors that block submission and publication."""
    return timing_problems(report) + [issue.display for issue in errors(report_issues(report))]


def freeze_and_publish(report: AnnualReport, user, *, published_at=None) -> AnnualReport:
    """Freeze the tables and mark the (locked) report published; errors block it.

    The caller (the chain's publish move) has checked the permission and holds the row lock.
    """
    if report.status == Status.PUBLISHED:
        raise ValidationError(_("该年度报告已经发布，不能重复发布。"))
    blocking = blocking_problems(report)
    if blocking:
        raise ValidationError(blocking)
    report.frozen_tables = copy.deepcopy(report.tables)
    report.status = Status.PUBLISHED
    report.published_at = published_at or timezone.now()
    report.published_by = user
    report.save(update_fields=["frozen_tables", "status", "published_at", "published_by",
                               "updated_at"])
    return report
