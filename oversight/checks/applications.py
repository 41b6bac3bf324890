"""依申请公开: open applications, those due within 5 working days, overdue ones, and the
average working days from receipt to reply over the last 12 months."""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count, ExpressionWrapper, IntegerField, Q
from django.utils.translation import gettext_lazy as _

from applications.deadlines import DUE_SOON_DAYS, lateness, lateness_label
from applications.models import (
    OPEN_STATES,
    PAUSED_STATES,
    Application,
    pause_overdue_q,
    reply_overdue_q,
)
from oversight import workdays

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive
from .publishing import month_starts

REPLY_WINDOW_DAYS = 365


def running() -> Q:
    return Q(state__in=OPEN_STATES) & ~Q(state__in=PAUSED_STATES)


def series_days(today: datetime.date) -> list[datetime.date]:
    """The last day of each of the previous 12 months, then today."""
    return [start - datetime.timedelta(days=1) for start in month_starts(today, 12)] + [today]


def overdue_on(day: datetime.date) -> Q:
    """答复逾期 at the end of `day` (applications.models.reply_overdue_q: the same rule as
    the clerk's screens). Past days are judged by each case's final due date and its present
    pause; the history of pauses and extensions is not replayed."""
    return reply_overdue_q(day)


def pause_overdue_on(day: datetime.date) -> Q:
    """暂停逾期 at the end of `day` (applications.models.pause_overdue_q)."""
    return pause_overdue_q(day)


class ApplicationDeadlines(Check):
    key = "applications"
    title = _("依申请公开")
    description = _("条例第三十三条：收到申请之日起20个工作日内答复（经批准可延长20个工作日）。"
                    "“即将到期”为5个工作日内到期；平均答复用时按收到申请至答复的工作日计算（近12个月）。")
    measures = (
        Measure("open", _("办理中")),
        Measure("due_soon", _("5个工作日内到期"), warning_if=positive,
                message=_("{value}件申请5个工作日内到期")),
        Measure("overdue", _("答复逾期"), problem_if=positive,
                message=_("{value}件申请已超过答复期限")),
        Measure("pause_overdue", _("暂停逾期"), problem_if=positive,
                message=_("{value}件申请征求意见或补正已超过期限仍未结束")),
        Measure("avg_days", _("平均答复工作日"), kind="days"),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        soon = ctx.working_days_from_today(DUE_SOON_DAYS)
        days = series_days(ctx.today)
        result = {tid: {"open": 0, "due_soon": 0 if soon else None, "overdue": 0,
                        "pause_overdue": 0, "avg_days": None, "replied": 0,
                        "series": [0] * len(days), "pause_series": [0] * len(days)}
                  for tid in ctx.township_ids}
        counts = {f"p{i}": Count("id", filter=overdue_on(day)) for i, day in enumerate(days)}
        counts |= {f"q{i}": Count("id", filter=pause_overdue_on(day))
                   for i, day in enumerate(days)}
        if soon is not None:
            counts["due_soon"] = Count("id", filter=running() & Q(due_on__gte=ctx.today,
                                                                  due_on__lte=soon))
        rows = (Application.objects.filter(township_id__in=ctx.township_ids)
                .values("township_id")
                .annotate(open=Count("id", filter=Q(state__in=OPEN_STATES)),
                          overdue=Count("id", filter=overdue_on(ctx.today)),
                          pause_overdue=Count("id", filter=pause_overdue_on(ctx.today)),
                          **counts).order_by())
        for row in rows:
            values = result[row["township_id"]]
            values.update(open=row["open"], overdue=row["overdue"],
                          pause_overdue=row["pause_overdue"],
                          series=[row[f"p{i}"] for i in range(len(days))],
                          pause_series=[row[f"q{i}"] for i in range(len(days))])
            if soon is not None:
                values["due_soon"] = row["due_soon"]
        span = ExpressionWrapper(workdays.number_of("replied_on")
                                 - workdays.number_of("received_on"), output_field=IntegerField())
        replies = (Application.objects
                   .filter(township_id__in=ctx.township_ids, received_on__isnull=False,
                           replied_on__gt=ctx.today - datetime.timedelta(days=REPLY_WINDOW_DAYS))
                   .values("township_id").annotate(avg=Avg(span), n=Count("id")).order_by())
        for row in replies:
            values = result[row["township_id"]]
            values["replied"] = row["n"]
            values["avg_days"] = round(float(row["avg"]), 1) if row["avg"] is not None else None
        ctx.notes["series_days"] = [d.isoformat() for d in days]
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        soon = ctx.working_days_from_today(DUE_SOON_DAYS)
        qs = (Application.objects.open().filter(township=township)
              .order_by("due_on", "received_on", "pk"))
        total = qs.count()
        rows = []
        for app in qs[:limit]:
            clock = app.clock_running and app.due_on is not None
            if lateness(app, ctx.today):
                state, level = lateness_label(app, ctx.today), "problem"
            elif clock and soon is not None and app.due_on <= soon:
                state, level = _("5个工作日内到期"), "warning"
            elif not app.clock_running:
                state, level = _("期限暂停（%(s)s）") % {"s": app.get_state_display()}, ""
            else:
                state, level = "", ""
            rows.append(Finding(
                f"{app.tracking_number} {app.info_summary}",
                {"state_label": app.get_state_display(), "received_on": app.received_on,
                 "due_on": app.due_on, "flag": state},
                urls.admin_change(Application, app.pk), "", level=level))
        return FindingList(
            [("state_label", _("办理状态")), ("received_on", _("收到日期")),
             ("due_on", _("答复期限")), ("flag", _("期限情况"))], rows, total,
            note=_("正在办理的申请，按答复期限排序。申请人个人信息不在此显示，请在申请详情页查看。"))

