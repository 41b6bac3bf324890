"""政府网站找错: the public's error reports about each township's pages, received this year,
open, answered, and open past their reply deadline. Read live (answers change them at any
time), with one grouped query."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import ErrorReport

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive

Status = ErrorReport.Status


class ErrorReports(Check):
    key = "feedback"
    title = _("网站找错")
    description = _("公众对本乡镇页面提交的找错报告：今年收到、尚未答复、已答复；"
                    "超过答复期限仍未答复的列为问题。")
    live = True
    measures = (
        Measure("received", _("今年收到")),
        Measure("open", _("未答复")),
        Measure("answered", _("已答复"), on_dashboard=False),
        Measure("overdue", _("逾期未答复"), problem_if=positive,
                message=_("{value}条找错报告逾期未答复")),
    )

    def live_summary(self, county, township_ids, today) -> dict[int, dict]:
        rows = (ErrorReport.objects.filter(township_id__in=township_ids).values("township_id")
                .annotate(received=Count("pk", filter=Q(received_at__year=today.year)),
                          open=Count("pk", filter=Q(status=Status.OPEN)),
                          answered=Count("pk", filter=~Q(status=Status.OPEN)),
                          overdue=Count("pk", filter=Q(status=Status.OPEN, due_on__lt=today)))
                .order_by())
        found = {row["township_id"]: row for row in rows}
        return {tid: {key: found.get(tid, {}).get(key, 0)
                      for key in ("received", "open", "answered", "overdue")}
                for tid in township_ids}

    def summarize(self, ctx: Context) -> dict[int, dict]:
        return self.live_summary(ctx.county, ctx.township_ids, ctx.today)

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        qs = ErrorReport.objects.filter(township=township).order_by("-received_at")
        rows = [Finding(report.page_title or report.page_url,
                        {"kind": report.get_kind_display(), "status": report.get_status_display(),
                         "received_at": timezone.localtime(report.received_at),
                         "due_on": report.due_on},
                        urls.admin_change(ErrorReport, report.pk), report.page_url,
                        level="problem" if report.is_overdue(ctx.today) else "")
                for report in qs[:limit]]
        return FindingList([("kind", _("问题类型")), ("status", _("状态")),
                            ("received_at", _("收到时间")), ("due_on", _("答复期限"))],
                           rows, qs.count())
