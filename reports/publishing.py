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


def blocking_problems(report: AnnualReport) -> list[str]:
    """The validation errors that block submission and publication."""
    return [issue.display for issue in errors(report_issues(report))]


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
