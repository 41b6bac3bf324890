"""Per catalogue column: when it was last updated, and whether that is too long ago.

Only leaf columns (目录 without children) are judged: they are the columns items go into.
The allowed age comes from the county's thresholds (oversight/models/thresholds.py).
A column that never had a published item is a 空白栏目 (empty column).
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from disclosure.models import Category, DisclosureItem
from oversight.models.thresholds import NEWS_DAYS, NEWS_NAMES, max_days_for

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive

OK, STALE, EMPTY, EXEMPT = "ok", "stale", "empty", "exempt"
STATE_LABELS = {OK: _("按时更新"), STALE: _("超期未更新"), EMPTY: _("空白栏目"),
                EXEMPT: _("不检查")}
_ANCESTORS = ("parent__code", "parent__parent__code", "parent__parent__parent__code",
              "parent__parent__parent__parent__code")


def leaf_columns(township_ids):
    """Leaf categories of the townships with the date of their latest published item."""
    latest = (DisclosureItem.objects.filter(
        category=OuterRef("pk"), status=DisclosureItem.Status.PUBLISHED,
        disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE,
    ).order_by("-published_on").values("published_on")[:1])
    return (Category.objects.filter(township_id__in=township_ids)
            .exclude(Exists(Category.objects.filter(parent=OuterRef("pk"))))
            .annotate(last=Subquery(latest))
            .values("pk", "township_id", "name", "code", "last", *_ANCESTORS)
            .order_by("township_id", "order", "pk"))


def judge(row: dict, rules: dict[str, int], today: datetime.date) -> tuple[str, int]:
    codes = [row["code"], *(row[a] for a in _ANCESTORS if row[a])]
    max_days = max_days_for(rules, codes)
    if (not any(code and code in rules for code in codes)
            and any(word in row["name"] for word in NEWS_NAMES)):
        max_days = NEWS_DAYS  # a county-added 工作动态 column without its own rule
    if max_days == 0:
        return EXEMPT, 0
    if row["last"] is None:
        return EMPTY, max_days
    if (today - row["last"]).days > max_days:
        return STALE, max_days
    return OK, max_days


class StaleColumns(Check):
    key = "columns"
    title = _("栏目更新")
    description = _("每个末级栏目最近一次发布信息的日期，超过县里设定的期限"
                    "（默认：动态要闻类2周，通知公告和政策文件类6个月，其他栏目1年，依据政府网站与政务新媒体检查指标）"
                    "即为超期；从未发布过信息的为空白栏目。")
    measures = (
        Measure("stale", _("超期栏目"), problem_if=positive,
                message=_("{value}个栏目超期未更新")),
        Measure("empty", _("空白栏目"), problem_if=positive, message=_("{value}个空白栏目")),
        Measure("checked", _("检查栏目数")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        result = {tid: {"stale": 0, "empty": 0, "checked": 0} for tid in ctx.township_ids}
        for row in leaf_columns(ctx.township_ids):
            state, _days = judge(row, ctx.rules, ctx.today)
            counts = result[row["township_id"]]
            if state != EXEMPT:
                counts["checked"] += 1
            if state in (STALE, EMPTY):
                counts[state] += 1
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        order = {EMPTY: 0, STALE: 1, OK: 2, EXEMPT: 3}
        rows = []
        for row in leaf_columns([township.pk]):
            state, max_days = judge(row, ctx.rules, ctx.today)
            age = (ctx.today - row["last"]).days if row["last"] else None
            rows.append((order[state], Finding(
                row["name"],
                {"code": row["code"], "last": row["last"], "age": age,
                 "max_days": max_days or "-", "state": STATE_LABELS[state]},
                urls.admin_change(Category, row["pk"]),
                urls.public("disclosure:category_detail", township.slug, row["pk"]),
                level="problem" if state in (STALE, EMPTY) else "",
            )))
        rows = [finding for _o, finding in sorted(rows, key=lambda pair: pair[0])]
        return FindingList(
            [("code", _("目录代码")), ("last", _("最近更新")), ("age", _("距今天数")),
             ("max_days", _("期限（天）")), ("state", _("状态"))],
            rows[:limit], len(rows))
