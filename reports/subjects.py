"""Annual reports in the shared sign-off chain (signoff/chain.py, DESIGN.md §2).

`ReportSubject` is the chain adapter for `AnnualReport`; `ReportsConfig.ready()` registers it
with `signoff.subjects.register_subject`, so a report is submitted, signed step by step,
sent back for changes and published by the 党政办 with exactly the same transitions, rules
and insert-only `SignOff` log as a disclosure item.

Importance: an annual report always takes the township's 重要 (important) chain. It is the
township's formal account of a whole year of disclosure work, it is signed in the township's
name and its leader is the 第一责任人 who answers for it (DOMAIN.md §1.6), so it is never
reviewed as 一般 information. Townships that want a longer chain for it adjust their 重要
chain, which then also applies to important items.

Validation errors in the tables or sections (including prose that contradicts the tables)
block submission, resubmission and publication; at publication the tables are frozen
(reports/publishing.py). Every submission keeps the report as sent (`ReportVersion`), so a
report sent back keeps its earlier text and the sign page shows what changed
(reports/revisions.py). Every text a
reader will see (title, sections, free-form body, signing line, text attachments) is scanned
for unmasked personal data like an item's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from disclosure import pii_sources
from signoff.models import Importance, ReviewState
from signoff.subjects import ChainSubject, PIISource
from townships import permissions as tp

from .models import SECTION_FIELDS, AnnualReport

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

    @property
    def status_label(self):
        return self.obj.get_status_display()

    def is_draft(self):
        return self.obj.status == Status.DRAFT

    def is_published(self):
        return self.obj.status == Status.PUBLISHED

    def why_not_submit(self, user):
        if not tp.has_role(user, self.township_id, *tp.EDITOR_ROLES):
            return _("只有本乡镇的工作人员可以提交年度报告。")
        if self.author_id is not None and self.author_id != user.pk:
            return _("只有报送人本人可以提交审核。")
        return None

    def pii_findings(self) -> list[PIISource]:
        report = self.obj
        fields = {f.name: f.verbose_name for f in report._meta.fields}
        sources = [
            pii_sources.html_source(str(fields["title"]), report.title, "title"),
            *(pii_sources.html_source(str(fields[name]), getattr(report, name), name)
              for name in (*SECTION_FIELDS, "body")),
            pii_sources.html_source(str(fields["signing_body"]), report.signing_body,
                                    "signing_body"),
            *pii_sources.attachment_sources(report.attachments.all()),
        ]
        return [source for source in sources if source.findings]

    def diff(self):
        """The version sent back against this one (None at the first submission)."""
        from .revisions import report_diff

        return report_diff(self.obj)

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
        if state == ReviewState.IN_REVIEW:  # submitted or resubmitted: keep what was sent
            from .revisions import record_version

            record_version(self.obj)

    def publish(self, actor):
        from .publishing import freeze_and_publish

        freeze_and_publish(self.obj, actor)

    def admin_url(self):
        return reverse("admin:reports_annualreport_change", args=[self.obj.pk])
