"""政策文件 published without their 政策解读 (DOMAIN.md rule 39; the 解读回应 items of the
national inspection indicators): per township, the documents of the kinds the county's
rule names (disclosure.InterpretationRule) that no public interpretation names, and those
whose first interpretation came later than the county's window (default: the same day)."""

from __future__ import annotations

import datetime

from django.db.models import Count, DateField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from disclosure import interpretations
from disclosure.models import DisclosureItem, InterpretationRule

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive


def _with_first_reading(documents):
    """Each document with `first_reading`: the day its earliest public interpretation went
    online naming it (the later of that item's publication and the link's), or None."""
    first = (interpretations.public_reading_links().filter(document=OuterRef("pk"))
             .annotate(day=Greatest("interpretation__published_on",
                                    Coalesce(TruncDate("linked_at"),
                                             "interpretation__published_on")))
             .order_by("day").values("day")[:1])
    return documents.annotate(first_reading=Subquery(first, output_field=DateField()))


def _late(window_days: int) -> Q:
    return Q(first_reading__gt=F("published_on") + datetime.timedelta(days=window_days))


class PolicyReadings(Check):
    key = "readings"
    title = _("政策解读")
    description = _("县里规定须配发解读的政策文件（体裁与期限见“政策解读要求”，默认为行政规范性"
                    "文件、与文件同日发布）：仍有效而没有任何已发布政策解读的列为问题，"
                    "解读晚于期限发布的列为需关注。")
    measures = (
        Measure("missing", _("缺少解读"), problem_if=positive,
                message=_("{value}件政策文件没有政策解读")),
        Measure("late", _("解读未同步"), warning_if=positive,
                message=_("{value}件政策文件的解读晚于规定期限发布")),
        Measure("documents", _("须解读文件"), on_dashboard=False),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        rule = InterpretationRule.for_county(ctx.county)
        documents = _with_first_reading(interpretations.documents_needing_reading(rule)
                                        .filter(township_id__in=ctx.township_ids))
        result = {tid: {"missing": 0, "late": 0, "documents": 0} for tid in ctx.township_ids}
        for township_id, total, missing, late in (
                documents.values_list("township_id")
                .annotate(total=Count("pk"),
                          missing=Count("pk", filter=Q(first_reading__isnull=True)),
                          late=Count("pk", filter=_late(rule.window_days)))
                .values_list("township_id", "total", "missing", "late").order_by()):
            result[township_id] = {"missing": missing, "late": late, "documents": total}
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        rule = InterpretationRule.for_county(ctx.county)
        documents = (_with_first_reading(interpretations.documents_needing_reading(rule)
                                         .filter(township=township))
                     .filter(Q(first_reading__isnull=True) | _late(rule.window_days))
                     .order_by("-published_on", "-id"))
        total = documents.count()
        rows = []
        for item in documents[:limit]:
            missing = item.first_reading is None
            rows.append(Finding(item.title, {
                "doc_number": item.doc_number or "—",
                "published_on": item.published_on,
                "reading": (_t("无") if missing else
                            _t("%(date)s（晚%(n)s天）") % {
                                "date": f"{item.first_reading:%Y-%m-%d}",
                                "n": (item.first_reading - item.published_on).days}),
            }, urls.admin_change(DisclosureItem, item.pk),
                urls.item_public(township.slug, item.pk),
                level="problem" if missing else "warning"))
        kinds = "、".join(str(DisclosureItem.DocType(k).label) for k in rule.doc_types
                         if k in DisclosureItem.DocType.values)
        return FindingList([("doc_number", _("文号")), ("published_on", _("发布日期")),
                            ("reading", _("解读发布"))], rows, total,
                           note=_t("须配发解读的体裁：%(kinds)s；期限：文件发布后%(n)s天内"
                                   "（0为同日）。") % {"kinds": kinds or "—",
                                                    "n": rule.window_days})
