"""Demo 找错 reports: one waiting in each of two townships (one past its deadline), one
answered on a county page. Idempotent: each is looked up by its page and text."""

from __future__ import annotations

import datetime

from django.utils import timezone

from feedback import services
from feedback.models import ErrorReport, Kind, Status
from townships.models import Role

#: (township index or None for the county, days ago, kind, page, title, text, phone, answered)
REPORTS = (
    (0, 1, Kind.TYPO, "guide", "政府信息公开指南",
     "第三部分“办公地址”里的门牌号和乡镇简介里写的不一样，请核对。", "", False),
    (1, 9, Kind.BROKEN_LINK, "home", "信息公开",
     "最新公开信息里财政预算公开的附件点开后显示找不到文件。", "13900001234", False),
    (None, 6, Kind.ACCESSIBILITY, "", "网站地图", "关怀版下网站地图的目录链接太密，老人不好点。",
     "13900005678", True),
)


def _page(ctx, index, page):
    if index is None:
        return "/wzdt/"
    slug = ctx.townships[index].slug
    return f"/xxgk/{slug}/zhinan/" if page == "guide" else f"/xxgk/{slug}/"


def seed(ctx) -> None:
    now = timezone.now()
    for index, days, kind, page, title, text, phone, answered in REPORTS:
        if index is not None and index >= len(ctx.townships):
            continue
        url = _page(ctx, index, page)
        if ErrorReport.objects.filter(page_url=url, description=text).exists():
            continue
        report = ErrorReport(page_url=url, page_title=title, kind=kind, description=text,
                             contact_phone=phone, contact_name="张先生" if phone else "",
                             received_at=now - datetime.timedelta(days=days))
        services.receive(report)
        if answered:
            report.resolve(status=Status.ANSWERED, user=ctx.user(None, Role.COUNTY_ADMIN),
                           answer="已调大网站地图中目录链接的行距，感谢您的反映。")
            report.answered_at = report.received_at + datetime.timedelta(days=1)
            report.save()
    ctx.notes.append("网站找错：公开表单 /zhaocuo/ ；后台“网站找错”中有待答复（含一条已超期）"
                     "和已答复的演示记录。")
    sample = ErrorReport.objects.answered().order_by("id").first()
    if sample is not None:
        ctx.notes.append(f"找错答复查询 /zhaocuo/chaxun/ ：受理编号 {sample.reference}，"
                         f"查询码 {sample.query_code}。")
