"""Publishing an annual report: validation gate, then the numbers are frozen for good.

The lead will route `publish_report` through the shared sign-off chain (disclosure/chain.py);
until then the township's 党政办 publishes directly, as for items.
"""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townships import permissions

from .models import AnnualReport
from .services import report_issues
from .validation import errors

Status = AnnualReport.Status


@transaction.atomic
def publish_report(report: AnnualReport, user, *, published_at=None) -> AnnualReport:
    """Publish a report and freeze its tables; errors in the tables block publication."""
    report = AnnualReport.objects.select_for_update().select_related("township").get(
        pk=report.pk)
    if not permissions.can_publish_directly(user, report.township_id):
        raise PermissionDenied(_("只有本乡镇党政办人员可以发布年度报告。"))
    if report.status == Status.PUBLISHED:
        raise ValidationError(_("该年度报告已经发布，不能重复发布。"))
    blocking = errors(report_issues(report))
    if blocking:
        raise ValidationError([str(issue) for issue in blocking])
    report.frozen_tables = copy.deepcopy(report.tables)
    report.status = Status.PUBLISHED
    report.published_at = published_at or timezone.now()
    report.published_by = user
    report.save(update_fields=["frozen_tables", "status", "published_at", "published_by",
                               "updated_at"])
    return report
