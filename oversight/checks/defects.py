"""Content defects in what the public sees: personal-data scan overrides, broken internal
links, and attachment files missing from storage.

Links and files come from the scheduled scans (oversight/linkscan.py, filecheck.py); the
dashboard says when each last ran.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem, ItemRevision
from oversight import filecheck, linkscan
from oversight.models import InternalLink, MissingFile
from reports.models import AnnualReport
from signoff.models import SignOff

from . import urls
from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive


def _override_rows(township_ids):
    """(township, kind, container id, sign-off) for every personal-data override on content
    that is public now: published items (directly or through a revision) and reports."""
    types = ContentType.objects.get_for_models(DisclosureItem, ItemRevision, AnnualReport)
    item_ct, revision_ct, report_ct = (types[m].pk for m in (DisclosureItem, ItemRevision,
                                                             AnnualReport))
    entries = list(SignOff.objects.filter(township_id__in=township_ids,
                                          content_type_id__in=[item_ct, revision_ct, report_ct])
                   .exclude(pii_override_reason="").select_related("actor")
                   .order_by("-created_at"))
    revision_items = dict(ItemRevision.objects.filter(
        pk__in=[e.object_id for e in entries if e.content_type_id == revision_ct])
        .values_list("pk", "item_id"))
    item_ids = {e.object_id for e in entries if e.content_type_id == item_ct}
    item_ids |= set(revision_items.values())
    public_items = set(DisclosureItem.objects.published().filter(pk__in=item_ids)
                       .values_list("pk", flat=True))
    public_reports = set(AnnualReport.objects.published().filter(
        pk__in=[e.object_id for e in entries if e.content_type_id == report_ct])
        .values_list("pk", flat=True))
    for entry in entries:
        if entry.content_type_id == report_ct:
            if entry.object_id in public_reports:
                yield entry.township_id, "report", entry.object_id, entry
            continue
        item_id = revision_items.get(entry.object_id) if entry.content_type_id == revision_ct \
            else entry.object_id
        if item_id in public_items:
            yield entry.township_id, "item", item_id, entry


class PersonalDataOverrides(Check):
    key = "pii"
    title = _("个人信息检查放行")
    description = _("发布前个人信息检查发现疑似身份证号、手机号或银行卡号，经办人填写理由后放行的"
                    "已公开信息和年报。请逐条核实放行理由是否成立。")
    measures = (
        Measure("count", _("放行条数"), warning_if=positive,
                message=_("{value}条已公开内容经个人信息检查放行，需核实")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        seen = defaultdict(set)
        for township_id, kind, pk, _entry in _override_rows(ctx.township_ids):
            seen[township_id].add((kind, pk))
        return {tid: {"count": len(seen[tid])} for tid in ctx.township_ids}

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        rows, seen = [], set()
        titles = {}
        entries = list(_override_rows([township.pk]))
        item_ids = [pk for _t, kind, pk, _e in entries if kind == "item"]
        titles.update({("item", pk): t for pk, t in DisclosureItem.objects.filter(
            pk__in=item_ids).values_list("pk", "title")})
        reports = {r.pk: r for r in AnnualReport.objects.filter(
            pk__in=[pk for _t, kind, pk, _e in entries if kind == "report"])}
        for _tid, kind, pk, entry in entries:
            if (kind, pk) in seen:
                continue
            seen.add((kind, pk))
            report = reports.get(pk) if kind == "report" else None
            rows.append(Finding(
                report.title if report else titles.get((kind, pk), ""),
                {"kind": _("年度报告") if report else _("政府信息"),
                 "reason": entry.pii_override_reason, "findings": entry.pii_findings,
                 "actor": str(entry.actor), "at": timezone.localtime(entry.created_at)},
                urls.admin_change(AnnualReport if report else DisclosureItem, pk),
                (urls.public("reports:report_detail", township.slug, report.year) if report
                 else urls.item_public(township.slug, pk)), level="warning"))
        return FindingList(
            [("kind", _("类型")), ("reason", _("放行理由")), ("findings", _("疑似项数")),
             ("actor", _("放行人")), ("at", _("时间"))], rows[:limit], len(rows))


class BrokenLinks(Check):
    key = "links"
    title = _("站内错链")
    description = _("已公开信息正文中指向本站、但目标页面不存在或已不公开"
                    "（草稿、撤回、其他乡镇不存在的编号）的链接。"
                    "链接在汇总数据更新时按数据库核对，不逐个访问网页。")
    measures = (
        Measure("count", _("错链数"), problem_if=positive, message=_("正文中有{value}个站内错链")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        counts = dict(linkscan.broken_links(ctx.township_ids).values_list("township_id")
                      .annotate(n=Count("pk")).order_by())
        return {tid: {"count": counts.get(tid, 0)} for tid in ctx.township_ids}

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        qs = (linkscan.broken_links([township.pk]).select_related("item")
              .order_by("-item__published_on", "item_id", "pk"))
        total = qs.count()
        rows = [Finding(link.item.title,
                        {"url": link.url, "kind": InternalLink.Kind(link.kind).label},
                        urls.admin_change(DisclosureItem, link.item_id),
                        urls.item_public(township.slug, link.item_id), level="problem")
                for link in qs[:limit]]
        return FindingList([("url", _("链接地址")), ("kind", _("指向"))], rows, total)


class MissingFiles(Check):
    key = "files"
    title = _("附件文件缺失")
    description = _("已公开信息和年报的附件在存储中找不到文件（公众下载会失败）。"
                    "由定时任务 check_attachment_files 检查，结果为最近一次检查时的情况。")
    measures = (
        Measure("count", _("缺失文件数"), problem_if=positive,
                message=_("{value}个附件文件缺失")),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        run = filecheck.latest_run()
        counts = {}
        if run is not None:
            counts = dict(MissingFile.objects.filter(run=run, township_id__in=ctx.township_ids)
                          .values_list("township_id").annotate(n=Count("pk")).order_by())
            ctx.notes["file_check_at"] = run.finished_at.isoformat()
        return {tid: {"count": counts.get(tid, 0) if run else None}
                for tid in ctx.township_ids}

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        run = filecheck.latest_run()
        if run is None:
            return FindingList([], [], 0, note=_("附件文件检查尚未运行。"))
        qs = (MissingFile.objects.filter(run=run, township=township)
              .select_related("item", "report"))
        rows = []
        for missing in qs[:limit]:
            owner = missing.item or missing.report
            rows.append(Finding(
                missing.title,
                {"owner": str(owner) if owner else "", "path": missing.path},
                (urls.admin_change(DisclosureItem, missing.item_id) if missing.item_id
                 else urls.admin_change(AnnualReport, missing.report_id)),
                (urls.item_public(township.slug, missing.item_id) if missing.item_id else ""),
                level="problem"))
        return FindingList(
            [("owner", _("所属信息或年报")), ("path", _("存储路径"))], rows, qs.count(),
            note=_("检查时间：%(at)s") % {
                "at": f"{timezone.localtime(run.finished_at):%Y-%m-%d %H:%M}"})
