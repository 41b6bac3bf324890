"""Demo items written in Word and pasted into the editor: a table and a picture per township.

The HTML below is what Word puts on the clipboard (MsoNormal paragraphs with first-line
indents inside every cell, `mso-list` list paragraphs, `<o:p>`, fonts); the picture comes
as a data: URL, as WPS and browsers paste it. It goes through the same endpoint code the
editor's paste hook calls (disclosure/paste.py), then through the chain like any item, so the
public pages show how such content is published: no indent in cells, names and numbers
unbroken, the table scrolling in its own box on a phone, the picture visible to everyone.
"""

from __future__ import annotations

import base64
import datetime
import io
from functools import partial

from disclosure.models import Category, DisclosureItem
from disclosure.paste import clean_paste

from .walkthrough import publish_through_chain

TITLE = "{name}2026年春耕生产补贴发放情况公示"
CATEGORY = "nync-nczc"  # 贯彻落实农业农村政策


def _picture() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (560, 300), (236, 244, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 540, 280), outline=(61, 110, 52), width=4)
    for x, height in ((90, 150), (200, 210), (310, 120), (420, 180)):
        draw.rectangle((x, 260 - height, x + 60, 260), fill=(88, 140, 74))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def word_html(name: str, villages: tuple[str, ...]) -> str:
    rows = "".join(
        "<tr><td style='border:solid windowtext 1.0pt'><p class=MsoNormal "
        f"style='text-indent:21.0pt'><span style='font-family:仿宋_GB2312'>{index}</span></p></td>"
        f"<td><p class=MsoNormal style='text-indent:21.0pt'>{village}</p></td>"
        f"<td><p class=MsoNormal style='text-indent:21.0pt'>{person}</p></td>"
        f"<td><p class=MsoNormal style='text-indent:21.0pt'>{area}</p></td>"
        f"<td><p class=MsoNormal style='text-indent:21.0pt'>{amount}</p></td>"
        f"<td><p class=MsoNormal style='text-indent:21.0pt'>{phone}</p></td></tr>"
        for index, (village, person, area, amount, phone) in enumerate((
            (villages[0] if villages else "东岭村", "张某某", "12.5", "1500.00", "138****2046"),
            (villages[1] if len(villages) > 1 else "西坪村", "李某某", "8.0", "960.00",
             "139****7731"),
            (villages[2] if len(villages) > 2 else "南塘村", "王某", "20.3", "2436.00",
             "137****5518"),
        ), start=1))
    return (
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
        "<meta name=Generator content=\"Microsoft Word 15\"><style>p.MsoNormal{margin:0}</style>"
        "</head><body lang=ZH-CN><!--StartFragment-->"
        "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;"
        f"font-family:仿宋_GB2312'>　　根据县农业农村局有关要求，现将{name}2026年春耕生产补贴"
        "发放情况公示如下，公示期7天。<o:p></o:p></span></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'>"
        "<tr><td><p class=MsoNormal><b>序号</b></p></td><td><p class=MsoNormal><b>村</b></p></td>"
        "<td><p class=MsoNormal><b>户主</b></p></td>"
        "<td><p class=MsoNormal><b>面积（亩）</b></p></td>"
        "<td><p class=MsoNormal><b>补贴金额（元）</b></p></td>"
        "<td><p class=MsoNormal><b>联系电话</b></p></td></tr>"
        f"{rows}</table>"
        "<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;"
        "mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>"
        "&nbsp;&nbsp; </span></span><![endif]>补贴资金通过“一卡通”直接发放到户。</p>"
        "<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;"
        "mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>"
        "&nbsp;&nbsp; </span></span><![endif]>公示期内如有异议，请向镇农业服务中心反映。</p>"
        f"<p class=MsoNormal align=center><img width=560 height=300 alt=\"{name}各村春耕补贴"
        f"面积柱状图\" src=\"data:image/png;base64,{_picture()}\"></p>"
        f"<p class=MsoNormal align=center>图1  {name}各村补贴面积</p>"
        "<!--EndFragment--></body></html>")


def seed(ctx) -> None:
    from demo.county import VILLAGES

    made = 0
    for township in ctx.townships:
        title = TITLE.format(name=township.name)
        category = Category.objects.for_township(township).filter(code=CATEGORY).first()
        author = ctx.users.get((township.slug, "author"))
        if category is None or author is None or DisclosureItem.objects.filter(
                township=township, title=title).exists():
            continue
        body, _notes = clean_paste(word_html(township.name, VILLAGES.get(township.slug, ())),
                                   township=township, user=author)
        written = min(ctx.today, datetime.date(ctx.today.year, 3, 2))
        item = DisclosureItem(township=township, category=category, title=title, body=body,
                              publisher_name=township.full_name, written_on=written,
                              published_on=written, keywords="春耕 补贴 公示",
                              created_by=author)
        item.full_clean()
        item.save()
        publish_through_chain(item, partial(ctx.user, township), author=author)
        made += 1
    if made:
        ctx.stdout.write(f"从 Word 粘贴的演示信息（含表格和图片）：{made} 条。")
