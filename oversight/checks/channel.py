"""The township channel itself (DOMAIN §6 items 27–29): the 指南 is complete and less than
12 months old, the 制度 and 年报 pages have content, and the catalogue has the Art. 20
baseline and Art. 21 township columns."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from disclosure.catalogue import ART21_CODES, DEFAULT_TEMPLATE
from disclosure.models import Category
from reports.models import AnnualReport
from townships.models import Township

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive

GUIDE_MAX_AGE_DAYS = 365
#: One catalogue node per Art. 20 item (1)–(14), with 负责人 (领导信息) named in item (2).
ART20_CODES = ("jgzn", "jgzn-ldxx", "zcwj", "ghjh", "tjxx", "czyjs", "xzzf", "sfxm", "zfcg",
               "zdxm", "msbz", "yjgl", "jdjc", "rsxx")
#: Art. 12: the 指南 names the disclosure office and how to reach it.
GUIDE_FIELDS = ("disclosure_office", "address", "office_hours", "phone", "fax", "email")
_NODE_NAMES = {code: name for code, name, _b, children in DEFAULT_TEMPLATE
               for code, name in [(code, name), *((c, n) for c, n, _x in children)]}


def _field_label(name: str) -> str:
    return str(Township._meta.get_field(name).verbose_name)


class GuideAge(Check):
    key = "guide"
    title = _("公开指南")
    description = _("条例第十二条要求及时更新政府信息公开指南；指南更新日期超过12个月即为过期。")
    measures = (
        Measure("updated_on", _("指南更新日期"), kind="date"),
        Measure("age_days", _("距今天数"), problem_if=lambda v: v > GUIDE_MAX_AGE_DAYS,
                message=_("公开指南已{value}天未更新")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        return {pk: {"updated_on": updated.isoformat(), "age_days": (ctx.today - updated).days}
                for pk, updated in Township.objects.filter(pk__in=ctx.township_ids)
                .values_list("pk", "guide_updated_on")}

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        age = (ctx.today - township.guide_updated_on).days
        row = Finding(_("政府信息公开指南"),
                      {"updated_on": township.guide_updated_on, "age_days": age},
                      urls.admin_change(Township, township.pk),
                      urls.public("disclosure:guide", township.slug),
                      level="problem" if age > GUIDE_MAX_AGE_DAYS else "")
        return FindingList([("updated_on", _("更新日期")), ("age_days", _("距今天数"))],
                           [row], 1)


class RequiredPages(Check):
    key = "pages"
    title = _("专栏要素")
    description = _("每个乡镇专栏须有内容完整的公开指南"
                    "（机构名称、地址、办公时间、电话、传真、互联网联系方式）、"
                    "公开制度、已发布的年报，以及条例第二十条基本栏目和第二十一条乡镇栏目。")
    measures = (
        Measure("missing", _("缺少项"), problem_if=positive, message=_("专栏缺少{value}项要素")),
    )

    def _missing(self, township_ids) -> dict[int, list[tuple[str, str]]]:
        """(what is missing, where to fix it) per township."""
        found = defaultdict(list)
        rows = Township.objects.filter(pk__in=township_ids).values("pk", "system_text",
                                                                   *GUIDE_FIELDS)
        for row in rows:
            change = urls.admin_change(Township, row["pk"])
            for name in GUIDE_FIELDS:
                if not (row[name] or "").strip():
                    found[row["pk"]].append((_("指南缺少：%s") % _field_label(name), change))
            if not (row["system_text"] or "").strip():
                found[row["pk"]].append((_("政府信息公开制度为空"), change))
        codes = defaultdict(set)
        for township_id, code in Category.objects.filter(
                township_id__in=township_ids, code__in=(*ART20_CODES, *ART21_CODES)
        ).values_list("township_id", "code"):
            codes[township_id].add(code)
        with_report = set(AnnualReport.objects.published().filter(township_id__in=township_ids)
                          .values_list("township_id", flat=True).distinct().order_by())
        categories = reverse("admin:disclosure_category_changelist")
        reports = reverse("admin:reports_annualreport_changelist")
        for township_id in township_ids:
            for code in (*ART20_CODES, *ART21_CODES):
                if code not in codes[township_id]:
                    label = (_("缺少第二十一条栏目：%s") if code in ART21_CODES
                             else _("缺少第二十条基本栏目：%s"))
                    found[township_id].append((label % _NODE_NAMES.get(code, code),
                                               f"{categories}?township__id__exact={township_id}"))
            if township_id not in with_report:
                found[township_id].append((_("没有已发布的年度报告"),
                                           f"{reports}?township__id__exact={township_id}"))
        return found

    def summarize(self, ctx: Context) -> dict[int, dict]:
        missing = self._missing(ctx.township_ids)
        return {tid: {"missing": len(missing[tid])} for tid in ctx.township_ids}

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        rows = [Finding(str(text), {}, url, "", level="problem")
                for text, url in self._missing([township.pk])[township.pk]]
        return FindingList([], rows[:limit], len(rows))

