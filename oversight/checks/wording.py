"""错别字 and 严重表述错误 in published items, reports and attachments (oversight/wording.py).

`summarize` rescans every township's published text with the built-in list and the county's
lists and stores the hits (`WordingHit`); the drill-down lists them with the sentence and
the phrase marked. A dismissed hit (with its logged reason) is no longer counted.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem
from oversight import wording, wordscan
from oversight.models import WordingDismissal, WordingHit
from reports.models import AnnualReport

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive

Source = WordingHit.Source


class WordingErrors(Check):
    key = "wording"
    title = _("用词检查")
    description = _("已公开信息、年度报告及其附件中的常见错别字、县里列出的严重表述错误和"
                    "领导姓名职务错误（依据政府网站与政务新媒体检查指标，严重表述错误为单项否决项）。"
                    "确认不是错误的可填写理由后忽略，忽略记录留存。")
    measures = (
        Measure("severe", _("严重表述错误"), problem_if=positive,
                message=_("{value}处严重表述错误")),
        Measure("hits", _("疑似错别字等"), warning_if=positive, message=_("{value}处疑似用词错误")),
        Measure("dismissed", _("已忽略"), on_dashboard=False),
        Measure("chars", _("检查字数"), on_dashboard=False),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        return wordscan.scan_townships(ctx.township_ids, wording.county_rules(ctx.county))

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        dismissed = set(WordingDismissal.objects.filter(township=township)
                        .values_list("fingerprint", flat=True))
        qs = WordingHit.objects.filter(township=township).order_by("-kind", "source", "pk")
        rows = []
        total = 0
        for hit in qs:
            if hit.fingerprint in dismissed:
                continue
            total += 1
            if len(rows) >= limit:
                continue
            model = AnnualReport if hit.source in (Source.REPORT, Source.REPORT_FILE) \
                else DisclosureItem
            public = (urls.item_public(township.slug, hit.object_id) if model is DisclosureItem
                      else "")
            dismiss = reverse("admin:oversight_wording_dismiss", args=[hit.pk])
            rows.append(Finding(hit.where, {
                "kind": wording.KIND_LABELS.get(hit.kind, hit.kind),
                "sentence": wording.mark(hit.sentence, hit.start, hit.end),
                "right": hit.right, "note": hit.note,
                "dismiss": format_html('<a href="{}">{}</a>', dismiss, _("忽略")),
            }, urls.admin_change(model, hit.object_id), public,
                level="problem" if hit.severe else "warning"))
        return FindingList([("kind", _("类别")), ("sentence", _("所在句子")),
                            ("right", _("建议改为")), ("note", _("说明")),
                            ("dismiss", _("操作"))], rows, total)
