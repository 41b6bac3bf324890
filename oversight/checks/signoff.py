"""The sign-off chain (审稿制度): how long from submission to publication, and what has
been waiting longest at each step."""

from __future__ import annotations

import datetime
from collections import defaultdict
from statistics import mean

from django.db import connection
from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.models import DayIndex
from signoff.models import ACTIVE_STATES, Review
from signoff.subjects import adapter_for
from townships.calendar import CalendarMissing

from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure

WINDOW_DAYS = 365
WAIT_WARNING_DAYS = 10  # working days at one step before the dashboard asks about it


def _published_spans(ctx: Context, township_ids):
    """Reviews published in the last 12 months, with the local days of submission and
    publication."""
    tz = timezone.get_current_timezone()
    return (Review.objects
            .filter(township_id__in=township_ids, state=Review.State.PUBLISHED,
                    finished_at__gte=ctx.now - datetime.timedelta(days=WINDOW_DAYS))
            .annotate(sub_day=TruncDate("submitted_at", tzinfo=tz),
                      fin_day=TruncDate("finished_at", tzinfo=tz))
            .values("pk", "township_id", "sub_day", "fin_day").order_by())


# The spans joined to the working-day index, ranked per township; only the one or two middle
# rows of each township come back. Written as SQL (window functions over joins, portable to
# SQLite and PostgreSQL) because the ORM can only reach the index through correlated
# subqueries, which PostgreSQL evaluates once per row and per use: 12 s instead of 1 s for
# 280,000 publications.
MEDIAN_SQL = """
SELECT township_id, days, cnt FROM (
  SELECT spans.township_id AS township_id, f.workday_no - s.workday_no AS days,
         ROW_NUMBER() OVER (PARTITION BY spans.township_id
                            ORDER BY f.workday_no - s.workday_no, spans.pk) AS rn,
         COUNT(*) OVER (PARTITION BY spans.township_id) AS cnt
  FROM ({spans}) spans
  JOIN {index} s ON s.day = spans.sub_day
  JOIN {index} f ON f.day = spans.fin_day
  WHERE s.workday_no IS NOT NULL AND f.workday_no IS NOT NULL
) ranked
WHERE rn >= cnt / 2.0 AND rn <= cnt / 2.0 + 1
"""


def medians(ctx: Context, township_ids) -> dict[int, tuple[float, int]]:
    """(median working days submit → publish, publications counted) per township; spans
    the calendar cannot count (a year without data) are left out."""
    spans, params = _published_spans(ctx, township_ids).query.sql_with_params()
    sql = MEDIAN_SQL.format(spans=spans,
                            index=connection.ops.quote_name(DayIndex._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found, counted = defaultdict(list), {}
    for township_id, days, count in rows:
        counted[township_id] = count
        found[township_id].append(days)
    return {tid: (round(mean(found[tid]), 1), counted[tid]) for tid in counted}


def waiting_days(ctx: Context, since: datetime.datetime) -> int | None:
    try:
        return ctx.calendar.working_days_between(timezone.localdate(since), ctx.today)
    except CalendarMissing as exc:
        ctx.note_calendar_gap(exc.year)
        return None


class SignoffDurations(Check):
    key = "signoff"
    title = _("审签用时")
    description = _("近12个月发布的信息和年报从提交审核到发布所用工作日的中位数；"
                    "正在审签的事项中在当前环节等待最久的，超过10个工作日需关注。")
    measures = (
        Measure("median_days", _("提交至发布（中位数，工作日）"), kind="days"),
        Measure("active", _("审签中")),
        Measure("oldest_days", _("最长等待（工作日）"), kind="days",
                warning_if=lambda v: v > WAIT_WARNING_DAYS,
                message=_("有事项在审签环节已等待{value}个工作日")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        result = {tid: {"median_days": None, "published": 0, "active": 0, "oldest_days": None}
                  for tid in ctx.township_ids}
        for tid, (value, counted) in medians(ctx, ctx.township_ids).items():
            result[tid].update(median_days=value, published=counted)
        active = (Review.objects.filter(township_id__in=ctx.township_ids,
                                        state__in=ACTIVE_STATES)
                  .values_list("township_id").annotate(n=Count("pk"), oldest=Min("waiting_since"))
                  .order_by())
        for tid, n, oldest in active:
            result[tid].update(active=n, oldest_days=waiting_days(ctx, oldest))
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        reviews = (Review.objects.filter(township=township, state__in=ACTIVE_STATES)
                   .select_related("author").prefetch_related("subject")
                   .order_by("waiting_since", "pk"))
        by_step = defaultdict(list)
        for review in reviews:
            by_step[review.current_label].append(review)
        rows = []
        for label, waiting in sorted(by_step.items(), key=lambda p: p[1][0].waiting_since):
            for review in waiting:
                days = waiting_days(ctx, review.waiting_since)
                subject = review.subject
                rows.append(Finding(
                    review.title,
                    {"step": label, "since": timezone.localtime(review.waiting_since),
                     "days": days, "author": str(review.author)},
                    adapter_for(subject).admin_url() if subject is not None else "", "",
                    level="warning" if days is not None and days > WAIT_WARNING_DAYS else ""))
        return FindingList(
            [("step", _("当前环节")), ("since", _("等待起始")), ("days", _("已等待工作日")),
             ("author", _("报送人"))], rows[:limit], len(rows),
            note=_("正在审签的事项，按环节分组，每组中等待最久的在前。"))
