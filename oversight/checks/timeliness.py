"""Regulation Art. 26: proactive items are published within 20 working days of 成文日期.

Counted over this year's publications (DOMAIN §6 item 6). The 20th working day after each
成文日期 comes from the working-day index (oversight/workdays.py); where the calendar lacks
a year the item "cannot be judged" and the missing year is named, never guessed.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem
from oversight import workdays

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive


def _this_year(ctx: Context, township_ids):
    return (DisclosureItem.objects.published()
            .filter(township_id__in=township_ids, published_on__gte=ctx.jan1,
                    published_on__lte=ctx.today)
            .annotate(due=workdays.art26_due_of("written_on")))


class Art26Timeliness(Check):
    key = "art26"
    title = _("发布及时性")
    description = _("条例第二十六条：主动公开的政府信息应自形成之日起20个工作日内公开。"
                    "统计本年发布的信息中，发布日期晚于成文日期后第20个工作日的条数（按法定工作日历）。")
    measures = (
        Measure("late", _("超过20个工作日"), problem_if=positive,
                message=_("{value}条信息超过20个工作日才发布")),
        Measure("unknown", _("无法判断"), warning_if=positive,
                message=_("{value}条信息缺少工作日历，无法判断是否及时")),
        Measure("total", _("本年发布")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        result = {tid: {"late": 0, "unknown": 0, "total": 0} for tid in ctx.township_ids}
        # Grouped by the year written too, so one scan also names the years that lack data.
        rows = (_this_year(ctx, ctx.township_ids)
                .annotate(written_year=ExtractYear("written_on"))
                .values("township_id", "written_year")
                .annotate(total=Count("id"),
                          late=Count("id", filter=Q(published_on__gt=F("due"))),
                          unknown=Count("id", filter=Q(due__isnull=True)))
                .order_by())
        unknown_years = set()
        for row in rows:
            counts = result[row["township_id"]]
            for key in ("total", "late", "unknown"):
                counts[key] += row[key]
            if row["unknown"]:
                unknown_years.add(row["written_year"])
        for year in workdays.gap_years(unknown_years):
            ctx.note_calendar_gap(year)
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        qs = (_this_year(ctx, [township.pk])
              .filter(Q(published_on__gt=F("due")) | Q(due__isnull=True))
              .annotate(days=workdays.number_of("published_on")
                        - workdays.number_of("written_on"))
              .select_related("category").order_by("-published_on", "-id"))
        total = qs.count()
        rows = []
        for item in qs[:limit]:
            known = item.due is not None
            rows.append(Finding(
                item.title,
                {"written_on": item.written_on, "due": item.due, "published_on": item.published_on,
                 "days": item.days if known else None,
                 "state": _("超期发布") if known else _("缺少工作日历，无法判断")},
                urls.admin_change(DisclosureItem, item.pk),
                urls.item_public(township.slug, item.pk),
                level="problem" if known else "warning"))
        return FindingList(
            [("written_on", _("成文日期")), ("due", _("应发布期限")),
             ("published_on", _("发布日期")), ("days", _("间隔工作日")), ("state", _("结论"))],
            rows, total, note=_("本年发布的信息中超过期限或无法判断的，按发布日期倒序。"))
