# ruff: noqa: E501  (Chinese expectations and Word HTML are kept on one line each)
"""One cleaning for Word/WPS HTML, mammoth output and every saved body (wordhtml.py)."""

import io
from pathlib import Path

import docx
import mammoth
import pytest

from disclosure.wordhtml import clean_body
from tests.factories import make_item, make_township

CLIPBOARD = Path(__file__).parent / "documents" / "word_clipboard.html"


def test_word_clipboard_html_becomes_the_editors_html():
    body = clean_body(CLIPBOARD.read_text(encoding="utf-8"))
    assert body.startswith("<h2>一、基本情况</h2>")  # Word's 标题 1 under the page's h1
    assert "<p>为做好春耕生产，现将有关事项通知如下2026年3月5日。<sup>[1]</sup></p>" in body
    assert ('<ol><li><p>第一项</p><ol type="a"><li><p>子项</p></li></ol></li>'
            "<li><p>第二项</p></li></ol><ul><li><p>圆点</p></li></ul>") in body
    assert '<th colspan="2"><p>金额</p></th>' in body
    assert "<td><p></p></td>" in body
    assert body.endswith("<hr><p>[1] 依据县政府文件。</p>")
    for word_markup in ("mso", "Mso", "o:p", "style=", "class=", "file:", "&nbsp;", "\u3000"):
        assert word_markup not in body


def test_cleaning_twice_changes_nothing():
    once = clean_body(CLIPBOARD.read_text(encoding="utf-8"))
    assert clean_body(once) == once


@pytest.mark.parametrize(("html", "expected"), [
    ("<ul><li>一</li></ul>", "<ul><li><p>一</p></li></ul>"),
    ('<table><tr><td colspan="1">序号</td><td>姓名</td></tr><tr><td>1</td><td>张某某</td></tr>'
     "</table>",
     "<table><tbody><tr><th><p>序号</p></th><th><p>姓名</p></th></tr>"
     "<tr><td><p>1</p></td><td><p>张某某</p></td></tr></tbody></table>"),
    ("<table><tr><td>只有一格的边框</td></tr></table>", "<p>只有一格的边框</p>"),
    ("<p>　　为做好工作。</p><p>&nbsp;</p><p> </p>", "<p>为做好工作。</p>"),
    ("<p>● 清理垃圾；</p><p>●整治沟渠。</p>", "<ul><li><p>清理垃圾；</p></li><li><p>整治沟渠。</p></li></ul>"),
    ("<h3>（一）小标题</h3>", "<h3>（一）小标题</h3>"),  # reports' sections keep their levels
    ("<p>文字<br>　　第二行</p>", "<p>文字<br>第二行</p>"),
    ('<p><img src="https://tracker.example/p.gif">正文</p>', "<p>正文</p>"),
])
def test_cleaning_rules(html, expected):
    assert clean_body(html) == expected


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("　　为做好春耕生产，现将补贴标准公布如下。")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["作物", "每亩（元）", "水稻", "120"], strict=True):
        cell.text = text
    document.add_paragraph("核实面积；", style="List Number")
    document.add_paragraph("张榜公示。", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>　　为做好春耕生产，现将补贴标准公布如下。<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoTableGrid border=1><tr><td width=200><p class=MsoNormal style='text-indent:21pt'>作物</p></td><td><p class=MsoNormal>每亩（元）</p></td></tr>
<tr><td><p class=MsoNormal style='text-indent:21pt'>水稻</p></td><td><p class=MsoNormal>120</p></td></tr></table>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>核实面积；</p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]>张榜公示。</p>
<!--EndFragment--></body></html>"""


def test_pasting_from_word_and_importing_the_document_give_the_same_body():
    imported = clean_body(mammoth.convert_to_html(io.BytesIO(_docx_bytes())).value)
    pasted = clean_body(WORD_HTML)
    assert pasted == imported
    assert imported == ("<p>为做好春耕生产，现将补贴标准公布如下。</p><table><tbody><tr><th><p>作物</p></th>"
                        "<th><p>每亩（元）</p></th></tr><tr><td><p>水稻</p></td><td><p>120</p></td>"
                        "</tr></tbody></table><ol><li><p>核实面积；</p></li><li><p>张榜公示。</p></li></ol>")


@pytest.mark.django_db
def test_every_saved_body_is_cleaned():
    item = make_item(township=make_township(), body=WORD_HTML)
    assert item.body == clean_body(WORD_HTML)
    item.refresh_from_db()
    assert "mso" not in item.body
    assert item.body.startswith("<p>为做好")
