"""Invented material in the shapes an old 信息公开 site leaves behind: item pages saved from
a browser (the national metadata table above the text, GBK or UTF-8, the "saved from url"
mark) and a spreadsheet export with one row per item. Names and texts are made up."""

from __future__ import annotations

import datetime
import io

import openpyxl

TOPICS = ["农业、林业、水利", "城乡建设、环境保护", "民政、扶贫、救灾", "综合政务"]
SUBJECTS = ["春季森林防火", "农村人居环境整治", "高标准农田建设", "困难群众临时救助",
            "集镇污水管网改造", "秸秆综合利用", "村级公益事业一事一议"]


def index_no(year: int, serial: int, prefix: str = "11990100MB0001234X") -> str:
    return f"{prefix}/{year}-{serial:05d}"


def page(n: int, *, publisher: str, encoding: str = "utf-8", layout: str = "table",
         drop: tuple[str, ...] = (), doc_number: str | None = None,
         attachments: tuple[str, ...] = (), image: bool = False) -> bytes:
    """One saved item page. layout "table": label and value in separate cells; "inline":
    "索引号：…" in one cell, as some sites print it."""
    year = 2019 + n % 5
    written = datetime.date(year, 1 + n % 12, 1 + n % 27)
    published = written + datetime.timedelta(days=2)
    subject = SUBJECTS[n % len(SUBJECTS)]
    meta = {
        "索引号": index_no(year, n), "发布机构": publisher, "生成日期": f"{written:%Y-%m-%d}",
        "主题分类": TOPICS[n % len(TOPICS)], "名称": f"关于做好{year}年{subject}工作的通知",
        "文号": doc_number if doc_number is not None else f"某政发〔{year}〕{n}号",
        "发布日期": f"{published:%Y年%m月%d日}",
    }
    for key in drop:
        meta.pop(key, None)
    if layout == "inline":
        cells = "".join(f"<li>{k}：{v}</li>" for k, v in meta.items())
        table = f'<ul class="xxgk-info">{cells}</ul>'
    else:
        pairs = list(meta.items())
        rows = "".join(
            "<tr>" + "".join(f"<td class='t'>{k}：</td><td>{v}</td>" for k, v in pairs[i:i + 2])
            + "</tr>" for i in range(0, len(pairs), 2))
        table = f'<table class="xxgk_table" border="1">{rows}</table>'
    body = (f"<p style='text-indent:2em;font-family:仿宋_GB2312'>各村（社区）、镇属各单位：</p>"
            f"<p>为做好{year}年{subject}工作，现将有关事项通知如下。</p>"
            "<table border='1'><tr><td><p>序号</p></td><td><p>村名</p></td><td><p>完成时限</p>"
            "</td></tr><tr><td><p>1</p></td><td><p>东岭村</p></td><td><p>5月底</p></td></tr>"
            "</table><p><script>alert(1)</script>请认真抓好落实。</p>")
    if image:
        body += "<p><img src='http://www.old-site.example.gov.cn/picture/0/s1.jpg'></p>"
    links = "".join(f"<li><a href='/module/download/{name}'>{name}</a></li>"
                    for name in attachments)
    footer_links = "<a href='/files/网站使用说明.pdf'>网站使用说明</a>"
    html = (f"<!-- saved from url=(0060)http://www.old-site.example.gov.cn/art/{year}/"
            f"{written.month}/{written.day}/art_1201_{5000 + n}.html -->\n"
            f"<html><head><meta charset='{encoding}'><title>{meta.get('名称', '')}</title>"
            "</head><body><div class='header'>首页 &gt; 政府信息公开 &gt; 通知公告</div>"
            f"{table}<div id='zoom' class='TRS_Editor'>{body}</div>"
            f"<div class='fj'>附件：<ul>{links}</ul></div>"
            f"<div class='footer'>{footer_links}主办：某县人民政府办公室</div></body></html>")
    return html.encode("gb18030" if encoding.lower() in ("gbk", "gb2312") else "utf-8")


HEADER = ["索引号", "标题", "文号", "成文日期", "发布日期", "发布机构", "主题分类", "目录",
          "正文", "附件", "原网址"]


def spreadsheet_rows(count: int, *, publisher: str, category: str,
                     bad: dict[int, dict] | None = None) -> list[list]:
    rows = []
    for n in range(1, count + 1):
        year = 2018 + n % 6
        written = datetime.date(year, 1 + n % 12, 1 + n % 28)
        subject = SUBJECTS[n % len(SUBJECTS)]
        row = {
            "索引号": index_no(year, n, prefix="11990100MB0005678Y"),
            "标题": f"{subject}工作简报（第{n}期）", "文号": "",
            "成文日期": written, "发布日期": f"{written + datetime.timedelta(days=1):%Y-%m-%d}",
            "发布机构": publisher, "主题分类": TOPICS[n % len(TOPICS)], "目录": category,
            "正文": f"本期简报通报{subject}进展。\n各村按计划推进，未发现问题。",
            "附件": "", "原网址": f"http://old.example.gov.cn/xxgk/content.jsp?id={n}",
        }
        row.update((bad or {}).get(n, {}))
        rows.append([row[h] for h in HEADER])
    return rows


def workbook(rows: list[list], header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
