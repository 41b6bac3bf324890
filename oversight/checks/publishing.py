"""How much each township publishes: this year, in the last 30 days, and per month."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem
from townships.models import Township

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure

RECENT_DAYS = 30


def month_starts(today: datetime.date, count: int = 12) -> list[datetime.date]:
    """The first days of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _i in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


class ItemsPublished(Check):
    key = "items"
    title = _("信息发布")
    description = _("本年和近30天发布的主动公开信息数，以及最近一次发布日期。"
                    "近30天没有发布任何信息的乡镇列为问题（检查指标要求首页栏目两周内有更新）。")
    measures = (
        Measure("year", _("本年发布")),
        Measure("recent", _("近30天发布"), problem_if=lambda v: v == 0,
                message=_("近30天未发布信息")),
        Measure("last", _("最近发布"), kind="date"),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        items = DisclosureItem.objects.published().filter(township_id__in=ctx.township_ids)
        months = month_starts(ctx.today)
        recent_from = ctx.today - datetime.timedelta(days=RECENT_DAYS)
        result = {tid: {"year": 0, "recent": 0, "last": None, "months": [0] * len(months)}
                  for tid in ctx.township_ids}
        # One scan grouped by month serves the year, the last 30 days and the chart: the 12
        # months always include 1 January.
        per_month = (items.filter(published_on__gte=months[0], published_on__lte=ctx.today)
                     .annotate(month=TruncMonth("published_on"))
                     .values_list("township_id", "month")
                     .annotate(n=Count("id"),
                               recent=Count("id", filter=Q(published_on__gt=recent_from)))
                     .order_by())
        index = {m: i for i, m in enumerate(months)}
        for township_id, month, n, recent in per_month:
            month = month.date() if isinstance(month, datetime.datetime) else month
            values = result[township_id]
            values["months"][index[month]] = n
            values["recent"] += recent
            if month >= ctx.jan1:
                values["year"] += n
        latest = (DisclosureItem.objects.published().filter(township=OuterRef("pk"))
                  .order_by("-published_on").values("published_on")[:1])
        for township_id, last in (Township.objects.filter(pk__in=ctx.township_ids)
                                  .annotate(last=Subquery(latest)).values_list("pk", "last")):
            result[township_id]["last"] = last.isoformat() if last else None
        ctx.notes["months"] = [m.isoformat() for m in months]
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        qs = (DisclosureItem.objects.published().filter(township=township,
                                                        published_on__gte=ctx.jan1)
              .select_related("category").order_by("-published_on", "-id"))
        total = qs.count()
        rows = [Finding(item.title, {"category": item.category.name,
                                     "published_on": item.published_on,
                                     "index_no": item.index_no},
                        urls.admin_change(DisclosureItem, item.pk),
                        urls.item_public(township.slug, item.pk))
                for item in qs[:limit]]
        return FindingList([("category", _("目录")), ("published_on", _("发布日期")),
                            ("index_no", _("索引号"))], rows, total,
                           note=_("本年发布的主动公开信息，按发布日期倒序。"))
