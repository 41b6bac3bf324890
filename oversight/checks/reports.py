"""The annual report (年度报告): published on time, late, or missing against its due date.

The dashboard judges the last report year (due by 31 January of this year, or the county's
date); the drill-down shows the last five years. Due dates and states come from
reports.deadlines, the roll-up tables from the reports app.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reports import deadlines
from reports.models import AnnualReport

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure

YEARS_SHOWN = 5
BAD_STATES = (deadlines.LATE, deadlines.MISSING)


class AnnualReportStatus(Check):
    key = "report"
    title = _("年度报告")
    description = _("条例第四十九条：每年1月31日前公布上一年度政府信息公开工作年度报告"
                    "（县里可另定期限）。已发布的按发布日期判断按时或逾期，未发布且已过期限的为逾期未发布。")
    measures = (
        Measure("year", _("报告年度"), kind="text"),
        Measure("label", _("发布情况"), kind="text",
                problem_if=lambda v: v in (str(deadlines.STATE_LABELS[deadlines.LATE]),
                                           str(deadlines.STATE_LABELS[deadlines.MISSING])),
                message=_("上一年度报告{value}")),
        Measure("published_on", _("发布日期"), kind="date"),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        year = ctx.today.year - 1
        wanted = set(ctx.township_ids)
        result = {}
        for row in deadlines.county_deadlines(ctx.county, year, ctx.today):
            if row.township.pk not in wanted:
                continue
            published = row.report.published_on if row.report and row.report.is_published \
                else None
            result[row.township.pk] = {
                "year": year, "state": row.state, "label": str(row.label),
                "due_on": row.due_on.isoformat(),
                "published_on": published.isoformat() if published else None,
                "report_id": row.report.pk if row.report else None,
            }
        ctx.notes["report_year"] = year
        ctx.notes["report_due_on"] = deadlines.due_date(ctx.county, year).isoformat()
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        last = ctx.today.year - 1
        years = range(last, last - YEARS_SHOWN, -1)
        reports = {r.year: r for r in AnnualReport.objects.filter(township=township,
                                                                   year__in=list(years))}
        rows = []
        for year in years:
            report = reports.get(year)
            due_on = deadlines.due_date(ctx.county, year)
            state = deadlines.state_of(report, due_on, ctx.today)
            published = report.published_on if report and report.is_published else None
            rows.append(Finding(
                report.title if report else _("%(year)s年度报告（未创建）") % {"year": year},
                {"year": year, "due_on": due_on, "published_on": published,
                 "status": report.get_status_display() if report else _("未创建"),
                 "state": deadlines.STATE_LABELS[state]},
                urls.admin_change(AnnualReport, report.pk) if report else "",
                urls.public("reports:report_detail", township.slug, year) if published else "",
                level="problem" if state in BAD_STATES else ""))
        return FindingList(
            [("year", _("报告年度")), ("due_on", _("发布期限")), ("published_on", _("发布日期")),
             ("status", _("报告状态")), ("state", _("结论"))], rows[:limit], len(rows))
