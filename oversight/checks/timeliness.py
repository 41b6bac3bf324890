"""Regulation Art. 26: proactive items are published within 20 working days of 成文日期.

Counted over this year's publications (DOMAIN §6 item 6). The 20th working day after each
成文日期 comes from the working-day index (oversight/workdays.py). An item published within
20 calendar days of its 成文日期 is on time whatever the calendar says (20 working days are
never fewer than 20 calendar days); only the rest, where the calendar lacks a year, "cannot
be judged" and the missing year is named, never guessed.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, DateField, ExpressionWrapper, F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem
from oversight import workdays

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive

#: Published within this many calendar days of 成文日期: on time without consulting a calendar.
SURE_CALENDAR_DAYS = 20


def _this_year(ctx: Context, township_ids):
    sure = ExpressionWrapper(F("written_on") + datetime.timedelta(days=SURE_CALENDAR_DAYS),
                             output_field=DateField())
    return (DisclosureItem.objects.published()
            .filter(township_id__in=township_ids, published_on__gte=ctx.jan1,
                    published_on__lte=ctx.today)
            .annotate(due=workdays.art26_due_of("written_on"), sure=sure))


def _unknown() -> Q:
    """No due date for lack of calendar data, and published after the sure window."""
    return Q(due__isnull=True) & Q(published_on__gt=F("sure"))


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
                          unknown=Count("id", filter=_unknown()))
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
              .filter(Q(published_on__gt=F("due")) | _unknown())
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
