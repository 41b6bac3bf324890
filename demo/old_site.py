"""Items moved in from each township's old site (disclosure/oldsite.py), as a county does
when it adopts the platform: saved item pages with the national metadata table go through
the same check and import as the back office's 从旧网站迁移, keep their 索引号 and dates,
and are published through the chain; their old addresses answer 301 (OldUrlRedirect).

The pages are written here (invented titles and text)."""

from __future__ import annotations

import datetime
from functools import partial

from disclosure import oldsite
from disclosure.models import Category, DisclosureItem

from .walkthrough import publish_through_chain

CATEGORY = "nync-nsl"  # 农田水利工程建设运营
SUBJECTS = ("冬春季农田水利设施维修", "村级便民服务站值班安排", "农村危房改造对象评议结果")


def old_page(township, n: int, year: int) -> bytes:
    written = datetime.date(year, 3 + n, 10 + n)
    subject = SUBJECTS[n % len(SUBJECTS)]
    meta = (("索引号", f"{township.org_code}/{year}-{800 + n:05d}"),
            ("发布机构", township.full_name), ("生成日期", f"{written:%Y-%m-%d}"),
            ("主题分类", "农业、林业、水利"), ("名称", f"关于{subject}的通知"),
            ("发布日期", f"{written + datetime.timedelta(days=1):%Y-%m-%d}"))
    rows = "".join(f"<tr><td>{k}：</td><td>{v}</td></tr>" for k, v in meta)
    return (f"<!-- saved from url=(0050)http://www.qinghe.example.gov.cn/{township.slug}/art/"
            f"{year}/{written.month}/{written.day}/art_{n}.html -->"
            f"<html><body><table class='xxgk_table'>{rows}</table><div id='zoom'>"
            f"<p>各村（社区）：</p><p>现就{subject}有关事项通知如下，请各村认真组织落实。</p>"
            f"<p>{township.full_name}</p></div></body></html>").encode()


def seed(ctx) -> None:
    made = 0
    for township in ctx.townships:
        category = Category.objects.for_township(township).filter(code=CATEGORY).first()
        author = ctx.users.get((township.slug, "author"))
        year = ctx.today.year - 2
        if category is None or author is None or DisclosureItem.objects.filter(
                township=township, index_no=f"{township.org_code}/{year}-00800").exists():
            continue
        files = {f"{n}.html": old_page(township, n, year) for n in range(3)}
        results = oldsite.import_rows(oldsite.check_rows(
            oldsite.rows_from_files(files), township, default_category=category), user=author)
        for result in results:
            if result.item_id is None:
                ctx.stdout.write(f"旧网站迁移演示：{result.source} 未导入：{result.errors}")
                continue
            made += 1
            if result.source != "2.html":  # one stays a draft: its old address is 404
                item = DisclosureItem.objects.get(pk=result.item_id)
                publish_through_chain(item, partial(ctx.user, township), author=author)
    if made:
        example = f"/{ctx.townships[0].slug}/art/{ctx.today.year - 2}/3/10/art_0.html"
        ctx.stdout.write(f"从旧网站迁移的信息：{made} 条（保留原索引号和日期，旧网址 301 跳转，"
                         f"如 {example}）。")
