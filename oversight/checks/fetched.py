"""Addresses that did not answer when the link check requested them (linkfetch.py)."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem
from oversight import linkfetch
from oversight.models import LinkCheckResult

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive


def _answer(result: LinkCheckResult) -> str:
    parts = []
    if result.status is not None:
        parts.append(str(result.status))
    if result.error:
        parts.append(str(LinkCheckResult.Error(result.error).label))
    return " ".join(parts)


def _redirects(result: LinkCheckResult) -> str:
    return " → ".join([result.url, *(hop["to"] for hop in result.redirects)]) \
        if result.redirects else ""


class FetchedLinks(Check):
    key = "fetch"
    title = _("链接访问检查")
    description = _("定时逐个访问已公开信息页、正文中的站内链接、附件和年度报告"
                    "（县里开启时也访问外部链接），记录状态码、跳转和超时；"
                    "返回错误、超时、循环跳转的即为不可用链接。")
    measures = (
        Measure("broken", _("不可用链接"), problem_if=positive,
                message=_("{value}个链接访问不通")),
        Measure("checked", _("访问地址数"), on_dashboard=False),
        Measure("checked_at", _("检查时间"), kind="date", on_dashboard=False),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        run = linkfetch.latest_run(ctx.county)
        if run is None:
            return {tid: {"broken": None, "checked": None, "checked_at": None}
                    for tid in ctx.township_ids}
        rows = (LinkCheckResult.objects.filter(run=run, township_id__in=ctx.township_ids)
                .values("township_id", "ok").annotate(n=Count("pk")).order_by())
        result = {tid: {"broken": 0, "checked": 0,
                        "checked_at": f"{run.started_at:%Y-%m-%d %H:%M}"}
                  for tid in ctx.township_ids}
        for row in rows:
            result[row["township_id"]]["checked"] += row["n"]
            if not row["ok"]:
                result[row["township_id"]]["broken"] += row["n"]
        return result

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        run = linkfetch.latest_run(ctx.county)
        columns = [("url", _("地址")), ("kind", _("类别")), ("answer", _("访问结果")),
                   ("redirects", _("跳转记录")), ("elapsed", _("用时（毫秒）"))]
        if run is None:
            return FindingList(columns, [], 0,
                               note=_("尚未运行链接检查（manage.py check_links）。"))
        qs = LinkCheckResult.objects.filter(run=run, township=township, ok=False).order_by("pk")
        rows = [Finding(r.found_on or r.url, {
            "url": r.url, "kind": LinkCheckResult.Kind(r.kind).label, "answer": _answer(r),
            "redirects": _redirects(r), "elapsed": r.elapsed_ms},
            urls.admin_change(DisclosureItem, r.item_id) if r.item_id else "",
            urls.item_public(township.slug, r.item_id) if r.item_id else "", level="problem")
            for r in qs[:limit]]
        return FindingList(columns, rows, qs.count(),
                           note=_("检查时间：%(when)s") % {
                               "when": f"{run.started_at:%Y-%m-%d %H:%M}"})
