"""Annual reports in the shared sign-off chain (disclosure/chain.py, DESIGN.md §2).

`ReportSubject` is the chain adapter for `AnnualReport`; `ReportsConfig.ready()` registers it
with `disclosure.chain.register_subject`, so a report is submitted, signed step by step,
sent back for changes and published by the 党政办 with exactly the same transitions, rules
and insert-only `SignOff` log as a disclosure item.

Importance: an annual report always takes the township's 重要 (important) chain. It is the
township's formal account of a whole year of disclosure work, it is signed in the township's
name and its leader is the 第一责任人 who answers for it (DOMAIN.md §1.6), so it is never
reviewed as 一般 information. Townships that want a longer chain for it adjust their 重要
chain, which then also applies to important items.

Validation errors in the tables or sections block submission, resubmission and
publication; at publication the tables are frozen (reports/publishing.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from disclosure.models.chain import ReviewState
from disclosure.models.items import Importance
from disclosure.subjects import ChainSubject

from .models import AnnualReport

Status = AnnualReport.Status

REPORT_IMPORTANCE = Importance.IMPORTANT


class ReportSubject(ChainSubject):
    model = AnnualReport
    _states = {
        ReviewState.IN_REVIEW: Status.IN_REVIEW,
        ReviewState.CHANGES_REQUESTED: Status.CHANGES_REQUESTED,
        ReviewState.APPROVED: Status.APPROVED,
        ReviewState.CANCELLED: Status.DRAFT,
    }

    @property
    def township_id(self):
        return self.obj.township_id

    @property
    def importance(self):
        return REPORT_IMPORTANCE

    @property
    def author_id(self):
        return self.obj.created_by_id

    @property
    def title(self):
        return self.obj.title or self.obj.default_title()

    def check_submittable(self):
        if self.obj.status != Status.DRAFT:
            raise ValidationError(_("只有草稿状态的年度报告可以提交审核（当前：%(status)s）。")
                                  % {"status": self.obj.get_status_display()})
        problems = self.publish_problems()
        if problems:
            raise ValidationError(problems)

    def publish_problems(self):
        from .publishing import blocking_problems

        return blocking_problems(self.obj)

    def set_state(self, state):
        self.obj.status = self._states[state]
        self.obj.save(update_fields=["status", "updated_at"])

    def publish(self, actor):
        from .publishing import freeze_and_publish

        freeze_and_publish(self.obj, actor)

    def admin_url(self):
        return reverse("admin:reports_annualreport_change", args=[self.obj.pk])
