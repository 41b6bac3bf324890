# ruff: noqa: E501  (the OFD parts are kept one per string, as they read)
"""Write an OFD (GB/T 33190) the way 公文 systems do: one A4 page of text lines in 宋体,
a ruled table (path objects) and a PNG picture, in the ofdspec 2016 namespace.

    .venv/bin/python tests/disclosure/documents/make_ofd.py   # rewrites 14_低保名单公布.ofd
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
NS = "http://www.ofdspec.org/2016"
LINES = ["青石镇人民政府关于公布2026年低保对象名单的通知", "青政发〔2026〕5号",
         "经村民代表评议、镇政府审核，现将名单公布如下。", "联系人：王某某，电话13812345678。"]
TABLE = [["姓名", "村", "金额（元）"], ["张某某", "东村", "650"], ["李某", "西村", "720"]]


def _text(object_id: int, x: float, y: float, text: str, size: float = 4.2) -> str:
    deltas = " ".join([str(size)] * (len(text) - 1))
    delta = f' DeltaX="{deltas}"' if deltas else ""
    return (f'<ofd:TextObject ID="{object_id}" Boundary="{x} {y} {len(text) * size:.2f} '
            f'{size * 1.4:.2f}" Font="2" Size="{size}"><ofd:TextCode X="0" Y="{size:.2f}"'
            f'{delta}>{text}</ofd:TextCode></ofd:TextObject>')


def build(lines=LINES, table=TABLE) -> bytes:
    objects, next_id, y = [], 10, 30.0
    for line in lines:
        objects.append(_text(next_id, 25, y, line))
        next_id, y = next_id + 1, y + 9
    x0, width, height = 25, 50, 8
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            objects.append(_text(next_id, x0 + c * width + 2, y + r * height + 1.5, cell, 3.7))
            next_id += 1
    rules = [f"M {x0} {y + r * height} L {x0 + len(table[0]) * width} {y + r * height}"
             for r in range(len(table) + 1)]
    rules += [f"M {x0 + c * width} {y} L {x0 + c * width} {y + len(table) * height}"
              for c in range(len(table[0]) + 1)]
    objects.append(f'<ofd:PathObject ID="{next_id}" Boundary="0 0 210 297" LineWidth="0.25">'
                   f'<ofd:AbbreviatedData>{" ".join(rules)}</ofd:AbbreviatedData></ofd:PathObject>')
    y += len(table) * height + 8
    objects.append(f'<ofd:ImageObject ID="{next_id + 1}" Boundary="25 {y} 60 40" '
                   'CTM="60 0 0 40 0 0" ResourceID="3"/>')
    picture = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 120, 200)).save(picture, "PNG")
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    parts = {
        "OFD.xml": f'{head}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
                   '<ofd:DocInfo><ofd:DocID>6f1d2a0c</ofd:DocID><ofd:Title>低保名单公布</ofd:Title>'
                   '<ofd:CreationDate>2026-03-05</ofd:CreationDate></ofd:DocInfo>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'{head}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
                              f'<ofd:MaxUnitID>{next_id + 1}</ofd:MaxUnitID><ofd:PageArea>'
                              '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                              '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
                              '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>'
                              '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                              '</ofd:Pages></ofd:Document>',
        "Doc_0/PublicRes.xml": f'{head}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        "Doc_0/DocumentRes.xml": f'{head}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>'
                                 '<ofd:MultiMedia ID="3" Type="Image" Format="PNG"><ofd:MediaFile>'
                                 'image_3.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": f'{head}<ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                                          f'<ofd:Layer ID="9">{"".join(objects)}</ofd:Layer>'
                                          '</ofd:Content></ofd:Page>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("Doc_0/Res/image_3.png", picture.getvalue())
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "14_低保名单公布.ofd").write_bytes(build())
