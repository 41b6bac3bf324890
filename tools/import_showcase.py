# ruff: noqa: E501  (the Chinese table lines of FIGURES.md are kept whole)
"""Import the test documents, publish them, and show what the public sees (issue 22 figures).

    DEBUG=1 .venv/bin/python tools/import_showcase.py [--port 8271]

In a scratch SQLite database and media folder (nothing of the project's own data is
touched): the demo county's people, then every document of tests/disclosure/documents
(13 .docx made by python-docx, and the .doc LibreOffice made of 01) imported through
`docimport.import_document`, the recognised metadata taken as the author would confirm it,
published through the sign-off chain (a recorded reason where the scan finds personal data),
and an OFD attachment on one of them. Then a development server and Chromium: each item page
at 1280 and 375 px wide (docs/screenshots/import/), and in each page every table cell's
computed text-indent, every picture's HTTP status for an anonymous visitor, and whether the
page itself scrolls sideways. The counts go to docs/screenshots/import/FIGURES.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="township-showcase-"))
os.environ["DEBUG"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'showcase.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(SCRATCH / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from tools.screenshots import CHROMIUM, optimise, serve  # noqa: E402

DOCUMENTS = ROOT / "tests" / "disclosure" / "documents"
OUT = ROOT / "docs" / "screenshots" / "import"
PAGE_CHECK = """() => {
  const cells = [...document.querySelectorAll('#article-body td, #article-body th')];
  const inside = cells.flatMap((c) => [c, ...c.querySelectorAll('*')]);
  const indented = inside.filter((e) => getComputedStyle(e).textIndent !== '0px').length;
  const nowrap = [...document.querySelectorAll('#article-body .rt-nowrap')];
  const broken = nowrap.filter((c) => getComputedStyle(c).whiteSpace !== 'nowrap').length;
  const scrollers = [...document.querySelectorAll('#article-body .table-scroll')];
  return {cells: cells.length, indented, nowrap: nowrap.length, broken,
          pageScrollsSideways: document.scrollingElement.scrollWidth > window.innerWidth,
          tablesScrolling: scrollers.filter((s) => s.scrollWidth > s.clientWidth).length,
          images: [...document.querySelectorAll('#article-body img')].map((i) => i.src),
          imagesShown: [...document.querySelectorAll('#article-body img')]
            .filter((i) => i.complete && i.naturalWidth > 0).length};
}"""


def prepare() -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from functools import partial

    from django.core.files.uploadedfile import SimpleUploadedFile

    from demo.county import build_county
    from demo.walkthrough import publish_through_chain
    from disclosure.docimport import import_document
    from disclosure.models import Attachment, Category, DisclosureItem

    ctx = build_county(io.StringIO())
    township = ctx.townships[0]
    author = ctx.users[(township.slug, "author")]
    category = Category.objects.for_township(township).filter(code="zcwj-qtwj").first() or \
        Category.objects.for_township(township).filter(children__isnull=True).first()
    rows = []
    files = [*sorted(DOCUMENTS.glob("*.docx")), DOCUMENTS / "01_春耕补贴通知.doc"]
    for path in files:
        record = import_document(SimpleUploadedFile(path.name, path.read_bytes()),
                                 township=township, user=author)
        s = record.suggestions
        item = DisclosureItem(
            township=township, category=category, created_by=author, body=record.body,
            title=s.get("title") or path.stem, doc_number=s.get("doc_number", ""),
            publisher_name=s.get("publisher_name") or township.full_name,
            written_on=s.get("written_on") or "2026-03-01", keywords=s.get("keywords", ""),
            doc_type=s.get("doc_type", DisclosureItem.DocType.GENERAL),
            disclosure_mode=s.get("disclosure_mode", DisclosureItem.DisclosureMode.PROACTIVE))
        if not item.publisher_name.endswith(("人民政府", "委员会", "所", "办公室")):
            item.publisher_name = township.full_name
        item.full_clean()
        item.save()
        if path.name.startswith("02_"):
            Attachment.objects.create(item=item, title="低保名单（OFD版式文件）", file=SimpleUploadedFile(
                "低保名单公布.ofd", (DOCUMENTS / "14_低保名单公布.ofd").read_bytes()))
        reason = "示例文档中的号码为虚构，保留以演示个人信息检查" if record.report["pii"] else ""
        publish_through_chain(item, partial(ctx.user, township), author=author,
                              pii_reason=reason)
        item.refresh_from_db()
        record.item = item
        record.save(update_fields=["item"])
        rows.append({"file": path.name, "url": item.get_absolute_url(), "title": item.title,
                     "source": record.report["source"], "kept": record.report["kept"],
                     "recognised": [n[0] for n in record.report["recognised"]],
                     "pii": [f["label"] for f in record.report["pii"]],
                     "status": item.status})
    return rows


def shoot(base: str, rows: list[dict]) -> None:
    import urllib.request

    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        for row in rows:
            stem = row["file"].replace(".", "_")
            for viewport, width, height in (("1280", 1280, 900), ("375", 375, 812)):
                context = browser.new_context(viewport={"width": width, "height": height},
                                              locale="zh-CN")
                page = context.new_page()
                page.goto(base + row["url"], wait_until="networkidle")
                row[f"check_{viewport}"] = page.evaluate(PAGE_CHECK)
                full = page.evaluate("document.scrollingElement.scrollHeight")
                png = page.screenshot(full_page=True, clip={
                    "x": 0, "y": 0, "width": width, "height": min(full, height * 4)})
                (OUT / f"{stem}-{viewport}.png").write_bytes(optimise(png))
                context.close()
            row["image_status"] = [urllib.request.urlopen(src).status  # noqa: S310
                                   for src in row["check_1280"]["images"]]
        browser.close()


def write_figures(rows: list[dict]) -> None:
    lines = ["# 导入与发布：13 份 .docx 和 1 份 .doc（LibreOffice 由 01 转换）", "",
             "由 `tools/import_showcase.py` 生成：导入、按识别结果填写元数据、经审签流程发布，",
             "再用 Chromium 打开公开页面（1280 和 375 像素宽）检查。", "",
             "| 文件 | 段落 原文/保留 | 单元格 原文/保留 | 图片 原文/保留 | 识别 | 个人信息 | "
             "单元格缩进≠0 | 图片 200/总数（匿名） | 375宽时页面横向滚动 | 表格框内滚动 |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s, k, c = r["source"], r["kept"], r["check_375"]
        ok_images = sum(1 for status in r["image_status"] if status == 200)
        lines.append(
            f"| {r['file']} | {s['paragraphs']}/{k['paragraphs']} | {s['cells']}/{k['cells']} "
            f"| {s['images']}/{k['images']} | {'、'.join(r['recognised']) or '—'} "
            f"| {'、'.join(r['pii']) or '—'} | {c['indented'] + r['check_1280']['indented']} "
            f"| {ok_images}/{len(r['image_status'])} | {'是' if c['pageScrollsSideways'] else '否'} "
            f"| {c['tablesScrolling']} |")
    totals = {key: sum(r["source"][key] for r in rows) for key in ("paragraphs", "cells", "images")}
    kept = {key: sum(r["kept"][key] for r in rows) for key in ("paragraphs", "cells", "images")}
    lines += ["", f"合计：段落 {kept['paragraphs']}/{totals['paragraphs']}，单元格 "
              f"{kept['cells']}/{totals['cells']}，图片 {kept['images']}/{totals['images']}。", ""]
    (OUT / "FIGURES.md").write_text("\n".join(lines), encoding="utf-8")
    (OUT / "figures.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                      encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8271)
    args = parser.parse_args()
    rows = prepare()
    server = serve(args.port)
    try:
        shoot(f"http://127.0.0.1:{args.port}", rows)
    finally:
        server.terminate()
        server.wait(timeout=10)
    write_figures(rows)
    sys.stdout.write((OUT / "FIGURES.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
