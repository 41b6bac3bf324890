"""A letter written from content alone has the GB/T 9704 layout: A4, the 版心 and its grid,
the fonts offices have, the 版头, the 落款 placed for the seal, page numbers and 版记."""

import datetime

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length

from officialdocs import FILE, Heading, OfficialLetter, letter_docx
from officialdocs.fonts import declared_fonts
from tests.officialdocs.readback import (
    font_table,
    open_docx,
    page_field,
    page_setup,
    right_indent_chars,
    style_font,
)

D = datetime.date


def _letter(**fields) -> OfficialLetter:
    defaults = {
        "issuer": "青石镇人民政府", "number": "青石政信复〔2026〕1号",
        "title": "政府信息公开申请答复告知书", "addressee": "钱文静",
        "body": ["本机关于2026年5月8日收到您提出的政府信息公开申请。", "经审查，决定予以公开。"],
        "signer": "青石镇人民政府", "date": D(2026, 6, 1),
    }
    return OfficialLetter(**{**defaults, **fields})


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_letter_is_a4_with_the_standard_type_area_and_line_grid():
    document = open_docx(letter_docx(_letter()))
    setup = page_setup(document.sections[0])
    assert setup["size_mm"] == (210, 297)
    assert setup["margins_mm"] == (37, 26, 35, 28)  # 版心 156 × 225 mm
    assert setup["grid"] == ("lines", "579")  # 225 mm / 22 lines
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == pytest.approx(28.95)
    spacing = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == -5  # 28 characters of 3号 in 156 mm


def test_fonts_are_the_office_names_on_every_script_slot_and_in_the_font_table():
    document = open_docx(letter_docx(_letter(body=[Heading("一、依据"), "正文。",
                                                   Heading("（一）条例", 2)])))
    assert style_font(document, "Normal") == ("仿宋_GB2312", 16)
    assert style_font(document, "Title") == ("方正小标宋简体", 22)
    assert style_font(document, "Heading 1") == ("黑体", 16)
    assert style_font(document, "Heading 2") == ("楷体_GB2312", 16)
    assert style_font(document, "Footer") == ("宋体", 14)
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "仿宋_GB2312"}
    assert fonts.get(qn("w:hint")) == "eastAsia"
    assert font_table(document) == {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋",
                                    "黑体": "SimHei", "楷体_GB2312": "楷体", "宋体": "SimSun"}
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [p.text for p in headings] == ["一、依据", "（一）条例"]


def test_letterhead_is_the_red_issuer_over_a_double_line_with_the_number_at_the_right():
    document = open_docx(letter_docx(_letter()))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    mark, number = section.first_page_header.paragraphs[:2]
    assert mark.text == "青石镇人民政府"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert declared_fonts(mark._p) == {"方正小标宋简体"}
    rule = mark._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("thickThinSmallGap", "FF0000")
    assert number.text == "青石政信复〔2026〕1号"
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    closing = section.first_page_footer.paragraphs[0]._p.pPr.find(qn("w:pBdr"))
    assert closing.find(qn("w:top")).get(qn("w:val")) == "thinThickSmallGap"
    assert not page_field(section.first_page_footer)  # 信函格式: no number on page 1
    texts = _texts(document)
    assert "政府信息公开申请答复告知书" in texts
    assert "钱文静：" in texts


def test_signature_is_centred_over_the_date_four_characters_from_the_right_for_the_seal():
    document = open_docx(letter_docx(_letter()))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    signer, date = paragraphs[texts.index("青石镇人民政府")], paragraphs[
        texts.index("2026年6月1日")]
    assert texts[texts.index("青石镇人民政府") - 2:texts.index("青石镇人民政府")] == ["", ""]
    assert right_indent_chars(date) == pytest.approx(4)
    # 2026年6月1日 is 6 characters wide (digits count half), 青石镇人民政府 7: same centre.
    assert right_indent_chars(signer) == pytest.approx(3.5)
    long = open_docx(letter_docx(_letter(signer="清河县人民政府办公室")))
    texts = _texts(long)
    signer = long.paragraphs[texts.index("清河县人民政府办公室")]
    date = long.paragraphs[texts.index("2026年6月1日")]
    # A longer signer stays two characters from the margin, still centred over the date.
    assert right_indent_chars(signer) == pytest.approx(2)
    assert right_indent_chars(date) == pytest.approx(4)
    longer = open_docx(letter_docx(_letter(signer="清河县人民政府办公室政务公开办")))
    texts = _texts(longer)
    signer = longer.paragraphs[texts.index("清河县人民政府办公室政务公开办")]
    date = longer.paragraphs[texts.index("2026年6月1日")]
    assert right_indent_chars(signer) == pytest.approx(2)
    assert right_indent_chars(date) == pytest.approx(6.5)


def test_pages_after_the_first_carry_centred_dash_numbers_odd_right_even_left():
    document = open_docx(letter_docx(_letter()))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert page_field(section.footer)
    assert page_field(section.even_page_footer)
    assert odd.text.startswith("— ")
    assert odd.text.endswith(" —")
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert right_indent_chars(odd, 14) == pytest.approx(1)


def test_attachments_are_numbered_two_characters_in_under_the_first_name():
    document = open_docx(letter_docx(_letter(attachments=["申请表", "办理流程"])))
    texts = _texts(document)
    first = document.paragraphs[texts.index("附件：1.申请表")]
    second = document.paragraphs[texts.index("2.办理流程")]
    assert texts[texts.index("附件：1.申请表") - 1] == ""
    fmt1, fmt2 = first.paragraph_format, second.paragraph_format
    assert Length(fmt1.left_indent + fmt1.first_line_indent).pt == pytest.approx(2 * 16)
    assert fmt1.left_indent == fmt2.left_indent  # later names under the first name
    assert Length(fmt2.left_indent + fmt2.first_line_indent).pt == pytest.approx(5 * 16)


def test_file_form_has_the_red_mark_the_number_over_a_red_line_and_a_ruled_colophon():
    data = letter_docx(_letter(
        form=FILE, issuer="清河县人民政府办公室文件", number="清政办发〔2026〕3号",
        title="关于2025年度乡镇政府网站检查情况的通报", addressee="各乡镇人民政府",
        signer="清河县人民政府办公室", copies_to=["县委办公室", "县人大常委会办公室"],
        printer="清河县人民政府办公室", printed_on=D(2026, 6, 2)))
    document = open_docx(data)
    mark = document.paragraphs[0]
    assert mark.text == "清河县人民政府办公室文件"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    number = next(p for p in document.paragraphs if p.text == "清政办发〔2026〕3号")
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    assert not document.sections[0].different_first_page_header_footer
    colophon = document.tables[-1]
    position = colophon._tbl.tblPr.find(qn("w:tblpPr"))
    assert position.get(qn("w:tblpYSpec")) == "bottom"  # foot of the last page
    assert [c.text for c in colophon.column_cells(0)] == [
        "抄送：县委办公室，县人大常委会办公室。", "清河县人民政府办公室\t2026年6月2日印发"]
    assert document.paragraphs[-1].text == ""  # the colophon's anchor paragraph


def test_letter_without_issuer_centres_its_number_under_the_title():
    document = open_docx(letter_docx(_letter(issuer="")))
    texts = _texts(document)
    assert texts[:2] == ["政府信息公开申请答复告知书", "青石政信复〔2026〕1号"]
    assert document.paragraphs[1].alignment == WD_ALIGN_PARAGRAPH.CENTER
