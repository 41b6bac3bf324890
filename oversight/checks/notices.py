"""督促整改 notices still open for each township: read live (they change with every answer),
so this check is not precomputed."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.models import RectificationNotice

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive

State = RectificationNotice.State


class OpenNotices(Check):
    key = "notices"
    title = _("督促整改")
    description = _("县里下发、尚未办结的督促整改通知；超过整改期限仍未反馈的列为问题。")
    live = True
    measures = (
        Measure("active", _("未办结")),
        Measure("answered", _("待审核反馈"), on_dashboard=False),
        Measure("overdue", _("逾期未反馈"), problem_if=positive,
                message=_("{value}份整改通知逾期未反馈")),
    )

    def live_summary(self, county, township_ids, today) -> dict[int, dict]:
        rows = (RectificationNotice.objects.filter(county=county, township_id__in=township_ids)
                .active().values("township_id")
                .annotate(active=Count("pk"),
                          answered=Count("pk", filter=Q(state=State.ANSWERED)),
                          overdue=Count("pk", filter=Q(state=State.OPEN, due_on__lt=today)))
                .order_by())
        found = {row["township_id"]: row for row in rows}
        return {tid: {key: found.get(tid, {}).get(key, 0)
                      for key in ("active", "answered", "overdue")} for tid in township_ids}

    def summarize(self, ctx: Context) -> dict[int, dict]:
        return self.live_summary(ctx.county, ctx.township_ids, ctx.today)

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        qs = (RectificationNotice.objects.filter(county=ctx.county, township=township)
              .select_related("sent_by").order_by("-sent_at"))
        rows = [Finding(notice.title,
                        {"state": notice.get_state_display(), "due_on": notice.due_on,
                         "sent_by": str(notice.sent_by),
                         "sent_at": timezone.localtime(notice.sent_at)},
                        urls.admin_change(RectificationNotice, notice.pk), "",
                        level="problem" if notice.is_overdue(ctx.today) else "")
                for notice in qs]
        return FindingList([("state", _("状态")), ("due_on", _("整改期限")),
                            ("sent_by", _("下发人")), ("sent_at", _("下发时间"))],
                           rows[:limit], len(rows))
